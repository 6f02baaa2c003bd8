using Khidma.Web.Areas.Fax.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Fax.Pages.Documents;

// A received fax for employees who can see its interaction: a PDF opens in the browser, a TIFF is downloaded.
[Authorize(Policy = "Employees")]
public sealed class DocumentModel(AppDbContext db, ReceiveFax store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var visible = db.Interactions.AsNoTracking().VisibleTo(User).Select(i => i.Id);
        var doc = await db.FaxDocuments.AsNoTracking().Where(d => d.Id == id && visible.Contains(d.InteractionId))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        var path = store.PathOf(doc.FileName);
        if (!System.IO.File.Exists(path)) throw new NotFoundException();
        var type = FaxFiles.ContentType(doc.Format);
        var name = $"fax-{doc.Id}.{FaxFiles.Extension(doc.Format)}";
        return doc.Format == FaxFormat.Pdf
            ? PhysicalFile(path, type)
            : PhysicalFile(path, type, name);
    }
}
