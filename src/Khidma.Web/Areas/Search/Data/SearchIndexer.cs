using System.Diagnostics;
using System.Threading.Channels;
using Khidma.Web.Areas.Search.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Search.Data;

/// <summary>Wakes <see cref="SearchIndexer"/> after a commit that queued index work. Several wake-ups before
/// the indexer runs count as one.</summary>
public sealed class SearchIndexSignal
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => wake.Writer.TryWrite(true);

    /// <summary>Returns when woken or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await wake.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}

/// <summary>Drains <c>search_queue</c> (written by <see cref="SearchIndexInterceptor"/> in the saving
/// transaction) into the index, in batches of up to <see cref="BatchSize"/> rows, oldest first: the documents
/// are loaded from the main tables, written to the index, then exactly the queue rows taken are deleted (a
/// row queued again meanwhile stays for the next batch). Woken after each commit that queued work, and polls
/// every second for work queued by other nodes or processes (the command line). A failed batch is retried
/// row by row; rows that still fail stay in the queue and are retried later.
/// One indexer writes at a time: the search file's write lock (SQLite) or a transaction-scoped advisory lock
/// (PostgreSQL) is taken before the documents are read, so an older read never overwrites a newer document.</summary>
public sealed partial class SearchIndexer(IServiceScopeFactory scopes, SearchIndexSignal signal, SearchFile file, IConfiguration configuration,
    TimeProvider clock, ILogger<SearchIndexer> log) : BackgroundService
{
    public const int BatchSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryFailedAfter = TimeSpan.FromSeconds(30);
    // Pages of FTS5 merge work per step, and the time the merge steps after one batch may take.
    private const int MergePages = 200;
    private static readonly TimeSpan MergeBudget = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim running = new(1, 1);
    // Queue rows that failed alone, by id: skipped until the time given.
    private readonly Dictionary<long, DateTimeOffset> failing = [];

    internal readonly record struct QueueRow(long Id, SearchKind Kind, long RefId, bool Removed);

    /// <summary>What the last batch cost, for the benchmark notes and the tests' diagnostics.</summary>
    public (int Rows, TimeSpan Index, TimeSpan Merge) LastBatch { get; private set; }

    /// <summary>Indexes everything queued so far and returns when the queue holds nothing but rows that
    /// failed. Tests call it after writes they then search for.</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        while (await RunOnceAsync(waitForLock: true, ct) > 0) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A node may leave the indexing to others (Khidma:Search:Indexer = off); the tests use it to leave
        // rows in the queue.
        if (string.Equals(configuration["Khidma:Search:Indexer"], "off", StringComparison.OrdinalIgnoreCase)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await RunOnceAsync(waitForLock: false, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(log, e);
            }
            if (taken >= BatchSize) continue;
            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Returns the number of queue rows taken (0: nothing to do, or another node holds the lock).
    private async Task<int> RunOnceAsync(bool waitForLock, CancellationToken ct)
    {
        await running.WaitAsync(ct);
        try
        {
            var rows = await ReadQueueAsync(ct);
            if (rows.Count == 0) return 0;
            try
            {
                return await IndexAsync(rows, waitForLock, ct) ? rows.Count : 0;
            }
            catch (Exception e) when ((e is not OperationCanceledException || !ct.IsCancellationRequested) && !IsTransient(e))
            {
                LogBatchFailed(log, rows.Count, e);
            }
            // One bad row (a document that cannot be loaded or written) must not hold back the others.
            foreach (var row in rows)
            {
                try
                {
                    await IndexAsync([row], waitForLock: true, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    LogRowFailed(log, row.Id, (short)row.Kind, e);
                    failing[row.Id] = clock.GetUtcNow() + RetryFailedAfter;
                }
            }
            return rows.Count;
        }
        finally
        {
            running.Release();
        }
    }

    // A busy or locked database (a rebuild's optimize holding the search file, a failover) fails every row
    // alike: the whole batch is retried at the next round instead of row by row.
    private static bool IsTransient(Exception e) => e switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        System.Data.Common.DbException db => db.IsTransient,
        TimeoutException => true,
        _ => e.InnerException is { } inner && IsTransient(inner),
    };

    private async Task<List<QueueRow>> ReadQueueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var id in failing.Where(f => f.Value <= now).Select(f => f.Key).ToList()) failing.Remove(id);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var take = BatchSize + failing.Count;
        var rows = await db.Database.SqlQuery<QueueRowData>($"""
            SELECT id AS "Id", kind AS "Kind", ref_id AS "RefId", removed AS "Removed"
            FROM search_queue ORDER BY id LIMIT {take}
            """).ToListAsync(ct);
        return rows.Where(r => !failing.ContainsKey(r.Id)).Take(BatchSize)
            .Select(r => new QueueRow(r.Id, (SearchKind)r.Kind, r.RefId, r.Removed)).ToList();
    }

    private sealed class QueueRowData
    {
        public long Id { get; set; }
        public short Kind { get; set; }
        public long RefId { get; set; }
        public bool Removed { get; set; }
    }

    // Writes the documents of these queue rows and deletes the rows. False when another node holds the
    // index lock (PostgreSQL, waitForLock false): it indexes them instead.
    private async Task<bool> IndexAsync(IReadOnlyList<QueueRow> rows, bool waitForLock, CancellationToken ct)
    {
        var clockwatch = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var index = scope.ServiceProvider.GetRequiredService<SearchIndex>();
        var ids = rows.Select(r => r.Id).ToArray();
        if (!db.IsSqlite)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await using (var writer = new SearchIndex.Writer(index))
            {
                if (!await writer.LockAsync(wait: waitForLock, ct)) return false;
                await WriteAsync(index, writer, rows, ct);
                await writer.FlushAsync(ct);
            }
            await db.Database.ExecuteSqlAsync($"DELETE FROM search_queue WHERE id = ANY({ids})", ct);
            await tx.CommitAsync(ct);
            LastBatch = (rows.Count, clockwatch.Elapsed, TimeSpan.Zero);
            LogBatch(log, rows.Count, clockwatch.Elapsed.TotalMilliseconds, 0);
            return true;
        }

        await using (var search = await file.OpenAsync(ct))
        {
            // BEGIN IMMEDIATE on the search file only: its lock orders indexers (and rebuild batches) of every
            // process, and no main-database writer ever waits for it.
            await using (var stx = (SqliteTransaction)await search.BeginTransactionAsync(ct))
            {
                await using (var writer = new SearchIndex.Writer(index, search, stx))
                    await WriteAsync(index, writer, rows, ct);
                await stx.CommitAsync(ct);
            }
            var indexed = clockwatch.Elapsed;
            await MergeStepsAsync(search, ct);
            LastBatch = (rows.Count, indexed, clockwatch.Elapsed - indexed);
            LogBatch(log, rows.Count, indexed.TotalMilliseconds, (clockwatch.Elapsed - indexed).TotalMilliseconds);
        }
        // The queue rows go in a short write transaction of the main file (through its write gate).
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var chunk in ids.Chunk(BatchSize))
                await db.Database.ExecuteSqlRawAsync(
                    "DELETE FROM search_queue WHERE id IN (SELECT value FROM json_each({0}))", [System.Text.Json.JsonSerializer.Serialize(chunk)], ct);
            await tx.CommitAsync(ct);
        }
        return true;
    }

    private static async Task WriteAsync(SearchIndex index, SearchIndex.Writer writer, IReadOnlyList<QueueRow> rows, CancellationToken ct)
    {
        // Per document only its newest queue row counts; ids are loaded together and written in rowid order
        // (FTS5 writes ascending rowids fastest).
        foreach (var kind in rows.Select(r => r.Kind).Distinct().Order())
        {
            var latest = rows.Where(r => r.Kind == kind).GroupBy(r => r.RefId).Select(g => g.MaxBy(r => r.Id)).OrderBy(r => r.RefId).ToList();
            var toLoad = latest.Where(r => !r.Removed).Select(r => r.RefId).ToArray();
            var docs = toLoad.Length == 0 ? [] : await index.LoadAsync(kind, toLoad, ct);
            foreach (var row in latest)
            {
                if (docs.GetValueOrDefault(row.RefId) is { } doc) await writer.PutAsync(kind, row.RefId, doc, ct);
                else await writer.RemoveAsync(kind, row.RefId, ct);
            }
        }
    }

    // FTS5 does not merge segments at commit in the search file (automerge 0, SearchFile); merges run here,
    // a few hundred pages per step, each step its own short transaction, until there is nothing left to
    // merge or the budget is spent. So no single write holds the file's lock for long, and the segment
    // count stays far below crisismerge.
    private static async Task MergeStepsAsync(SqliteConnection search, CancellationToken ct)
    {
        var clockwatch = Stopwatch.StartNew();
        foreach (var table in SearchFile.FtsTables)
        {
            while (clockwatch.Elapsed < MergeBudget)
            {
                var before = await TotalChangesAsync(search, ct);
                await SearchFile.ExecuteAsync(search, $"INSERT INTO {table} ({table}, rank) VALUES ('merge', {MergePages})", ct);
                // Fewer than two changed rows: FTS5 found nothing to merge.
                if (await TotalChangesAsync(search, ct) - before < 2) break;
            }
        }
    }

    private static async Task<long> TotalChangesAsync(SqliteConnection search, CancellationToken ct)
    {
        await using var cmd = search.CreateCommand();
        cmd.CommandText = "SELECT total_changes()";
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Search index batch: {Rows} queue rows indexed in {IndexMs:F1} ms, merge steps {MergeMs:F1} ms")]
    private static partial void LogBatch(ILogger logger, int rows, double indexMs, double mergeMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search indexer failed; the queue keeps the work and it is retried")]
    private static partial void LogFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index batch of {Rows} queue rows failed; retrying row by row")]
    private static partial void LogBatchFailed(ILogger logger, int rows, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search queue row {QueueId} (kind {Kind}) failed; it stays queued and is retried later")]
    private static partial void LogRowFailed(ILogger logger, long queueId, short kind, Exception error);
}
