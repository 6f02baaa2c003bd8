using Khidma.Web.Areas.Timeliness.Domain;
using Xunit;

namespace Khidma.Tests.Timeliness;

public sealed class ResolutionEstimateTests
{
    private static TimeSpan[] Hours(params double[] hours) => [.. hours.Select(TimeSpan.FromHours)];

    [Fact]
    public void FromDurations_FewerThanMinimum_ReturnsNull()
    {
        Assert.Null(ResolutionEstimate.FromDurations(Hours(1, 2, 3, 4)));
        Assert.Null(ResolutionEstimate.FromDurations([]));
    }

    [Fact]
    public void FromDurations_FiveSamples_MedianAndInterpolatedEightiethPercentile()
    {
        var estimate = ResolutionEstimate.FromDurations(Hours(5, 1, 4, 2, 3));

        Assert.NotNull(estimate);
        Assert.Equal(TimeSpan.FromHours(3), estimate.Median);
        Assert.Equal(TimeSpan.FromHours(4.2), estimate.Percentile80);
        Assert.Equal(5, estimate.SampleCount);
    }

    [Fact]
    public void FromDurations_EvenCount_MedianIsMidpoint()
    {
        var estimate = ResolutionEstimate.FromDurations(Hours(1, 2, 3, 4, 5, 6));

        Assert.NotNull(estimate);
        Assert.Equal(TimeSpan.FromHours(3.5), estimate.Median);
        Assert.Equal(TimeSpan.FromHours(5), estimate.Percentile80);
    }

    [Fact]
    public void FromDurations_CustomMinimum_AllowsSmallerSamples()
    {
        var estimate = ResolutionEstimate.FromDurations(Hours(2, 4), minimumSamples: 2);

        Assert.NotNull(estimate);
        Assert.Equal(TimeSpan.FromHours(3), estimate.Median);
        Assert.Equal(TimeSpan.FromHours(3.6), estimate.Percentile80);
    }

    [Fact]
    public void FromDurations_HalfTickMidpoint_RoundsAwayFromZero()
    {
        var estimate = ResolutionEstimate.FromDurations(
            [TimeSpan.FromTicks(1), TimeSpan.FromTicks(2)],
            minimumSamples: 1);

        Assert.Equal(TimeSpan.FromTicks(2), estimate!.Median);
    }

    [Fact]
    public void FromDurations_NegativeDuration_Throws()
    {
        Assert.Throws<ArgumentException>(() => ResolutionEstimate.FromDurations(Hours(1, 2, 3, 4, -5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResolutionEstimate.FromDurations(Hours(1), minimumSamples: 0));
    }

    [Fact]
    public void Percentile_Extremes_AreMinimumAndMaximum()
    {
        var values = Hours(7, 3, 9, 1);

        Assert.Equal(TimeSpan.FromHours(1), ResolutionEstimate.Percentile(values, 0));
        Assert.Equal(TimeSpan.FromHours(9), ResolutionEstimate.Percentile(values, 1));
        Assert.Throws<ArgumentException>(() => ResolutionEstimate.Percentile([], 0.5));
    }
}
