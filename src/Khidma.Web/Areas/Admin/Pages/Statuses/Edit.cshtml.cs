using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Khidma.Web.Areas.Admin.Domain.FormText;

namespace Khidma.Web.Areas.Admin.Pages.Statuses;

public sealed class EditModel(AppDbContext db, IStringLocalizer<AdminText> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool InUse { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(100, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Name in Arabic")]
        public string NameAr { get; set; } = "";

        [StringLength(100, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Name in English")]
        public string? NameEn { get; set; }

        [StringLength(100, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Name in French")]
        public string? NameFr { get; set; }

        [Display(Name = "Category")]
        public StatusCategory Category { get; set; } = StatusCategory.Open;

        [Range(0, 1000, ErrorMessage = "The field {0} must be between {1} and {2}.")]
        [Display(Name = "Position")]
        public int Position { get; set; }

        [Display(Name = "Default for new interactions")]
        public bool IsDefault { get; set; }

        [Display(Name = "Active")]
        public bool IsActive { get; set; } = true;
    }

    public async Task OnGetAsync(int? id)
    {
        if (id is { } statusId)
        {
            var s = await db.InteractionStatuses.AsNoTracking().FirstOrDefaultAsync(x => x.Id == statusId) ?? throw new NotFoundException();
            Input = new InputModel
            {
                NameAr = s.Name.Ar, NameEn = s.Name.En, NameFr = s.Name.Fr,
                Category = s.Category, Position = s.Position, IsDefault = s.IsDefault, IsActive = s.IsActive,
            };
            InUse = await db.Interactions.AnyAsync(i => i.StatusId == statusId);
        }
        else
        {
            Input.Position = (await db.InteractionStatuses.MaxAsync(s => (int?)s.Position) ?? -1) + 1;
        }
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var all = await db.InteractionStatuses.ToListAsync();
        var status = id is { } statusId ? all.FirstOrDefault(s => s.Id == statusId) ?? throw new NotFoundException() : new InteractionStatus();
        InUse = status.Id != 0 && await db.Interactions.AnyAsync(i => i.StatusId == status.Id);
        if (!Enum.IsDefined(Input.Category)) ModelState.AddModelError("Input.Category", text["Choose one of the categories."]);
        if (!ModelState.IsValid) return Page();

        var previousCategory = status.Id == 0 ? (StatusCategory?)null : status.Category;
        status.Name = new LocalizedText(Input.NameAr.Trim(), Blank(Input.NameEn), Blank(Input.NameFr));
        status.Category = Input.Category;
        status.Position = Input.Position;
        status.IsDefault = Input.IsDefault;
        status.IsActive = Input.IsActive;
        if (status.Id == 0)
        {
            db.InteractionStatuses.Add(status);
            all.Add(status);
        }
        try
        {
            StatusRules.Apply(all, status, previousCategory, InUse);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", text[e.ResourceKey, e.Args]);
            return Page();
        }
        await db.SaveChangesAsync();
        return Redirect("/admin/statuses");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var status = await db.InteractionStatuses.FirstOrDefaultAsync(s => s.Id == id) ?? throw new NotFoundException();
        InUse = await db.Interactions.AnyAsync(i => i.StatusId == id);
        try
        {
            StatusRules.EnsureCanDelete(status, InUse);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", text[e.ResourceKey, e.Args]);
            await OnGetAsync(id);
            return Page();
        }
        db.InteractionStatuses.Remove(status);
        await db.SaveChangesAsync();
        return Redirect("/admin/statuses");
    }
}
