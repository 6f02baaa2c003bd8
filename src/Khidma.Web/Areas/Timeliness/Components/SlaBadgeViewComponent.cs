using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Timeliness.Components;

/// <summary>
/// Time left on an interaction's most urgent running SLA clock, in business time, coloured ok / warning /
/// breached / paused. Lists that already hold a <see cref="SlaSummary.Page"/> write <see cref="SlaBadgeHtml"/>
/// per row instead; without a page the component loads the one interaction. Renders nothing when no clock is running.
/// </summary>
public sealed class SlaBadgeViewComponent(SlaSummary summaries, IStringLocalizer<TimelinessText> text, Formatter format) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long interactionId, SlaSummary.Page? page = null)
    {
        page ??= await summaries.ForInteractionsAsync([interactionId], HttpContext.RequestAborted);
        return new HtmlContentViewComponentResult(SlaBadgeHtml.Render(page.For(interactionId), text, format));
    }
}
