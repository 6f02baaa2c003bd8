using System.Data.Common;
using System.Globalization;
using System.Text;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Khidma.Web.Areas.Search.Data;

// Keeps the search index current without doing the index work in the save: after a successful save, the
// customers and interactions whose searchable rows changed are recorded as rows of search_queue (migration
// 0016), in the save's transaction, so the record commits or rolls back with the change and survives a
// crash. SearchIndexer drains the queue in the background and is woken once the transaction commits.
// Register it BEFORE the audit interceptor: interceptors run in order, and the audit interceptor commits the
// transaction it opened in its own SavedChanges, so running first puts the queue rows inside that transaction.
public sealed class SearchIndexInterceptor(SearchIndexSignal? signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private Pending? pending;
    // Queue rows written in the current transaction: the indexer is woken when it commits.
    private bool queuedInTransaction;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take() is { } work && eventData.Context is AppDbContext db)
        {
            foreach (var chunk in work.Rows().Chunk(QueueChunk))
            {
                await using var cmd = QueueCommand(db, chunk);
                await cmd.ExecuteNonQueryAsync(cancellationToken);
                Queued(db);
            }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take() is { } work && eventData.Context is AppDbContext db)
        {
            foreach (var chunk in work.Rows().Chunk(QueueChunk))
            {
                using var cmd = QueueCommand(db, chunk);
                cmd.ExecuteNonQuery();
                Queued(db);
            }
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        pending = null;
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => pending = null;

    private void Queued(AppDbContext db)
    {
        // Without a transaction the row is already committed; otherwise the commit wakes the indexer.
        if (db.Database.CurrentTransaction is null) signal?.Wake();
        else queuedInTransaction = true;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed();
        return Task.CompletedTask;
    }

    private void Committed()
    {
        if (!queuedInTransaction) return;
        queuedInTransaction = false;
        signal?.Wake();
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => queuedInTransaction = false;

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        queuedInTransaction = false;
        return Task.CompletedTask;
    }

    private Pending? Take()
    {
        var work = pending;
        pending = null;
        return work is { IsEmpty: false } ? work : null;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Customer customer:
                    if (entry.State == EntityState.Deleted) (pending ??= new()).RemovedCustomers.Add(customer.Id);
                    else if (entry.State == EntityState.Added || Changed(entry, nameof(Customer.Name), nameof(Customer.Organization)))
                        (pending ??= new()).Customers.Add(customer);
                    break;
                case CustomerContact contact:
                    if (entry.State != EntityState.Modified || Changed(entry, nameof(CustomerContact.Value), nameof(CustomerContact.Kind), nameof(CustomerContact.CustomerId)))
                    {
                        (pending ??= new()).Contacts.Add(contact);
                        if (entry.State == EntityState.Modified && entry.Property(nameof(CustomerContact.CustomerId)).OriginalValue is long previous)
                            pending.CustomerIds.Add(previous);
                    }
                    break;
                case Interaction interaction:
                    if (entry.State == EntityState.Deleted) (pending ??= new()).RemovedInteractions.Add(interaction.Id);
                    else if (entry.State == EntityState.Added || Changed(entry, nameof(Interaction.Subject)))
                        (pending ??= new()).Interactions.Add(interaction);
                    break;
                case TimelineEntry timeline:
                    if (entry.State != EntityState.Modified || Changed(entry, nameof(TimelineEntry.Body), nameof(TimelineEntry.InteractionId)))
                    {
                        (pending ??= new()).Entries.Add(timeline);
                        if (entry.State == EntityState.Modified && entry.Property(nameof(TimelineEntry.InteractionId)).OriginalValue is long previous)
                            pending.InteractionIds.Add(previous);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private static bool Changed(EntityEntry entry, params string[] properties) =>
        properties.Any(p => entry.Property(p).IsModified);

    // Entities are kept (not ids) because added rows only get their ids, and added children their parent's
    // id, during the save; ids of deleted rows are taken before it.
    private sealed class Pending
    {
        public List<Customer> Customers { get; } = [];
        public List<CustomerContact> Contacts { get; } = [];
        public List<long> CustomerIds { get; } = [];
        public List<long> RemovedCustomers { get; } = [];
        public List<Interaction> Interactions { get; } = [];
        public List<TimelineEntry> Entries { get; } = [];
        public List<long> InteractionIds { get; } = [];
        public List<long> RemovedInteractions { get; } = [];

        public bool IsEmpty => Customers.Count + Contacts.Count + CustomerIds.Count + RemovedCustomers.Count
            + Interactions.Count + Entries.Count + InteractionIds.Count + RemovedInteractions.Count == 0;

        // Every (kind, id) to re-index or remove.
        public List<(SearchKind Kind, long Id, bool Removed)> Rows()
        {
            var removedCustomers = RemovedCustomers.ToHashSet();
            var removedInteractions = RemovedInteractions.ToHashSet();
            var customers = Customers.Select(c => c.Id).Concat(Contacts.Select(c => c.CustomerId)).Concat(CustomerIds)
                .Where(id => id > 0 && !removedCustomers.Contains(id)).ToHashSet();
            var interactions = Interactions.Select(i => i.Id).Concat(Entries.Select(e => e.InteractionId)).Concat(InteractionIds)
                .Where(id => id > 0 && !removedInteractions.Contains(id)).ToHashSet();
            return customers.Select(id => (Kind: SearchKind.Customer, Id: id, Removed: false))
                .Concat(interactions.Select(id => (Kind: SearchKind.Interaction, Id: id, Removed: false)))
                .Concat(removedCustomers.Where(id => id > 0).Select(id => (Kind: SearchKind.Customer, Id: id, Removed: true)))
                .Concat(removedInteractions.Where(id => id > 0).Select(id => (Kind: SearchKind.Interaction, Id: id, Removed: true)))
                .ToList();
        }
    }

    // Rows per INSERT: three parameters each stays far below both providers' parameter limits.
    private const int QueueChunk = 1_000;

    private static DbCommand QueueCommand(AppDbContext db, (SearchKind Kind, long Id, bool Removed)[] rows)
    {
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder("INSERT INTO search_queue (kind, ref_id, removed) VALUES ");
        for (var i = 0; i < rows.Length; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append(CultureInfo.InvariantCulture, $"(@k{i}, @r{i}, @d{i})");
            cmd.AddParameter($"@k{i}", (short)rows[i].Kind);
            cmd.AddParameter($"@r{i}", rows[i].Id);
            cmd.AddParameter($"@d{i}", rows[i].Removed);
        }
        cmd.CommandText = sql.ToString();
        return cmd;
    }

}
