namespace Khidma.Web.Areas.Search.Data;

// A database from a version without the index (or whose rebuild was interrupted) gets its index at
// start-up. The check is quick and done before the app serves; the rebuild itself runs in the background,
// so the app is usable at once and search results fill in as the batches commit.
public sealed partial class SearchIndexStartup(IServiceScopeFactory scopes, ILogger<SearchIndexStartup> log) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task? running;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (!await scope.ServiceProvider.GetRequiredService<SearchRebuild>().NeedsRebuildAsync(cancellationToken)) return;
        }
        running = Task.Run(() => RebuildAsync(stopping.Token), CancellationToken.None);
    }

    private async Task RebuildAsync(CancellationToken ct)
    {
        try
        {
            LogStarting(log);
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<SearchRebuild>().RunAsync(TextWriter.Null, ct);
            if (report.Ran) LogDone(log, report.Customers, report.Interactions, report.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            LogInterrupted(log);
        }
        catch (Exception e)
        {
            LogFailed(log, e);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Once only: a host stopped twice (a test disposing its app again) must not touch the disposed token.
        if (Interlocked.Exchange(ref running, null) is not { } rebuild) return;
        await stopping.CancelAsync();
        await rebuild.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index missing or incomplete: rebuilding in the background")]
    private static partial void LogStarting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index rebuilt: {Customers} customers, {Interactions} interactions in {Seconds:F1} s")]
    private static partial void LogDone(ILogger logger, long customers, long interactions, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index rebuild interrupted by shutdown; it restarts at the next start")]
    private static partial void LogInterrupted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search index rebuild failed; it is retried at the next start")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
