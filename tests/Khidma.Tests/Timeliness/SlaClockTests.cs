using Khidma.Web.Areas.Timeliness.Domain;
using Xunit;
using static Khidma.Tests.Timeliness.LocalTime;

namespace Khidma.Tests.Timeliness;

// Wednesday 2026-01-07 in Riyadh; the Saudi default calendar breaks 12:00-13:00 and closes at 17:00.
public sealed class SlaClockTests
{
    private static readonly BusinessCalendar Saudi = BusinessCalendar.SaudiDefault();
    private static readonly DateTime Start = InRiyadh(2026, 1, 7, 11, 30);
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public void Due_NoPauses_EqualsAddBusinessTime()
    {
        var clock = new SlaClock(Saudi, TwoHours, Start);

        Assert.Equal(InRiyadh(2026, 1, 7, 14, 30), clock.Due);
        Assert.Equal(Saudi.AddBusinessTime(Start, TwoHours), clock.Due);
    }

    [Fact]
    public void Due_PauseDuringBusinessHours_ExtendsByPausedBusinessTime()
    {
        var clock = new SlaClock(Saudi, TwoHours, Start, [new SlaPause(InRiyadh(2026, 1, 7, 13, 0), InRiyadh(2026, 1, 7, 14, 0))]);

        Assert.Equal(InRiyadh(2026, 1, 7, 15, 30), clock.Due);
        Assert.True(clock.IsPaused(InRiyadh(2026, 1, 7, 13, 30)));
        Assert.False(clock.IsPaused(InRiyadh(2026, 1, 7, 14, 0)));
    }

    [Fact]
    public void Due_PauseOutsideBusinessHours_DoesNotMoveDue()
    {
        var start = InRiyadh(2026, 1, 7, 16, 0);
        var pause = new SlaPause(InRiyadh(2026, 1, 7, 18, 0), InRiyadh(2026, 1, 8, 7, 0));

        var clock = new SlaClock(Saudi, TwoHours, start, [pause]);

        Assert.Equal(InRiyadh(2026, 1, 8, 9, 0), clock.Due);
    }

    [Fact]
    public void Due_OpenPauseBeforeTargetReached_IsNullAndClockFreezes()
    {
        var clock = new SlaClock(Saudi, TwoHours, Start, [new SlaPause(InRiyadh(2026, 1, 7, 13, 0))]);
        var nextWeek = InRiyadh(2026, 1, 14, 10, 0);

        Assert.Null(clock.Due);
        Assert.True(clock.IsPaused(nextWeek));
        Assert.Equal(TimeSpan.FromMinutes(90), clock.Remaining(InRiyadh(2026, 1, 7, 15, 0)));
        Assert.Equal(TimeSpan.FromMinutes(90), clock.Remaining(nextWeek));
        Assert.False(clock.IsBreached(nextWeek));
    }

    [Fact]
    public void IsBreached_OpenPauseAfterDue_StaysBreached()
    {
        var clock = new SlaClock(Saudi, TwoHours, Start, [new SlaPause(InRiyadh(2026, 1, 7, 15, 0))]);

        Assert.Equal(InRiyadh(2026, 1, 7, 14, 30), clock.Due);
        Assert.True(clock.IsPaused(InRiyadh(2026, 1, 7, 16, 0)));
        Assert.True(clock.IsBreached(InRiyadh(2026, 1, 7, 16, 0)));
        Assert.Equal(TimeSpan.FromMinutes(-30), clock.Remaining(InRiyadh(2026, 1, 8, 16, 0)));
    }

    [Fact]
    public void IsBreached_AtDueAndJustAfter_OnlyStrictlyAfterDue()
    {
        var clock = new SlaClock(Saudi, TwoHours, Start);
        var due = clock.Due!.Value;

        Assert.False(clock.IsBreached(due));
        Assert.Equal(TimeSpan.Zero, clock.Remaining(due));
        Assert.True(clock.IsBreached(due.AddTicks(1)));
        Assert.Equal(TimeSpan.FromMinutes(-90), clock.Remaining(InRiyadh(2026, 1, 7, 16, 0)));
    }

