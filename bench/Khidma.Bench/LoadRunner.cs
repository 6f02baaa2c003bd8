using System.Diagnostics;

namespace Khidma.Bench;

public sealed record ScenarioResult(string Name, long Requests, long Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms, long PeakRssBytes)
{
    public double Rps => Requests / Seconds;
}

// A closed-loop load generator: N workers each send the next request as soon as the last one answered.
public static class LoadRunner
{
    public static async Task<ScenarioResult> RunAsync(string name, HttpClient client, int concurrency, TimeSpan duration,
        Func<int, HttpRequestMessage> next, int serverPid, Func<HttpResponseMessage, bool>? ok = null)
    {
        ok ??= r => r.IsSuccessStatusCode;
        // Warm up: JIT, caches, connection pool.
        var warm = Stopwatch.StartNew();
        var n = 0;
        while (warm.Elapsed < TimeSpan.FromSeconds(Math.Min(3, duration.TotalSeconds / 3)))
            using (var r = await client.SendAsync(next(n++))) { }
        Repo.ResetPeakRss(serverPid);

        var latencies = new List<long>[concurrency];
        var errors = 0L;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(4096);
            var i = w * 1_000_003;
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(next(i++), HttpCompletionOption.ResponseContentRead);
                    if (!ok(response)) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                catch (TaskCanceledException) { Interlocked.Increment(ref errors); }
                mine.Add(Stopwatch.GetTimestamp() - start);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        double Pct(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return new ScenarioResult(name, all.Length, errors, seconds, Pct(0.50), Pct(0.95), Pct(0.99), Repo.PeakRssBytes(serverPid));
    }
}
