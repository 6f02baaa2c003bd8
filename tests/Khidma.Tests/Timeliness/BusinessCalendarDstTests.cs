using Khidma.Web.Areas.Timeliness.Domain;
using Xunit;
using static Khidma.Tests.Timeliness.LocalTime;

namespace Khidma.Tests.Timeliness;

// Paris: 2026-03-29 02:00 CET jumps to 03:00 CEST (01:00 UTC); 2026-10-25 03:00 CEST falls back to 02:00 CET (01:00 UTC).
// New York: 2026-03-08 02:00 EST jumps to 03:00 EDT; 2026-11-01 02:00 EDT falls back to 01:00 EST.
public sealed class BusinessCalendarDstTests
{
    private static BusinessCalendar SundayOnly(TimeZoneInfo zone, WorkingPeriod period) =>
        new(zone, new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> { [DayOfWeek.Sunday] = [period] });

    [Fact]
    public void AddBusinessTime_ParisSpringForwardWeekend_LandsMondayAtLocalTen()
    {
        var calendar = WeekdaysNineToFive(Paris);

        var result = calendar.AddBusinessTime(Utc(Paris, 2026, 3, 27, 16), TimeSpan.FromHours(2));

        Assert.Equal(Utc(Paris, 2026, 3, 30, 10), result);
        Assert.Equal(Instant(2026, 3, 30, 8), result);
    }

    [Fact]
    public void AddBusinessTime_ParisFallBackWeekend_LandsMondayAtLocalTen()
    {
        var calendar = WeekdaysNineToFive(Paris);

        var result = calendar.AddBusinessTime(Utc(Paris, 2026, 10, 23, 16), TimeSpan.FromHours(2));

        Assert.Equal(Instant(2026, 10, 26, 9), result);
    }

    [Fact]
    public void BusinessTimeBetween_FridayToMondayAcrossParisSpringForward_IsOneWorkingDay()
    {
        var calendar = WeekdaysNineToFive(Paris);

        var between = calendar.BusinessTimeBetween(Utc(Paris, 2026, 3, 27, 9), Utc(Paris, 2026, 3, 30, 9));

        Assert.Equal(TimeSpan.FromHours(8), between);
    }

    [Fact]
    public void BusinessTimeBetween_ParisNightShiftOnSpringForward_LosesTheSkippedHour()
    {
        var calendar = SundayOnly(Paris, new WorkingPeriod(1, 0, 4, 0));

        var between = calendar.BusinessTimeBetween(Instant(2026, 3, 28, 12), Instant(2026, 3, 29, 12));

        Assert.Equal(TimeSpan.FromHours(2), between);
    }

    [Fact]
    public void BusinessTimeBetween_ParisNightShiftOnFallBack_GainsTheRepeatedHour()
    {
        var calendar = SundayOnly(Paris, new WorkingPeriod(1, 0, 4, 0));

        var between = calendar.BusinessTimeBetween(Instant(2026, 10, 24, 12), Instant(2026, 10, 25, 12));

        Assert.Equal(TimeSpan.FromHours(4), between);
        Assert.Equal(Instant(2026, 10, 24, 23), calendar.NextOpening(Instant(2026, 10, 24, 12)));
        Assert.True(calendar.IsOpen(Instant(2026, 10, 25, 1, 30)));
        Assert.False(calendar.IsOpen(Instant(2026, 10, 25, 3)));
    }

    [Fact]
    public void IsOpen_PeriodStartingInsideParisGap_OpensWhenTheGapEnds()
    {
        var calendar = SundayOnly(Paris, new WorkingPeriod(2, 30, 5, 0));

        Assert.False(calendar.IsOpen(Instant(2026, 3, 29, 0, 59)));
        Assert.True(calendar.IsOpen(Instant(2026, 3, 29, 1, 0)));
        Assert.Equal(Instant(2026, 3, 29, 1, 0), calendar.NextOpening(Instant(2026, 3, 28, 0)));
        Assert.Equal(
            TimeSpan.FromHours(2),
            calendar.BusinessTimeBetween(Instant(2026, 3, 28, 0), Instant(2026, 3, 30, 0)));
    }

