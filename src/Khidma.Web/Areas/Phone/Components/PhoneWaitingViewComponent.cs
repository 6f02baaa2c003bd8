using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.Phone.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;

namespace Khidma.Web.Areas.Phone.Components;

/// <summary>
/// The compact phone-queue figure (calls on hold and the longest wait) for the layout's top bar; it refreshes itself
/// from /phone/queue?handler=Waiting. Shown to supervisors, managers and administrators.
/// </summary>
/// <remarks>
/// The layout draws it on every page a supervisor opens, and reading the queue is four queries (a fifth of the
/// inbox's server time). The queue is kept for a few seconds and dropped by any save of a call or a setting on
/// this node; the waiting time is worked out again at each render, so the figure never shows a stale wait.
/// </remarks>
public sealed class PhoneWaitingViewComponent(PhoneQueue queue, ReferenceCache references, TimeProvider clock) : ViewComponent
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private static readonly Type[] DependsOn = [typeof(PhoneCall), typeof(Setting)];

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var snapshot = await references.GetAsync("phone:waiting-figure", DependsOn, Lifetime,
            () => queue.ReadAsync(null, HttpContext.RequestAborted));
        var now = clock.GetUtcNow().UtcDateTime;
        if (snapshot.Calls.Count > 0 && now > snapshot.At)
        {
            var longest = Math.Max(0, (int)Math.Round((now - snapshot.Calls[0].RingingAt).TotalSeconds));
            snapshot = snapshot with
            {
                At = now,
                LongestWaitSeconds = longest,
                OfferCallback = PhoneWaitEstimate.OfferCallback(snapshot.EstimatedWaitSeconds, longest, snapshot.ThresholdSeconds),
            };
        }
        return View("~/Areas/Phone/Pages/Queue/_Waiting.cshtml", snapshot);
    }
}
