using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Customers.Pages.Profile;

// Customer 360 (P2): the profile, the contacts, the lifecycle, shared notes and every interaction the reader may see.
public sealed class ProfileModel(AppDbContext db, BackgroundAccess backgroundAccess, IStringLocalizerFactory localizers, TimeProvider clock) : PageModel
{
    public const int InteractionsPageSize = 50;
    public static readonly string[] LifecycleEditors = [Roles.Admin, Roles.Manager, Roles.Supervisor];

    private readonly IStringLocalizer text = ModuleLocalizer.For(typeof(CustomersText), localizers);

    [BindProperty(SupportsGet = true, Name = "id")]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "older")]
    public string? Older { get; set; }

    [BindProperty]
    public LifecycleInput Lifecycle { get; set; } = new();

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    public Card Customer { get; private set; } = null!;
    public IReadOnlyList<ContactView> Contacts { get; private set; } = [];
    public IReadOnlyList<InteractionRow> Interactions { get; private set; } = [];
    public string? OlderCursor { get; private set; }
    public IReadOnlyList<ChannelCount> ByChannel { get; private set; } = [];
    public int OpenCount { get; private set; }
    public int ResolvedCount { get; private set; }
    public IReadOnlyList<NoteRow> Notes { get; private set; } = [];
    public bool ShowBackground { get; private set; }
    public bool MayEditLifecycle => LifecycleEditors.Any(User.IsInRole);
    public bool MayExport => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Manager);
    public bool MayErase => User.IsInRole(Roles.Admin);
    public string? Flash { get; private set; }

    public sealed record Card(long Id, string Name, string Language, string? Organization, CustomerType Type, string? HowToDeal, string? Motives,
        Lifecycle Lifecycle, string? LostReason, DateTime CreatedAt, DateTime? ConsentAt, string? ConsentNote, Background Background, bool IsErased, int Version);

    public sealed record ContactView(ContactKind Kind, string Value, string? Label);

    public sealed record InteractionRow(long Id, Channel Channel, string Subject, LocalizedText Status, StatusCategory Category, Priority Priority,
        string? Team, string? Handler, DateTime CreatedAt, DateTime LastActivityAt);

    public sealed record ChannelCount(Channel Channel, int Total, int Open);

    public sealed record NoteRow(long Id, string Body, string? Author, DateTime CreatedAt);

    public sealed class LifecycleInput
    {
        [Display(Name = "Lifecycle")]
        public Lifecycle Value { get; set; }

        [Display(Name = "Why the customer was lost")]
        [StringLength(1000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? LostReason { get; set; }
    }

    public sealed class NoteInput
    {
        [Display(Name = "Note")]
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? Body { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Flash = TempData["customers.saved"] as string;
        await LoadAsync(ct);
    }

    // "Older interactions": the next page of the interaction list.
    public async Task<IActionResult> OnGetInteractionsAsync(CancellationToken ct)
    {
        await EnsureExistsAsync(ct);
        await LoadInteractionsAsync(ct);
        return Partial("_Interactions", this);
    }

    public async Task<IActionResult> OnPostLifecycleAsync(CancellationToken ct)
    {
        if (!MayEditLifecycle) return Forbid();
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == Id, ct) ?? throw new NotFoundException();
        KeepValidationOf(nameof(Lifecycle));
        if (ModelState.IsValid)
        {
            try
            {
                customer.SetLifecycle(Lifecycle.Value, Lifecycle.LostReason, clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(ct);
                if (!IsHtmx) return Redirect($"/customers/{Id}");
            }
            catch (DomainException e)
            {
                ModelState.AddModelError("Lifecycle.LostReason", text[e.ResourceKey, e.Args]);
            }
        }
        if (!IsHtmx)
        {
            await LoadAsync(ct, keepLifecycleInput: true);
            return Page();
        }
        Customer = await CardAsync(ct);
        if (ModelState.IsValid) Lifecycle = new LifecycleInput { Value = Customer.Lifecycle, LostReason = Customer.LostReason };
        return Partial("_Lifecycle", this);
    }

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken ct)
    {
        await EnsureExistsAsync(ct);
        KeepValidationOf(nameof(Note));
        if (ModelState.IsValid)
        {
            db.CustomerNotes().Add(new CustomerNote
            {
                CustomerId = Id,
                Body = Note.Body!.Trim(),
                AuthorId = User.FindFirstValue(ClaimTypes.NameIdentifier),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);
            if (!IsHtmx) return Redirect($"/customers/{Id}#customer-notes");
            Note = new NoteInput();
            ModelState.Clear();
        }
        if (!IsHtmx)
        {
            await LoadAsync(ct);
            return Page();
        }
        await LoadNotesAsync(ct);
        return Partial("_Notes", this);
    }

    // Each form posts one input; the other one (bound with an empty prefix when absent) must not fail validation.
    private void KeepValidationOf(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
            ModelState.Remove(key);
    }

    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    private async Task EnsureExistsAsync(CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == Id, ct)) throw new NotFoundException();
    }

    private async Task LoadAsync(CancellationToken ct, bool keepLifecycleInput = false)
    {
        Customer = await CardAsync(ct);
        if (!keepLifecycleInput) Lifecycle = new LifecycleInput { Value = Customer.Lifecycle, LostReason = Customer.LostReason };
        ShowBackground = Customer.ConsentAt is not null && await backgroundAccess.AllowsAsync(User, ct);
        Contacts = await db.CustomerContacts.AsNoTracking()
            .Where(c => c.CustomerId == Id)
            .OrderBy(c => c.Kind).ThenBy(c => c.Id)
            .Select(c => new ContactView(c.Kind, c.Value, c.Label))
            .ToListAsync(ct);
        await LoadNotesAsync(ct);
        await LoadInteractionsAsync(ct);

        // Bounded by one customer's interactions and answered from the (customer_id, created_at) index.
        var counts = await db.Interactions.AsNoTracking().VisibleTo(User)
            .Where(i => i.CustomerId == Id)
            .GroupBy(i => new { i.Channel, i.StatusCategory })
            .Select(g => new { g.Key.Channel, g.Key.StatusCategory, Count = g.Count() })
            .ToListAsync(ct);
        ByChannel = counts.GroupBy(c => c.Channel)
            .Select(g => new ChannelCount(g.Key, g.Sum(x => x.Count), g.Where(x => !InteractionStatus.IsFinished(x.StatusCategory)).Sum(x => x.Count)))
            .OrderByDescending(c => c.Total).ThenBy(c => c.Channel)
            .ToList();
        OpenCount = counts.Where(c => !InteractionStatus.IsFinished(c.StatusCategory)).Sum(c => c.Count);
        ResolvedCount = counts.Where(c => InteractionStatus.IsFinished(c.StatusCategory)).Sum(c => c.Count);
    }

    private async Task<Card> CardAsync(CancellationToken ct)
    {
        var card = await db.Customers.AsNoTracking()
            .Where(c => c.Id == Id)
            .Select(c => new Card(c.Id, c.Name, c.Language, c.Organization, c.Type, c.HowToDeal, c.Motives, c.Lifecycle, c.LostReason,
                c.CreatedAt, c.ConsentAt, c.ConsentNote, new Background(c.Education, c.WorkExperience, c.Region, c.Customs, c.Interests),
                false, c.Version))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        return card with { IsErased = card.Name == Domain.Customer.ErasedName(card.Id) };
    }

    private async Task LoadNotesAsync(CancellationToken ct) =>
        Notes = await db.CustomerNotes().AsNoTracking()
            .Where(n => n.CustomerId == Id)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(n => new NoteRow(n.Id, n.Body, db.Users.Where(u => u.Id == n.AuthorId).Select(u => u.DisplayName).FirstOrDefault(), n.CreatedAt))
            .ToListAsync(ct);

    private async Task LoadInteractionsAsync(CancellationToken ct)
    {
        var query = db.Interactions.AsNoTracking().VisibleTo(User).Where(i => i.CustomerId == Id);
        if (ParseCursor(Older) is { } cursor)
        {
            var (at, id) = cursor;
            query = query.Where(i => i.CreatedAt < at || (i.CreatedAt == at && i.Id < id));
        }
        var rows = await (
                from i in query
                join s in db.InteractionStatuses on i.StatusId equals s.Id
                orderby i.CreatedAt descending, i.Id descending
                select new InteractionRow(i.Id, i.Channel, i.Subject, s.Name, i.StatusCategory, i.Priority,
                    db.Teams.Where(t => t.Id == i.TeamId).Select(t => t.Name).FirstOrDefault(),
                    db.Users.Where(u => u.Id == i.HandlerId).Select(u => u.DisplayName).FirstOrDefault(),
                    i.CreatedAt, i.LastActivityAt))
            .Take(InteractionsPageSize + 1)
            .ToListAsync(ct);
        if (rows.Count > InteractionsPageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            OlderCursor = rows[^1].CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture) + "-" + rows[^1].Id.ToString(CultureInfo.InvariantCulture);
        }
        Interactions = rows;
    }

    private static (DateTime At, long Id)? ParseCursor(string? cursor)
    {
        var parts = (cursor ?? "").Split('-');
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && ticks <= DateTime.MaxValue.Ticks
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (new DateTime(ticks, DateTimeKind.Utc), id)
            : null;
    }
}
