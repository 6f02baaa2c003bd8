using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Pages.Users;

public sealed class IndexModel(AppDbContext db, UserManager<AppUser> users) : PageModel
{
    public sealed record Row(string Id, string Name, string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Teams, bool Active, bool LockedOut);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var customerRole = await db.Roles.Where(r => r.Name == Roles.Customer).Select(r => r.Id).FirstOrDefaultAsync();
        var query = db.Users.AsNoTracking().Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == customerRole));
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            query = query.Where(u => u.DisplayName.Contains(q) || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper)));
        }
        var people = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Email).Take(500).ToListAsync();
        var ids = people.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync();
        var teams = await (from m in db.TeamMembers
                           join t in db.Teams on m.TeamId equals t.Id
                           where ids.Contains(m.UserId)
                           orderby t.Name
                           select new { m.UserId, t.Name }).ToListAsync();
        var rows = new List<Row>(people.Count);
        foreach (var u in people)
        {
            rows.Add(new Row(u.Id, u.DisplayName, u.Email ?? "",
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList(),
                teams.Where(t => t.UserId == u.Id).Select(t => t.Name).ToList(),
                u.IsActive,
                // Identity decides lockout by its own clock, so it is asked rather than compared here.
                await users.IsLockedOutAsync(u)));
        }
        Rows = rows;
    }
}
