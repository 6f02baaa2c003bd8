using System.Diagnostics;
using System.Globalization;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Search.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Search.Data;

/// <summary>Rebuilds the whole index from the customers and interactions tables: keyset batches read and
/// written in one transaction each, so the app can keep running (and writing) meanwhile.</summary>
public sealed class SearchRebuild(AppDbContext db, SearchIndex index, TimeProvider clock)
{
    private const int CustomerBatch = 10_000;
    // SQLite: large transactions leave few, large segments for the final optimize to merge.
    private const int SqliteInteractionBatch = 10_000;
    private const int PostgresInteractionBatch = 2_000;
    private const long ProgressEvery = 100_000;
    // Only one rebuild at a time across nodes (PostgreSQL); a second one returns at once.
    private const long RebuildLockKey = 0x4B6852656275696C; // "KhRebuil"

    private SearchFile File => index.File;

    public sealed record Report(bool Ran, long Customers, long Interactions, TimeSpan Elapsed);

    /// <summary>True when the index was never completely built (a database from an older version, a search
    /// file that is missing or of another version, or a rebuild that was interrupted) or is empty although
    /// there are rows. An empty database is marked as built: from then on the indexer keeps the index current.</summary>
    public async Task<bool> NeedsRebuildAsync(CancellationToken ct)
    {
        string? marker;
        SqliteConnection? search = null;
        try
        {
            if (db.IsSqlite)
            {
                await File.EnsureAsync(ct);
                search = await File.OpenAsync(ct);
                marker = await SearchScalarAsync<string>(search, "SELECT value FROM search_state WHERE name = 'rebuilt'", ct);
            }
            else
            {
                marker = await db.Database.SqlQuery<string>($"SELECT value AS \"Value\" FROM search_state WHERE name = 'rebuilt'")
                    .SingleOrDefaultAsync(ct);
            }
            var hasRows = await db.Customers.AnyAsync(ct) || await db.Interactions.AnyAsync(ct);
            if (!hasRows)
            {
                if (marker is null) await MarkBuiltAsync(search, null, ct);
                return false;
            }
            if (marker is null) return true;
            var hasDocs = search is not null
                ? await SearchScalarAsync<long?>(search, "SELECT 1 FROM search_customers UNION ALL SELECT 1 FROM search_interactions LIMIT 1", ct) is not null
                : await db.Database.SqlQuery<long>($"SELECT 1 AS \"Value\" FROM search_docs LIMIT 1").AnyAsync(ct);
            return !hasDocs;
        }
        finally
        {
            if (search is not null) await search.DisposeAsync();
        }
    }

