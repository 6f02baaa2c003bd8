using Khidma.Web.Areas.Timeliness.Domain;

namespace Khidma.Tests.Timeliness;

// Builds UTC instants from unambiguous local wall-clock readings, so examples read like the business hours they test.
internal static class LocalTime
{
    public static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static DateTime Utc(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local) || zone.IsAmbiguousTime(local))
        {
            throw new ArgumentException($"{local} is not a single instant in {zone.Id}.");
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    public static DateTime InRiyadh(int year, int month, int day, int hour, int minute = 0) =>
        Utc(Riyadh, year, month, day, hour, minute);

    public static DateTime ToLocal(BusinessCalendar calendar, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, calendar.TimeZone);

    public static DateTime Instant(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static BusinessCalendar WeekdaysNineToFive(TimeZoneInfo zone, params Holiday[] holidays) =>
        new(
            zone,
            new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>
            {
                [DayOfWeek.Monday] = [new WorkingPeriod(9, 0, 17, 0)],
                [DayOfWeek.Tuesday] = [new WorkingPeriod(9, 0, 17, 0)],
                [DayOfWeek.Wednesday] = [new WorkingPeriod(9, 0, 17, 0)],
                [DayOfWeek.Thursday] = [new WorkingPeriod(9, 0, 17, 0)],
                [DayOfWeek.Friday] = [new WorkingPeriod(9, 0, 17, 0)],
            },
            holidays);
}
