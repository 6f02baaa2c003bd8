using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.Charter.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Khidma.Web.Areas.Admin.Domain.FormText;

namespace Khidma.Web.Areas.Admin.Pages.Charter;

public sealed class GoalModel(AppDbContext db, CharterReader reader, TimeProvider clock, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record ParentOption(int Id, LocalizedText Title);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<ParentOption> Parents { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "Derived from (general goal)")]
        public int? ParentId { get; set; }

        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(300, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Title in Arabic")]
        public string TitleAr { get; set; } = "";

        [StringLength(300, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Title in English")]
        public string? TitleEn { get; set; }

        [StringLength(300, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Title in French")]
        public string? TitleFr { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Text in Arabic")]
        public string? BodyAr { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Text in English")]
        public string? BodyEn { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Text in French")]
        public string? BodyFr { get; set; }

        [Range(0, 1000, ErrorMessage = "The field {0} must be between {1} and {2}.")]
        [Display(Name = "Position")]
        public int Position { get; set; }

        [Display(Name = "Active")]
        public bool IsActive { get; set; } = true;
    }

    public async Task OnGetAsync(int? id, int? parentId)
    {
        if (id is { } goalId)
        {
            var g = await db.CharterGoals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == goalId) ?? throw new NotFoundException();
            Input = new InputModel
            {
                ParentId = g.ParentId,
                TitleAr = g.Title.Ar, TitleEn = g.Title.En, TitleFr = g.Title.Fr,
                BodyAr = g.Body.Ar, BodyEn = g.Body.En, BodyFr = g.Body.Fr,
                Position = g.Position, IsActive = g.IsActive,
            };
        }
        else
        {
            Input.ParentId = parentId;
            Input.Position = (await db.CharterGoals.Where(g => g.ParentId == parentId).MaxAsync(g => (int?)g.Position) ?? -1) + 1;
        }
        await LoadAsync(id);
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var goal = id is { } goalId
            ? await db.CharterGoals.FirstOrDefaultAsync(g => g.Id == goalId) ?? throw new NotFoundException()
            : new CharterGoal();
        if (ModelState.IsValid)
        {
            try
            {
                var parent = Input.ParentId is { } parentId
                    ? await db.CharterGoals.AsNoTracking().FirstOrDefaultAsync(g => g.Id == parentId) ?? throw new DomainException("A special goal must be derived from a general goal.")
                    : null;
                var hasSpecial = goal.Id != 0 && await db.CharterGoals.AnyAsync(g => g.ParentId == goal.Id);
                CharterPublisher.EnsureParent(goal, parent, hasSpecial);
                goal.ParentId = Input.ParentId;
                goal.Title = new LocalizedText(Input.TitleAr.Trim(), Blank(Input.TitleEn), Blank(Input.TitleFr));
                goal.Body = new LocalizedText(Input.BodyAr?.Trim() ?? "", Blank(Input.BodyEn), Blank(Input.BodyFr));
                goal.Position = Input.Position;
                goal.IsActive = Input.IsActive;
                goal.UpdatedAt = clock.GetUtcNow().UtcDateTime;
                if (goal.Id == 0) db.CharterGoals.Add(goal);
                await db.SaveChangesAsync();
                reader.Invalidate();
                return Redirect($"/admin/charter#goal-{goal.ParentId ?? goal.Id}");
            }
            catch (DomainException e)
            {
                ModelState.AddModelError("", text[e.ResourceKey, e.Args]);
            }
        }
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var goal = await db.CharterGoals.FirstOrDefaultAsync(g => g.Id == id) ?? throw new NotFoundException();
        // Special goals go with their general goal (cascade); published versions keep their own copy.
        db.CharterGoals.RemoveRange(await db.CharterGoals.Where(g => g.ParentId == id).ToListAsync());
        db.CharterGoals.Remove(goal);
        await db.SaveChangesAsync();
        reader.Invalidate();
        return Redirect("/admin/charter");
    }

    private async Task LoadAsync(int? id) =>
        Parents = await db.CharterGoals.AsNoTracking()
            .Where(g => g.ParentId == null && g.Id != id)
            .OrderBy(g => g.Position).ThenBy(g => g.Id)
            .Select(g => new ParentOption(g.Id, g.Title))
            .ToListAsync();
}
