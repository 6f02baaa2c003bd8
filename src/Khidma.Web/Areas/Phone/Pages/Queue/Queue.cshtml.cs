using Khidma.Web.Areas.Phone.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Phone.Pages.Queue;

// The live phone queue (T4) for staff: who is waiting and for how long, the wait a new caller can expect, and
// whether callers are being offered a callback. The fragments refetch on the live hub's "phone-queue-changed" and
// every few seconds, since waits grow while nothing happens.
[Authorize(Policy = "Employees")]
public sealed class QueueModel(PhoneQueue queue) : PageModel
{
    public PhoneQueue.Snapshot Now { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Now = await queue.ReadAsync(null, ct);

    public async Task<IActionResult> OnGetQueueAsync(CancellationToken ct)
    {
        Now = await queue.ReadAsync(null, ct);
        return Partial("_Queue", this);
    }

    // The compact figure in the top bar of supervisors, managers and administrators.
    public async Task<IActionResult> OnGetWaitingAsync(CancellationToken ct)
    {
        Now = await queue.ReadAsync(null, ct);
        return Partial("_Waiting", Now);
    }

    /// <summary>"45 s" or "3 min 20 s", digits in the reader's style.</summary>
    public static string Duration(int seconds, IStringLocalizer text, Formatter format)
    {
        seconds = Math.Max(0, seconds);
        var value = seconds < 60
            ? text["{0} s", seconds]
            : seconds % 60 == 0 ? text["{0} min", seconds / 60] : text["{0} min {1} s", seconds / 60, seconds % 60];
        return format.Apply(value);
    }
}
