using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Pages;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Counts(int ActiveUsers, int Users, int Teams, int Statuses, int Stages, int Services, int Goals,
        int? CharterVersion, IReadOnlyList<string> BackgroundRoles, int ActiveTokens);

    public Counts Summary { get; private set; } = null!;

    // Small configuration tables only: the audit log is never counted.
    public async Task OnGetAsync()
    {
        var customerRole = await db.Roles.Where(r => r.Name == Roles.Customer).Select(r => r.Id).FirstOrDefaultAsync();
        var employees = db.Users.Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == customerRole));
        Summary = new Counts(
            await employees.CountAsync(u => u.IsActive),
            await employees.CountAsync(),
            await db.Teams.CountAsync(),
            await db.InteractionStatuses.CountAsync(s => s.IsActive),
            await db.StageDefinitions.CountAsync(s => s.IsActive),
            await db.Services.CountAsync(s => s.IsActive),
            await db.CharterGoals.CountAsync(g => g.IsActive),
            await db.CharterVersions.MaxAsync(v => (int?)v.Number),
            await AdminSettings.BackgroundRolesAsync(db),
            await db.ApiTokens.CountAsync(t => t.RevokedAt == null));
    }
}
