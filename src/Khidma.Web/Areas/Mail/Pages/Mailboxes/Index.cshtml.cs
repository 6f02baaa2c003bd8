using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Mail.Pages.Mailboxes;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int Id, string Address, InboundKind Kind, bool Enabled, string? Team, DateTime? LastPollAt, string? LastPollError);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await (from m in db.Mailboxes().AsNoTracking()
                      join t in db.Teams on m.TeamId equals t.Id into teams
                      from t in teams.DefaultIfEmpty()
                      orderby m.Address
                      select new Row(m.Id, m.Address, m.InboundKind, m.IsEnabled, t == null ? null : t.Name, m.LastPollAt, m.LastPollError))
            .ToListAsync(ct);
}
