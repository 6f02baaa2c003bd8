using System.Security.Claims;
using System.Text.Json;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Interactions.Api;

/// <summary>The interactions REST API (X6): open, read, list and add to interactions.</summary>
public static class InteractionsApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;
    private const int MaxReplyLength = 20000;

    /// <summary>Adds <c>/interactions</c> endpoints to the <c>/api/v1</c> group.</summary>
    public static RouteGroupBuilder MapInteractionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/interactions").WithTags("Interactions");

        group.MapPost("/", CreateAsync)
            .WithName("CreateInteraction")
            .WithSummary("Open an interaction")
            .WithDescription("Opens an interaction for an existing customer with the default status, the service's stages (or the default stages) and the customer's first message on its timeline. The channel is one of walkIn, phone, email, web, chat, fax; the priority one of low, normal, high, urgent.")
            .Produces<InteractionDetail>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        group.MapGet("/{id:long}", GetAsync)
            .WithName("GetInteraction")
            .WithSummary("Read an interaction with its status, stages and timeline")
            .Produces<InteractionDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", ListAsync)
            .WithName("ListInteractions")
            .WithSummary("List interactions, newest activity first")
            .WithDescription("Keyset-paged: pass the previous page's `next` as `after` to read the following page. `status` is a status id; `category` one of new, open, waitingOnCustomer, resolved, closed.")
            .Produces<InteractionPage>()
            .ProducesValidationProblem();

        group.MapPost("/{id:long}/entries", AddEntryAsync)
            .WithName("AddInteractionEntry")
            .WithSummary("Add a note, a reply, a customer message or a call record to the timeline")
            .Produces<EntryItem>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:long}/replies", AddReplyAsync)
            .WithName("AddInteractionReply")
            .WithSummary("Reply to the customer")
            .WithDescription("Adds a reply to the timeline. On an email interaction (and on a chat message left while nobody was online) the reply is emailed to the customer exactly like a reply from the console: through the outbox, threaded, with the reference in the subject and the open promises below the text. On other channels pass `sendByEmail: true` to email it as well; the customer must have an email address and a mailbox must be able to send, otherwise 422 and nothing is added.")
            .Produces<ReplyItem>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return api;
    }

    /// <summary>A new interaction.</summary>
    /// <param name="CustomerId">The customer's id.</param>
    /// <param name="Channel">walkIn, phone, email, web, chat or fax.</param>
    /// <param name="Subject">A short subject (at most 300 characters).</param>
    /// <param name="Body">What the customer said or asked for: the first timeline entry.</param>
    /// <param name="ServiceId">The service asked for, if known.</param>
    /// <param name="Priority">low, normal (default), high or urgent.</param>
    /// <param name="TeamId">The team; defaults to the service's team.</param>
    public sealed record CreateRequest(long? CustomerId, string? Channel, string? Subject, string? Body, int? ServiceId = null, string? Priority = null, int? TeamId = null);

    /// <summary>A timeline entry to add.</summary>
    /// <param name="Kind">note, reply, customerMessage or call.</param>
    /// <param name="Body">The text (for a call: its summary).</param>
    /// <param name="Direction">For a call: in (default) or out.</param>
    /// <param name="Minutes">For a call: its duration in minutes.</param>
    public sealed record EntryRequest(string? Kind, string? Body, string? Direction = null, int? Minutes = null);

    /// <summary>A reply to the customer.</summary>
    /// <param name="Body">The text of the reply (at most 20000 characters).</param>
    /// <param name="SendByEmail">Also email it when the interaction is not an email one (phone, walk-in, web, chat, fax).</param>
    public sealed record ReplyRequest(string? Body, bool? SendByEmail = null);

    /// <summary>The added reply and, when it is emailed, its outbox message.</summary>
    public sealed record ReplyItem(EntryItem Entry, ReplyEmail? Email);

    /// <summary>An emailed reply: the outbox row, its Message-ID, the recipient and the state (queued, sent, failed).</summary>
    public sealed record ReplyEmail(long OutboxId, string MessageId, string To, string State);

    public sealed record StatusItem(int Id, string Name, string Category);

    public sealed record StageItem(long Id, string Key, string Name, bool Done, DateTime? DoneAt, string? DoneById);

    public sealed record EntryItem(long Id, string Kind, string? Body, string? AuthorId, DateTime CreatedAt, string? Data);

    public sealed record InteractionDetail(
        long Id, string Reference, long CustomerId, string Channel, string Subject, int? ServiceId, StatusItem Status, string Priority,
        int? TeamId, string? HandlerId, string? CreatedById, DateTime CreatedAt, DateTime LastActivityAt, DateTime? ResolvedAt,
        string? SkippedStagesReason, IReadOnlyList<StageItem> Stages, IReadOnlyList<EntryItem> Timeline,
        Timeliness.Domain.SlaJson? Sla = null);

    public sealed record InteractionSummary(
        long Id, string Reference, long CustomerId, string CustomerName, string Channel, string Subject, int? ServiceId, StatusItem Status,
        string Priority, int? TeamId, string? HandlerId, DateTime CreatedAt, DateTime LastActivityAt);

    public sealed record InteractionPage(IReadOnlyList<InteractionSummary> Items, string? Next);

    private static async Task<Results<Created<InteractionDetail>, ValidationProblem>> CreateAsync(
        CreateRequest body, ClaimsPrincipal user, CreateInteraction create, InteractionLookups lookups,
        IStringLocalizer<InteractionsText> text, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var channel = ParseEnum<Channel>(body.Channel, "channel", "Channel must be one of: {0}.", required: true, errors, text);
        var priority = ParseEnum<Priority>(body.Priority, "priority", "Priority must be one of: {0}.", required: false, errors, text) ?? Priority.Normal;
        if (body.CustomerId is null) errors["customerId"] = [text["The customer id is required."]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: text["The request is not valid."]);

        var outcome = await create.RunGroupedAsync(
            new CreateInteraction.Request(body.CustomerId, null, channel!.Value, body.Subject ?? "", body.Body ?? "", body.ServiceId, priority, body.TeamId),
            user.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        if (outcome.Interaction is not { } created)
        {
            foreach (var error in outcome.Errors)
                errors[JsonNamingPolicy.CamelCase.ConvertName(error.Field)] = [text[error.MessageKey]];
            return TypedResults.ValidationProblem(errors, title: text["The request is not valid."]);
        }
        // The saved entity carries every id and value the row has, so the answer needs no read back.
        var names = await lookups.GetCoveringAsync([(created.TeamId, created.ServiceId, created.StatusId)], ct);
        return TypedResults.Created($"/api/v1/interactions/{created.Id}", Detail(created, names));
    }

    private static async Task<Results<Ok<InteractionDetail>, NotFound>> GetAsync(
        long id, ClaimsPrincipal user, AppDbContext db, InteractionLookups lookups, TimeProvider clock, CancellationToken ct)
    {
        var detail = await DetailAsync(db, db.Interactions.AsNoTracking().VisibleTo(user).Where(i => i.Id == id), lookups, ct);
        return detail is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(detail with { Sla = await Timeliness.Domain.SlaJson.ForAsync(db, id, clock, ct) });
    }

    private static async Task<Results<Ok<InteractionPage>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, AppDbContext db, InteractionLookups lookups, IStringLocalizer<InteractionsText> text, CancellationToken ct,
        int? status = null, string? category = null, string? channel = null, int? teamId = null, long? customerId = null,
        string? after = null, int? limit = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsedCategory = ParseEnum<StatusCategory>(category, "category", "Category must be one of: {0}.", required: false, errors, text);
        var parsedChannel = ParseEnum<Channel>(channel, "channel", "Channel must be one of: {0}.", required: false, errors, text);
        var cursor = Cursor.Parse(after);
        if (!string.IsNullOrEmpty(after) && cursor is null) errors["after"] = [text["Pass the next value of the previous page."]];
        if (limit is < 1 or > MaxLimit) errors["limit"] = [text["The limit must be between {0} and {1}.", 1, MaxLimit]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: text["The request is not valid."]);

        var criteria = new InteractionCriteria
        {
            StatusId = status,
            Categories = parsedCategory is { } c ? [c] : null,
            Channel = parsedChannel,
            TeamId = teamId,
            CustomerId = customerId,
            After = cursor,
        };
        var (rows, next) = await InteractionQuery.PageAsync(db, db.Interactions.VisibleTo(user), criteria, limit ?? DefaultLimit, ct);
        var names = await lookups.GetCoveringAsync(rows.Select(r => (r.TeamId, r.ServiceId, r.StatusId)), ct);
        var items = rows.Select(r => new InteractionSummary(r.Id, r.Reference, r.CustomerId, r.CustomerName, Name(r.Channel), r.Subject,
                r.ServiceId, Status(names, r.StatusId, r.StatusCategory), Name(r.Priority), r.TeamId, r.HandlerId, r.CreatedAt, r.LastActivityAt))
            .ToList();
        return TypedResults.Ok(new InteractionPage(items, next?.Format()));
    }

    private static async Task<Results<Created<EntryItem>, ValidationProblem, NotFound>> AddEntryAsync(
        long id, EntryRequest body, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, IStringLocalizer<InteractionsText> text,
        MailReplies mailReplies, CancellationToken ct)
    {
        var interaction = await db.Interactions.VisibleTo(user).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (interaction is null) return TypedResults.NotFound();

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        TimelineKind? kind = body.Kind?.Trim().ToLowerInvariant() switch
        {
            "note" => TimelineKind.Note,
            "reply" => TimelineKind.Reply,
            "customermessage" => TimelineKind.CustomerMessage,
            "call" => TimelineKind.Call,
            _ => null,
        };
        if (kind is null) errors["kind"] = [text["Kind must be one of: {0}.", "note, reply, customerMessage, call"]];
        var entryBody = body.Body?.Trim() ?? "";
        if (entryBody.Length == 0) errors["body"] = [text["Write the text of the entry."]];
        var direction = ParseEnum<CallDirection>(body.Direction, "direction", "Direction must be one of: {0}.", required: false, errors, text);
        if (body.Minutes is < 0 or > 1440) errors["minutes"] = [text["The limit must be between {0} and {1}.", 0, 1440]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: text["The request is not valid."]);

        var data = kind == TimelineKind.Call ? CallRecord.Format(direction ?? CallDirection.In, body.Minutes ?? 0) : null;
        var entry = interaction.AddEntry(kind!.Value, entryBody, user.FindFirstValue(ClaimTypes.NameIdentifier), clock.GetUtcNow().UtcDateTime, data);
        // A reply on an email interaction goes out by email, as from the console.
        if (kind == TimelineKind.Reply) await mailReplies.QueueReplyAsync(interaction, entry, sendByEmail: false, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/interactions/{id}", Entry(entry.Id, entry.Kind, entry.Body, entry.AuthorId, entry.CreatedAt, entry.Data));
    }

    private static async Task<Results<Created<ReplyItem>, ValidationProblem, ProblemHttpResult>> AddReplyAsync(
        long id, ReplyRequest body, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, IStringLocalizer<InteractionsText> text,
        MailReplies mailReplies, CancellationToken ct)
    {
        var interaction = await db.Interactions.VisibleTo(user).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (interaction is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["The interaction was not found."]);

        var replyBody = body.Body?.Trim() ?? "";
        if (replyBody.Length == 0 || replyBody.Length > MaxReplyLength)
        {
            var message = replyBody.Length == 0 ? text["Write the text of the entry."] : text["The reply is too long (at most {0} characters).", MaxReplyLength];
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [message] }, title: text["The request is not valid."]);
        }
        var sendByEmail = body.SendByEmail == true;
        var route = await mailReplies.RouteAsync(interaction, ct);
        if (sendByEmail && route is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: text["This reply cannot be emailed: the customer has no email address or no mailbox can send."]);

        var entry = interaction.AddEntry(TimelineKind.Reply, replyBody, user.FindFirstValue(ClaimTypes.NameIdentifier), clock.GetUtcNow().UtcDateTime);
        var mail = await mailReplies.QueueReplyAsync(interaction, entry, sendByEmail, ct);
        await db.SaveChangesAsync(ct);
        var email = mail is null ? null : new ReplyEmail(mail.Id, mail.MessageId, mail.ToAddresses, Name(mail.State));
        return TypedResults.Created($"/api/v1/interactions/{id}",
            new ReplyItem(Entry(entry.Id, entry.Kind, entry.Body, entry.AuthorId, entry.CreatedAt, entry.Data), email));
    }

    private static async Task<InteractionDetail?> DetailAsync(AppDbContext db, IQueryable<Interaction> one, InteractionLookups lookups, CancellationToken ct)
    {
        var i = await one.Select(i => new
        {
            i.Id, i.CustomerId, i.Channel, i.Subject, i.ServiceId, i.StatusId, i.StatusCategory, i.Priority, i.TeamId, i.HandlerId,
            i.CreatedById, i.CreatedAt, i.LastActivityAt, i.ResolvedAt, i.SkippedStagesReason,
        }).FirstOrDefaultAsync(ct);
        if (i is null) return null;
        var stages = await db.InteractionStages.AsNoTracking()
            .Where(s => s.InteractionId == i.Id)
            .OrderBy(s => s.Position)
            .Select(s => new { s.Id, s.Key, s.Name.Ar, s.Name.En, s.Name.Fr, s.DoneAt, s.DoneById })
            .ToListAsync(ct);
        var timeline = await db.TimelineEntries.AsNoTracking()
            .Where(e => e.InteractionId == i.Id)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Kind, e.Body, e.AuthorId, e.CreatedAt, e.Data })
            .ToListAsync(ct);
        var names = await lookups.GetCoveringAsync([(i.TeamId, i.ServiceId, i.StatusId)], ct);
        return new InteractionDetail(
            i.Id, Interaction.FormatReference(i.Id), i.CustomerId, Name(i.Channel), i.Subject, i.ServiceId,
            Status(names, i.StatusId, i.StatusCategory), Name(i.Priority), i.TeamId, i.HandlerId, i.CreatedById,
            i.CreatedAt, i.LastActivityAt, i.ResolvedAt, i.SkippedStagesReason,
            stages.Select(s => new StageItem(s.Id, s.Key, new LocalizedText(s.Ar, s.En, s.Fr).InCurrentCulture(), s.DoneAt is not null, s.DoneAt, s.DoneById)).ToList(),
            timeline.Select(e => Entry(e.Id, e.Kind, e.Body, e.AuthorId, e.CreatedAt, e.Data)).ToList());
    }

    private static InteractionDetail Detail(Interaction i, InteractionLookups.Set names) => new(
        i.Id, i.Reference, i.CustomerId, Name(i.Channel), i.Subject, i.ServiceId,
        Status(names, i.StatusId, i.StatusCategory), Name(i.Priority), i.TeamId, i.HandlerId, i.CreatedById,
        i.CreatedAt, i.LastActivityAt, i.ResolvedAt, i.SkippedStagesReason,
        i.Stages.OrderBy(s => s.Position).Select(s => new StageItem(s.Id, s.Key, s.Name.InCurrentCulture(), s.DoneAt is not null, s.DoneAt, s.DoneById)).ToList(),
        i.Timeline.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Select(e => Entry(e.Id, e.Kind, e.Body, e.AuthorId, e.CreatedAt, e.Data)).ToList());

    private static EntryItem Entry(long id, TimelineKind kind, string? body, string? authorId, DateTime createdAt, string? data) =>
        new(id, Name(kind), body, authorId, createdAt, data);

    private static StatusItem Status(InteractionLookups.Set names, int statusId, StatusCategory category) =>
        new(statusId, names.StatusName(statusId), Name(category));

    // Enum values travel in camelCase ("walkIn", "waitingOnCustomer"), the way the requests spell them.
    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static T? ParseEnum<T>(string? value, string field, string messageKey, bool required, Dictionary<string, string[]> errors,
        IStringLocalizer text) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors[field] = [text[messageKey, Allowed<T>()]];
            return null;
        }
        // Names only: "1" is not a channel, whatever its position in the enum.
        var match = Enum.GetValues<T>().Where(v => string.Equals(v.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase)).Cast<T?>().FirstOrDefault();
        if (match is null) errors[field] = [text[messageKey, Allowed<T>()]];
        return match;
    }

    private static string Allowed<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => Name(v)));
}
