using System.Security.Claims;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Interactions.Pages.Inbox;

// The agent's inbox: the hot path. One query for the rows (keyset-paged, no counting), cached lookups for
// the rest, and a second tiny query only when the list is narrowed to one customer (to name them).
public sealed class IndexModel(AppDbContext db, InteractionLookups lookups) : PageModel
{
    public const int PageSize = 50;

    public InboxFilter Filter { get; private set; } = new();
    public IReadOnlyList<InboxRow> Rows { get; private set; } = [];
    public Timeliness.Domain.SlaSummary.Page Sla { get; private set; } = Timeliness.Domain.SlaSummary.Page.Empty;
    public Cursor? Next { get; private set; }
    public InteractionLookups.Set Lookups { get; private set; } = null!;
    public string? CustomerName { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] InboxFilter filter, CancellationToken ct)
    {
        await LoadAsync(filter, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetListAsync([FromQuery] InboxFilter filter, CancellationToken ct)
    {
        await LoadAsync(filter, ct);
        if (!Request.Headers.ContainsKey("HX-Request")) return Page();
        // The address bar shows the inbox's own URL, not the fragment's.
        Response.Headers["HX-Push-Url"] = "/interactions" + Filter.ToQueryString(Filter.After).Value;
        return Partial("_List", this);
    }

    private async Task LoadAsync(InboxFilter filter, CancellationToken ct)
    {
        Filter = filter;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        (Rows, Next) = await InteractionQuery.PageAsync(db, db.Interactions.VisibleTo(User), filter.ToCriteria(userId), PageSize, ct);
        Lookups = await lookups.GetCoveringAsync(Rows.Select(r => (r.TeamId, r.ServiceId, r.StatusId)), ct);
        Sla = await HttpContext.RequestServices.GetRequiredService<Timeliness.Domain.SlaSummary>().ForInteractionsAsync(Rows.Select(r => r.Id), ct);
        if (filter.Customer is { } customerId)
            CustomerName = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(ct);
    }
}
