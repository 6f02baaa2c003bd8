using Khidma.Web.Areas.Timeliness.Pages.Promises;
using Microsoft.AspNetCore.Mvc;

namespace Khidma.Web.Areas.Timeliness.Components;

/// <summary>The promises of one interaction and the form to record one (fragment #interaction-promises).</summary>
public sealed class InteractionPromisesViewComponent(PromisesPanel panels) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long interactionId)
    {
        var panel = await panels.LoadAsync(HttpContext.User, interactionId, HttpContext.RequestAborted);
        panel.ReturnUrl = HttpContext.Request.Path + HttpContext.Request.QueryString;
        return View(PromisesPanel.View, panel);
    }
}
