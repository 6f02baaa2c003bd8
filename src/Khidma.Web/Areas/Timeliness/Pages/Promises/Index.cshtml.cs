using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Timeliness.Pages.Promises;

// The promise ledger (T2): open promises due soonest first, overdue ones marked, and the kept-promise rate per
// employee and per team over a period. Only promises on interactions the reader may see.
[Authorize(Policy = "Employees")]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxRows = 200;

    public sealed record Row(long Id, long InteractionId, string Subject, string What, DateTime DueAt, string? TeamName, string? CreatedByName, bool Overdue, DateTime? RemindedAt);

    public sealed record Rate(string Name, int Kept, int Broken)
    {
        public double? Share => Kept + Broken == 0 ? null : (double)Kept / (Kept + Broken);
    }

    [BindProperty(SupportsGet = true)]
    public int? Team { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 30;

    [BindProperty(SupportsGet = true)]
    public bool OverdueOnly { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool More { get; private set; }
    public IReadOnlyList<Rate> ByEmployee { get; private set; } = [];
    public IReadOnlyList<Rate> ByTeam { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Teams { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Days = Math.Clamp(Days, 1, 366);
        Now = clock.GetUtcNow().UtcDateTime;
        var now = Now;
        var visible = from p in db.Set<Promise>().AsNoTracking()
                      join i in db.Interactions.VisibleTo(User) on p.InteractionId equals i.Id
                      select new { p, i.Subject };
        if (Team is { } team) visible = visible.Where(x => x.p.TeamId == team);

        var open = visible.Where(x => x.p.Status == PromiseStatus.Open);
        if (OverdueOnly) open = open.Where(x => x.p.DueAt <= now);
        var rows = await (from x in open
                          join u in db.Users on x.p.CreatedById equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          join t in db.Teams on x.p.TeamId equals t.Id into teams
                          from t in teams.DefaultIfEmpty()
                          orderby x.p.DueAt, x.p.Id
                          select new Row(x.p.Id, x.p.InteractionId, x.Subject, x.p.What, x.p.DueAt, t != null ? t.Name : null,
                              u != null ? u.DisplayName : null, x.p.DueAt <= now, x.p.RemindedAt))
                         .Take(MaxRows + 1).ToListAsync(ct);
        More = rows.Count > MaxRows;
        Rows = rows.Take(MaxRows).ToList();

        var since = now.AddDays(-Days);
        var closed = visible.Where(x => x.p.ClosedAt >= since && (x.p.Status == PromiseStatus.Kept || x.p.Status == PromiseStatus.Broken));
        var byUser = await closed.GroupBy(x => x.p.CreatedById)
            .Select(g => new { g.Key, Kept = g.Count(x => x.p.Status == PromiseStatus.Kept), Broken = g.Count(x => x.p.Status == PromiseStatus.Broken) })
            .ToListAsync(ct);
        var userIds = byUser.Select(r => r.Key).OfType<string>().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        ByEmployee = byUser.Select(r => new Rate(r.Key is { } k && names.TryGetValue(k, out var n) ? n : r.Key ?? "—", r.Kept, r.Broken))
            .OrderBy(r => r.Share ?? 2).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();

        Teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList();
        var byTeam = await closed.GroupBy(x => x.p.TeamId)
            .Select(g => new { g.Key, Kept = g.Count(x => x.p.Status == PromiseStatus.Kept), Broken = g.Count(x => x.p.Status == PromiseStatus.Broken) })
            .ToListAsync(ct);
        ByTeam = byTeam.Select(r => new Rate(Teams.FirstOrDefault(t => t.Id == r.Key).Name ?? "—", r.Kept, r.Broken))
            .OrderBy(r => r.Share ?? 2).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
    }
}
