using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Counter.Pages.Admin;

// Employees and the services they are called for at the counter (their counter skills).
[Authorize(Policy = "Admins")]
public sealed class SkillsModel(AppDbContext db) : PageModel
{
    public sealed record Row(string Id, string Name, string Email, bool Active, IReadOnlyList<LocalizedText> Skills);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var customerRole = await db.Roles.Where(r => r.Name == Roles.Customer).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var people = await db.Users.AsNoTracking()
            .Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == customerRole))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsActive })
            .ToListAsync(ct);
        var skills = await db.Set<AgentSkill>().AsNoTracking()
            .Join(db.Services, s => s.ServiceId, s => s.Id, (k, s) => new { k.UserId, s.Id, s.Name.Ar, s.Name.En, s.Name.Fr })
            .ToListAsync(ct);
        var byUser = skills.ToLookup(s => s.UserId, StringComparer.Ordinal);
        Rows = people.Select(p => new Row(p.Id, p.DisplayName, p.Email ?? "", p.IsActive,
            byUser[p.Id].OrderBy(s => s.Id).Select(s => new LocalizedText(s.Ar, s.En, s.Fr)).ToList())).ToList();
    }
}
