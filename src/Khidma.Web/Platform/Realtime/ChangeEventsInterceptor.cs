using System.Data.Common;
using Khidma.Web.Areas.Interactions.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Khidma.Web.Platform.Realtime;

// The one place live "this changed" events come from: whatever code saves an interaction, its timeline or
// its stages, the pages showing it hear about it. Events leave only after the data is committed, so a client
// that refetches on the event reads the new state.
public sealed class ChangeEventsInterceptor(ChangeNotifier notifier) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed record Touched(EntityEntry Entry, bool WasModified, int? OriginalTeam, string? OriginalHandler, bool Transcript);

    private readonly List<Touched> collected = [];
    private readonly List<InteractionChange> waitingForCommit = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context!);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ResolveAsync(eventData.Context!, sync: true, default).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await ResolveAsync(eventData.Context!, sync: false, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => collected.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        collected.Clear();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => waitingForCommit.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        waitingForCommit.Clear();
        return Task.CompletedTask;
    }

    private void Collect(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Interaction:
                    var modified = entry.State == EntityState.Modified;
                    collected.Add(new Touched(entry, modified,
                        modified ? (int?)entry.Property(nameof(Interaction.TeamId)).OriginalValue : null,
                        modified ? (string?)entry.Property(nameof(Interaction.HandlerId)).OriginalValue : null,
                        false));
                    break;
                case TimelineEntry t:
                    collected.Add(new Touched(entry, false, null, null, t.Kind is TimelineKind.CustomerMessage or TimelineKind.Reply));
                    break;
                case InteractionStage:
                    collected.Add(new Touched(entry, false, null, null, false));
                    break;
            }
        }
    }

    // sync: the caller is SaveChanges, so the one possible read must not go async.
    private async ValueTask ResolveAsync(DbContext db, bool sync, CancellationToken ct)
    {
        if (collected.Count == 0) return;
        var items = collected.ToList();
        collected.Clear();

        var byId = new Dictionary<long, (HashSet<int?> Teams, HashSet<string> Users, bool Transcript, Interaction? Entity)>();
        foreach (var item in items)
        {
            var (id, entity) = item.Entry.Entity switch
            {
                Interaction i => (i.Id, i),
                TimelineEntry t => (t.InteractionId, (Interaction?)null),
                InteractionStage s => (s.InteractionId, null),
                _ => (0L, null),
            };
            if (id <= 0) continue;
            if (!byId.TryGetValue(id, out var slot)) slot = ([], new HashSet<string>(StringComparer.Ordinal), false, null);
            if (item.WasModified) slot.Teams.Add(item.OriginalTeam);
            if (item.OriginalHandler is { } h) slot.Users.Add(h);
            byId[id] = (slot.Teams, slot.Users, slot.Transcript || item.Transcript, slot.Entity ?? entity);
        }
        if (byId.Count == 0) return;

        // Entries saved without their interaction loaded: the tracked copy, or a small read, gives the teams.
        foreach (var id in byId.Keys.ToList())
        {
            var slot = byId[id];
            var interaction = slot.Entity ?? db.ChangeTracker.Entries<Interaction>().Select(e => e.Entity).FirstOrDefault(i => i.Id == id);
            if (interaction is null) continue;
            byId[id] = slot with { Entity = interaction };
        }
        var missing = byId.Where(kv => kv.Value.Entity is null).Select(kv => kv.Key).ToList();
        var query = db.Set<Interaction>().AsNoTracking().Where(i => missing.Contains(i.Id))
            .Select(i => new { i.Id, i.TeamId, i.HandlerId, i.CreatedById, i.Channel });
        var loaded = missing.Count == 0 ? []
            : sync ? query.ToDictionary(i => i.Id)
            : await query.ToDictionaryAsync(i => i.Id, ct);

        var changes = new List<InteractionChange>();
        foreach (var (id, slot) in byId)
        {
            int? team;
            string? handler, creator;
            Channel channel;
            if (slot.Entity is { } e) (team, handler, creator, channel) = (e.TeamId, e.HandlerId, e.CreatedById, e.Channel);
            else if (loaded.TryGetValue(id, out var row)) (team, handler, creator, channel) = (row.TeamId, row.HandlerId, row.CreatedById, row.Channel);
            else continue;
            slot.Teams.Add(team);
            if (handler is not null) slot.Users.Add(handler);
            if (creator is not null) slot.Users.Add(creator);
            changes.Add(new InteractionChange(id, slot.Teams.ToList(), slot.Users.ToList(), slot.Transcript && channel == Channel.Chat));
        }

        if (db.Database.CurrentTransaction is null)
            foreach (var change in changes) notifier.InteractionChanged(change);
        else
            waitingForCommit.AddRange(changes);
    }

    private void Flush()
    {
        var changes = waitingForCommit.ToList();
        waitingForCommit.Clear();
        foreach (var change in changes) notifier.InteractionChanged(change);
    }
}
