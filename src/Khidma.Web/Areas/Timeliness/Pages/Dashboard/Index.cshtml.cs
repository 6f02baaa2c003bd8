using System.Globalization;
using System.Text;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Timeliness.Pages.Dashboard;

// Timeliness at a glance for managers and supervisors: SLA attainment (clocks answered by their due time) per
// week for the last eight weeks, by team, channel and service; the breaches still open; the promise figures.
// A clock counts in the week it fell due, once that time has passed; paused clocks have no due time and wait.
// One grouped query feeds the three attainment tables; supervisors see only their teams' work.
[Authorize(Roles = "admin,manager,supervisor")]
public sealed class IndexModel(AppDbContext db, TimeProvider clock, Formatter format, IStringLocalizer<TimelinessText> text) : PageModel
{
    public const int WeekCount = 8;
    public const int MaxBreaches = 100;

    public sealed record Cell(int Met, int Total)
    {
        public double? Rate => Total == 0 ? null : (double)Met / Total;
        public Cell Add(Cell other) => new(Met + other.Met, Total + other.Total);
    }

    public sealed record Series(string Label, IReadOnlyList<Cell> Weeks)
    {
        public Cell Total => Weeks.Aggregate(new Cell(0, 0), (a, b) => a.Add(b));
    }

    public sealed record BreachRow(long InteractionId, string Subject, SlaKind Kind, DateTime DueAt, string? TeamName, Priority Priority);

    public sealed record PromiseFigures(int Open, int Overdue, int Kept, int Broken)
    {
        public double? KeptRate => Kept + Broken == 0 ? null : (double)Kept / (Kept + Broken);
    }

