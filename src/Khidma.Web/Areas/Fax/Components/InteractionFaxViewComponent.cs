using Khidma.Web.Areas.Fax.Pages.Outgoing;
using Microsoft.AspNetCore.Mvc;

namespace Khidma.Web.Areas.Fax.Components;

/// <summary>The faxes of one interaction, sent and received, and the form to send one (fragment #interaction-fax).</summary>
public sealed class InteractionFaxViewComponent(FaxPanel panels) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long interactionId)
    {
        var panel = await panels.LoadAsync(HttpContext.User, interactionId, HttpContext.RequestAborted);
        panel.ReturnUrl = HttpContext.Request.Path + HttpContext.Request.QueryString;
        return View(FaxPanel.View, panel);
    }
}
