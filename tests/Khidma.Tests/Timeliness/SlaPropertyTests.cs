using FsCheck;
using FsCheck.Fluent;
using Khidma.Web.Areas.Timeliness.Domain;
using Xunit;
using static Khidma.Tests.Timeliness.TimelinessGenerators;

namespace Khidma.Tests.Timeliness;

public sealed class SlaPropertyTests
{
    private static readonly Arbitrary<SlaScenario> Scenarios = SlaScenarios.ToArbitrary();

    [Fact]
    public void Due_WithoutPauses_EqualsAddBusinessTime()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var clock = new SlaClock(s.Calendar, s.Target, s.Start);
            Assert.Equal(s.Calendar.AddBusinessTime(s.Start, s.Target), clock.Due);
            Assert.Equal(s.Calendar.BusinessTimeBetween(s.Start, s.Now), clock.ElapsedBusiness(s.Now));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Due_WithPauses_IsNeverEarlierThanWithout()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var unpaused = new SlaClock(s.Calendar, s.Target, s.Start).Due!.Value;
            var paused = new SlaClock(s.Calendar, s.Target, s.Start, s.Pauses).Due;
            Assert.True(paused is null || paused >= unpaused, $"{paused:O} < {unpaused:O}");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ElapsedBusiness_WithPauses_ReachesTargetExactlyAtDueAndNeverExceedsUnpaused()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var clock = new SlaClock(s.Calendar, s.Target, s.Start, s.Pauses);
            Assert.InRange(clock.ElapsedBusiness(s.Now), TimeSpan.Zero, s.Calendar.BusinessTimeBetween(s.Start, s.Now));
            Assert.Equal(s.Target - clock.ElapsedBusiness(s.Now), clock.Remaining(s.Now));
            if (clock.Due is { } due)
            {
                Assert.Equal(s.Target, clock.ElapsedBusiness(due));
                Assert.Equal(s.Now > due, clock.IsBreached(s.Now));
            }
            else
            {
                Assert.False(clock.IsBreached(s.Now));
                Assert.True(clock.ElapsedBusiness(s.Now) < s.Target || s.Target == TimeSpan.Zero);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void IsPaused_InsideAnyPause_IsTrueAndClockStandsStill()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var clock = new SlaClock(s.Calendar, s.Target, s.Start, s.Pauses);
            var inside = s.Pauses.Any(p => p.PausedAtUtc <= s.Now && (p.ResumedAtUtc is null || s.Now < p.ResumedAtUtc));
            Assert.Equal(inside, clock.IsPaused(s.Now));
            foreach (var pause in s.Pauses.Where(p => p.PausedAtUtc >= s.Start))
            {
                Assert.True(clock.IsPaused(pause.PausedAtUtc));
                var last = pause.ResumedAtUtc is { } resumed ? resumed.AddTicks(-1) : s.Now.AddDays(400);
                if (last >= pause.PausedAtUtc)
                {
                    Assert.True(clock.IsPaused(last));
                    Assert.Equal(clock.ElapsedBusiness(pause.PausedAtUtc), clock.ElapsedBusiness(last));
                }
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Due_WithPauses_IsTheEarliestInstantTheTargetIsReached()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var clock = new SlaClock(s.Calendar, s.Target, s.Start, s.Pauses);
            if (clock.Due is { } due && s.Target > TimeSpan.Zero)
            {
                Assert.True(clock.ElapsedBusiness(due.AddTicks(-1)) < s.Target);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void StateAt_SatisfiedClock_FreezesAtSatisfactionAndJudgesItAgainstDue()
    {
        Prop.ForAll(Scenarios, s =>
        {
            var open = new SlaClock(s.Calendar, s.Target, s.Start, s.Pauses);
            var satisfied = new SlaClock(s.Calendar, s.Target, s.Start, s.Pauses, s.Satisfied);
            var clockEnd = s.Now < satisfied.SatisfiedAtUtc ? s.Now : satisfied.SatisfiedAtUtc!.Value;

            var state = satisfied.StateAt(s.Now);

            Assert.Equal(open.Due, satisfied.Due);
            Assert.Equal(open.ElapsedBusiness(clockEnd), state.Elapsed);
            Assert.Equal(s.Target - state.Elapsed, state.Remaining);
            Assert.Equal(open.Due is { } due && clockEnd > due, state.Breached);
            Assert.Equal(s.Satisfied <= s.Now, state.Satisfied);
            Assert.False(state.Satisfied && state.Paused);
            Assert.True(state.Level != SlaWarningLevel.Warning || !state.Satisfied);
            Assert.Equal(state.Breached, state.Level == SlaWarningLevel.Breached);
        }).QuickCheckThrowOnFailure();
    }
}
