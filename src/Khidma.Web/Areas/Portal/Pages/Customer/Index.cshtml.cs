using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Portal.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Portal.Pages.Customer;

// The customer's own requests, newest activity first, with how many promises to them are still open.
public sealed class IndexModel(AppDbContext db) : PageModel
{
    // A customer's own list is short; the newest hundred is more than anyone reads on one page.
    public const int Shown = 100;

    public sealed record Row(long Id, string Subject, int StatusId, StatusCategory Category, DateTime LastActivityAt, int OpenPromises)
    {
        public string Reference => Interaction.FormatReference(Id);
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Statuses { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var customerId = PortalUser.CustomerId(User);
        Rows = await db.Interactions.AsNoTracking()
            .Where(i => i.CustomerId == customerId)
            .OrderByDescending(i => i.LastActivityAt).ThenByDescending(i => i.Id)
            .Take(Shown)
            .Select(i => new Row(i.Id, i.Subject, i.StatusId, i.StatusCategory, i.LastActivityAt,
                db.Set<Promise>().Count(p => p.InteractionId == i.Id && p.Status == PromiseStatus.Open)))
            .ToListAsync(ct);
        Statuses = await PortalUser.StatusNamesAsync(db, ct);
    }
}
