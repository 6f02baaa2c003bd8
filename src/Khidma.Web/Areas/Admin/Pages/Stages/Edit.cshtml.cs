using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Khidma.Web.Areas.Admin.Domain.FormText;

namespace Khidma.Web.Areas.Admin.Pages.Stages;

public sealed class EditModel(AppDbContext db, IStringLocalizer<AdminText> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        // Set once: interactions keep the key of each stage they walked through.
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(64, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "The {0} field may contain only lowercase Latin letters, digits and single hyphens.")]
        [Display(Name = "Key")]
        public string? Key { get; set; }

        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Name in Arabic")]
        public string NameAr { get; set; } = "";

        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Name in English")]
        public string? NameEn { get; set; }

        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Name in French")]
        public string? NameFr { get; set; }

        [StringLength(1000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Hint in Arabic")]
        public string? HintAr { get; set; }

        [StringLength(1000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Hint in English")]
        public string? HintEn { get; set; }

        [StringLength(1000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Hint in French")]
        public string? HintFr { get; set; }

        [Range(0, 1000, ErrorMessage = "The field {0} must be between {1} and {2}.")]
        [Display(Name = "Position")]
        public int Position { get; set; }

        [Display(Name = "Part of the default list")]
        public bool IsDefault { get; set; }

        [Display(Name = "Active")]
        public bool IsActive { get; set; } = true;
    }

    public async Task OnGetAsync(int? id)
    {
        if (id is { } stageId)
        {
            var s = await db.StageDefinitions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == stageId) ?? throw new NotFoundException();
            Input = new InputModel
            {
                Key = s.Key, NameAr = s.Name.Ar, NameEn = s.Name.En, NameFr = s.Name.Fr,
                HintAr = s.Hint.Ar, HintEn = s.Hint.En, HintFr = s.Hint.Fr,
                Position = s.Position, IsDefault = s.IsDefault, IsActive = s.IsActive,
            };
        }
        else
        {
            Input.Position = (await db.StageDefinitions.MaxAsync(s => (int?)s.Position) ?? -1) + 1;
        }
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var stage = id is { } stageId
            ? await db.StageDefinitions.FirstOrDefaultAsync(s => s.Id == stageId) ?? throw new NotFoundException()
            : new StageDefinition();
        if (stage.Id == 0)
        {
            if (Input.Key is { Length: > 0 } key && await db.StageDefinitions.AnyAsync(s => s.Key == key))
                ModelState.AddModelError("Input.Key", text["Another stage already has this key."]);
        }
        else
        {
            // The key is shown, not posted back, for an existing stage.
            ModelState.Remove("Input.Key");
            Input.Key = stage.Key;
        }
        if (!ModelState.IsValid) return Page();

        if (stage.Id == 0)
        {
            stage.Key = Input.Key!;
            db.StageDefinitions.Add(stage);
        }
        stage.Name = new LocalizedText(Input.NameAr.Trim(), Blank(Input.NameEn), Blank(Input.NameFr));
        stage.Hint = new LocalizedText(Input.HintAr?.Trim() ?? "", Blank(Input.HintEn), Blank(Input.HintFr));
        stage.Position = Input.Position;
        stage.IsDefault = Input.IsDefault;
        stage.IsActive = Input.IsActive;
        await db.SaveChangesAsync();
        return Redirect("/admin/stages");
    }
}
