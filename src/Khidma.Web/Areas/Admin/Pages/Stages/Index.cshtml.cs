using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Pages.Stages;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int Id, string Key, LocalizedText Name, LocalizedText Hint, int Position, bool IsDefault, bool Active);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await LoadAsync();

    // Swaps the stage with its neighbour and renumbers the list 0..n-1, so positions never collide.
    public async Task<IActionResult> OnPostMoveAsync(int id, string direction)
    {
        var stages = await db.StageDefinitions.OrderBy(s => s.Position).ThenBy(s => s.Id).ToListAsync();
        var index = stages.FindIndex(s => s.Id == id);
        if (index < 0) throw new NotFoundException();
        var target = direction == "up" ? index - 1 : index + 1;
        if (target >= 0 && target < stages.Count)
            (stages[index], stages[target]) = (stages[target], stages[index]);
        for (var i = 0; i < stages.Count; i++)
            if (stages[i].Position != i) stages[i].Position = i;
        await db.SaveChangesAsync();
        if (!Request.Headers.ContainsKey("HX-Request")) return Redirect("/admin/stages");
        Rows = await LoadAsync();
        return Partial("_List", this);
    }

    private Task<List<Row>> LoadAsync() =>
        db.StageDefinitions.AsNoTracking()
            .OrderBy(s => s.Position).ThenBy(s => s.Id)
            .Select(s => new Row(s.Id, s.Key, s.Name, s.Hint, s.Position, s.IsDefault, s.IsActive))
            .ToListAsync();
}
