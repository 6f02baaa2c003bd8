using System.Security.Claims;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Timeliness.Pages.Notifications;

// What the SLA and promise jobs asked the reader to look at: addressed to them, to one of their teams, or, for
// managers, to nobody's team. Newest first.
[Authorize(Policy = "Employees")]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxRows = 100;

    public sealed record Row(long Id, NotificationKind Kind, long? InteractionId, string? Subject, string? Detail, DateTime CreatedAt, bool Read, string? TeamName);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await (from n in Mine()
                      join i in db.Interactions on n.InteractionId equals i.Id into interactions
                      from i in interactions.DefaultIfEmpty()
                      join t in db.Teams on n.TeamId equals t.Id into teams
                      from t in teams.DefaultIfEmpty()
                      orderby n.CreatedAt descending, n.Id descending
                      select new Row(n.Id, n.Kind, n.InteractionId, i != null ? i.Subject : null, n.Detail, n.CreatedAt, n.ReadAt != null, t != null ? t.Name : null))
                     .Take(MaxRows).ToListAsync(ct);

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var unread = await Mine().Where(n => n.ReadAt == null).AsTracking().Take(500).ToListAsync(ct);
        foreach (var n in unread) n.ReadAt = now;
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private IQueryable<Notification> Mine()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var teams = InteractionScope.Teams(User);
        var manager = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Manager);
        return db.Set<Notification>().AsNoTracking().Where(n =>
            n.UserId == userId
            || (n.UserId == null && n.TeamId != null && teams.Contains(n.TeamId.Value))
            || (manager && n.UserId == null && n.TeamId == null));
    }
}
