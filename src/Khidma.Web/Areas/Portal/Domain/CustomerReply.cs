using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Portal.Domain;

/// <summary>
/// A customer's answer from the portal, added the way mail intake adds one: a CustomerMessage entry (the SLA
/// interceptor starts or resumes the clocks that wait on it, the live console hears of it), and an interaction
/// that was waiting on the customer, resolved or closed goes back to the default open status.
/// </summary>
public sealed class CustomerReply(AppDbContext db, PortalFiles files, TimeProvider clock)
{
    public async Task<TimelineEntry> AddAsync(long interactionId, long customerId, string body, IReadOnlyList<PortalFiles.Upload> uploads, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                return await TryAddAsync(interactionId, customerId, body, uploads, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 2)
            {
                // An agent saved the interaction meanwhile; read it again and add the answer then.
            }
        }
    }

    private async Task<TimelineEntry> TryAddAsync(long interactionId, long customerId, string body, IReadOnlyList<PortalFiles.Upload> uploads, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Scoped to the customer: another customer's id is simply not found.
        var interaction = await db.Interactions.FirstOrDefaultAsync(i => i.Id == interactionId && i.CustomerId == customerId, ct)
            ?? throw new NotFoundException();
        var entry = interaction.AddEntry(TimelineKind.CustomerMessage, body.Trim(), null, now,
            uploads.Count > 0 ? PortalFiles.Marker : PortalFiles.PlainMarker);
        if (interaction.StatusCategory == StatusCategory.WaitingOnCustomer || InteractionStatus.IsFinished(interaction.StatusCategory))
        {
            var open = await db.InteractionStatuses.Where(s => s.IsActive && s.Category == StatusCategory.Open)
                .OrderByDescending(s => s.IsDefault).ThenBy(s => s.Position).FirstOrDefaultAsync(ct);
            if (open is not null) interaction.ChangeStatus(open, null, null, now);
        }
        await db.SaveChangesAsync(ct);
        if (uploads.Count > 0)
        {
            await files.AttachAsync(uploads, interaction.Id, entry.Id, now, ct);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return entry;
    }
}
