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

namespace Khidma.Web.Areas.Admin.Pages.Services;

public sealed class EditModel(AppDbContext db, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record TeamOption(int Id, string Name);

    public sealed record StageOption(int Id, string Key, LocalizedText Name, bool IsDefault, bool Active);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<TeamOption> Teams { get; private set; } = [];

    // Every stage definition, in the order the form shows them (this service's list first).
    public IReadOnlyList<StageOption> StageOptions { get; private set; } = [];

    public sealed class StageChoice
    {
        public int StageId { get; set; }
        public bool Included { get; set; }

        [Range(1, 100, ErrorMessage = "The field {0} must be between {1} and {2}.")]
        [Display(Name = "Order")]
        public int Order { get; set; }
    }

    public sealed class InputModel
    {
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

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Description in Arabic")]
        public string? DescriptionAr { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Description in English")]
        public string? DescriptionEn { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Description in French")]
        public string? DescriptionFr { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Benefits in Arabic")]
        public string? BenefitsAr { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Benefits in English")]
        public string? BenefitsEn { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Benefits in French")]
        public string? BenefitsFr { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Conditions in Arabic")]
        public string? ConditionsAr { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Conditions in English")]
        public string? ConditionsEn { get; set; }

        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Conditions in French")]
        public string? ConditionsFr { get; set; }

        [Range(0, 100000, ErrorMessage = "The field {0} must be between {1} and {2}.")]
        [Display(Name = "Typical duration in minutes")]
        public int TypicalMinutes { get; set; } = 10;

        [StringLength(500, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Required skills")]
        public string? RequiredSkills { get; set; }

        [Display(Name = "Default team")]
        public int? DefaultTeamId { get; set; }

        [Display(Name = "Active")]
        public bool IsActive { get; set; } = true;

        public List<StageChoice> Stages { get; set; } = [];
    }

    public async Task OnGetAsync(int? id)
    {
        List<ServiceStage> chosen = [];
        if (id is { } serviceId)
        {
            var s = await db.Services.AsNoTracking().Include(x => x.Stages).FirstOrDefaultAsync(x => x.Id == serviceId) ?? throw new NotFoundException();
            Input = new InputModel
            {
                NameAr = s.Name.Ar, NameEn = s.Name.En, NameFr = s.Name.Fr,
                DescriptionAr = s.Description.Ar, DescriptionEn = s.Description.En, DescriptionFr = s.Description.Fr,
                BenefitsAr = s.Benefits.Ar, BenefitsEn = s.Benefits.En, BenefitsFr = s.Benefits.Fr,
                ConditionsAr = s.Conditions.Ar, ConditionsEn = s.Conditions.En, ConditionsFr = s.Conditions.Fr,
                TypicalMinutes = s.TypicalMinutes, RequiredSkills = s.RequiredSkills, DefaultTeamId = s.DefaultTeamId, IsActive = s.IsActive,
            };
            chosen = s.Stages;
        }
        await LoadAsync();
        var ordered = chosen.OrderBy(c => c.Position).Select(c => c.StageDefinitionId).ToList();
        var sequence = ordered.Concat(StageOptions.Select(o => o.Id).Where(i => !ordered.Contains(i))).ToList();
        Input.Stages = sequence.Select((stageId, i) => new StageChoice { StageId = stageId, Included = ordered.Contains(stageId), Order = i + 1 }).ToList();
        StageOptions = Arrange(StageOptions, Input.Stages);
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var service = id is { } serviceId
            ? await db.Services.Include(s => s.Stages).FirstOrDefaultAsync(s => s.Id == serviceId) ?? throw new NotFoundException()
            : new Service();
        await LoadAsync();
        if (Input.DefaultTeamId is { } teamId && Teams.All(t => t.Id != teamId))
            ModelState.AddModelError("Input.DefaultTeamId", text["Choose one of the teams."]);
        var known = StageOptions.Select(o => o.Id).ToHashSet();
        if (Input.Stages.Any(c => !known.Contains(c.StageId)))
            ModelState.AddModelError("", text["Choose stages from the list."]);
        if (!ModelState.IsValid)
        {
            StageOptions = Arrange(StageOptions, Input.Stages);
            return Page();
        }

        service.Name = new LocalizedText(Input.NameAr.Trim(), Blank(Input.NameEn), Blank(Input.NameFr));
        service.Description = new LocalizedText(Input.DescriptionAr?.Trim() ?? "", Blank(Input.DescriptionEn), Blank(Input.DescriptionFr));
        service.Benefits = new LocalizedText(Input.BenefitsAr?.Trim() ?? "", Blank(Input.BenefitsEn), Blank(Input.BenefitsFr));
        service.Conditions = new LocalizedText(Input.ConditionsAr?.Trim() ?? "", Blank(Input.ConditionsEn), Blank(Input.ConditionsFr));
        service.TypicalMinutes = Input.TypicalMinutes;
        service.RequiredSkills = Blank(Input.RequiredSkills);
        service.DefaultTeamId = Input.DefaultTeamId;
        service.IsActive = Input.IsActive;

        // An empty list means the service follows the default stages.
        var wanted = Input.Stages.Where(c => c.Included)
            .OrderBy(c => c.Order).ThenBy(c => Input.Stages.IndexOf(c))
            .Select(c => c.StageId).Distinct().ToList();
        service.Stages.RemoveAll(s => !wanted.Contains(s.StageDefinitionId));
        for (var i = 0; i < wanted.Count; i++)
        {
            var existing = service.Stages.FirstOrDefault(s => s.StageDefinitionId == wanted[i]);
            if (existing is null) service.Stages.Add(new ServiceStage { StageDefinitionId = wanted[i], Position = i });
            else if (existing.Position != i) existing.Position = i;
        }
        if (service.Id == 0) db.Services.Add(service);
        await db.SaveChangesAsync();
        return Redirect("/admin/services");
    }

    private async Task LoadAsync()
    {
        Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name)).ToListAsync();
        StageOptions = await db.StageDefinitions.AsNoTracking()
            .OrderBy(s => s.Position).ThenBy(s => s.Id)
            .Select(s => new StageOption(s.Id, s.Key, s.Name, s.IsDefault, s.IsActive))
            .ToListAsync();
    }

    // The form lists the stages in the order of the choices, so a failed post comes back as it was sent.
    private static List<StageOption> Arrange(IReadOnlyList<StageOption> options, List<StageChoice> choices)
    {
        var byId = options.ToDictionary(o => o.Id);
        var arranged = choices.Where(c => byId.ContainsKey(c.StageId)).Select(c => byId[c.StageId]).ToList();
        var missing = options.Where(o => choices.All(c => c.StageId != o.Id)).ToList();
        foreach (var o in missing)
            choices.Add(new StageChoice { StageId = o.Id, Included = false, Order = choices.Count + 1 });
        arranged.AddRange(missing);
        choices.RemoveAll(c => !byId.ContainsKey(c.StageId));
        return arranged;
    }
}
