using Khidma.Web.Areas.Phone.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Khidma.Web.Areas.Phone.Components;

/// <summary>
/// The compact phone-queue figure (calls on hold and the longest wait) for the layout's top bar; it refreshes itself
/// from /phone/queue?handler=Waiting. Shown to supervisors, managers and administrators.
/// </summary>
public sealed class PhoneWaitingViewComponent(PhoneQueue queue) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Areas/Phone/Pages/Queue/_Waiting.cshtml", await queue.ReadAsync(null, HttpContext.RequestAborted));
}
