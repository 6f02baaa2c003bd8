using FsCheck;
using FsCheck.Fluent;
using Khidma.Web.Areas.Timeliness.Domain;
using Xunit;

namespace Khidma.Tests.Timeliness;

public sealed class HijriAndEstimatePropertyTests
{
    [Fact]
    public void FromGregorian_AnySupportedDate_RoundTrips()
    {
        var first = HijriDate.MinSupportedGregorian.DayNumber;
        var last = HijriDate.MaxSupportedGregorian.DayNumber;
        Prop.ForAll(Gen.Choose(first, last).ToArbitrary(), dayNumber =>
        {
            var date = DateOnly.FromDayNumber(dayNumber);
            var hijri = HijriDate.FromGregorian(date);
            Assert.Equal(date, hijri.ToGregorian());
            Assert.Equal(hijri, HijriDate.FromGregorian(hijri.ToGregorian()));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FromDurations_AnySample_PercentilesAreOrderedAndWithinRange()
    {
        var samples = Gen.ArrayOf(FsCheck.FSharp.Gen.Choose64(0, TimeSpan.FromDays(90).Ticks).Select(TimeSpan.FromTicks))
            .Where(a => a.Length >= ResolutionEstimate.DefaultMinimumSamples)
            .ToArbitrary();
        Prop.ForAll(samples, durations =>
        {
            var estimate = ResolutionEstimate.FromDurations(durations)!;
            Assert.Equal(durations.Length, estimate.SampleCount);
            Assert.InRange(estimate.Median, durations.Min(), durations.Max());
            Assert.InRange(estimate.Percentile80, estimate.Median, durations.Max());
            Assert.Equal(estimate, ResolutionEstimate.FromDurations(durations.Reverse()));
        }).QuickCheckThrowOnFailure();
    }
}
