using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Pages.Charter;

public sealed class VersionModel(AppDbContext db) : PageModel
{
    public int Number { get; private set; }
    public DateTime PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public string? Note { get; private set; }
    public IReadOnlyList<CharterPublisher.SnapshotGoal> Goals { get; private set; } = [];

    public async Task OnGetAsync(int number)
    {
        var v = await db.CharterVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Number == number) ?? throw new NotFoundException();
        (Number, PublishedAt, PublishedBy, Note) = (v.Number, v.PublishedAt, v.PublishedBy, v.Note);
        Goals = CharterPublisher.ReadSnapshot(v.SnapshotJson);
    }
}