    [Fact]
    public void IsBreached_SatisfiedBeforeDue_NeverBreached()
    {
        var clock = new SlaClock(Saudi, TwoHours, Start, satisfiedAtUtc: InRiyadh(2026, 1, 7, 14, 0));
        var later = InRiyadh(2026, 1, 20, 10, 0);

        var state = clock.StateAt(later);

        Assert.False(clock.IsBreached(later));
        Assert.True(state.Satisfied);
        Assert.False(state.Paused);
        Assert.Equal(SlaWarningLevel.Ok, state.Level);
        Assert.Equal(TimeSpan.FromMinutes(30), state.Remaining);
        Assert.Equal(TimeSpan.FromMinutes(90), state.Elapsed);
    }

    [Fact]
    public void IsBreached_SatisfiedAfterDue_StaysBreached()
    {
        var clock = new SlaClock(Saudi, TwoHours, Start, satisfiedAtUtc: InRiyadh(2026, 1, 7, 15, 0));

        Assert.False(clock.IsBreached(InRiyadh(2026, 1, 7, 14, 0)));
        Assert.True(clock.IsBreached(InRiyadh(2026, 1, 20, 10, 0)));
        Assert.Equal(TimeSpan.FromMinutes(-30), clock.Remaining(InRiyadh(2026, 1, 20, 10, 0)));
        Assert.Equal(SlaWarningLevel.Breached, clock.StateAt(InRiyadh(2026, 1, 20, 10, 0)).Level);
    }

    [Fact]
    public void Pauses_OverlappingAndAdjacent_AreMergedIntoOne()
    {
        var clock = new SlaClock(
            Saudi,
            TwoHours,
            Start,
            [
                new SlaPause(InRiyadh(2026, 1, 7, 14, 0), InRiyadh(2026, 1, 7, 14, 10)),
                new SlaPause(InRiyadh(2026, 1, 7, 13, 0), InRiyadh(2026, 1, 7, 13, 30)),
                new SlaPause(InRiyadh(2026, 1, 7, 13, 15), InRiyadh(2026, 1, 7, 14, 0)),
            ]);

        var pause = Assert.Single(clock.Pauses);
        Assert.Equal(InRiyadh(2026, 1, 7, 13, 0), pause.PausedAtUtc);
        Assert.Equal(InRiyadh(2026, 1, 7, 14, 10), pause.ResumedAtUtc);
        Assert.Equal(InRiyadh(2026, 1, 7, 15, 40), clock.Due);
    }

    [Fact]
    public void Pauses_NestedInsideAnother_KeepTheOuterEnd()
    {
        var clock = new SlaClock(
            Saudi,
            TwoHours,
            Start,
            [
                new SlaPause(InRiyadh(2026, 1, 7, 13, 0), InRiyadh(2026, 1, 7, 15, 0)),
                new SlaPause(InRiyadh(2026, 1, 7, 13, 30), InRiyadh(2026, 1, 7, 14, 0)),
            ]);

        Assert.Equal(InRiyadh(2026, 1, 7, 15, 0), Assert.Single(clock.Pauses).ResumedAtUtc);
        Assert.True(clock.IsPaused(InRiyadh(2026, 1, 7, 14, 30)));
        Assert.Equal(InRiyadh(2026, 1, 7, 16, 30), clock.Due);
    }

    [Fact]
    public void Pauses_ClosedPauseAfterAnOpenOne_IsAbsorbed()
    {
        var clock = new SlaClock(
            Saudi,
            TwoHours,
            Start,
            [new SlaPause(InRiyadh(2026, 1, 7, 13, 0)), new SlaPause(InRiyadh(2026, 1, 8, 9, 0), InRiyadh(2026, 1, 8, 10, 0))]);

        var pause = Assert.Single(clock.Pauses);
        Assert.Null(pause.ResumedAtUtc);
        Assert.True(clock.IsPaused(InRiyadh(2026, 1, 8, 11, 0)));
    }

