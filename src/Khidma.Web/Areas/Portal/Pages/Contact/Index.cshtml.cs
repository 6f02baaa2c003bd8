using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Portal.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Portal.Pages.Contact;

// The public web form (K3): anyone may write to us; a signed-in customer finds their name and email filled in.
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
[RequestSizeLimit(64L * 1024 * 1024)]
public sealed class IndexModel(AppDbContext db, WebContact contact, PortalFiles files, PortalRateLimits limits,
    IOptions<KhidmaOptions> khidma, ExpectedReply expected, IStringLocalizer<PortalText> text) : PageModel
{
    public const string SentKey = "portal.contact.sent";
    public const int MessageMaxLength = 20000;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public IReadOnlyList<ServiceRow> Services { get; private set; } = [];
    public bool Limited { get; private set; }
    public bool FilesToChooseAgain { get; private set; }
    public int MaxFileMb => files.MaxFileMb;

    public sealed record ServiceRow(int Id, string Name);

    public sealed class InputModel
    {
        [Display(Name = "Service")]
        public int? ServiceId { get; set; }

        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(CreateInteraction.CustomerNameMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Your name")]
        public string Name { get; set; } = "";

        [StringLength(ContactNormalizer.MaxEmailLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Email")]
        public string? Email { get; set; }

        [StringLength(40, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Phone")]
        public string? Phone { get; set; }

        [StringLength(CreateInteraction.SubjectMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Subject")]
        public string? Subject { get; set; }

        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(MessageMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Your message")]
        public string Message { get; set; } = "";

        // The honeypot: hidden from people, filled by robots that fill every field.
        public string? Homepage { get; set; }
    }

    /// <summary>What the confirmation page shows, carried across the redirect in TempData.</summary>
    public sealed record Sent(string Reference, DateTime? ExpectedBy, bool HasEmail, bool Acknowledged);

    public async Task OnGetAsync(int? service, CancellationToken ct)
    {
        await LoadServicesAsync(ct);
        if (service is { } s && Services.Any(x => x.Id == s)) Input.ServiceId = s;
        if (User.FindFirstValue(KhidmaClaims.CustomerId) is { } cid && long.TryParse(cid, NumberStyles.None, CultureInfo.InvariantCulture, out var customerId))
        {
            Input.Name = User.FindFirstValue(KhidmaClaims.DisplayName) ?? "";
            Input.Email = await db.CustomerContacts.AsNoTracking()
                .Where(c => c.CustomerId == customerId && c.Kind == ContactKind.Email)
                .OrderBy(c => c.Id).Select(c => c.Value).FirstOrDefaultAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadServicesAsync(ct);
        if (!limits.TryAcquire("contact", HttpContext))
        {
            Limited = true;
            FilesToChooseAgain = Files.Count > 0;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "600";
            return Page();
        }
        if (!string.IsNullOrWhiteSpace(Input.Homepage))
            return await PretendAsync(ct);

        var email = ContactNormalizer.NormalizeEmail(Input.Email);
        var phone = ContactNormalizer.NormalizePhone(Input.Phone, khidma.Value.DefaultCountryCode);
        if (email.Length == 0 && phone.Length == 0)
            ModelState.AddModelError("Input.Email", text["Give an email or a phone number so that we can answer you."]);
        if (email.Length > 0 && !ContactNormalizer.IsValidEmail(email))
            ModelState.AddModelError("Input.Email", text["This email address does not look right."]);
        if (!string.IsNullOrWhiteSpace(Input.Phone) && !ContactNormalizer.IsValidPhone(phone))
            ModelState.AddModelError("Input.Phone", text["This phone number does not look right."]);
        if (Input.ServiceId is { } sid && Services.All(s => s.Id != sid))
            ModelState.AddModelError("Input.ServiceId", text["Choose one of the services in the list."]);

        var (uploads, problems) = await files.ReadAsync(Files, ct);
        foreach (var p in problems)
            ModelState.AddModelError(nameof(Files), text[p.Key, p.FileName, p.LimitMb]);
        if (!ModelState.IsValid)
        {
            FilesToChooseAgain = Files.Count > 0;
            return Page();
        }

        var subject = SubjectFor(Input.Subject, Input.Message, Services.FirstOrDefault(s => s.Id == Input.ServiceId)?.Name);
        var outcome = await contact.RunAsync(new WebContact.Request(Input.ServiceId, Input.Name, Input.Email, Input.Phone, subject,
                Input.Message, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, uploads),
            email.Length > 0 ? email : null, phone.Length > 0 ? phone : null, ct);
        if (!outcome.Succeeded)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError("", text[e.MessageKey]);
            FilesToChooseAgain = Files.Count > 0;
            return Page();
        }
        var interaction = outcome.Interaction!;
        var expectation = await expected.ForAsync(interaction.ServiceId, interaction.Channel, interaction.Priority, interaction.CreatedAt, ct);
        TempData[SentKey] = JsonSerializer.Serialize(new Sent(interaction.Reference, expectation.By, email.Length > 0, outcome.Acknowledged));
        return Redirect("/contact/sent");
    }

    // A robot filled the hidden field: it sees what a person would see, and nothing is stored.
    private async Task<IActionResult> PretendAsync(CancellationToken ct)
    {
        var last = await db.Interactions.AsNoTracking().OrderByDescending(i => i.Id).Select(i => i.Id).FirstOrDefaultAsync(ct);
        var reference = Interaction.FormatReference(last + 1 + System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 20));
        TempData[SentKey] = JsonSerializer.Serialize(new Sent(reference, null, !string.IsNullOrWhiteSpace(Input.Email), false));
        return Redirect("/contact/sent");
    }

    private static string SubjectFor(string? typed, string message, string? serviceName)
    {
        if (!string.IsNullOrWhiteSpace(typed)) return typed.Trim();
        var firstLine = message.Trim().Split('\n', 2)[0].Trim();
        if (firstLine.Length > 80) firstLine = firstLine[..80].TrimEnd() + "…";
        return firstLine.Length > 0 ? firstLine : serviceName ?? "";
    }

    private async Task LoadServicesAsync(CancellationToken ct)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var rows = await db.Services.AsNoTracking().Where(s => s.IsActive)
            .Select(s => new { s.Id, s.Name.Ar, s.Name.En, s.Name.Fr }).ToListAsync(ct);
        Services = rows.Select(r => new ServiceRow(r.Id, new LocalizedText(r.Ar, r.En, r.Fr).In(language)))
            .OrderBy(r => r.Name, StringComparer.Create(CultureInfo.CurrentUICulture, false)).ToList();
    }
}
