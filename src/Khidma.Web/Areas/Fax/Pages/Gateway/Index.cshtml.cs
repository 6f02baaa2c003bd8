using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Fax.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Fax.Pages.Gateway;

// The administrator's fax settings (K4): how outgoing faxes leave (an HTTP gateway or email-to-fax through a
// mailbox) and which mailboxes receive a fax-to-email service's mail. The bearer token is write-only.
public sealed class IndexModel(AppDbContext db, FaxSecrets secrets, IStringLocalizer<FaxText> text, TimeProvider clock) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<MailboxRow> Mailboxes { get; private set; } = [];
    public bool HasToken { get; private set; }
    public bool Saved { get; private set; }

    public sealed record MailboxRow(int Id, string Address, bool IsFax);

    public sealed class InputModel
    {
        [Display(Name = "Gateway")] public FaxGatewayKind Kind { get; set; }
        [StringLength(500, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Gateway URL")] public string? Url { get; set; }
        [StringLength(1000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Bearer token")] public string? Token { get; set; }
        [Display(Name = "Remove the stored token")] public bool ClearToken { get; set; }
        [StringLength(32, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Our fax number")] public string? FromNumber { get; set; }
        [Display(Name = "Send from mailbox")] public int? MailboxId { get; set; }
        [StringLength(255, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Fax service domain")] public string? EmailDomain { get; set; }
        [StringLength(320, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Address pattern")] public string? AddressPattern { get; set; }
        public List<int> FaxMailboxIds { get; set; } = [];
    }

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        var g = await db.Set<FaxGateway>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == FaxGateway.SingletonId, ct);
        if (g is not null)
        {
            Input = new InputModel
            {
                Kind = g.Kind, Url = g.Url, FromNumber = g.FromNumber, MailboxId = g.MailboxId, EmailDomain = g.EmailDomain,
                AddressPattern = g.AddressPattern,
            };
            HasToken = g.TokenProtected is not null;
        }
        Input.FaxMailboxIds = await db.Set<FaxMailbox>().AsNoTracking().Select(m => m.MailboxId).ToListAsync(ct);
        Saved = saved;
        await LoadMailboxesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var mailboxIds = await db.Set<Mailbox>().AsNoTracking().Select(m => m.Id).ToListAsync(ct);
        if (Input.Kind == FaxGatewayKind.Http)
        {
            if (!Uri.TryCreate(Input.Url?.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                ModelState.AddModelError("Input.Url", text["Enter the gateway's full http:// or https:// address."]);
        }
        // An HTTP header carries the token: printable ASCII only.
        if (!string.IsNullOrEmpty(Input.Token) && Input.Token.Trim().Any(c => c is < '!' or > '~'))
            ModelState.AddModelError("Input.Token", text["The token accepts only Latin letters, digits and symbols, without spaces."]);
        if (Input.Kind == FaxGatewayKind.Email)
        {
            if (Input.MailboxId is not { } m || !mailboxIds.Contains(m))
                ModelState.AddModelError("Input.MailboxId", text["Choose the mailbox the faxes are mailed from."]);
            var probe = new FaxGateway { EmailDomain = Blank(Input.EmailDomain), AddressPattern = Blank(Input.AddressPattern) }.AddressFor("966112223333");
            if (probe is null || !ContactNormalizer.IsValidEmail(ContactNormalizer.NormalizeEmail(probe)))
                ModelState.AddModelError("Input.EmailDomain", text["Enter the fax service's domain, or an address pattern such as {number}@fax.example.com."]);
        }
        if (!ModelState.IsValid)
        {
            var stored = await db.Set<FaxGateway>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == FaxGateway.SingletonId, ct);
            HasToken = stored?.TokenProtected is not null;
            Input.Token = null;
            await LoadMailboxesAsync(ct);
            return Page();
        }

        var gateway = await db.Set<FaxGateway>().FirstOrDefaultAsync(x => x.Id == FaxGateway.SingletonId, ct)
            ?? db.Set<FaxGateway>().Add(new FaxGateway()).Entity;
        gateway.Kind = Input.Kind;
        gateway.Url = Blank(Input.Url);
        gateway.FromNumber = Blank(Input.FromNumber);
        gateway.MailboxId = Input.MailboxId is { } id && mailboxIds.Contains(id) ? id : null;
        gateway.EmailDomain = Blank(Input.EmailDomain)?.TrimStart('@');
        gateway.AddressPattern = Blank(Input.AddressPattern);
        if (Input.ClearToken) gateway.TokenProtected = null;
        else if (!string.IsNullOrEmpty(Input.Token)) gateway.TokenProtected = secrets.Protect(Input.Token.Trim());

        var wanted = Input.FaxMailboxIds.Where(mailboxIds.Contains).ToHashSet();
        var current = await db.Set<FaxMailbox>().ToListAsync(ct);
        db.Set<FaxMailbox>().RemoveRange(current.Where(c => !wanted.Contains(c.MailboxId)));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var added in wanted.Where(w => current.All(c => c.MailboxId != w)))
            db.Set<FaxMailbox>().Add(new FaxMailbox { MailboxId = added, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return Redirect("/fax/gateway?saved=true");
    }

    private async Task LoadMailboxesAsync(CancellationToken ct)
    {
        var fax = Input.FaxMailboxIds.ToHashSet();
        Mailboxes = (await db.Set<Mailbox>().AsNoTracking().OrderBy(m => m.Address).Select(m => new { m.Id, m.Address }).ToListAsync(ct))
            .Select(m => new MailboxRow(m.Id, m.Address, fax.Contains(m.Id))).ToList();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
