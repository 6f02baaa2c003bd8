using FsCheck;
using FsCheck.Fluent;
using Khidma.Web.Areas.Timeliness.Domain;

namespace Khidma.Tests.Timeliness;

internal sealed record CalendarScenario(BusinessCalendar Calendar, DateTime Start, TimeSpan First, TimeSpan Second, DateTime Other);

internal sealed record DstScenario(BusinessCalendar Calendar, DateTime Change);

internal sealed record SlaScenario(
    BusinessCalendar Calendar,
    DateTime Start,
    TimeSpan Target,
    SlaPause[] Pauses,
    DateTime Now,
    DateTime Satisfied)
{
    public override string ToString() =>
        $"{Calendar} | start {Start:O} | target {Target} | now {Now:O} | satisfied {Satisfied:O} | pauses {string.Join(", ", Pauses.Select(p => $"[{p.PausedAtUtc:O}, {p.ResumedAtUtc:O})"))}";
}

// Random calendars: 0-3 periods per weekday on a quarter-hour grid (24:00 included; never no period at all), zones
// with DST and with half- and quarter-hour offsets, up to six holidays of every kind, instants in 2020-2035.
// Every offset of these zones, and every instant they change offset, is on a quarter-hour grid, so UTC period
// boundaries are too.
internal static class TimelinessGenerators
{
    public static readonly long QuarterHour = TimeSpan.FromMinutes(15).Ticks;

    private static readonly string[] Zones =
    [
        "Asia/Riyadh", "Europe/Paris", "America/New_York", "UTC", "Australia/Lord_Howe", "Asia/Kolkata",
        "Pacific/Chatham", "America/Sao_Paulo",
    ];

    private static readonly long MinTicks = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long MaxTicks = new DateTime(2036, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly int[] QuarterHours = [.. Enumerable.Range(0, 97)];

    // Offset changes of each zone in 2020-2035, so instants can be drawn next to them on purpose.
    private static readonly Dictionary<string, long[]> OffsetChanges = Zones.ToDictionary(id => id, FindOffsetChanges);

    public static Gen<BusinessCalendar> Calendar =>
        from zone in Gen.Elements(Zones)
        from calendar in CalendarIn(zone)
        where calendar.HasWorkingPeriods
        select calendar;

    // A calendar whose periods on the local day of an offset change sit within three hours of the change.
    public static Gen<DstScenario> DstScenarios =>
        from zone in Gen.Elements(Zones.Where(zone => OffsetChanges[zone].Length > 0).ToArray())
        from change in Gen.Elements(OffsetChanges[zone])
        from calendar in CalendarIn(zone)
        let local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(change, DateTimeKind.Utc), calendar.TimeZone)
        let quarter = (int)(local.TimeOfDay.Ticks / QuarterHour)
        let first = Math.Max(0, quarter - 12)
        let last = Math.Min(96, quarter + 12)
        from count in Gen.Choose(1, 3)
        from points in Gen.Shuffle([.. Enumerable.Range(first, last - first + 1)])
        select new DstScenario(
            calendar.WithPeriods(local.DayOfWeek, ToPeriods([.. points.Take(count * 2).Order()])),
            new DateTime(change, DateTimeKind.Utc));

    private static Gen<BusinessCalendar> CalendarIn(string zone) =>
        from week in Gen.ArrayOf(DayPeriods, 7)
        from holidayCount in Gen.Choose(0, 6)
        from holidays in Gen.ArrayOf(AnyHoliday, holidayCount)
        select new BusinessCalendar(
            TimeZoneInfo.FindSystemTimeZoneById(zone),
            Enumerable.Range(0, 7).ToDictionary(day => (DayOfWeek)day, day => (IReadOnlyList<WorkingPeriod>)week[day]),
            holidays);

    // About half of the instants fall within three days of one of the zone's offset changes, when it has any.
    public static Gen<DateTime> Instant(BusinessCalendar calendar) =>
        Gen.OneOf(
            Long(MinTicks, MaxTicks),
            QuarterHourTicks(calendar),
            NearOffsetChange(calendar, Long(-TimeSpan.TicksPerDay * 3, TimeSpan.TicksPerDay * 3)))
        .Select(ticks => new DateTime(ticks, DateTimeKind.Utc));

    public static Gen<DateTime> QuarterHourInstant(BusinessCalendar calendar) =>
        QuarterHourTicks(calendar).Select(ticks => new DateTime(ticks, DateTimeKind.Utc));

    public static Gen<CalendarScenario> CalendarScenarios =>
        from calendar in Calendar
        from start in Instant(calendar)
        from first in Duration(calendar)
        from second in Duration(calendar)
        from offset in Gen.OneOf(
            Long(-TimeSpan.TicksPerDay * 120, TimeSpan.TicksPerDay * 120),
            Long(-96 * 3, 96 * 3).Select(q => q * QuarterHour))
        select new CalendarScenario(calendar, start, first, second, start.AddTicks(offset));

