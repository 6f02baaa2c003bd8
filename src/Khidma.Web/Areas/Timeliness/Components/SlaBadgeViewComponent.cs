using Khidma.Web.Areas.Timeliness.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Khidma.Web.Areas.Timeliness.Components;

/// <summary>
/// Time left on an interaction's most urgent running SLA clock, in business time, coloured ok / warning /
/// breached / paused. Pass the inbox's <see cref="SlaSummary.Page"/> to avoid a query per row; without it the
/// component loads the one interaction. Renders nothing when no clock is running.
/// </summary>
public sealed class SlaBadgeViewComponent(SlaSummary summaries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long interactionId, SlaSummary.Page? page = null)
    {
        page ??= await summaries.ForInteractionsAsync([interactionId], HttpContext.RequestAborted);
        return View("~/Areas/Timeliness/Components/SlaBadge.cshtml", page.For(interactionId));
    }
}
