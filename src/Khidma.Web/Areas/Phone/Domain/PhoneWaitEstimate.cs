namespace Khidma.Web.Areas.Phone.Domain;

/// <summary>
/// T4: how long a new caller can expect to wait before an agent answers, from what the phones did in the last
/// minutes. Pure, so it is tested on its own; <see cref="PhoneQueue"/> gathers the figures from the calls.
/// </summary>
/// <remarks>
/// The model: a caller is answered either by an agent who is free now, or by the next agent to finish a call.
/// <list type="bullet">
/// <item><b>Pickup</b> (P): how long an answered call rang before a free agent picked it up — the median wait of
/// the recent answered calls. It already carries any queueing of those calls, so the estimate leans long, never
/// short: the company would rather say "about three minutes" and answer in two (seed 003).</item>
/// <item><b>Handle time</b> (H): the mean talk time of recent calls, or <see cref="DefaultHandleSeconds"/> without any.</item>
/// <item><b>Agents</b> (N): those on a call now plus those who answered a call recently and are free now.</item>
/// </list>
/// The new caller's position is q = callers waiting ahead + 1. With q free agents or more, the wait is P.
/// Otherwise the q − free callers beyond the free agents wait for agents to finish: N agents finish about
/// N calls per H seconds, so the wait is P + (q − free) × H ÷ N. With no agent seen at all nobody can say:
/// the answer is null, and callers are offered a callback as soon as someone has waited past the threshold.
/// </remarks>
public static class PhoneWaitEstimate
{
    /// <summary>Talk time assumed while no recent call has ended (three minutes: a typical service call).</summary>
    public const int DefaultHandleSeconds = 180;

    public sealed record Inputs(int WaitingAhead, IReadOnlyCollection<double> RecentWaitSeconds, IReadOnlyCollection<double> RecentTalkSeconds,
        int AgentsOnCalls, int AgentsFree);

    public static int? Seconds(Inputs x)
    {
        var agents = Math.Max(0, x.AgentsOnCalls) + Math.Max(0, x.AgentsFree);
        if (agents == 0) return null;
        var pickup = Median(x.RecentWaitSeconds);
        var handle = x.RecentTalkSeconds.Count > 0 ? x.RecentTalkSeconds.Average() : DefaultHandleSeconds;
        var position = Math.Max(0, x.WaitingAhead) + 1;
        var beyondFree = position - Math.Max(0, x.AgentsFree);
        var seconds = beyondFree <= 0 ? pickup : pickup + beyondFree * handle / agents;
        return (int)Math.Ceiling(seconds);
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// How soon the company can honestly promise to call back a caller who chose not to hold: twice the wait they
    /// would have had (callbacks are made between live calls, so they move slower than the queue), or twice the
    /// threshold when nobody can estimate, rounded up to five minutes and never under fifteen. The caller adds it in
    /// business time, so a request at closing time is promised for the next working morning.
    /// </summary>
    public static TimeSpan CallbackWithin(int? estimateSeconds, int thresholdSeconds)
    {
        var seconds = 2.0 * Math.Max(0, estimateSeconds ?? thresholdSeconds);
        var minutes = Math.Max(15, (int)Math.Ceiling(seconds / 300) * 5);
        return TimeSpan.FromMinutes(minutes);
    }

    /// <summary>
    /// Offer a callback instead of hold when the honest estimate is over the threshold, or, without an estimate,
    /// when a caller already waiting has waited past it.
    /// </summary>
    public static bool OfferCallback(int? estimateSeconds, int longestWaitSeconds, int thresholdSeconds) =>
        estimateSeconds is { } e ? e > thresholdSeconds : longestWaitSeconds > thresholdSeconds;
}
