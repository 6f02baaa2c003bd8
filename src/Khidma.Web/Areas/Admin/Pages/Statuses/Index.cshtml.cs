using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Pages.Statuses;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int Id, LocalizedText Name, StatusCategory Category, int Position, bool IsDefault, bool Active, bool InUse);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = await db.InteractionStatuses.AsNoTracking()
            .OrderBy(s => s.Position).ThenBy(s => s.Id)
            .Select(s => new Row(s.Id, s.Name, s.Category, s.Position, s.IsDefault, s.IsActive, db.Interactions.Any(i => i.StatusId == s.Id)))
            .ToListAsync();
}
