using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Platform.Auth;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Mail.Pages.Mailboxes;

// One mailbox: where mail comes from, how answers leave. Passwords are write-only: an empty field keeps the stored one.
public sealed class EditModel(AppDbContext db, MailSecrets secrets, MailPolling polling, IStringLocalizer<MailText> text) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<(int Id, string Name)> Teams { get; private set; } = [];
    public bool Saved { get; private set; }
    public string? NewToken { get; private set; }
    public IReadOnlyList<string>? TestProblems { get; private set; }
    public bool HasPassword { get; private set; }
    public bool HasSmtpPassword { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(320)]
        [Display(Name = "Address")]
        public string Address { get; set; } = "";
        [StringLength(200)] [Display(Name = "Sender name")] public string? FromName { get; set; }
        [Display(Name = "Team")] public int? TeamId { get; set; }
        [Display(Name = "Receiving")] public InboundKind InboundKind { get; set; } = InboundKind.Imap;
        [StringLength(255)] [Display(Name = "Server")] public string? Host { get; set; }
        [Range(0, 65535)] [Display(Name = "Port")] public int Port { get; set; } = 993;
        [Display(Name = "Security")] public MailSecurity Security { get; set; } = MailSecurity.Tls;
        [StringLength(320)] [Display(Name = "User name")] public string? Username { get; set; }
        [StringLength(500)] [Display(Name = "Password")] public string? Password { get; set; }
        [StringLength(200)] [Display(Name = "Folder")] public string Folder { get; set; } = "INBOX";
        [Display(Name = "Delete from the server once stored (POP3)")] public bool DeleteAfterStore { get; set; }
        [StringLength(255)] [Display(Name = "SMTP server")] public string? SmtpHost { get; set; }
        [Range(0, 65535)] [Display(Name = "SMTP port")] public int SmtpPort { get; set; } = 587;
        [Display(Name = "SMTP security")] public MailSecurity SmtpSecurity { get; set; } = MailSecurity.StartTls;
        [StringLength(320)] [Display(Name = "SMTP user name")] public string? SmtpUsername { get; set; }
        [StringLength(500)] [Display(Name = "SMTP password")] public string? SmtpPassword { get; set; }
        [StringLength(128)] [Display(Name = "Pinned certificate (SHA-256)")] public string? CertificateThumbprint { get; set; }
        [Display(Name = "Send an acknowledgment to new requests")] public bool SendAcknowledgment { get; set; } = true;
        [Range(1, 60)] [Display(Name = "Expected reply (business days)")] public int ExpectedReplyDays { get; set; } = 1;
        [Display(Name = "Enabled")] public bool IsEnabled { get; set; } = true;
    }

    public async Task OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var m = await db.Mailboxes().AsNoTracking().FirstOrDefaultAsync(x => x.Id == existing, ct) ?? throw new NotFoundException();
            Input = new InputModel
            {
                Address = m.Address, FromName = m.FromName, TeamId = m.TeamId, InboundKind = m.InboundKind, Host = m.Host, Port = m.Port,
                Security = m.Security, Username = m.Username, Folder = m.Folder, DeleteAfterStore = m.DeleteAfterStore, SmtpHost = m.SmtpHost,
                SmtpPort = m.SmtpPort, SmtpSecurity = m.SmtpSecurity, SmtpUsername = m.SmtpUsername, CertificateThumbprint = m.CertificateThumbprint,
                SendAcknowledgment = m.SendAcknowledgment, ExpectedReplyDays = m.ExpectedReplyDays, IsEnabled = m.IsEnabled,
            };
            HasPassword = m.PasswordProtected is not null;
            HasSmtpPassword = m.SmtpPasswordProtected is not null;
        }
        await LoadTeamsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var mailbox = await ApplyAsync(id, ct);
        if (mailbox is null) return await FailedAsync(ct);
        var isNew = mailbox.Id == 0;
        if (isNew)
        {
            NewToken = AuthSetup.NewToken();
            mailbox.PipeTokenHash = AuthSetup.HashToken(NewToken);
        }
        await db.SaveChangesAsync(ct);
        Saved = true;
        if (!isNew) return Redirect($"/mail/mailboxes/edit/{mailbox.Id}?saved=1");
        // The token is shown this once, on the page that created it.
        RouteData.Values["id"] = mailbox.Id;
        return await ShowAsync(mailbox, ct);
    }

    public async Task<IActionResult> OnPostTestAsync(int? id, CancellationToken ct)
    {
        var mailbox = await ApplyAsync(id, ct);
        if (mailbox is null) return await FailedAsync(ct);
        var problems = await polling.TestAsync(mailbox, ct);
        TestProblems = problems.Select(p => p.StartsWith("in:", StringComparison.Ordinal)
            ? text["Receiving failed. The server said: {0}", p[3..]].Value
            : text["Sending failed. The server said: {0}", p[4..]].Value).ToList();
        db.ChangeTracker.Clear();
        return await ShowAsync(mailbox, ct);
    }

    public async Task<IActionResult> OnPostTokenAsync(int id, CancellationToken ct)
    {
        var mailbox = await db.Mailboxes().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException();
        NewToken = AuthSetup.NewToken();
        mailbox.PipeTokenHash = AuthSetup.HashToken(NewToken);
        await db.SaveChangesAsync(ct);
        return await ShowAsync(mailbox, ct);
    }

    private async Task<IActionResult> ShowAsync(Mailbox mailbox, CancellationToken ct)
    {
        Input.Password = Input.SmtpPassword = null;
        HasPassword = mailbox.PasswordProtected is not null;
        HasSmtpPassword = mailbox.SmtpPasswordProtected is not null;
        await LoadTeamsAsync(ct);
        if (Request.Query.ContainsKey("saved")) Saved = true;
        return Page();
    }

    private async Task<Mailbox?> ApplyAsync(int? id, CancellationToken ct)
    {
        var address = ContactNormalizer.NormalizeEmail(Input.Address);
        if (!ContactNormalizer.IsValidEmail(address))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Address)}", text["Enter a valid email address."]);
        if (Input.InboundKind != InboundKind.Pipe && string.IsNullOrWhiteSpace(Input.Host))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Host)}", text["Enter the server that receives this mailbox's mail."]);
        if (await db.Mailboxes().AnyAsync(m => m.Address == address && m.Id != (id ?? 0), ct))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Address)}", text["Another mailbox already has this address."]);
        if (!ModelState.IsValid) return null;
        var mailbox = id is { } existing
            ? await db.Mailboxes().FirstOrDefaultAsync(m => m.Id == existing, ct) ?? throw new NotFoundException()
            : db.Mailboxes().Add(new Mailbox()).Entity;
        mailbox.Address = address;
        mailbox.FromName = Blank(Input.FromName);
        mailbox.TeamId = Input.TeamId;
        mailbox.InboundKind = Input.InboundKind;
        mailbox.Host = Blank(Input.Host);
        mailbox.Port = Input.Port;
        mailbox.Security = Input.Security;
        mailbox.Username = Blank(Input.Username);
        if (!string.IsNullOrEmpty(Input.Password)) mailbox.PasswordProtected = secrets.Protect(Input.Password);
        mailbox.Folder = Blank(Input.Folder) ?? "INBOX";
        mailbox.DeleteAfterStore = Input.DeleteAfterStore;
        mailbox.SmtpHost = Blank(Input.SmtpHost);
        mailbox.SmtpPort = Input.SmtpPort;
        mailbox.SmtpSecurity = Input.SmtpSecurity;
        mailbox.SmtpUsername = Blank(Input.SmtpUsername);
        if (!string.IsNullOrEmpty(Input.SmtpPassword)) mailbox.SmtpPasswordProtected = secrets.Protect(Input.SmtpPassword);
        mailbox.CertificateThumbprint = Blank(Input.CertificateThumbprint);
        mailbox.SendAcknowledgment = Input.SendAcknowledgment;
        mailbox.ExpectedReplyDays = Input.ExpectedReplyDays;
        mailbox.IsEnabled = Input.IsEnabled;
        return mailbox;
    }

    private async Task<IActionResult> FailedAsync(CancellationToken ct)
    {
        Input.Password = Input.SmtpPassword = null;
        await LoadTeamsAsync(ct);
        return Page();
    }

    private async Task LoadTeamsAsync(CancellationToken ct) =>
        Teams = (await db.Teams.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name)).ToList();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