    [Fact]
    public void Due_PauseStartsExactlyWhenTargetIsReached_IsThatInstant()
    {
        var clock = new SlaClock(
            Saudi,
            TimeSpan.FromMinutes(30),
            Start,
            [new SlaPause(InRiyadh(2026, 1, 7, 12, 30), InRiyadh(2026, 1, 7, 14, 0))]);

        Assert.Equal(InRiyadh(2026, 1, 7, 12, 0), clock.Due);
    }

    [Fact]
    public void Pauses_StartingBeforeClockStart_AreClipped()
    {
        var clock = new SlaClock(Saudi, TwoHours, Start, [new SlaPause(InRiyadh(2026, 1, 7, 10, 0), InRiyadh(2026, 1, 7, 12, 30))]);

        Assert.Equal(InRiyadh(2026, 1, 7, 15, 0), clock.Due);
        Assert.Equal(Start, clock.Pauses[0].PausedAtUtc);
    }

    [Theory]
    [InlineData(14, 0, SlaWarningLevel.Ok)]
    [InlineData(15, 0, SlaWarningLevel.Warning)]
    [InlineData(17, 0, SlaWarningLevel.Warning)]
    [InlineData(17, 1, SlaWarningLevel.Breached)]
    public void StateAt_DefaultPolicy_WarnsAtQuarterOfTargetRemaining(int hour, int minute, SlaWarningLevel expected)
    {
        var clock = new SlaClock(Saudi, TimeSpan.FromHours(8), InRiyadh(2026, 1, 11, 8, 0));

        var state = clock.StateAt(InRiyadh(2026, 1, 11, hour, minute));

        Assert.Equal(InRiyadh(2026, 1, 11, 17, 0), state.Due);
        Assert.Equal(expected, state.Level);
        Assert.Equal(expected == SlaWarningLevel.Breached, state.Breached);
    }

    [Fact]
    public void StateAt_ThresholdPolicy_WarnsWhenRemainingAtMostThreshold()
    {
        var clock = new SlaClock(Saudi, TimeSpan.FromHours(8), InRiyadh(2026, 1, 11, 8, 0));
        var policy = new SlaWarningPolicy(0.1, TimeSpan.FromHours(3));

        Assert.Equal(SlaWarningLevel.Ok, clock.StateAt(InRiyadh(2026, 1, 11, 13, 30), policy).Level);
        Assert.Equal(SlaWarningLevel.Warning, clock.StateAt(InRiyadh(2026, 1, 11, 14, 0), policy).Level);
    }

    [Fact]
    public void ElapsedBusiness_BeforeStart_IsZeroAndRemainingIsTarget()
    {
        var clock = new SlaClock(Saudi, TwoHours, Start);

        Assert.Equal(TimeSpan.Zero, clock.ElapsedBusiness(Start.AddDays(-1)));
        Assert.Equal(TwoHours, clock.Remaining(Start.AddDays(-1)));
        Assert.False(clock.IsPaused(Start.AddDays(-1)));
    }

    [Fact]
    public void Due_ZeroTarget_IsStart()
    {
        var friday = InRiyadh(2026, 1, 9, 10, 0);

        Assert.Equal(friday, new SlaClock(Saudi, TimeSpan.Zero, friday).Due);
    }

    [Fact]
    public void Due_CalendarThatNeverOpens_IsNull()
    {
        var never = new BusinessCalendar(Riyadh, new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>());

        var clock = new SlaClock(never, TwoHours, Start);

        Assert.Null(clock.Due);
        Assert.False(clock.IsBreached(Start.AddYears(1)));
    }

    [Fact]
    public void Constructor_InvalidInputs_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaPause(Start, Start.AddTicks(-1)));
        Assert.Throws<ArgumentException>(() => new SlaPause(DateTime.SpecifyKind(Start, DateTimeKind.Unspecified)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaClock(Saudi, TimeSpan.FromHours(-1), Start));
        Assert.Throws<ArgumentException>(() => new SlaClock(Saudi, TwoHours, DateTime.SpecifyKind(Start, DateTimeKind.Local)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaWarningPolicy(1.5));
    }
}
