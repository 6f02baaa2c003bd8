using FsCheck;
using FsCheck.Fluent;
using Khidma.Web.Areas.Timeliness.Domain;
using Xunit;
using static Khidma.Tests.Timeliness.TimelinessGenerators;

namespace Khidma.Tests.Timeliness;

// Equalities are to the tick: the arithmetic is integral, so there is no rounding to forgive.
public sealed class BusinessCalendarPropertyTests
{
    private static readonly Arbitrary<CalendarScenario> Scenarios = CalendarScenarios.ToArbitrary();

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    [Fact]
    public void AddBusinessTime_LargerDuration_EndsStrictlyLater()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var shorter = s.First < s.Second ? s.First : s.Second;
            var longer = s.First < s.Second ? s.Second : s.First;
            var early = s.Calendar.AddBusinessTime(s.Start, shorter);
            var late = s.Calendar.AddBusinessTime(s.Start, longer);
            Assert.True(shorter == longer ? early == late : early < late, $"{early:O} vs {late:O}");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void BusinessTimeBetween_StartAndAddBusinessTimeResult_ReturnsTheDuration()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var end = s.Calendar.AddBusinessTime(s.Start, s.First);
            Assert.Equal(s.First, s.Calendar.BusinessTimeBetween(s.Start, end));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AddBusinessTime_InTwoSteps_EqualsOneStep()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var first = s.First == TimeSpan.Zero ? TimeSpan.FromTicks(1) : s.First;
            var stepwise = s.Calendar.AddBusinessTime(s.Calendar.AddBusinessTime(s.Start, first), s.Second);
            Assert.Equal(s.Calendar.AddBusinessTime(s.Start, first + s.Second), stepwise);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AddBusinessTime_PositiveDuration_LandsOnOpenInstantOrExactPeriodEnd()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var duration = s.First == TimeSpan.Zero ? TimeSpan.FromTicks(1) : s.First;
            var end = s.Calendar.AddBusinessTime(s.Start, duration);
            Assert.True(end > s.Start);
            Assert.True(s.Calendar.IsOpen(end.AddTicks(-1)), "the tick before the result is open");
            Assert.True(s.Calendar.NextOpening(s.Start) < end);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void BusinessTimeBetween_AnyInstants_NeverExceedsWallTimeAndIsAntisymmetric()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var from = Earlier(s.Start, s.Other);
            var to = Later(s.Start, s.Other);
            var forward = s.Calendar.BusinessTimeBetween(from, to);
            Assert.InRange(forward, TimeSpan.Zero, to - from);
            Assert.Equal(-forward, s.Calendar.BusinessTimeBetween(to, from));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void BusinessTimeBetween_SplitAtAnyPoint_AddsUp()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var middle = s.Start.Add(s.First);
            Assert.Equal(
                s.Calendar.BusinessTimeBetween(s.Start, s.Other),
                s.Calendar.BusinessTimeBetween(s.Start, middle) + s.Calendar.BusinessTimeBetween(middle, s.Other));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AddBusinessTime_OfBusinessTimeBetween_ReachesTargetWhenItIsOpenFromTheLeft()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var from = Earlier(s.Start, s.Other);
            var to = Later(s.Start, s.Other);
            var between = s.Calendar.BusinessTimeBetween(from, to);
            var reached = s.Calendar.AddBusinessTime(from, between);
            Assert.True(reached <= to);
            Assert.Equal(TimeSpan.Zero, s.Calendar.BusinessTimeBetween(reached, to));
            if (to > from && s.Calendar.IsOpen(to.AddTicks(-1)))
            {
                Assert.Equal(to, reached);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void NextOpening_AnyInstant_IsOpenAndNoBusinessTimeComesBeforeIt()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var next = s.Calendar.NextOpening(s.Start);
            var opening = Assert.NotNull(next);
            Assert.True(opening >= s.Start);
            Assert.True(s.Calendar.IsOpen(opening));
            Assert.Equal(TimeSpan.Zero, s.Calendar.BusinessTimeBetween(s.Start, opening));
            Assert.Equal(s.Calendar.IsOpen(s.Start), opening == s.Start);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void IsOpen_AwayFromOffsetChanges_MatchesLocalWallClockRule()
    {
        var scenarios = (from calendar in Calendar
                         from instant in Instant(calendar)
                         select (calendar, instant)).ToArbitrary();
        Prop.ForAll(scenarios, c =>
        {
            var (calendar, instant) = c;
            var zone = calendar.TimeZone;
            if (zone.GetUtcOffset(instant.AddDays(-2)) != zone.GetUtcOffset(instant.AddDays(2)))
            {
                return;
            }

            var local = TimeZoneInfo.ConvertTimeFromUtc(instant, zone);
            var date = DateOnly.FromDateTime(local);
            var expected = !calendar.IsHoliday(date)
                && calendar.PeriodsOn(date.DayOfWeek).Any(p => p.Contains(TimeOnly.FromDateTime(local)));
            Assert.Equal(expected, calendar.IsOpen(instant));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void BusinessTimeBetween_OnQuarterHourGrid_MatchesSampledIsOpen()
    {
        var scenarios = (from calendar in Calendar
                         from start in QuarterHourInstant(calendar)
                         from quarters in Gen.Choose(0, 96 * 3)
                         select (calendar, start, quarters)).ToArbitrary();
        Prop.ForAll(scenarios, c =>
        {
            var (calendar, start, quarters) = c;
            var sampled = TimeSpan.Zero;
            for (var i = 0; i < quarters; i++)
            {
                if (calendar.IsOpen(start.AddTicks(i * QuarterHour)))
                {
                    sampled += TimeSpan.FromTicks(QuarterHour);
                }
            }

            Assert.Equal(sampled, calendar.BusinessTimeBetween(start, start.AddTicks(quarters * QuarterHour)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void IsOpen_AroundOffsetChanges_MatchesFirstReadingReference()
    {
        Prop.ForAll(DstScenarios.ToArbitrary(), s =>
        {
            var reference = ReferenceSpans(s.Calendar, s.Change);
            var from = s.Change.AddHours(-5);
            var expectedTotal = TimeSpan.Zero;
            for (var i = 0; i < 40; i++)
            {
                var instant = from.AddTicks(i * QuarterHour);
                var expected = reference.Any(span => span.Start <= instant && instant < span.End);
                Assert.True(expected == s.Calendar.IsOpen(instant), $"IsOpen({instant:O}) should be {expected}");
                expectedTotal += expected ? TimeSpan.FromTicks(QuarterHour) : TimeSpan.Zero;
            }

            Assert.Equal(expectedTotal, s.Calendar.BusinessTimeBetween(from, from.AddTicks(40 * QuarterHour)));
        }).QuickCheckThrowOnFailure();
    }

    // The documented rule restated by brute force: a period runs from the first quarter-hour instant at which the local
    // clock shows its start or later to the first one showing its end or later.
    private static List<(DateTime Start, DateTime End)> ReferenceSpans(BusinessCalendar calendar, DateTime change)
    {
        var grid = Enumerable.Range(-96 * 3, 96 * 6)
            .Select(i => change.AddTicks(i * QuarterHour))
            .Select(utc => (Utc: utc, Local: TimeZoneInfo.ConvertTimeFromUtc(utc, calendar.TimeZone)))
            .ToList();
        DateTime FirstReaching(DateTime local) => grid.First(point => point.Local >= local).Utc;

        var spans = new List<(DateTime Start, DateTime End)>();
        var changeDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(change, calendar.TimeZone));
        for (var date = changeDate.AddDays(-1); date <= changeDate.AddDays(1); date = date.AddDays(1))
        {
            if (calendar.IsHoliday(date))
            {
                continue;
            }

            foreach (var period in calendar.PeriodsOn(date.DayOfWeek))
            {
                var start = date.ToDateTime(period.Start);
                var end = period.EndsAtMidnight ? date.AddDays(1).ToDateTime(TimeOnly.MinValue) : date.ToDateTime(period.End);
                spans.Add((FirstReaching(start), FirstReaching(end)));
            }
        }

        return spans;
    }
}
