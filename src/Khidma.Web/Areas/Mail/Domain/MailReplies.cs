using Khidma.Web.Areas.Charter.Domain;
using Khidma.Web.Areas.Chat.Domain;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Mail.Domain;

/// <summary>
/// An agent's reply goes out by email when the interaction is answered by email (an email interaction, a chat
/// message left while nobody was online, or any interaction the customer has written to by email) or when the agent asks for it on another channel and the customer has an
/// address: In-Reply-To the last message from the customer, References the whole chain, "Re: subject [KH-n]", to the
/// customer and Cc the participants, with the interaction's open promises below the agent's words. The console's
/// reply form and the interactions API call it after adding a Reply entry.
/// </summary>
public sealed class MailReplies(AppDbContext db, MailOutbox outbox, MailFacts facts, IStringLocalizer<MailText> text)
{
    /// <summary>
    /// Where a reply on this interaction would go. <paramref name="Automatic"/>: every reply is emailed (email
    /// interactions, chat messages to answer by email, customers who wrote by email); otherwise only when the agent asks.
    /// </summary>
    public sealed record Route(string Address, string? Name, bool Automatic, int MailboxId);

    /// <summary>The email state of a reply, found by the Message-ID recorded on its timeline entry.</summary>
    public sealed record Sent(OutboxState State, string To, DateTime? SentAt);

    public const string EntryDataPrefix = "email:";

    /// <summary>Where replies on the interaction can be emailed; null when there is no address or no sending mailbox.</summary>
    public Task<Route?> RouteAsync(Interaction interaction, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return RouteAsync(interaction.Id, interaction.CustomerId, interaction.Channel, interaction.TeamId, ct);
    }

    /// <summary>The same, for pages that read the interaction without tracking it.</summary>
    public async Task<Route?> RouteAsync(long interactionId, long customerId, Channel channel, int? teamId, CancellationToken ct = default)
    {
        var target = await TargetAsync(interactionId, customerId, channel, teamId, ct);
        return target is null ? null : new Route(target.Address, target.Name, target.Automatic, target.Mailbox.Id);
    }

    /// <summary>Queues the reply; returns null when it is not to be emailed (not asked for, no mailbox or no address).</summary>
    public async Task<OutboxMessage?> QueueReplyAsync(Interaction interaction, TimelineEntry entry, bool sendByEmail = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrWhiteSpace(entry.Body)) return null;
        var target = await TargetAsync(interaction.Id, interaction.CustomerId, interaction.Channel, interaction.TeamId, ct);
        if (target is null || (!target.Automatic && !sendByEmail)) return null;

        var chain = await db.MessageIds().AsNoTracking().Where(x => x.InteractionId == interaction.Id)
            .OrderBy(x => x.CreatedAt).Select(x => x.MessageId).ToListAsync(ct);
        var references = chain.Where(id => !id.StartsWith(MailIngest.HashedIdPrefix, StringComparison.Ordinal)).TakeLast(20).ToList();
        var inReplyTo = target.LastInboundId is { } li && !li.StartsWith(MailIngest.HashedIdPrefix, StringComparison.Ordinal) ? li : null;
        var cc = await db.Participants().AsNoTracking().Where(p => p.InteractionId == interaction.Id)
            .OrderBy(p => p.Id).Select(p => new { p.Address, p.Name }).ToListAsync(ct);

