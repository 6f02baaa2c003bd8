namespace Khidma.Web.Areas.Timeliness.Domain;

// Typical resolution time from past business durations. Percentiles use linear interpolation between closest ranks
// (rank = p * (n - 1) over the ascending sample, as Excel PERCENTILE.INC and NumPy's default do), rounded to the
// nearest tick with midpoints away from zero. Below the minimum sample there is no estimate (null), because a
// median of two or three cases misleads more than it helps. Negative durations are rejected.
public sealed record ResolutionEstimate(TimeSpan Median, TimeSpan Percentile80, int SampleCount)
{
    public const int DefaultMinimumSamples = 5;

    public static ResolutionEstimate? FromDurations(
        IEnumerable<TimeSpan> businessDurations,
        int minimumSamples = DefaultMinimumSamples)
    {
        ArgumentNullException.ThrowIfNull(businessDurations);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumSamples, 1);
        var sorted = Sorted(businessDurations);
        return sorted.Length < minimumSamples
            ? null
            : new ResolutionEstimate(Interpolate(sorted, 0.5), Interpolate(sorted, 0.8), sorted.Length);
    }

    public static TimeSpan Percentile(IEnumerable<TimeSpan> businessDurations, double fraction)
    {
        ArgumentNullException.ThrowIfNull(businessDurations);
        if (double.IsNaN(fraction) || fraction < 0 || fraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Expected 0..1.");
        }

        var sorted = Sorted(businessDurations);
        return sorted.Length == 0
            ? throw new ArgumentException("At least one duration is needed.", nameof(businessDurations))
            : Interpolate(sorted, fraction);
    }

    private static long[] Sorted(IEnumerable<TimeSpan> durations)
    {
        var ticks = durations.Select(d => d.Ticks).ToArray();
        if (ticks.Any(t => t < 0))
        {
            throw new ArgumentException("Durations cannot be negative.", nameof(durations));
        }

        Array.Sort(ticks);
        return ticks;
    }

    private static TimeSpan Interpolate(long[] sorted, double fraction)
    {
        // decimal keeps tick precision where double would round large tick counts.
        var rank = (sorted.Length - 1) * (decimal)fraction;
        var lower = (int)decimal.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var weight = rank - lower;
        var value = sorted[lower] + ((sorted[upper] - sorted[lower]) * weight);
        return TimeSpan.FromTicks((long)decimal.Round(value, MidpointRounding.AwayFromZero));
    }
}
