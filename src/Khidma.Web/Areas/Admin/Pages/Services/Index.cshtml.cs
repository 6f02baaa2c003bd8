using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Pages.Services;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int Id, LocalizedText Name, int TypicalMinutes, string? Team, bool Active, IReadOnlyList<LocalizedText> Stages);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var services = await db.Services.AsNoTracking()
            .OrderBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Name, s.TypicalMinutes, s.IsActive,
                Team = db.Teams.Where(t => t.Id == s.DefaultTeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .ToListAsync();
        var stages = await db.ServiceStages.AsNoTracking()
            .OrderBy(s => s.Position)
            .Select(s => new { s.ServiceId, s.Stage!.Name })
            .ToListAsync();
        Rows = services
            .Select(s => new Row(s.Id, s.Name, s.TypicalMinutes, s.Team, s.IsActive, stages.Where(x => x.ServiceId == s.Id).Select(x => x.Name).ToList()))
            .OrderBy(r => r.Name.InCurrentCulture(), StringComparer.CurrentCulture)
            .ToList();
    }
}