    public static Gen<SlaScenario> SlaScenarios =>
        from calendar in Calendar
        from start in Instant(calendar)
        from target in Duration(calendar)
        from pauseCount in Gen.Choose(0, 4)
        from pauses in Gen.ArrayOf(Pause(start), pauseCount)
        from now in Long(0, TimeSpan.TicksPerDay * 200).Select(ticks => start.AddTicks(ticks))
        from satisfied in Long(-TimeSpan.TicksPerDay, TimeSpan.TicksPerDay * 200).Select(ticks => start.AddTicks(ticks))
        select new SlaScenario(calendar, start, target, pauses, now, satisfied);

    // Up to 60 business days, taking a business day as a fifth of the calendar's nominal week.
    public static Gen<TimeSpan> Duration(BusinessCalendar calendar)
    {
        var max = calendar.WeeklyWorkingTime > TimeSpan.Zero ? calendar.WeeklyWorkingTime.Ticks * 12 : TimeSpan.FromHours(480).Ticks;
        return Gen.Frequency(
            (1, Gen.Constant(TimeSpan.Zero)),
            (4, Long(1, max).Select(TimeSpan.FromTicks)),
            (3, Long(1, max / QuarterHour).Select(q => TimeSpan.FromTicks(q * QuarterHour))),
            (2, Long(1, TimeSpan.TicksPerHour * 4).Select(TimeSpan.FromTicks)));
    }

    private static Gen<long> QuarterHourTicks(BusinessCalendar calendar) =>
        Gen.OneOf(
            Long(0, (MaxTicks - MinTicks) / QuarterHour).Select(q => MinTicks + (q * QuarterHour)),
            NearOffsetChange(calendar, Long(-96 * 3, 96 * 3).Select(q => q * QuarterHour)));

    private static Gen<long> NearOffsetChange(BusinessCalendar calendar, Gen<long> offsets)
    {
        var changes = OffsetChanges.TryGetValue(calendar.TimeZone.Id, out var found) && found.Length > 0 ? found : [MinTicks];
        return from change in Gen.Elements(changes)
               from offset in offsets
               select change + offset;
    }

    private static long[] FindOffsetChanges(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        TimeSpan OffsetAt(long ticks) => zone.GetUtcOffset(new DateTime(ticks, DateTimeKind.Utc));
        var changes = new List<long>();
        for (var day = MinTicks; day < MaxTicks; day += TimeSpan.TicksPerDay)
        {
            var before = OffsetAt(day);
            if (before == OffsetAt(day + TimeSpan.TicksPerDay))
            {
                continue;
            }

            var (low, high) = (day, day + TimeSpan.TicksPerDay);
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                (low, high) = OffsetAt(middle) == before ? (middle + 1, high) : (low, middle);
            }

            changes.Add(low);
        }

        return [.. changes];
    }

    private static Gen<WorkingPeriod[]> DayPeriods =>
        from count in Gen.Choose(0, 3)
        from points in Gen.Shuffle(QuarterHours)
        select ToPeriods([.. points.Take(count * 2).Order()]);

    private static Gen<Holiday> AnyHoliday =>
        Gen.OneOf(
            from day in Gen.Choose(0, 16 * 366)
            select (Holiday)new GregorianDateHoliday(new DateOnly(2020, 1, 1).AddDays(day), "one-off"),
            from month in Gen.Choose(1, 12)
            from day in Gen.Choose(1, 29)
            select (Holiday)new YearlyGregorianHoliday(month, day, "yearly"),
            from year in Gen.Choose(1441, 1458)
            from month in Gen.Choose(1, 12)
            from day in Gen.Choose(1, 30)
            select (Holiday)new HijriDateHoliday(new HijriDate(year, month, day), "hijri one-off"),
            from month in Gen.Choose(1, 12)
            from day in Gen.Choose(1, 30)
            from length in Gen.Choose(0, 6)
            select YearlyHijri(month, day, length));

    private static Gen<SlaPause> Pause(DateTime start) =>
        from offset in Long(-TimeSpan.TicksPerDay * 5, TimeSpan.TicksPerDay * 60)
        from length in Long(0, TimeSpan.TicksPerDay * 10)
        from open in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new SlaPause(start.AddTicks(offset), open ? null : start.AddTicks(offset + length));

    private static Holiday YearlyHijri(int month, int day, int length)
    {
        // Ranges run on a 30-day-month grid and may wrap over the Hijri year end.
        var end = ((((month - 1) * 30) + (day - 1)) + length) % 360;
        return new YearlyHijriHoliday(month, day, (end / 30) + 1, (end % 30) + 1, "hijri yearly");
    }

    private static WorkingPeriod[] ToPeriods(int[] sortedQuarters) =>
        [.. Enumerable.Range(0, sortedQuarters.Length / 2)
            .Select(i => new WorkingPeriod(Quarter(sortedQuarters[2 * i]), Quarter(sortedQuarters[(2 * i) + 1])))];

    private static TimeOnly Quarter(int quarter) =>
        quarter == 96 ? TimeOnly.MaxValue : new TimeOnly(quarter / 4, quarter % 4 * 15);

    private static Gen<long> Long(long min, long max) => FsCheck.FSharp.Gen.Choose64(min, max);
}
