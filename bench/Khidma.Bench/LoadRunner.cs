using System.Diagnostics;

namespace Khidma.Bench;

public sealed record ScenarioResult(string Name, long Requests, long Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms, long PeakRssBytes,
    double ServerCpuMsPerRequest)
{
    public double Rps => Requests / Seconds;
}

// Two ways to load the server. Closed loop: N workers each send the next request as soon as the last one
// answered — the most the server does (its throughput), with latencies that are mostly queueing once N
// exceeds the cores. Open loop: requests leave at a fixed rate whether or not earlier ones answered, and each
// latency counts from when its request was due (no coordinated omission) — what a user sees at that load.
public static class LoadRunner
{
    public static async Task<ScenarioResult> RunAsync(string name, HttpClient client, int concurrency, TimeSpan duration,
        Func<int, HttpRequestMessage> next, int serverPid, Func<HttpResponseMessage, bool>? ok = null)
    {
        ok ??= r => r.IsSuccessStatusCode;
        await WarmUpAsync(client, duration, next);
        var latencies = new List<long>[concurrency];
        var errors = 0L;
        var cpu = ServerCpu.Start(serverPid);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(4096);
            var i = w * 1_000_003;
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                if (!await SendAsync(client, next(i++), ok)) Interlocked.Increment(ref errors);
                mine.Add(Stopwatch.GetTimestamp() - start);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return Result(name, latencies.SelectMany(l => l).ToArray(), errors, clock.Elapsed.TotalSeconds, serverPid, cpu);
    }

    public static async Task<ScenarioResult> RunOpenAsync(string name, HttpClient client, double ratePerSecond, TimeSpan duration,
        Func<int, HttpRequestMessage> next, int serverPid, Func<HttpResponseMessage, bool>? ok = null)
    {
        // No warm-up: it follows the same scenario's closed-loop run.
        ok ??= r => r.IsSuccessStatusCode;
        var count = (int)(ratePerSecond * duration.TotalSeconds);
        var latencies = new long[count];
        var errors = 0L;
        var cpu = ServerCpu.Start(serverPid);
        var origin = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / ratePerSecond;
        var sends = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var due = origin + (long)(i * interval);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            var index = i;
            sends[i] = Task.Run(async () =>
            {
                if (!await SendAsync(client, next(index), ok)) Interlocked.Increment(ref errors);
                latencies[index] = Stopwatch.GetTimestamp() - due;
            });
        }
        await Task.WhenAll(sends);
        var seconds = (double)(Stopwatch.GetTimestamp() - origin) / Stopwatch.Frequency;
        return Result(name, latencies, errors, seconds, serverPid, cpu);
    }

    private static async Task WarmUpAsync(HttpClient client, TimeSpan duration, Func<int, HttpRequestMessage> next)
    {
        // JIT, caches, connection pool.
        var warm = Stopwatch.StartNew();
        var n = 0;
        while (warm.Elapsed < TimeSpan.FromSeconds(Math.Min(3, duration.TotalSeconds / 3)))
            using (await client.SendAsync(next(n++))) { }
    }

    private static async Task<bool> SendAsync(HttpClient client, HttpRequestMessage request, Func<HttpResponseMessage, bool> ok)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return ok(response);
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }

    private static ScenarioResult Result(string name, long[] all, long errors, double seconds, int serverPid, ServerCpu cpu)
    {
        Array.Sort(all);
        double Pct(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1000.0 / Stopwatch.Frequency;
        var cpuMs = cpu.ElapsedMs();
        return new ScenarioResult(name, all.Length, errors, seconds, Pct(0.50), Pct(0.95), Pct(0.99), Repo.PeakRssBytes(serverPid),
            all.Length == 0 ? 0 : cpuMs / all.Length);
    }
}

// The server's own CPU time (user + system, all threads) from /proc: what a request costs, queueing aside.
public sealed class ServerCpu
{
    private static readonly double MsPerTick = 1000.0 / 100; // USER_HZ is 100 on Linux
    private readonly int pid;
    private readonly long startTicks;

    private ServerCpu(int pid)
    {
        this.pid = pid;
        startTicks = Ticks(pid);
        Repo.ResetPeakRss(pid);
    }

    public static ServerCpu Start(int pid) => new(pid);

    public double ElapsedMs() => (Ticks(pid) - startTicks) * MsPerTick;

    private static long Ticks(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        catch (IOException) { return 0; }
    }
}
