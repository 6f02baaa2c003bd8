using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Platform.Jobs;

// Claiming and releasing job rows. Bulk updates on purpose: they skip the change tracker, so the audit log
// is not filled with a row per tick and node.
public static class JobLeases
{
    // Idempotent: a job row is created once, by whichever node gets there first.
    public static async Task RegisterAsync(AppDbContext db, IEnumerable<JobDefinition> jobs, DateTime now, CancellationToken ct)
    {
        foreach (var job in jobs)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO platform_jobs (name, next_run_at, last_failed, runs) VALUES ({job.Name}, {now}, {false}, {0}) ON CONFLICT (name) DO NOTHING",
                ct);
        }
    }

    /// <summary>
    /// Leases every due job that no live lease holds, for <paramref name="owner"/> until now + lease.
    /// SQLite has one writer, so a conditional UPDATE per row is enough; PostgreSQL locks the due rows with
    /// FOR UPDATE SKIP LOCKED in a transaction, so a racing node skips them instead of waiting.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ClaimDueAsync(AppDbContext db, string owner, DateTime now, TimeSpan lease, CancellationToken ct)
    {
        var until = now + lease;
        if (db.IsSqlite)
        {
            var candidates = await Due(db, now).Select(j => j.Name).ToListAsync(ct);
            var claimed = new List<string>();
            foreach (var name in candidates)
            {
                var updated = await Due(db, now).Where(j => j.Name == name)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, owner).SetProperty(j => j.LeaseUntil, until), ct);
                if (updated == 1) claimed.Add(name);
            }
            return claimed;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var names = await db.Database.SqlQuery<string>(
                $"""
                SELECT name AS "Value" FROM platform_jobs
                WHERE next_run_at <= {now} AND (lease_until IS NULL OR lease_until < {now})
                ORDER BY next_run_at
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (names.Count > 0)
        {
            await db.Set<JobRow>().Where(j => names.Contains(j.Name))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, owner).SetProperty(j => j.LeaseUntil, until), ct);
        }
        await tx.CommitAsync(ct);
        return names;
    }

    public static Task MarkStartedAsync(AppDbContext db, string name, string owner, DateTime now, CancellationToken ct) =>
        db.Set<JobRow>().Where(j => j.Name == name && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LastStartedAt, now), ct);

    // Only the lease holder releases; a node whose lease expired and was taken over changes nothing.
    public static Task<int> ReleaseAsync(AppDbContext db, string name, string owner, DateTime now, DateTime nextRun, string result, bool failed, CancellationToken ct)
    {
        var text = result.Length > 500 ? result[..500] : result;
        return db.Set<JobRow>().Where(j => j.Name == name && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, (DateTime?)null)
                .SetProperty(j => j.NextRunAt, nextRun)
                .SetProperty(j => j.LastFinishedAt, now)
                .SetProperty(j => j.LastResult, text)
                .SetProperty(j => j.LastFailed, failed)
                .SetProperty(j => j.Runs, j => j.Runs + 1), ct);
    }

    private static IQueryable<JobRow> Due(AppDbContext db, DateTime now) =>
        db.Set<JobRow>().Where(j => j.NextRunAt <= now && (j.LeaseUntil == null || j.LeaseUntil < now));
}
