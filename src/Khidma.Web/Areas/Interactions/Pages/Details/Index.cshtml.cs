using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Interactions.Pages.Details;

// One interaction: who, what, the stage checklist (C2), the timeline, and the agent's actions on it.
// Every write loads the entity through the visibility scope, calls its method and saves once.
public sealed class IndexModel(AppDbContext db, InteractionLookups lookups, TimeProvider clock, IStringLocalizer<InteractionsText> text,
    MailReplies mailReplies, ReferenceCache references) : PageModel
{
    // The assign form's people change rarely and are read on every view of an interaction: kept briefly, and dropped
    // by any save of a user, a role grant or a team membership on this node.
    private static readonly TimeSpan PeopleLifetime = TimeSpan.FromSeconds(30);
    private static readonly Type[] EmployeeTables = [typeof(AppUser), typeof(Microsoft.AspNetCore.Identity.IdentityUserRole<string>), typeof(Microsoft.AspNetCore.Identity.IdentityRole)];
    private static readonly Type[] MemberTables = [typeof(TeamMember)];

    public HeaderRow Header { get; private set; } = null!;
    public IReadOnlyList<StageRow> Stages { get; private set; } = [];
    public IReadOnlyList<EntryRow> Timeline { get; private set; } = [];
    public InteractionLookups.Set Lookups { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<Person> Employees { get; private set; } = [];
    public IReadOnlySet<string> TeamMembers { get; private set; } = new HashSet<string>();
    public string? FormError { get; private set; }
    // A stage ticked through htmx also refreshes the status form's list of stages not done.
    public bool RefreshUndoneOutOfBand { get; private set; }
    // Where a reply can be emailed (null: no address or no sending mailbox) and what became of emailed replies.
    public MailReplies.Route? EmailRoute { get; private set; }
    public IReadOnlyDictionary<string, MailReplies.Sent> Emailed { get; private set; } = new Dictionary<string, MailReplies.Sent>();

    public StatusInput StatusForm { get; set; } = new();
    public AssignInput AssignForm { get; set; } = new();
    public EntryInput ReplyForm { get; set; } = new();
    public EntryInput NoteForm { get; set; } = new();
    public CallInput CallForm { get; set; } = new();

    public sealed record HeaderRow(
        long Id, string Subject, long CustomerId, string CustomerName, Channel Channel, int? ServiceId, int StatusId,
        StatusCategory StatusCategory, Priority Priority, int? TeamId, string? HandlerId, string? CreatedById,
        DateTime CreatedAt, DateTime LastActivityAt, DateTime? ResolvedAt, string? SkippedStagesReason)
    {
        public string Reference => Interaction.FormatReference(Id);
        public bool IsFinished => InteractionStatus.IsFinished(StatusCategory);
    }

    public sealed record StageRow(long Id, string Key, LocalizedText Name, LocalizedText? Hint, DateTime? DoneAt, string? DoneById)
    {
        public bool IsDone => DoneAt is not null;
    }

    public sealed record EntryRow(long Id, TimelineKind Kind, string? Body, string? AuthorId, DateTime CreatedAt, string? Data);

    public sealed record Person(string Id, string Name);

    public sealed class StatusInput
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [Display(Name = "New status")]
        public int? StatusId { get; set; }

        [StringLength(2000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Why are some stages not done?")]
        public string? Reason { get; set; }
    }

    public sealed class AssignInput
    {
        [Display(Name = "Team")]
        public int? TeamId { get; set; }

        [Display(Name = "Handler")]
        public string? HandlerId { get; set; }
    }

    public sealed class EntryInput
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(20000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Text")]
        public string Body { get; set; } = "";

        // Replies only: on a channel other than email, also send the reply to the customer's email address.
        [Display(Name = "Send by email")]
        public bool SendByEmail { get; set; }
    }

    public sealed class CallInput
    {
        [Display(Name = "Direction")]
        public CallDirection Direction { get; set; } = CallDirection.In;

        [Range(0, 1440, ErrorMessage = "The field {0} must be between {1} and {2}.")]
        [Display(Name = "Duration (minutes)")]
        public int Minutes { get; set; }

        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(20000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Summary")]
        public string Summary { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        AssignForm = new AssignInput { TeamId = Header.TeamId, HandlerId = Header.HandlerId };
        StatusForm = new StatusInput { StatusId = Header.StatusId };
        return Page();
    }

    // The handler list follows the team chosen in the assign form (htmx); members of that team come first.
    public async Task<IActionResult> OnGetHandlersAsync(long id, [FromQuery(Name = "AssignForm.TeamId")] int? teamId,
        [FromQuery(Name = "AssignForm.HandlerId")] string? handlerId, CancellationToken ct)
    {
        if (!await db.Interactions.VisibleTo(User).AnyAsync(i => i.Id == id, ct)) throw new NotFoundException();
        Lookups = await lookups.GetAsync(ct);
        AssignForm = new AssignInput { TeamId = teamId, HandlerId = handlerId };
        await LoadPeopleAsync(teamId, ct);
        return Partial("_Handlers", this);
    }

    public async Task<IActionResult> OnPostStageAsync(long id, long stageId, bool done, CancellationToken ct)
    {
        var interaction = await LoadEntityAsync(id, withStages: true, ct);
        interaction.MarkStage(stageId, done, UserId, Now);
        await db.SaveChangesAsync(ct);
        if (!IsHtmx) return Redirect($"/interactions/{id}#interaction-stages");
        await LoadAsync(id, ct);
        RefreshUndoneOutOfBand = true;
        return Partial("_Stages", this);
    }

    public Task<IActionResult> OnPostReplyAsync(long id, [Bind(Prefix = nameof(ReplyForm))] EntryInput input, CancellationToken ct)
    {
        ReplyForm = input;
        return AddEntryAsync(id, TimelineKind.Reply, input.Body, null, ct, input.SendByEmail);
    }

    public Task<IActionResult> OnPostNoteAsync(long id, [Bind(Prefix = nameof(NoteForm))] EntryInput input, CancellationToken ct)
    {
        NoteForm = input;
        return AddEntryAsync(id, TimelineKind.Note, input.Body, null, ct);
    }

    public Task<IActionResult> OnPostCallAsync(long id, [Bind(Prefix = nameof(CallForm))] CallInput input, CancellationToken ct)
    {
        CallForm = input;
        return AddEntryAsync(id, TimelineKind.Call, input.Summary, CallRecord.Format(input.Direction, input.Minutes), ct);
    }

    public async Task<IActionResult> OnPostStatusAsync(long id, [Bind(Prefix = nameof(StatusForm))] StatusInput input, CancellationToken ct)
    {
        StatusForm = input;
        var interaction = await LoadEntityAsync(id, withStages: true, ct);
        if (ModelState.IsValid)
        {
            var status = await db.InteractionStatuses.FirstOrDefaultAsync(s => s.Id == input.StatusId && s.IsActive, ct);
            if (status is null)
            {
                ModelState.AddModelError($"{nameof(StatusForm)}.{nameof(StatusInput.StatusId)}", text["Choose one of the listed statuses."]);
            }
            else
            {
                try
                {
                    interaction.ChangeStatus(status, input.Reason, UserId, Now);
                    await db.SaveChangesAsync(ct);
                    return Redirect($"/interactions/{id}");
                }
                catch (DomainException e)
                {
                    ModelState.AddModelError($"{nameof(StatusForm)}.{nameof(StatusInput.Reason)}", text[e.ResourceKey, e.Args]);
                }
            }
        }
        return await FailedAsync(id, ct);
    }

    public async Task<IActionResult> OnPostAssignAsync(long id, [Bind(Prefix = nameof(AssignForm))] AssignInput input, CancellationToken ct)
    {
        AssignForm = input;
        var interaction = await LoadEntityAsync(id, withStages: false, ct);
        var handlerId = string.IsNullOrWhiteSpace(input.HandlerId) ? null : input.HandlerId;
        if (input.TeamId is { } teamId && teamId != interaction.TeamId && !await db.Teams.AnyAsync(t => t.Id == teamId && t.IsActive, ct))
            ModelState.AddModelError($"{nameof(AssignForm)}.{nameof(AssignInput.TeamId)}", text["Choose one of the listed teams."]);
        if (handlerId is not null && !await ActiveEmployees().AnyAsync(u => u.Id == handlerId, ct))
            ModelState.AddModelError($"{nameof(AssignForm)}.{nameof(AssignInput.HandlerId)}", text["The handler must be an active employee."]);
        if (!ModelState.IsValid) return await FailedAsync(id, ct);
        interaction.Assign(input.TeamId, handlerId, UserId, Now);
        await db.SaveChangesAsync(ct);
        // Handing work to another team can take it out of this person's sight: back to the inbox then.
        return await db.Interactions.VisibleTo(User).AnyAsync(i => i.Id == id, ct)
            ? Redirect($"/interactions/{id}")
            : Redirect("/interactions");
    }

    private async Task<IActionResult> AddEntryAsync(long id, TimelineKind kind, string body, string? data, CancellationToken ct, bool sendByEmail = false)
    {
        var interaction = await LoadEntityAsync(id, withStages: false, ct);
        if (kind == TimelineKind.Reply && sendByEmail && ModelState.IsValid && await mailReplies.RouteAsync(interaction, ct) is null)
            ModelState.AddModelError($"{nameof(ReplyForm)}.{nameof(EntryInput.SendByEmail)}", text["This reply cannot be emailed: the customer has no email address or no mailbox can send."]);
        if (!ModelState.IsValid)
        {
            // htmx does not swap an error response; app.js shows its text as a toast.
            if (IsHtmx) return new ContentResult
            {
                StatusCode = StatusCodes.Status422UnprocessableEntity,
                ContentType = "text/html; charset=utf-8",
                Content = $"<div class=\"alert error\" role=\"alert\">{System.Net.WebUtility.HtmlEncode(FirstError())}</div>",
            };
            return await FailedAsync(id, ct);
        }
        var entry = interaction.AddEntry(kind, body.Trim(), UserId, Now, data);
        // The reply and its outbox row are saved together; mail goes out when the interaction is answered by email or when asked.
        if (kind == TimelineKind.Reply) await mailReplies.QueueReplyAsync(interaction, entry, sendByEmail, ct);
        await db.SaveChangesAsync(ct);
        if (!IsHtmx) return Redirect($"/interactions/{id}#interaction-timeline");
        await LoadAsync(id, ct);
        return Partial("_Timeline", this);
    }

    // A failed form comes back on the full page with every posted value (the bound form properties).
    private async Task<IActionResult> FailedAsync(long id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        FormError = FirstError();
        if (AssignForm.TeamId is null && AssignForm.HandlerId is null && !Request.Form.ContainsKey($"{nameof(AssignForm)}.{nameof(AssignInput.TeamId)}"))
            AssignForm = new AssignInput { TeamId = Header.TeamId, HandlerId = Header.HandlerId };
        if (StatusForm.StatusId is null && !Request.Form.ContainsKey($"{nameof(StatusForm)}.{nameof(StatusInput.StatusId)}"))
            StatusForm = new StatusInput { StatusId = Header.StatusId };
        return Page();
    }

    private string FirstError() =>
        ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => m.Length > 0) ?? text["The request could not be processed."];

    public string NameOf(string? userId) =>
        userId is null ? "" : Names.TryGetValue(userId, out var name) ? name : text["Unknown user"];

    /// <summary>The outbox state of an emailed reply (its entry's data holds the Message-ID), or null.</summary>
    public MailReplies.Sent? EmailOf(EntryRow entry) =>
        entry.Kind == TimelineKind.Reply && entry.Data is { } d && d.StartsWith(MailReplies.EntryDataPrefix, StringComparison.Ordinal)
            && Emailed.TryGetValue(d[MailReplies.EntryDataPrefix.Length..], out var sent) ? sent : null;

    public string StageName(string? key) =>
        Stages.FirstOrDefault(s => s.Key == key)?.Name.InCurrentCulture() ?? key ?? "";

    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    private async Task<Interaction> LoadEntityAsync(long id, bool withStages, CancellationToken ct)
    {
        IQueryable<Interaction> query = withStages ? db.Interactions.Include(i => i.Stages) : db.Interactions;
        return await query.VisibleTo(User).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException();
    }

    private async Task LoadAsync(long id, CancellationToken ct)
    {
        Header = await (
            from i in db.Interactions.AsNoTracking().VisibleTo(User)
            where i.Id == id
            join c in db.Customers on i.CustomerId equals c.Id
            select new HeaderRow(i.Id, i.Subject, i.CustomerId, c.Name, i.Channel, i.ServiceId, i.StatusId, i.StatusCategory, i.Priority,
                i.TeamId, i.HandlerId, i.CreatedById, i.CreatedAt, i.LastActivityAt, i.ResolvedAt, i.SkippedStagesReason))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException();

        Stages = (await (
                from s in db.InteractionStages.AsNoTracking()
                where s.InteractionId == id
                join d in db.StageDefinitions on s.Key equals d.Key into definitions
                from d in definitions.DefaultIfEmpty()
                orderby s.Position
                select new
                {
                    s.Id, s.Key, s.Name.Ar, s.Name.En, s.Name.Fr, s.DoneAt, s.DoneById,
                    HintAr = d == null ? null : d.Hint.Ar, HintEn = d == null ? null : d.Hint.En, HintFr = d == null ? null : d.Hint.Fr,
                })
            .ToListAsync(ct))
            .Select(s => new StageRow(s.Id, s.Key, new LocalizedText(s.Ar, s.En, s.Fr),
                string.IsNullOrEmpty(s.HintAr) ? null : new LocalizedText(s.HintAr, s.HintEn, s.HintFr), s.DoneAt, s.DoneById))
            .ToList();

        Timeline = await db.TimelineEntries.AsNoTracking()
            .Where(e => e.InteractionId == id)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Select(e => new EntryRow(e.Id, e.Kind, e.Body, e.AuthorId, e.CreatedAt, e.Data))
            .ToListAsync(ct);

        Lookups = await lookups.GetCoveringAsync(
            Timeline.Where(e => e.Kind == TimelineKind.StatusChange).SelectMany(e => StatusIds(e.Data)).Select(s => ((int?)null, (int?)null, s))
                .Append((Header.TeamId, Header.ServiceId, Header.StatusId)), ct);

        var userIds = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? u) { if (!string.IsNullOrEmpty(u)) userIds.Add(u); }
        Add(Header.HandlerId);
        Add(Header.CreatedById);
        foreach (var s in Stages) Add(s.DoneById);
        foreach (var e in Timeline)
        {
            Add(e.AuthorId);
            if (e.Kind == TimelineKind.Assignment) Add(AssignmentData(e.Data).HandlerId);
        }
        Names = await NamesAsync(userIds, ct);
        EmailRoute = await mailReplies.RouteAsync(Header.Id, Header.CustomerId, Header.Channel, Header.TeamId, ct);
        Emailed = Timeline.Any(e => e.Kind == TimelineKind.Reply && e.Data is not null)
            ? await mailReplies.SentAsync(id, ct)
            : new Dictionary<string, MailReplies.Sent>();
        await LoadPeopleAsync(AssignForm.TeamId ?? Header.TeamId, ct);
    }

    // Display names for users and for API tokens ("token:12"), in two small queries.
    private async Task<Dictionary<string, string>> NamesAsync(HashSet<string> ids, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var userIds = ids.Where(i => !i.StartsWith("token:", StringComparison.Ordinal)).ToList();
        if (userIds.Count > 0)
            foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                names[u.Id] = u.DisplayName;
        var tokenIds = ids.Where(i => i.StartsWith("token:", StringComparison.Ordinal))
            .Select(i => int.TryParse(i[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0).Where(t => t > 0).ToList();
        if (tokenIds.Count > 0)
            foreach (var t in await db.ApiTokens.AsNoTracking().Where(t => tokenIds.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
                names["token:" + t.Id.ToString(CultureInfo.InvariantCulture)] = text["{0} (API)", t.Name];
        return names;
    }

    private async Task LoadPeopleAsync(int? teamId, CancellationToken ct)
    {
        Employees = await references.GetAsync<IReadOnlyList<Person>>("interactions:employees", EmployeeTables, PeopleLifetime, async () =>
            await ActiveEmployees().OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName)).ToListAsync(ct));
        TeamMembers = teamId is { } team
            ? await references.GetAsync<IReadOnlySet<string>>(string.Create(CultureInfo.InvariantCulture, $"interactions:team-members:{team}"), MemberTables, PeopleLifetime, async () =>
                (await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == team).Select(m => m.UserId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal))
            : new HashSet<string>();
    }

    private IQueryable<AppUser> ActiveEmployees()
    {
        var roles = Roles.Employees;
        return db.Users.AsNoTracking().Where(u => u.IsActive
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))));
    }

    public static IEnumerable<int> StatusIds(string? data)
    {
        var parts = (data ?? "").Split("->");
        foreach (var p in parts)
            if (int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) yield return v;
    }

    public static (int? TeamId, string? HandlerId) AssignmentData(string? data)
    {
        var parts = (data ?? "").Split('|', 2);
        int? team = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
        var handler = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        return (team, handler);
    }
}
