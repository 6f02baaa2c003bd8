using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Portal.Domain;

/// <summary>
/// The public web form's submission: finds the customer by a normalized email or phone (or creates one with
/// those contacts and the visitor's language), opens a Web interaction through <see cref="CreateInteraction"/>,
/// keeps the files on its first message and queues the mail channel's acknowledgment when an email was given.
/// Existing customers are never changed from here: an anonymous visitor must not add contacts to someone's record.
/// </summary>
public sealed class WebContact(AppDbContext db, CreateInteraction create, PortalFiles files, MailAcknowledgments acknowledgments, TimeProvider clock)
{
    public sealed record Request(int? ServiceId, string Name, string? Email, string? Phone, string Subject, string Message, string Language,
        IReadOnlyList<PortalFiles.Upload> Files);

    public sealed record Outcome(Interaction? Interaction, IReadOnlyList<CreateInteraction.FieldError> Errors, bool Acknowledged)
    {
        public bool Succeeded => Interaction is not null;
    }

    /// <param name="email">Normalized (lower case) and valid, or null.</param>
    /// <param name="phone">Normalized digits and valid, or null.</param>
    public async Task<Outcome> RunAsync(Request request, string? email, string? phone, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customer = await FindAsync(email, phone, ct);
        if (customer is null)
        {
            customer = new Customer
            {
                Name = request.Name.Trim(),
                Language = Customer.Languages.Contains(request.Language) ? request.Language : "ar",
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (email is not null)
                customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Email, Value = email, Normalized = email });
            if (phone is not null && request.Phone is { } typed)
                customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = typed.Trim(), Normalized = phone });
            db.Customers.Add(customer);
            await db.SaveChangesAsync(ct);
        }

        var outcome = await create.RunAsync(new CreateInteraction.Request(
            customer.Id, null, Channel.Web, request.Subject, request.Message, request.ServiceId, Priority.Normal, null), null, ct);
        if (!outcome.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new Outcome(null, outcome.Errors, false);
        }
        var interaction = outcome.Interaction!;
        var entry = interaction.Timeline[0];
        entry.Data = request.Files.Count > 0 ? PortalFiles.Marker : PortalFiles.PlainMarker;
        await db.SaveChangesAsync(ct);
        if (request.Files.Count > 0)
            await files.AttachAsync(request.Files, interaction.Id, entry.Id, now, ct);

        var acknowledged = false;
        if (email is not null && await MailboxForAsync(interaction.TeamId, ct) is { } mailbox)
            acknowledged = await acknowledgments.QueueAsync(mailbox, interaction, customer, new MailAddress(customer.Name, email), null, ct) is not null;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Outcome(interaction, [], acknowledged);
    }

    // Email first (it identifies one person better than a shared home phone), then phone; the oldest record wins.
    private async Task<Customer?> FindAsync(string? email, string? phone, CancellationToken ct)
    {
        long? id = null;
        if (email is not null)
            id = await CustomerContacts.CustomerIdByAsync(db.CustomerContacts, ContactKind.Email, email, ct);
        if (id is null && phone is not null)
            id = await CustomerContacts.CustomerIdByAsync(db.CustomerContacts, ContactKind.Phone, phone, ct);
        return id is { } found ? await db.Customers.AsNoTracking().FirstAsync(c => c.Id == found, ct) : null;
    }

    /// <summary>The team's mailbox that can send and acknowledges, else a mailbox of no team, else any such mailbox.</summary>
    internal static async Task<Mailbox?> MailboxAsync(AppDbContext db, int? teamId, bool acknowledging, CancellationToken ct)
    {
        var usable = db.Set<Mailbox>().AsNoTracking().Where(m => m.IsEnabled && m.SmtpHost != null && m.SmtpHost != "");
        if (acknowledging) usable = usable.Where(m => m.SendAcknowledgment);
        if (teamId is { } t && await usable.Where(m => m.TeamId == t).OrderBy(m => m.Id).FirstOrDefaultAsync(ct) is { } own) return own;
        return await usable.OrderBy(m => m.TeamId == null ? 0 : 1).ThenBy(m => m.Id).FirstOrDefaultAsync(ct);
    }

    private Task<Mailbox?> MailboxForAsync(int? teamId, CancellationToken ct) => MailboxAsync(db, teamId, acknowledging: true, ct);
}
