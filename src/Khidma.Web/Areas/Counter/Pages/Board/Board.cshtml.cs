using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Counter.Pages.Board;

// The display board of a branch (K1): numbers being called with their counters, and who is next.
public sealed class BoardModel(AppDbContext db, CounterQueue queue) : PageModel
{
    private const int CalledShown = 6;
    private const int NextShown = 10;

    public CounterReads.BranchRow Branch { get; private set; } = null!;
    public IReadOnlyList<CalledRow> Called { get; private set; } = [];
    public IReadOnlyList<string> Next { get; private set; } = [];

    public sealed record CalledRow(long Id, string Label, string Counter, DateTime CalledAt, int Recalls);

    // Changes whenever a number is called or recalled: the board chimes when it changes.
    public string LatestCall => Called.Count == 0 ? "" : $"{Called[0].Id}:{Called[0].Recalls}";

    public async Task OnGetAsync(string branch, CancellationToken ct) => await LoadAsync(branch, ct);

    public async Task<IActionResult> OnGetBoardAsync(string branch, CancellationToken ct)
    {
        await LoadAsync(branch, ct);
        return Partial("_Board", this);
    }

    private async Task LoadAsync(string branch, CancellationToken ct)
    {
        Branch = await CounterReads.BranchAsync(db, branch, ct);
        var today = queue.DayIn(Branch.TimeZoneId);
        var branchId = Branch.Id;
        Called = await db.CounterTickets.AsNoTracking()
            .Where(t => t.BranchId == branchId && t.Day == today && t.State == TicketState.Called)
            .OrderByDescending(t => t.CalledAt).ThenByDescending(t => t.Id)
            .Take(CalledShown)
            .Select(t => new CalledRow(t.Id, t.Label, db.CounterDesks.Where(d => d.Id == t.CounterDeskId).Select(d => d.Number).FirstOrDefault() ?? "",
                t.CalledAt!.Value, t.Recalls))
            .ToListAsync(ct);
        Next = await db.CounterTickets.AsNoTracking()
            .Where(t => t.BranchId == branchId && t.Day == today && t.State == TicketState.Waiting)
            .OrderBy(t => t.TakenAt).ThenBy(t => t.Id)
            .Take(NextShown)
            .Select(t => t.Label)
            .ToListAsync(ct);
    }
}
