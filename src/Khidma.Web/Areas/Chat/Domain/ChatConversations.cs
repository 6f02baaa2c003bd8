using System.Globalization;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Auth;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Chat.Domain;

/// <summary>
/// Live chat with website visitors: a conversation is a Chat interaction (opened through
/// <see cref="CreateInteraction"/>), the visitor's lines are customer messages and the agents' are replies.
/// Used by the widget's endpoints and by the chat hub.
/// </summary>
public sealed class ChatConversations(AppDbContext db, CreateInteraction create, TimeProvider clock, IStringLocalizerFactory localizers)
{
    public static readonly string[] Languages = ["ar", "en", "fr"];

    public sealed record Visitor(string? Name, string? Email, string? Message, string? Language);

    /// <summary>A started conversation and the secret the visitor's browser keeps (only its hash is stored).</summary>
    public sealed record Started(long ConversationId, long InteractionId, string Token);

    /// <summary>A line of the transcript as the visitor sees it: no notes, no internal entries.</summary>
    public sealed record Line(long Id, bool FromVisitor, string? AgentName, string Body, DateTime At);

    public static string Language(string? lang) =>
        lang is { Length: >= 2 } l && Languages.Contains(l[..2].ToLowerInvariant()) ? l[..2].ToLowerInvariant() : "ar";

    /// <summary>What is wrong with the visitor's form, as resource keys by field; empty when it is fine.</summary>
    public static Dictionary<string, string> Validate(Visitor visitor, bool emailRequired)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = visitor.Name?.Trim() ?? "";
        if (name.Length == 0) errors["name"] = "Write your name.";
        else if (name.Length > ChatConversation.NameMaxLength) errors["name"] = "The name is too long.";
        var email = visitor.Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            if (emailRequired) errors["email"] = "Write your email address so that we can answer you.";
        }
        else if (email.Length > ChatConversation.EmailMaxLength || !ContactNormalizer.IsValidEmail(ContactNormalizer.NormalizeEmail(email)))
        {
            errors["email"] = "This email address does not look right.";
        }
        var message = visitor.Message?.Trim() ?? "";
        if (message.Length == 0) errors["message"] = "Write your message.";
        else if (message.Length > ChatConversation.MessageMaxLength) errors["message"] = "The message is too long.";
        return errors;
    }

    public async Task<Started> StartAsync(Visitor visitor, CancellationToken ct)
    {
        var token = AuthSetup.NewToken();
        var conversation = await OpenAsync(visitor, AuthSetup.HashToken(token), answerByEmail: false, ct);
        return new Started(conversation.Id, conversation.InteractionId, token);
    }

    /// <summary>Nobody was online: the message becomes a Chat interaction that the team answers by email.</summary>
    public async Task<long> LeaveMessageAsync(Visitor visitor, CancellationToken ct)
    {
        var conversation = await OpenAsync(visitor, null, answerByEmail: true, ct);
        return conversation.InteractionId;
    }

    private async Task<ChatConversation> OpenAsync(Visitor visitor, string? tokenHash, bool answerByEmail, CancellationToken ct)
    {
        var language = Language(visitor.Language);
        var name = visitor.Name!.Trim();
        var email = string.IsNullOrWhiteSpace(visitor.Email) ? null : visitor.Email.Trim();
        var message = visitor.Message!.Trim();
        var now = clock.GetUtcNow().UtcDateTime;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customerId = await CustomerAsync(name, email, language, now, ct);
        var firstLine = message.ReplaceLineEndings(" ");
        var outcome = await create.RunAsync(new CreateInteraction.Request(
            customerId, null, Channel.Chat, firstLine.Length > 80 ? firstLine[..80].TrimEnd() + "…" : firstLine,
            message, null, Priority.Normal, null), userId: null, ct);
        if (!outcome.Succeeded)
            throw new InvalidOperationException("A validated chat could not open an interaction: " + string.Join(", ", outcome.Errors.Select(e => e.MessageKey)));
        var interaction = outcome.Interaction!;
        if (answerByEmail)
        {
            // Recorded for the team in the company's language (Arabic): the answer must go by email.
            var text = localizers.Create(typeof(ChatText));
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ar");
            var note = text["Left through the chat widget while no agent was online: answer by email to {0}.", email ?? ""].Value;
            CultureInfo.CurrentUICulture = previous;
            interaction.AddEntry(TimelineKind.System, note, null, now, "chat:answer-by-email");
        }
        var conversation = new ChatConversation
        {
            InteractionId = interaction.Id,
            TokenHash = tokenHash,
            VisitorName = name,
            VisitorEmail = email,
            Language = language,
            AnswerByEmail = answerByEmail,
            CreatedAt = now,
        };
        db.Set<ChatConversation>().Add(conversation);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return conversation;
    }

    // The visitor is matched by email when they give one; otherwise (or when unknown) a new customer is created.
    private async Task<long> CustomerAsync(string name, string? email, string language, DateTime now, CancellationToken ct)
    {
        var normalized = email is null ? null : ContactNormalizer.NormalizeEmail(email);
        if (normalized is not null)
        {
            var existing = await CustomerContacts.CustomerIdByAsync(db.CustomerContacts, ContactKind.Email, normalized, ct);
            if (existing is { } id) return id;
        }
        var customer = new Customer { Name = name, Language = language, CreatedAt = now, UpdatedAt = now };
        if (normalized is not null)
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Email, Value = email!, Normalized = normalized });
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return customer.Id;
    }

    /// <summary>The conversation whose secret this is, or null.</summary>
    public async Task<ChatConversation?> AuthenticateAsync(long conversationId, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var hash = AuthSetup.HashToken(token);
        var row = await db.Set<ChatConversation>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId && c.TokenHash == hash, ct);
        return row;
    }

    public async Task AddVisitorMessageAsync(ChatConversation conversation, string? message, CancellationToken ct)
    {
        var body = message?.Trim() ?? "";
        if (body.Length == 0) return;
        if (body.Length > ChatConversation.MessageMaxLength) throw new Platform.Errors.DomainException("The message is too long.");
        var interaction = await db.Interactions.FirstAsync(i => i.Id == conversation.InteractionId, ct);
        interaction.AddEntry(TimelineKind.CustomerMessage, body, null, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<Line>> TranscriptAsync(long interactionId, long afterId, CancellationToken ct)
    {
        var rows = await db.TimelineEntries.AsNoTracking()
            .Where(e => e.InteractionId == interactionId && e.Id > afterId
                && (e.Kind == TimelineKind.CustomerMessage || e.Kind == TimelineKind.Reply))
            .OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Kind, e.Body, e.AuthorId, e.CreatedAt })
            .Take(500)
            .ToListAsync(ct);
        var authorIds = rows.Where(r => r.Kind == TimelineKind.Reply && r.AuthorId != null).Select(r => r.AuthorId!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(r => new Line(r.Id, r.Kind == TimelineKind.CustomerMessage,
            r.Kind == TimelineKind.Reply && r.AuthorId is not null && names.TryGetValue(r.AuthorId, out var n) ? n : null,
            r.Body ?? "", r.CreatedAt)).ToList();
    }
}
