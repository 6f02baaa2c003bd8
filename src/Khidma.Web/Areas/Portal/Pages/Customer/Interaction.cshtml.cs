using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Portal.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Portal.Pages.Customer;

// One of the customer's requests as the customer sees it: their messages and our replies (never internal notes,
// stages or assignments), the status in words, the open promises with their due times, the expected time,
// and a form to answer with files.
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
[RequestSizeLimit(64L * 1024 * 1024)]
public sealed class InteractionModel(AppDbContext db, CustomerReply reply, PortalFiles files, ExpectedReply expected,
    IStringLocalizer<PortalText> text, TimeProvider clock) : PageModel
{
    private static readonly TimelineKind[] PublicKinds = [TimelineKind.CustomerMessage, TimelineKind.Reply, TimelineKind.StatusChange];

    public sealed record HeaderRow(long Id, string Subject, int StatusId, StatusCategory Category, int? ServiceId, Channel Channel,
        Priority Priority, DateTime CreatedAt, DateTime? ResolvedAt)
    {
        public string Reference => Interaction.FormatReference(Id);
    }

    public sealed record EntryRow(long Id, TimelineKind Kind, string? Body, DateTime CreatedAt, string? Data);

    public sealed record PromiseRow(long Id, string What, DateTime DueAt);

    public sealed class ReplyInput
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(Contact.IndexModel.MessageMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Your answer")]
        public string Body { get; set; } = "";
    }

    [BindProperty]
    public ReplyInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public HeaderRow Header { get; private set; } = null!;
    public IReadOnlyList<EntryRow> Timeline { get; private set; } = [];
    public ILookup<long, PortalFiles.FileRow> EntryFiles { get; private set; } = Array.Empty<PortalFiles.FileRow>().ToLookup(f => f.EntryId);
    public IReadOnlyList<PromiseRow> Promises { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Statuses { get; private set; } = new Dictionary<int, string>();
    public Expectation? Expected { get; private set; }
    public string? ServiceName { get; private set; }
    public DateTime Now { get; private set; }
    public bool Replied { get; private set; }
    public bool FilesToChooseAgain { get; private set; }
    public int MaxFileMb => files.MaxFileMb;

    public async Task OnGetAsync(long id, bool replied, CancellationToken ct)
    {
        Replied = replied;
        await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostReplyAsync(long id, CancellationToken ct)
    {
        var customerId = PortalUser.CustomerId(User);
        // Checked before reading any file: another customer's id is a 404 whatever was posted.
        if (!await db.Interactions.AsNoTracking().AnyAsync(i => i.Id == id && i.CustomerId == customerId, ct)) throw new NotFoundException();
        var (uploads, problems) = await files.ReadAsync(Files, ct);
        foreach (var p in problems)
            ModelState.AddModelError(nameof(Files), text[p.Key, p.FileName, p.LimitMb]);
        if (!ModelState.IsValid)
        {
            FilesToChooseAgain = Files.Count > 0;
            await LoadAsync(id, ct);
            return Page();
        }
        var entry = await reply.AddAsync(id, customerId, Input.Body, uploads, ct);
        return Redirect($"/portal/interactions/{id}?replied=true#entry-{entry.Id}");
    }

    private async Task LoadAsync(long id, CancellationToken ct)
    {
        var customerId = PortalUser.CustomerId(User);
        Now = clock.GetUtcNow().UtcDateTime;
        Header = await db.Interactions.AsNoTracking()
            .Where(i => i.Id == id && i.CustomerId == customerId)
            .Select(i => new HeaderRow(i.Id, i.Subject, i.StatusId, i.StatusCategory, i.ServiceId, i.Channel, i.Priority, i.CreatedAt, i.ResolvedAt))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        Timeline = await db.TimelineEntries.AsNoTracking()
            .Where(e => e.InteractionId == id && PublicKinds.Contains(e.Kind))
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Select(e => new EntryRow(e.Id, e.Kind, e.Body, e.CreatedAt, e.Data))
            .ToListAsync(ct);
        EntryFiles = await PortalFiles.ForEntriesAsync(db, Timeline.Where(e => e.Data == PortalFiles.Marker).Select(e => e.Id).ToList(), ct);
        Promises = await db.Set<Promise>().AsNoTracking()
            .Where(p => p.InteractionId == id && p.CustomerId == customerId && p.Status == PromiseStatus.Open)
            .OrderBy(p => p.DueAt)
            .Select(p => new PromiseRow(p.Id, p.What, p.DueAt))
            .ToListAsync(ct);
        Statuses = await PortalUser.StatusNamesAsync(db, ct);
        if (Header.ServiceId is { } serviceId)
        {
            var name = await db.Services.AsNoTracking().Where(s => s.Id == serviceId)
                .Select(s => new { s.Name.Ar, s.Name.En, s.Name.Fr }).FirstOrDefaultAsync(ct);
            ServiceName = name is null ? null : new LocalizedText(name.Ar, name.En, name.Fr).InCurrentCulture();
        }
        if (!PortalUser.IsFinished(Header.Category))
            Expected = await expected.ForAsync(Header.ServiceId, Header.Channel, Header.Priority, Header.CreatedAt, ct);
    }
}
