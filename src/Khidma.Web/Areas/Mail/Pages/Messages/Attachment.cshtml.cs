using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Mail.Pages.Messages;

// A kept attachment, for whoever may see its interaction; always a download, never rendered inline.
public sealed class AttachmentModel(AppDbContext db, MailFiles files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var file = await (from a in db.Attachments().AsNoTracking()
                          where a.Id == id
                          join i in db.Interactions.AsNoTracking().VisibleTo(User) on a.InteractionId equals i.Id
                          select new { a.FileName, a.Sha256 }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        var path = files.Full(MailFiles.AttachmentRelative(file.Sha256));
        if (!System.IO.File.Exists(path)) throw new NotFoundException();
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return PhysicalFile(path, "application/octet-stream", file.FileName);
    }
}