    public IReadOnlyList<DateTime> Weeks { get; private set; } = [];
    public IReadOnlyList<Cell> Overall { get; private set; } = [];
    public IReadOnlyList<Series> ByTeam { get; private set; } = [];
    public IReadOnlyList<Series> ByChannel { get; private set; } = [];
    public IReadOnlyList<Series> ByService { get; private set; } = [];
    public IReadOnlyList<BreachRow> Breaches { get; private set; } = [];
    public PromiseFigures Promises { get; private set; } = new(0, 0, 0, 0);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken ct)
    {
        await LoadAsync(ct);
        var csv = new StringBuilder();
        void Line(IEnumerable<string> cells) => csv.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        string Pct(double? r) => r is { } v ? Math.Round(v * 100, 1).ToString(CultureInfo.InvariantCulture) : "";
        IEnumerable<string> WeekHeaders() => Weeks.Select(w => format.Local(w).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        switch (table)
        {
            case "team" or "channel" or "service":
            {
                var series = table == "team" ? ByTeam : table == "channel" ? ByChannel : ByService;
                Line([text[table == "team" ? "Team" : table == "channel" ? "Channel" : "Service"], .. WeekHeaders(), text["Total"], text["Met"], text["Clocks"]]);
                foreach (var s in series)
                    Line([s.Label, .. s.Weeks.Select(c => Pct(c.Rate)), Pct(s.Total.Rate), s.Total.Met.ToString(CultureInfo.InvariantCulture), s.Total.Total.ToString(CultureInfo.InvariantCulture)]);
                break;
            }
            case "breaches":
                Line([text["Interaction"], text["Subject"], text["Clock"], text["Due"], text["Team"], text["Priority"]]);
                foreach (var b in Breaches)
                    Line([Interaction.FormatReference(b.InteractionId), b.Subject, text[b.Kind.ToString()], format.Iso(b.DueAt), b.TeamName ?? "", b.Priority.ToString()]);
                break;
            case "promises":
                Line([text["Open promises"], text["Overdue"], text["Kept"], text["Broken"], text["Kept rate"]]);
                Line([Promises.Open.ToString(CultureInfo.InvariantCulture), Promises.Overdue.ToString(CultureInfo.InvariantCulture),
                    Promises.Kept.ToString(CultureInfo.InvariantCulture), Promises.Broken.ToString(CultureInfo.InvariantCulture), Pct(Promises.KeptRate)]);
                break;
            default:
                return NotFound();
        }
        // A byte-order mark so spreadsheet programs read the Arabic as UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"timeliness-{table}.csv");
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            ? "\"" + (value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('@') ? "'" : "") + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Weeks = WeekStarts(now, format.Zone);
        var w = Weeks;
        var since = w[0];
        var visible = db.Interactions.VisibleTo(User);

        // Bucketing in SQL keeps the result to teams × channels × services × weeks rows, however many clocks.
        var grouped = await (from t in db.Set<SlaTimer>().AsNoTracking()
                             join i in visible on t.InteractionId equals i.Id
                             where t.DueAt != null && t.DueAt >= since && t.DueAt <= now
                             let week = t.DueAt >= w[7] ? 7 : t.DueAt >= w[6] ? 6 : t.DueAt >= w[5] ? 5 : t.DueAt >= w[4] ? 4
                                 : t.DueAt >= w[3] ? 3 : t.DueAt >= w[2] ? 2 : t.DueAt >= w[1] ? 1 : 0
                             let met = t.SatisfiedAt != null && t.SatisfiedAt <= t.DueAt ? 1 : 0
                             group met by new { i.TeamId, i.Channel, i.ServiceId, Week = week } into g
                             select new { g.Key.TeamId, g.Key.Channel, g.Key.ServiceId, g.Key.Week, Met = g.Sum(), Total = g.Count() })
                            .ToListAsync(ct);

        var teamNames = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var serviceNames = (await db.Services.AsNoTracking().Select(s => new { s.Id, s.Name.Ar, s.Name.En, s.Name.Fr }).ToListAsync(ct))
            .ToDictionary(s => s.Id, s => new LocalizedText(s.Ar, s.En, s.Fr).InCurrentCulture());

        ByTeam = grouped.GroupBy(g => g.TeamId)
            .Select(g => new Series(g.Key is { } id && teamNames.TryGetValue(id, out var n) ? n : text["No team"], Weekly(g.Select(x => (x.Week, x.Met, x.Total)))))
            .OrderBy(s => s.Label, StringComparer.CurrentCulture).ToList();
        ByChannel = grouped.GroupBy(g => g.Channel)
            .Select(g => new Series(text[g.Key.ToString()], Weekly(g.Select(x => (x.Week, x.Met, x.Total)))))
            .OrderBy(s => s.Label, StringComparer.CurrentCulture).ToList();
        ByService = grouped.GroupBy(g => g.ServiceId)
            .Select(g => new Series(g.Key is { } id && serviceNames.TryGetValue(id, out var n) ? n : text["No particular service"], Weekly(g.Select(x => (x.Week, x.Met, x.Total)))))
            .OrderBy(s => s.Label, StringComparer.CurrentCulture).ToList();
        Overall = Weekly(grouped.Select(x => (x.Week, x.Met, x.Total)));

        Breaches = await (from t in db.Set<SlaTimer>().AsNoTracking()
                          join i in visible on t.InteractionId equals i.Id
                          join team in db.Teams on i.TeamId equals team.Id into teams
                          from team in teams.DefaultIfEmpty()
                          where t.BreachedAt != null && t.SatisfiedAt == null
                          orderby t.DueAt
                          select new BreachRow(i.Id, i.Subject, t.Kind, t.DueAt ?? t.BreachedAt!.Value, team != null ? team.Name : null, i.Priority))
                         .Take(MaxBreaches).ToListAsync(ct);

        var promises = from p in db.Set<Promise>().AsNoTracking()
                       join i in visible on p.InteractionId equals i.Id
                       select p;
        var open = await promises.CountAsync(p => p.Status == PromiseStatus.Open, ct);
        var overdue = await promises.CountAsync(p => p.Status == PromiseStatus.Open && p.DueAt <= now, ct);
        var kept = await promises.CountAsync(p => p.Status == PromiseStatus.Kept && p.ClosedAt >= since, ct);
        var broken = await promises.CountAsync(p => p.Status == PromiseStatus.Broken && p.ClosedAt >= since, ct);
        Promises = new PromiseFigures(open, overdue, kept, broken);
    }

    private static List<Cell> Weekly(IEnumerable<(int Week, int Met, int Total)> rows)
    {
        var cells = Enumerable.Range(0, WeekCount).Select(_ => new Cell(0, 0)).ToArray();
        foreach (var (week, met, total) in rows) cells[week] = cells[week].Add(new Cell(met, total));
        return [.. cells];
    }

    // Eight weeks starting on Sunday at local midnight in the company's zone, oldest first; the last is this week.
    public static IReadOnlyList<DateTime> WeekStarts(DateTime nowUtc, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        var sunday = today.AddDays(-(int)today.DayOfWeek);
        return Enumerable.Range(0, WeekCount)
            .Select(i => LocalMidnightToUtc(sunday.AddDays(7 * (i - WeekCount + 1)), zone))
            .ToList();
    }

    // A zone whose clocks jump at midnight has no such local time that day; the day then starts an hour later.
    private static DateTime LocalMidnightToUtc(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(local) ? local.AddHours(1) : local, zone);
    }
}
