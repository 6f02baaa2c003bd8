namespace Khidma.Web.Areas.Counter.Domain;

// T4: an honest wait from live service rates, not a promise.
public static class WaitEstimate
{
    public const int FallbackMinutes = 5;

    /// <summary>
    /// Minutes a ticket can expect to wait: the average service time × the people ahead ÷ the open counters serving the
    /// service. The average comes from today's finished tickets, else the service's typical duration. Null when no
    /// open counter serves the service (nobody can say).
    /// </summary>
    public static int? Minutes(int peopleAhead, IReadOnlyCollection<double> recentServiceMinutes, int typicalMinutes, int openCounters)
    {
        if (openCounters <= 0) return null;
        if (peopleAhead <= 0) return 0;
        var average = recentServiceMinutes.Count > 0
            ? recentServiceMinutes.Average()
            : typicalMinutes > 0 ? typicalMinutes : FallbackMinutes;
        return (int)Math.Ceiling(average * peopleAhead / openCounters);
    }
}