        var message = new OutgoingMessage
        {
            From = new MailboxAddress(target.Mailbox.Address, target.Mailbox.FromName),
            To = [new MailboxAddress(target.Address, target.Name)],
            Cc = cc.Where(p => !string.Equals(p.Address, target.Address, StringComparison.OrdinalIgnoreCase))
                .Select(p => new MailboxAddress(p.Address, p.Name)).ToList(),
            Subject = ReplySubject(interaction.Subject, interaction.Reference),
            TextBody = await BodyAsync(interaction, entry.Body, target.Language, ct),
            InReplyTo = inReplyTo,
            References = references,
        };
        var row = await outbox.QueueAsync(target.Mailbox, interaction.Id, OutboxKind.Reply, message, target.Mailbox.Address, ct);
        // The timeline shows that the reply was emailed, and its outbox state, through this Message-ID.
        if (entry.Data is null && row.MessageId.Length + EntryDataPrefix.Length <= 500) entry.Data = EntryDataPrefix + row.MessageId;
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>The outbox state of each reply of the interaction that was emailed, by its Message-ID.</summary>
    public async Task<IReadOnlyDictionary<string, Sent>> SentAsync(long interactionId, CancellationToken ct = default)
    {
        var rows = await db.Outbox().AsNoTracking()
            .Where(o => o.InteractionId == interactionId && o.Kind == OutboxKind.Reply)
            .Select(o => new { o.MessageId, o.State, o.ToAddresses, o.SentAt })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.MessageId, r => new Sent(r.State, r.ToAddresses, r.SentAt), StringComparer.Ordinal);
    }

    // The agent's words as written, then the open promises in the customer's language.
    private async Task<string> BodyAsync(Interaction interaction, string body, string language, CancellationToken ct)
    {
        var known = await facts.ForAsync(interaction, 1, withExpectation: false, ct);
        if (known.Promises.Count == 0) return body;
        using var _ = CustomerCulture.Use(language);
        var lines = new List<string> { body.TrimEnd(), "", "--" };
        lines.AddRange(facts.PromiseLines(known, language));
        if (facts.ZoneLine(known, language) is { } zone) lines.Add(zone);
        lines.Add(text["Please keep {0} in the subject when you write to us about this request.", interaction.Reference]);
        return string.Join("\r\n", lines);
    }

    private sealed record Target(string Address, string? Name, bool Automatic, Mailbox Mailbox, string? LastInboundId, string Language);

    private async Task<Target?> TargetAsync(long interactionId, long customerId, Channel channel, int? teamId, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Name, c.Language }).FirstAsync(ct);
        var lastInbound = await db.Inbound().AsNoTracking()
            .Where(m => m.InteractionId == interactionId && m.State == InboundState.Processed)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Select(m => new { m.MessageId, m.MailboxId, m.FromAddress }).FirstOrDefaultAsync(ct);
        // A chat message left while nobody was online names the address the visitor wants the answer at.
        var chat = channel == Channel.Chat
            ? await db.Set<ChatConversation>().AsNoTracking().Where(c => c.InteractionId == interactionId && c.AnswerByEmail)
                .Select(c => new { c.VisitorEmail }).FirstOrDefaultAsync(ct)
            : null;
        var email = chat?.VisitorEmail;
        email ??= await db.CustomerContacts.AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.Kind == ContactKind.Email)
            .OrderBy(c => c.Id).Select(c => c.Value).FirstOrDefaultAsync(ct);
        email ??= lastInbound?.FromAddress;
        if (string.IsNullOrWhiteSpace(email)) return null;

        var mailbox = await MailboxForAsync(lastInbound?.MailboxId, teamId, ct);
        if (mailbox is null) return null;
        // Once the customer has written by email on this interaction, the conversation continues by email.
        var automatic = channel == Channel.Email || chat is not null || lastInbound is not null;
        return new Target(email, customer.Name, automatic, mailbox, lastInbound?.MessageId, CustomerCulture.LanguageOf(customer.Language));
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
/// The acknowledgment of a new interaction, in the customer's language: the reference, the charter's goals, an
/// honest reply time from history (T3; the mailbox's configured days while history is thin) and any open promises.
/// Never sent to automatic mail (the caller checks), marked Auto-Submitted. Called by mail ingest and the web form.
/// </summary>
public sealed class MailAcknowledgments(CharterReader charter, IStringLocalizer<MailText> text, MailOutbox outbox, MailFacts facts)
{
    public async Task<OutboxMessage?> QueueAsync(Mailbox mailbox, Interaction interaction, Customer customer, MailAddress to, string? inReplyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(to);
        if (string.IsNullOrEmpty(mailbox.SmtpHost)) return null;
        var language = CustomerCulture.LanguageOf(customer.Language);
        var goals = await charter.GoalsAsync(language, ct);
        var known = await facts.ForAsync(interaction, mailbox.ExpectedReplyDays, withExpectation: true, ct);
        var (subject, body) = Render(language, interaction.Reference, goals.Select(g => g.Title).ToList(), known);
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

    public (string Subject, string Body) Render(string language, string reference, IReadOnlyList<string> goals, MailFacts.Facts known)
    {
        ArgumentNullException.ThrowIfNull(goals);
        using var _ = CustomerCulture.Use(language);
        var lines = new List<string>
        {
            text["Hello,"],
            "",
            text["We have received your message and opened a request with the reference {0}.", reference],
        };
        lines.AddRange(facts.ExpectationLines(known, language));
        lines.Add("");
        var promises = facts.PromiseLines(known, language);
        if (promises.Count > 0)
        {
            lines.AddRange(promises);
            lines.Add("");
        }
        if (facts.ZoneLine(known, language) is { } zone)
        {
            lines.Add(zone);
            lines.Add("");
        }
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
}
