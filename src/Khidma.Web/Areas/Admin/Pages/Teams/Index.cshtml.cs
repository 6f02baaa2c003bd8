using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Pages.Teams;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int Id, string Name, string? Description, bool Active, int Members);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = await db.Teams.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new Row(t.Id, t.Name, t.Description, t.IsActive, t.Members.Count))
            .ToListAsync();
}
