using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Counter.Pages.Admin;

// Branches and their counters (K1), for administrators.
[Authorize(Policy = "Admins")]
public sealed class BranchesModel(AppDbContext db) : PageModel
{
    public sealed record Row(int Id, string Code, LocalizedText Name, string? TimeZoneId, bool Active, int Counters, int OpenCounters);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = (await db.Branches.AsNoTracking()
                .OrderBy(b => b.Code)
                .Select(b => new
                {
                    b.Id, b.Code, b.Name.Ar, b.Name.En, b.Name.Fr, b.TimeZoneId, b.IsActive,
                    Counters = db.CounterDesks.Count(d => d.BranchId == b.Id),
                    Open = db.CounterDesks.Count(d => d.BranchId == b.Id && d.IsOpen),
                })
                .ToListAsync(ct))
            .Select(b => new Row(b.Id, b.Code, new LocalizedText(b.Ar, b.En, b.Fr), b.TimeZoneId, b.IsActive, b.Counters, b.Open))
            .ToList();
}