    [Fact]
    public void BusinessTimeBetween_PeriodStartingInsideRepeatedParisHour_StartsAtFirstReading()
    {
        var calendar = SundayOnly(Paris, new WorkingPeriod(2, 30, 5, 0));

        Assert.Equal(Instant(2026, 10, 25, 0, 30), calendar.NextOpening(Instant(2026, 10, 24, 0)));
        Assert.Equal(
            TimeSpan.FromHours(3.5),
            calendar.BusinessTimeBetween(Instant(2026, 10, 24, 0), Instant(2026, 10, 26, 0)));
    }

    [Fact]
    public void NextOpening_PeriodEntirelyInsideParisGap_SkipsToTheNextWeek()
    {
        var calendar = SundayOnly(Paris, new WorkingPeriod(2, 0, 2, 30));

        Assert.Equal(Utc(Paris, 2026, 4, 5, 2), calendar.NextOpening(Instant(2026, 3, 28, 0)));
        Assert.Equal(
            TimeSpan.Zero,
            calendar.BusinessTimeBetween(Instant(2026, 3, 28, 0), Instant(2026, 3, 30, 0)));
    }

    [Fact]
    public void BusinessTimeBetween_AlwaysOpenParisOnDstDays_IsRealElapsedTime()
    {
        var calendar = BusinessCalendar.Create("Europe/Paris", Enum.GetValues<DayOfWeek>(), [WorkingPeriod.AllDay]);

        Assert.Equal(
            TimeSpan.FromHours(23),
            calendar.BusinessTimeBetween(Utc(Paris, 2026, 3, 29, 0), Utc(Paris, 2026, 3, 30, 0)));
        Assert.Equal(
            TimeSpan.FromHours(25),
            calendar.BusinessTimeBetween(Utc(Paris, 2026, 10, 25, 0), Utc(Paris, 2026, 10, 26, 0)));
        Assert.True(calendar.IsOpen(Instant(2026, 3, 29, 1)));
        Assert.True(calendar.IsOpen(Instant(2026, 10, 25, 1, 30)));
    }

    [Fact]
    public void AddBusinessTime_NewYorkSpringForwardWeekend_UsesDaylightOffsetOnMonday()
    {
        var calendar = WeekdaysNineToFive(NewYork);

        var result = calendar.AddBusinessTime(Utc(NewYork, 2026, 3, 6, 16), TimeSpan.FromHours(2));

        Assert.Equal(Instant(2026, 3, 9, 14), result);
    }

    [Fact]
    public void AddBusinessTime_NewYorkFallBackWeekend_UsesStandardOffsetOnMonday()
    {
        var calendar = WeekdaysNineToFive(NewYork);

        var result = calendar.AddBusinessTime(Utc(NewYork, 2026, 10, 30, 16), TimeSpan.FromHours(2));

        Assert.Equal(Instant(2026, 11, 2, 15), result);
    }

    [Fact]
    public void BusinessTimeBetween_NewYorkNightShiftOnFallBack_GainsTheRepeatedHour()
    {
        var calendar = SundayOnly(NewYork, new WorkingPeriod(0, 0, 3, 0));

        var between = calendar.BusinessTimeBetween(Instant(2026, 10, 31, 12), Instant(2026, 11, 2, 0));

        Assert.Equal(TimeSpan.FromHours(4), between);
    }

    [Fact]
    public void AddBusinessTime_ThroughRiyadhWhichHasNoDst_IsUnaffectedByEuropeanChanges()
    {
        var calendar = BusinessCalendar.SaudiDefault();

        var result = calendar.AddBusinessTime(InRiyadh(2026, 3, 26, 16), TimeSpan.FromHours(2));

        Assert.Equal(InRiyadh(2026, 3, 29, 9), result);
    }
}
