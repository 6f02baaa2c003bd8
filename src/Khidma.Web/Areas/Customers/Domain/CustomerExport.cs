using System.Security.Claims;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Customers.Domain;

/// <summary>Everything the company holds about one customer, as handed to them on request (P1).</summary>
public sealed record CustomerExportDocument(
    DateTime ExportedAt,
    ExportedProfile Customer,
    IReadOnlyList<ExportedContact> Contacts,
    IReadOnlyList<ExportedNote> Notes,
    IReadOnlyList<ExportedInteraction> Interactions);

/// <summary>The profile; <c>consent</c> and <c>background</c> are null when none is recorded or the exporter's role may not see it.</summary>
public sealed record ExportedProfile(
    long Id, string Name, string Language, string? Organization, string Type, string? HowToDeal, string? Motives,
    string Lifecycle, string? LostReason, DateTime CreatedAt, DateTime UpdatedAt, ExportedConsent? Consent, Background? Background);

public sealed record ExportedConsent(DateTime At, string? Note);

public sealed record ExportedContact(string Kind, string Value, string Normalized, string? Label);

public sealed record ExportedNote(string Body, string? Author, DateTime CreatedAt);

public sealed record ExportedInteraction(
    long Id, string Reference, string Channel, string Subject, string Status, string Priority,
    DateTime CreatedAt, DateTime LastActivityAt, DateTime? ResolvedAt, IReadOnlyList<ExportedTimelineEntry> Timeline);

public sealed record ExportedTimelineEntry(string Kind, string? Body, string? Author, DateTime CreatedAt);

public sealed class CustomerExport(AppDbContext db, BackgroundAccess backgroundAccess, TimeProvider clock)
{
    public async Task<CustomerExportDocument> BuildAsync(long customerId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == customerId, ct)
            ?? throw new NotFoundException();
        var showBackground = await backgroundAccess.AllowsAsync(user, ct);
        var notes = await db.CustomerNotes().AsNoTracking().Where(n => n.CustomerId == customerId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(ct);
        var interactions = await (
                from i in db.Interactions.AsNoTracking().VisibleTo(user)
                join s in db.InteractionStatuses on i.StatusId equals s.Id
                where i.CustomerId == customerId
                orderby i.CreatedAt, i.Id
                select new { i.Id, i.Channel, i.Subject, Status = s.Name, i.Priority, i.CreatedAt, i.LastActivityAt, i.ResolvedAt })
            .ToListAsync(ct);
        var interactionIds = interactions.Select(i => i.Id).ToList();
        var timeline = await db.TimelineEntries.AsNoTracking()
            .Where(t => interactionIds.Contains(t.InteractionId))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .ToListAsync(ct);
        var authorIds = notes.Select(n => n.AuthorId).Concat(timeline.Select(t => t.AuthorId)).OfType<string>().Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Author(string? id) => id is null ? null : authors.GetValueOrDefault(id);
        var byInteraction = timeline.ToLookup(t => t.InteractionId);

        var profile = new ExportedProfile(customer.Id, customer.Name, customer.Language, customer.Organization, customer.Type.ToString(),
            customer.HowToDeal, customer.Motives, customer.Lifecycle.ToString(), customer.LostReason, customer.CreatedAt, customer.UpdatedAt,
            showBackground && customer.ConsentAt is { } at ? new ExportedConsent(at, customer.ConsentNote) : null,
            showBackground && customer.HasConsent ? customer.Background : null);
        return new CustomerExportDocument(
            clock.GetUtcNow().UtcDateTime,
            profile,
            customer.Contacts.OrderBy(c => c.Id).Select(c => new ExportedContact(c.Kind.ToString(), c.Value, c.Normalized, c.Label)).ToList(),
            notes.Select(n => new ExportedNote(n.Body, Author(n.AuthorId), n.CreatedAt)).ToList(),
            interactions.Select(i => new ExportedInteraction(i.Id, Interaction.FormatReference(i.Id), i.Channel.ToString(), i.Subject,
                i.Status.InCurrentCulture(), i.Priority.ToString(), i.CreatedAt, i.LastActivityAt, i.ResolvedAt,
                byInteraction[i.Id].Select(t => new ExportedTimelineEntry(t.Kind.ToString(), t.Body, Author(t.AuthorId), t.CreatedAt)).ToList())).ToList());
    }
}
