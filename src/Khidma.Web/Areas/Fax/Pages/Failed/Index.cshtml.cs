using Khidma.Web.Areas.Fax.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Fax.Pages.Failed;

// Faxes the gateway did not take after every attempt, and those still retrying, with the gateway's last error.
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool Retried { get; private set; }

    public sealed record Row(long Id, long InteractionId, string To, string? DocumentName, FaxOutboxState State, int Attempts,
        DateTime NextAttemptAt, string? LastError, DateTime CreatedAt);

    public async Task OnGetAsync(bool retried, CancellationToken ct)
    {
        Retried = retried;
        Rows = await db.FaxOutbox.AsNoTracking()
            .Where(o => o.State == FaxOutboxState.Failed || (o.State == FaxOutboxState.Pending && o.Attempts > 0))
            .OrderByDescending(o => o.Id)
            .Select(o => new Row(o.Id, o.InteractionId, o.To, o.DocumentName, o.State, o.Attempts, o.NextAttemptAt, o.LastError, o.CreatedAt))
            .Take(200).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        var item = await db.FaxOutbox.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException();
        if (item.State == FaxOutboxState.Failed)
        {
            item.Retry(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        return Redirect("/fax/failed?retried=true");
    }
}
