using System.Globalization;
using Khidma.Web.Areas.Charter.Domain;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Mail.Domain;

/// <summary>
/// An agent's reply on an email interaction goes out by email: In-Reply-To the last message from the
/// customer, References the whole chain, "Re: subject [KH-n]", to the customer and Cc the participants.
/// Called by the interaction page after a Reply entry is saved.
/// </summary>
public sealed class MailReplies(AppDbContext db, MailOutbox outbox)
{
    /// <summary>Queues the reply; returns null when the interaction is not answered by email (no mailbox or no address).</summary>
    public async Task<OutboxMessage?> QueueReplyAsync(Interaction interaction, TimelineEntry entry, bool sendByEmail = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(entry);
        if (interaction.Channel != Channel.Email && !sendByEmail) return null;
        if (string.IsNullOrWhiteSpace(entry.Body)) return null;

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == interaction.CustomerId)
            .Select(c => new { c.Name }).FirstAsync(ct);
        var email = await db.CustomerContacts.AsNoTracking()
            .Where(c => c.CustomerId == interaction.CustomerId && c.Kind == ContactKind.Email)
            .OrderBy(c => c.Id).Select(c => c.Value).FirstOrDefaultAsync(ct);
        var lastInbound = await db.Inbound().AsNoTracking()
            .Where(m => m.InteractionId == interaction.Id && m.State == InboundState.Processed)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Select(m => new { m.MessageId, m.MailboxId, m.FromAddress }).FirstOrDefaultAsync(ct);
        email ??= lastInbound?.FromAddress;
        if (email is null) return null;

        var mailbox = await MailboxForAsync(lastInbound?.MailboxId, interaction.TeamId, ct);
        if (mailbox is null) return null;

        var chain = await db.MessageIds().AsNoTracking().Where(x => x.InteractionId == interaction.Id)
            .OrderBy(x => x.CreatedAt).Select(x => x.MessageId).ToListAsync(ct);
        var references = chain.Where(id => !id.StartsWith(MailIngest.HashedIdPrefix, StringComparison.Ordinal)).TakeLast(20).ToList();
        var inReplyTo = lastInbound is { } li && !li.MessageId.StartsWith(MailIngest.HashedIdPrefix, StringComparison.Ordinal) ? li.MessageId : null;
        var cc = await db.Participants().AsNoTracking().Where(p => p.InteractionId == interaction.Id)
            .OrderBy(p => p.Id).Select(p => new { p.Address, p.Name }).ToListAsync(ct);

        var message = new OutgoingMessage
        {
            From = new MailboxAddress(mailbox.Address, mailbox.FromName),
            To = [new MailboxAddress(email, customer.Name)],
            Cc = cc.Where(p => !string.Equals(p.Address, email, StringComparison.OrdinalIgnoreCase))
                .Select(p => new MailboxAddress(p.Address, p.Name)).ToList(),
            Subject = ReplySubject(interaction.Subject, interaction.Reference),
            TextBody = entry.Body,
            InReplyTo = inReplyTo,
            References = references,
        };
        var row = await outbox.QueueAsync(mailbox, interaction.Id, OutboxKind.Reply, message, mailbox.Address, ct);
        await db.SaveChangesAsync(ct);
        return row;
    }

    public static string ReplySubject(string subject, string reference)
    {
        var s = subject.Trim();
        while (s.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Fwd:", StringComparison.OrdinalIgnoreCase))
            s = s[(s.IndexOf(':', StringComparison.Ordinal) + 1)..].TrimStart();
        var withRef = s.Contains(reference, StringComparison.OrdinalIgnoreCase) ? s : $"{s} [{reference}]";
        return "Re: " + withRef;
    }

    private async Task<Mailbox?> MailboxForAsync(int? mailboxId, int? teamId, CancellationToken ct)
    {
        var enabled = db.Mailboxes().AsNoTracking().Where(m => m.IsEnabled && m.SmtpHost != null);
        if (mailboxId is { } id && await enabled.FirstOrDefaultAsync(m => m.Id == id, ct) is { } own) return own;
        if (teamId is { } t && await enabled.Where(m => m.TeamId == t).OrderBy(m => m.Id).FirstOrDefaultAsync(ct) is { } team) return team;
        return await enabled.OrderBy(m => m.Id).FirstOrDefaultAsync(ct);
    }
}

/// <summary>
/// The acknowledgment of a new email interaction, in the customer's language: the reference, the charter's
/// goals and an honest reply time. Never sent to automatic mail (the caller checks), marked Auto-Submitted.
/// </summary>
public sealed class MailAcknowledgments(CharterReader charter, IStringLocalizer<MailText> text, MailOutbox outbox)
{
    public async Task<OutboxMessage?> QueueAsync(Mailbox mailbox, Interaction interaction, Customer customer, MailAddress to, string? inReplyTo, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(mailbox.SmtpHost)) return null;
        var language = Customer.Languages.Contains(customer.Language) ? customer.Language : "ar";
        var goals = await charter.GoalsAsync(language, ct);
        var (subject, body) = Render(language, interaction.Reference, goals.Select(g => g.Title).ToList(), mailbox.ExpectedReplyDays);
        var message = new OutgoingMessage
        {
            From = new MailboxAddress(mailbox.Address, mailbox.FromName),
            To = [new MailboxAddress(to.Address, to.Name)],
            Subject = subject,
            TextBody = body,
            InReplyTo = inReplyTo,
            References = inReplyTo is null ? [] : [inReplyTo],
            AutoSubmitted = AutoSubmitted.AutoReplied,
        };
        // The null reverse-path: a bounce of an automatic message must not come back to start a loop.
        return await outbox.QueueAsync(mailbox, interaction.Id, OutboxKind.Acknowledgment, message, "", ct);
    }

    public (string Subject, string Body) Render(string language, string reference, IReadOnlyList<string> goals, int days)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var lines = new List<string>
            {
                text["Hello,"],
                "",
                text["We have received your message and opened a request with the reference {0}.", reference],
                ExpectedReply(days),
                "",
            };
            if (goals.Count > 0)
            {
                lines.Add(text["Our commitments to you:"]);
                lines.AddRange(goals.Select(g => "- " + g));
                lines.Add("");
            }
            lines.Add(text["Please keep {0} in the subject when you write to us about this request.", reference]);
            lines.Add(text["This message was sent automatically; a member of our team will answer you."]);
            return (text["We received your message [{0}]", reference], string.Join("\r\n", lines));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous.CurrentCulture;
            CultureInfo.CurrentUICulture = previous.CurrentUICulture;
        }
    }

    // Arabic counts take different forms for 1, 2, 3–10 and 11+; each language's text carries its own.
    private string ExpectedReply(int days) => days switch
    {
        <= 1 => text["We expect to reply within one business day."],
        2 => text["We expect to reply within two business days."],
        <= 10 => text["We expect to reply within {0} business days.", days.ToString(CultureInfo.InvariantCulture)],
        _ => text["We expect to reply within {0} business days (11 or more).", days.ToString(CultureInfo.InvariantCulture)],
    };
}