    public async Task<Report> RunAsync(TextWriter progress, CancellationToken ct)
    {
        var clockwatch = Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync(ct);
        SqliteConnection? search = null;
        try
        {
            if (!db.IsSqlite && !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({RebuildLockKey}) AS \"Value\"").SingleAsync(ct))
            {
                await progress.WriteLineAsync("search reindex: another rebuild is running; nothing done.");
                return new Report(false, 0, 0, clockwatch.Elapsed);
            }

            if (db.IsSqlite)
            {
                await File.EnsureAsync(ct);
                search = await File.OpenAsync(ct);
                // FTS5 merges segments as it goes; a bigger page cache for this connection saves re-reading them.
                await SearchFile.ExecuteAsync(search, "PRAGMA cache_size = -65536", ct);
            }
            await WipeAsync(search, ct);
            var customerTotal = await db.Customers.LongCountAsync(ct);
            var interactionTotal = await db.Interactions.LongCountAsync(ct);
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"search reindex: {customerTotal:N0} customers, {interactionTotal:N0} interactions"));

            var customers = await BatchesAsync(search, SearchKind.Customer, customerTotal, CustomerBatch, progress, ct);
            var interactions = await BatchesAsync(search, SearchKind.Interaction, interactionTotal,
                db.IsSqlite ? SqliteInteractionBatch : PostgresInteractionBatch, progress, ct);
            if (search is not null)
            {
                // Merge the many segments a bulk load leaves into one, so queries read one b-tree per term.
                foreach (var table in SearchFile.FtsTables)
                    await SearchFile.ExecuteAsync(search, $"INSERT INTO {table} ({table}) VALUES ('optimize')", ct);
            }
            await MarkBuiltAsync(search, null, ct);
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"search reindex: done, {customers:N0} customers and {interactions:N0} interactions in {clockwatch.Elapsed.TotalSeconds:N1} s"));
            return new Report(true, customers, interactions, clockwatch.Elapsed);
        }
        finally
        {
            if (search is not null) await search.DisposeAsync();
            if (!db.IsSqlite)
                await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock({RebuildLockKey}) AS \"Value\"").SingleAsync(CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task WipeAsync(SqliteConnection? search, CancellationToken ct)
    {
        if (search is not null)
        {
            await using var stx = (SqliteTransaction)await search.BeginTransactionAsync(ct);
            await SearchFile.ExecuteAsync(search, "DELETE FROM search_state WHERE name = 'rebuilt'", ct, stx);
            foreach (var table in SearchFile.FtsTables)
                await SearchFile.ExecuteAsync(search, $"INSERT INTO {table} ({table}) VALUES ('delete-all')", ct, stx);
            await SearchFile.ExecuteAsync(search, "DELETE FROM search_phones", ct, stx);
            await stx.CommitAsync(ct);
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using (var writer = new SearchIndex.Writer(index)) await writer.LockAsync(wait: true, ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM search_state WHERE name = 'rebuilt'", ct);
        await db.Database.ExecuteSqlAsync($"TRUNCATE search_docs, search_phones", ct);
        await tx.CommitAsync(ct);
    }

    private async Task<long> BatchesAsync(SqliteConnection? search, SearchKind kind, long total, int size, TextWriter progress, CancellationToken ct)
    {
        long last = 0;
        long done = 0;
        var nextReport = ProgressEvery;
        var clockwatch = Stopwatch.StartNew();
        while (true)
        {
            // The index's write lock (the search file's, or the advisory lock on PostgreSQL) is taken before the
            // rows are read, so the indexer never writes an older document over one of this batch, or the reverse.
            await using var stx = search is null ? null : (SqliteTransaction)await search.BeginTransactionAsync(ct);
            await using var tx = search is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await using var writer = new SearchIndex.Writer(index, search, stx);
            await writer.LockAsync(wait: true, ct);
            var docs = kind == SearchKind.Customer
                ? await CustomersAfterAsync(last, size, ct)
                : await InteractionsAfterAsync(last, size, ct);
            if (docs.Count == 0) break;
            foreach (var (id, doc) in docs) await writer.PutAsync(kind, id, doc, ct);
            await writer.FlushAsync(ct);
            if (stx is not null) await stx.CommitAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
            last = docs[^1].Id;
            done += docs.Count;
            if (done >= nextReport)
            {
                nextReport += ProgressEvery;
                var rate = done / Math.Max(clockwatch.Elapsed.TotalSeconds, 0.001);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {(kind == SearchKind.Customer ? "customers" : "interactions")}: {done:N0} / {total:N0} ({rate:N0}/s)"));
            }
        }
        return done;
    }

    private async Task<List<(long Id, SearchDocument Doc)>> CustomersAfterAsync(long last, int size, CancellationToken ct)
    {
        var rows = await db.Customers.AsNoTracking().Where(c => c.Id > last).OrderBy(c => c.Id).Take(size)
            .Select(c => new { c.Id, c.Name, c.Organization }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var (first, end) = (rows[0].Id, rows[^1].Id);
        var contacts = (await db.CustomerContacts.AsNoTracking().Where(x => x.CustomerId >= first && x.CustomerId <= end)
                .OrderBy(x => x.Id).Select(x => new { x.CustomerId, x.Kind, x.Value }).ToListAsync(ct))
            .ToLookup(x => x.CustomerId, x => (x.Kind != ContactKind.Email, x.Value));
        // Building documents is the CPU-heavy part; it uses every core while the database waits.
        return rows.AsParallel().AsOrdered()
            .Select(r => (r.Id, SearchDocument.ForCustomer(r.Name, r.Organization, contacts[r.Id], index.CountryCode))).ToList();
    }

    private async Task<List<(long Id, SearchDocument Doc)>> InteractionsAfterAsync(long last, int size, CancellationToken ct)
    {
        var rows = await db.Interactions.AsNoTracking().Where(i => i.Id > last).OrderBy(i => i.Id).Take(size)
            .Select(i => new { i.Id, i.Subject }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var (first, end) = (rows[0].Id, rows[^1].Id);
        var bodies = (await db.TimelineEntries.AsNoTracking()
                .Where(t => t.InteractionId >= first && t.InteractionId <= end && t.Body != null)
                .OrderBy(t => t.InteractionId).ThenByDescending(t => t.Id).Select(t => new { t.InteractionId, t.Body }).ToListAsync(ct))
            .ToLookup(t => t.InteractionId, t => t.Body);
        return rows.AsParallel().AsOrdered()
            .Select(r => (r.Id, SearchDocument.ForInteraction(r.Subject, bodies[r.Id]))).ToList();
    }

    private async Task MarkBuiltAsync(SqliteConnection? search, SqliteTransaction? stx, CancellationToken ct)
    {
        var at = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        if (search is not null)
        {
            await using var cmd = search.CreateCommand();
            cmd.Transaction = stx;
            cmd.CommandText = """
                INSERT INTO search_state (name, value) VALUES ('rebuilt', @at)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value
                """;
            cmd.Parameters.AddWithValue("@at", at);
            await cmd.ExecuteNonQueryAsync(ct);
            return;
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO search_state (name, value) VALUES ('rebuilt', {at})
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """, ct);
    }

    private static async Task<T?> SearchScalarAsync<T>(SqliteConnection search, string sql, CancellationToken ct)
    {
        await using var cmd = search.CreateCommand();
        cmd.CommandText = sql;
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }
}
