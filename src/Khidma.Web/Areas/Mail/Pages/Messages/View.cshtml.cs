using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Mail.Pages.Messages;

// One received message as the customer wrote it: sanitized HTML (remote images only on request), attachments.
public sealed class ViewModel(AppDbContext db, MailFiles files) : PageModel
{
    public sealed record AttachmentRow(long Id, string FileName, long Size);

    public long InteractionId { get; private set; }
    public string? From { get; private set; }
    public string Subject { get; private set; } = "";
    public DateTime ReceivedAt { get; private set; }
    public string? Html { get; private set; }
    public string Text { get; private set; } = "";
    public int BlockedImages { get; private set; }
    public bool Remote { get; private set; }
    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];

    public async Task OnGetAsync(long id, bool remote, CancellationToken ct)
    {
        var row = await (from m in db.Inbound().AsNoTracking()
                         where m.Id == id
                         join i in db.Interactions.AsNoTracking().VisibleTo(User) on m.InteractionId equals i.Id
                         select new { m.RawPath, m.InteractionId, m.FromAddress, m.ReceivedAt }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        InteractionId = row.InteractionId!.Value;
        From = row.FromAddress;
        ReceivedAt = row.ReceivedAt;
        Remote = remote;
        Attachments = await db.Attachments().AsNoTracking().Where(a => a.InboundId == id).OrderBy(a => a.Id)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.Size)).ToListAsync(ct);
        var cids = await db.Attachments().AsNoTracking().Where(a => a.InboundId == id && a.ContentId != null)
            .Select(a => new { a.Id, a.ContentId }).ToListAsync(ct);
        var mail = MimeParser.Parse(await files.ReadAsync(row.RawPath, ct));
        Subject = mail.Subject;
        Text = mail.Text;
        if (mail.Html is { } html)
        {
            var clean = HtmlSanitizer.Sanitize(html, remote, cid =>
                cids.FirstOrDefault(c => string.Equals(c.ContentId?.Trim('<', '>'), cid.Trim('<', '>'), StringComparison.OrdinalIgnoreCase)) is { } hit
                    ? $"/mail/attachments/{hit.Id}" : null);
            Html = clean.Html;
            BlockedImages = clean.BlockedRemoteImages;
        }
        // Even sanitized, the message may not load anything we did not allow.
        Response.Headers.ContentSecurityPolicy = remote
            ? "default-src 'self'; img-src 'self' data: https: http:; style-src 'self'; script-src 'self'"
            : "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'";
    }
}
