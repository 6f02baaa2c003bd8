using Khidma.Web.Platform.Data;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Platform.Jobs;

/// <summary>
/// Every <see cref="JobOptions.IntervalSeconds"/> claims the due jobs with a lease and runs them one after
/// another. Several nodes may run this at once; each due job runs on one of them.
/// </summary>
public sealed partial class JobRunner(
    IServiceScopeFactory scopes,
    IEnumerable<JobDefinition> definitions,
    IOptions<JobOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<JobRunner> log) : BackgroundService
{
    private readonly Dictionary<string, JobDefinition> jobs = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
    private bool registered;

    public string NodeId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public bool Enabled => options.Value.Enabled ?? !environment.IsEnvironment("Testing");

    public sealed record Outcome(string Name, string Result, bool Failed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled || jobs.Count == 0) return;
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable; the next tick tries again.
                LogTickFailed(log, e);
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One tick: claim what is due, run it, release it. Tests call this directly.</summary>
    public async Task<IReadOnlyList<Outcome>> RunDueAsync(CancellationToken ct = default)
    {
        var lease = TimeSpan.FromSeconds(Math.Max(10, options.Value.LeaseSeconds));
        IReadOnlyList<string> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            if (!registered)
            {
                await JobLeases.RegisterAsync(db, jobs.Values, now, ct);
                registered = true;
            }
            claimed = await JobLeases.ClaimDueAsync(db, NodeId, now, lease, ct);
        }

        var outcomes = new List<Outcome>();
        foreach (var name in claimed)
        {
            if (!jobs.TryGetValue(name, out var job))
            {
                // A job another version of the app knows; leave it to that node once the lease ends.
                continue;
            }
            outcomes.Add(await RunOneAsync(job, ct));
        }
        return outcomes;
    }

    private async Task<Outcome> RunOneAsync(JobDefinition job, CancellationToken ct)
    {
        string result;
        var failed = false;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await JobLeases.MarkStartedAsync(db, job.Name, NodeId, clock.GetUtcNow().UtcDateTime, ct);
            try
            {
                var work = (IJob)scope.ServiceProvider.GetRequiredService(job.JobType);
                result = await work.RunAsync(ct);
                LogJobRan(log, job.Name, result);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failed = true;
                result = e.GetType().Name;
                LogJobFailed(log, e, job.Name);
            }
        }

        // A fresh scope: the job's context may hold failed changes.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            await JobLeases.ReleaseAsync(db, job.Name, NodeId, now, now + job.Interval, result, failed, CancellationToken.None);
        }
        return new Outcome(job.Name, result, failed);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {Job} ran: {Result}")]
    private static partial void LogJobRan(ILogger logger, string job, string result);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed")]
    private static partial void LogJobFailed(ILogger logger, Exception error, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The job runner's tick failed; it will try again")]
    private static partial void LogTickFailed(ILogger logger, Exception error);
}
