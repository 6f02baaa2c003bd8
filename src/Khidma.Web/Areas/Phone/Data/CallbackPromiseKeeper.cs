using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Khidma.Web.Areas.Phone.Data;

// The "call back" promise of a caller who chose a callback instead of hold is kept by the call itself: whichever way
// the agent logs it — the interaction page's call log, or the PBX's outgoing call that lands on the callback — a
// Call entry on the callback interaction marks the promise kept, by its author, at its time, in the same save.
public sealed class CallbackPromiseKeeper : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await KeepAsync(db, sync: false, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) KeepAsync(db, sync: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    private static async ValueTask KeepAsync(AppDbContext db, bool sync, CancellationToken ct)
    {
        var calls = db.ChangeTracker.Entries<TimelineEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.Kind == TimelineKind.Call)
            .Select(e => (InteractionId: e.Property(x => x.InteractionId).CurrentValue, e.Entity))
            // A call logged on an interaction created in the same save cannot be the call back of an earlier request.
            .Where(x => x.InteractionId > 0)
            .ToList();
        if (calls.Count == 0) return;
        var ids = calls.Select(c => c.InteractionId).Distinct().ToList();
        var query = db.Set<Promise>().Where(p => p.Status == PromiseStatus.Open && ids.Contains(p.InteractionId)
            && db.PhoneCalls.Any(c => c.CallbackPromiseId == p.Id));
        var open = sync ? query.ToList() : await query.ToListAsync(ct);
        foreach (var promise in open)
        {
            var first = calls.Where(c => c.InteractionId == promise.InteractionId).OrderBy(c => c.Entity.CreatedAt).First().Entity;
            if (first.CreatedAt < promise.CreatedAt) continue;
            promise.MarkKept(first.AuthorId, first.CreatedAt);
        }
        if (open.Count > 0) db.ChangeTracker.DetectChanges();
    }
}
