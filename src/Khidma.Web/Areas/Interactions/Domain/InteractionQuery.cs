using System.Globalization;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Interactions.Domain;

// A position in the inbox's order (last activity, then id, both descending): the page after it starts
// strictly below it, so paging never counts rows and never repeats or skips one that was already shown.
public readonly record struct Cursor(DateTime At, long Id)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{At.Ticks}_{Id}");

    public static Cursor? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split('_');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            return null;
        return new Cursor(new DateTime(ticks, DateTimeKind.Utc), id);
    }
}

// What the inbox, the CSV export and the API list filter on. Every filter has an index that leads with
// its column and ends with (last_activity_at, id) (see InteractionsConfig).
public sealed record InteractionCriteria
{
    public static readonly StatusCategory[] Unfinished = [StatusCategory.New, StatusCategory.Open, StatusCategory.WaitingOnCustomer];

    public int? TeamId { get; init; }
    public int? StatusId { get; init; }
    public IReadOnlyList<StatusCategory>? Categories { get; init; }
    public Channel? Channel { get; init; }
    public int? ServiceId { get; init; }
    public Priority? Priority { get; init; }
    public string? HandlerId { get; init; }
    public long? CustomerId { get; init; }
    public Cursor? After { get; init; }

    public IQueryable<Interaction> Apply(IQueryable<Interaction> query)
    {
        if (TeamId is { } team) query = query.Where(i => i.TeamId == team);
        if (StatusId is { } status) query = query.Where(i => i.StatusId == status);
        if (Categories is { Count: 1 })
        {
            var category = Categories[0];
            query = query.Where(i => i.StatusCategory == category);
        }
        else if (Categories is { Count: > 1 })
        {
            var categories = Categories.ToList();
            query = query.Where(i => categories.Contains(i.StatusCategory));
        }
        if (Channel is { } channel) query = query.Where(i => i.Channel == channel);
        if (ServiceId is { } service) query = query.Where(i => i.ServiceId == service);
        if (Priority is { } priority) query = query.Where(i => i.Priority == priority);
        if (HandlerId is { } handler) query = query.Where(i => i.HandlerId == handler);
        if (CustomerId is { } customer) query = query.Where(i => i.CustomerId == customer);
        // Written as a range (<=) plus a tie-break so both SQLite and PostgreSQL seek the index instead of scanning.
        if (After is { } after)
            query = query.Where(i => i.LastActivityAt <= after.At && (i.LastActivityAt < after.At || i.Id < after.Id));
        return query;
    }
}

// One inbox row: the interaction with its customer's and handler's names joined in; team, service and
// status names come from the cached lookups.
public sealed record InboxRow(
    long Id,
    string Subject,
    long CustomerId,
    string CustomerName,
    Channel Channel,
    int? ServiceId,
    int StatusId,
    StatusCategory StatusCategory,
    Priority Priority,
    int? TeamId,
    string? HandlerId,
    string? HandlerName,
    DateTime CreatedAt,
    DateTime LastActivityAt)
{
    public string Reference => Interaction.FormatReference(Id);

    public Cursor Cursor => new(LastActivityAt, Id);
}

public static class InteractionQuery
{
    // Scoped, filtered, ordered newest activity first, projected in one query. The customer's name is a
    // subquery per row, not an inner join: with the join, SQLite's planner (at 1,000,000 interactions and
    // 200,000 customers) drove the query from the customers table and sorted the 600,000 unfinished
    // interactions in a temporary b-tree, about a minute for the default inbox; as a subquery it walks the
    // (…, last_activity_at, id) index and stops after one page.
    public static IQueryable<InboxRow> Rows(AppDbContext db, IQueryable<Interaction> visible, InteractionCriteria criteria) =>
        Project(db, criteria.Apply(visible));

    // One page of rows. Several status categories ("not finished" is three) are read as one newest-first,
    // limited branch per category, merged: each branch seeks an index that leads with (…, status_category)
    // and ends with (last_activity_at, id), so it stops after a page. As one IN (…) list, SQLite 3.53 seeks
    // the three categories and sorts every unfinished interaction in a temporary b-tree (1.2 s at 200,000
    // interactions), or walks the last-activity index filtering by handler for "mine" (45 ms at 1,000,000).
    // A channel, service or customer filter has its own ordered index, which one query walks faster than three
    // branches each filtering a category index by it.
    public static Task<(IReadOnlyList<InboxRow> Rows, Cursor? Next)> PageAsync(AppDbContext db, IQueryable<Interaction> visible,
        InteractionCriteria criteria, int limit, CancellationToken ct = default)
    {
        if (criteria.Categories is not { Count: > 1 } categories || criteria.Channel is not null || criteria.ServiceId is not null || criteria.CustomerId is not null)
            return PageAsync(Rows(db, visible, criteria), limit, ct);
        var merged = categories.Distinct()
            .Select(c => (criteria with { Categories = [c] }).Apply(visible)
                .OrderByDescending(i => i.LastActivityAt).ThenByDescending(i => i.Id)
                .Take(limit + 1))
            .Aggregate(Queryable.Concat);
        return PageAsync(Project(db, merged), limit, ct);
    }

    private static IQueryable<InboxRow> Project(AppDbContext db, IQueryable<Interaction> interactions) =>
        from i in interactions
        join u in db.Users on i.HandlerId equals u.Id into handlers
        from h in handlers.DefaultIfEmpty()
        orderby i.LastActivityAt descending, i.Id descending
        select new InboxRow(i.Id, i.Subject, i.CustomerId, db.Customers.Where(c => c.Id == i.CustomerId).Select(c => c.Name).First(),
            i.Channel, i.ServiceId, i.StatusId, i.StatusCategory, i.Priority,
            i.TeamId, i.HandlerId, h == null ? null : h.DisplayName, i.CreatedAt, i.LastActivityAt);

    // Reads one more row than the page shows: if it exists there is a next page, and nothing is counted.
    public static async Task<(IReadOnlyList<InboxRow> Rows, Cursor? Next)> PageAsync(IQueryable<InboxRow> rows, int limit, CancellationToken ct = default)
    {
        var list = await rows.AsNoTracking().Take(limit + 1).ToListAsync(ct);
        if (list.Count <= limit) return (list, null);
        list.RemoveAt(limit);
        return (list, list[^1].Cursor);
    }
}
