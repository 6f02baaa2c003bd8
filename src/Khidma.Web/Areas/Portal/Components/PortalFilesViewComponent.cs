using Khidma.Web.Areas.Portal.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;

namespace Khidma.Web.Areas.Portal.Components;

/// <summary>
/// The files a customer sent with one timeline entry (web form or portal), for the staff timeline. Invoke only
/// for entries whose data is <see cref="PortalFiles.Marker"/>; the page already checked the interaction is visible.
/// </summary>
public sealed class PortalFilesViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long entryId)
    {
        var rows = await PortalFiles.ForEntriesAsync(db, [entryId], HttpContext.RequestAborted);
        return View("~/Areas/Portal/Components/PortalFiles.cshtml", rows[entryId].ToList());
    }
}
