using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Timeliness.Domain;

// The promise job: a reminder to the owning team shortly before a promise falls due, and a notice once it is
// overdue. It never breaks a promise: only a person knows whether it was kept. Each mark is set once, in the
// same transaction as its notification.
public sealed class PromiseMonitor(AppDbContext db, TimeProvider clock, IOptions<TimelinessOptions> options) : IJob
{
    public const int Batch = 200;

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now + TimeSpan.FromMinutes(Math.Max(0, options.Value.PromiseReminderMinutes));
        var overdue = 0;
        var reminded = 0;
        while (true)
        {
            var due = await db.Set<Promise>()
                .Where(p => p.Status == PromiseStatus.Open && p.OverdueAt == null && p.DueAt <= now)
                .OrderBy(p => p.DueAt).Take(Batch).ToListAsync(ct);
            foreach (var p in due)
            {
                p.OverdueAt = now;
                p.RemindedAt ??= now;
                Notify(p, NotificationKind.PromiseOverdue, now);
            }
            await db.SaveChangesAsync(ct);
            overdue += due.Count;
            if (due.Count < Batch) break;
        }
        while (true)
        {
            var coming = await db.Set<Promise>()
                .Where(p => p.Status == PromiseStatus.Open && p.RemindedAt == null && p.DueAt > now && p.DueAt <= soon)
                .OrderBy(p => p.DueAt).Take(Batch).ToListAsync(ct);
            foreach (var p in coming)
            {
                p.RemindedAt = now;
                Notify(p, NotificationKind.PromiseDueSoon, now);
            }
            await db.SaveChangesAsync(ct);
            reminded += coming.Count;
            if (coming.Count < Batch) break;
        }
        return $"reminded {reminded}, overdue {overdue}";
    }

    // The owning team; a promise without a team goes to the person who made it (unless that was an API token).
    private void Notify(Promise p, NotificationKind kind, DateTime now)
    {
        var user = p.TeamId is null && p.CreatedById is { } by && !by.StartsWith("token:", StringComparison.Ordinal) ? by : null;
        Notifications.Add(db, kind, user, p.TeamId, p.InteractionId, p.Id, null, now);
    }
}
