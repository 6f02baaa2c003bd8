using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Portal.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Portal.Pages.Files;

// A file a customer sent: for that customer, and for staff who may see its interaction. Always a download,
// never rendered inline.
public sealed class DownloadModel(AppDbContext db, PortalFiles files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        IQueryable<Interaction> visible;
        if (Roles.Employees.Any(User.IsInRole))
            visible = db.Interactions.AsNoTracking().VisibleTo(User);
        else if (User.IsInRole(Roles.Customer))
        {
            var customerId = PortalUser.CustomerId(User);
            visible = db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId);
        }
        else
            throw new NotFoundException();
        var file = await (from a in db.Set<PortalAttachment>().AsNoTracking()
                          where a.Id == id
                          join i in visible on a.InteractionId equals i.Id
                          select new { a.FileName, a.Sha256 }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        var path = files.FullPath(file.Sha256);
        if (!System.IO.File.Exists(path)) throw new NotFoundException();
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return PhysicalFile(path, "application/octet-stream", file.FileName);
    }
}
