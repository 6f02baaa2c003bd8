using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Counter.Pages.Kiosk;

// The kiosk at the branch entrance (K1): anyone takes a number for a service, optionally leaving a phone number.
public sealed class KioskModel(AppDbContext db, CounterQueue queue, IStringLocalizer<CounterText> text) : PageModel
{
    public CounterReads.BranchRow Branch { get; private set; } = null!;
    public IReadOnlyList<CounterReads.ServiceRow> Services { get; private set; } = [];

    [BindProperty] public string? Phone { get; set; }

    public async Task OnGetAsync(string branch, CancellationToken ct) => await LoadAsync(branch, ct);

    public async Task<IActionResult> OnPostTakeAsync(string branch, int serviceId, CancellationToken ct)
    {
        await LoadAsync(branch, ct);
        if (Services.All(s => s.Id != serviceId))
        {
            ModelState.AddModelError("serviceId", text["Choose a service."]);
            return Page();
        }
        var ticket = await queue.TakeTicketAsync(Branch.Id, serviceId, Phone, ct);
        return Redirect($"/queue/ticket/{ticket.PublicId}?kiosk={Uri.EscapeDataString(Branch.Code)}");
    }

    private async Task LoadAsync(string branch, CancellationToken ct)
    {
        Branch = await CounterReads.BranchAsync(db, branch, ct);
        Services = await CounterReads.BranchServicesAsync(db, Branch.Id, ct);
    }
}
