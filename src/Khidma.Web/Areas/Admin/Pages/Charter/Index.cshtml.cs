using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Admin.Pages.Charter;

public sealed class IndexModel(AppDbContext db, CharterPublisher publisher, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record GoalRow(int Id, int? ParentId, LocalizedText Title, int Position, bool Active, bool HasTranslations);

    public sealed record VersionRow(int Number, DateTime PublishedAt, string? PublishedBy, string? Note);

    [BindProperty]
    public PublishInput Input { get; set; } = new();

    public IReadOnlyList<GoalRow> Goals { get; private set; } = [];
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public bool HasUnpublishedChanges { get; private set; }
    public int? Published { get; private set; }

    public sealed class PublishInput
    {
        [StringLength(500, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "What changed (note)")]
        public string? Note { get; set; }
    }

    public async Task OnGetAsync(int? published = null)
    {
        Published = published;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (ModelState.IsValid)
        {
            try
            {
                var version = await publisher.PublishAsync(Input.Note, User.Identity?.Name);
                return Redirect($"/admin/charter?published={version.Number}");
            }
            catch (DomainException e)
            {
                ModelState.AddModelError("", text[e.ResourceKey, e.Args]);
            }
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Goals = await db.CharterGoals.AsNoTracking()
            .OrderBy(g => g.Position).ThenBy(g => g.Id)
            .Select(g => new GoalRow(g.Id, g.ParentId, g.Title, g.Position, g.IsActive,
                g.Title.En != null && g.Title.En != "" && g.Title.Fr != null && g.Title.Fr != ""))
            .ToListAsync();
        Versions = await db.CharterVersions.AsNoTracking()
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Number, v.PublishedAt, v.PublishedBy, v.Note))
            .ToListAsync();
        var lastPublished = Versions.Count > 0 ? Versions[0].PublishedAt : (DateTime?)null;
        HasUnpublishedChanges = lastPublished is null
            ? Goals.Count > 0
            : await db.CharterGoals.AnyAsync(g => g.UpdatedAt > lastPublished.Value);
    }
}
