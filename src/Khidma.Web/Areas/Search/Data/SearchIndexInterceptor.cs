using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Khidma.Web.Areas.Search.Data;

// Keeps the search index current: after a successful save, the customers and interactions whose searchable
// rows changed are re-read and re-indexed, in the save's transaction. Register it BEFORE the audit
// interceptor: interceptors run in order, and the audit interceptor commits the transaction it opened in its
// own SavedChanges, so running first puts the index writes inside that transaction.
public sealed class SearchIndexInterceptor(string? countryCode) : SaveChangesInterceptor
{
    private Pending? pending;

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
            await work.ApplyAsync(new SearchIndex(db, countryCode), cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // Synchronous saves are rare here (Identity and the CLI use async); the index work is the same.
        if (Take() is { } work && eventData.Context is AppDbContext db)
            work.ApplyAsync(new SearchIndex(db, countryCode), CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        pending = null;
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => pending = null;

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

        public Task ApplyAsync(SearchIndex index, CancellationToken ct)
        {
            var removedCustomers = RemovedCustomers.ToHashSet();
            var removedInteractions = RemovedInteractions.ToHashSet();
            var customers = Customers.Select(c => c.Id).Concat(Contacts.Select(c => c.CustomerId)).Concat(CustomerIds)
                .Where(id => id > 0 && !removedCustomers.Contains(id)).ToHashSet();
            var interactions = Interactions.Select(i => i.Id).Concat(Entries.Select(e => e.InteractionId)).Concat(InteractionIds)
                .Where(id => id > 0 && !removedInteractions.Contains(id)).ToHashSet();
            return index.UpdateAsync(customers, interactions, removedCustomers, removedInteractions, ct);
        }
    }
}
