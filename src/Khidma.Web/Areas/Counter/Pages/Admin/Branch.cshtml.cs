using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Counter.Pages.Admin;

// Creates or edits a branch: its names, the slug of its kiosk and board, its time zone; deactivating it closes the
// kiosk and the board (404) and hides its counters from the console without losing its history.
[Authorize(Policy = "Admins")]
public sealed class BranchModel(AppDbContext db, IStringLocalizer<CounterText> text) : PageModel
{
    public sealed record DeskRow(int Id, string Number, string Name, bool Open, int Services);

    [BindProperty] public InputModel Input { get; set; } = new();

    public IReadOnlyList<DeskRow> Desks { get; private set; } = [];
    public bool Saved { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(32, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use lowercase Latin letters, digits and hyphens only.")]
        [Display(Name = "Address (slug)")]
        public string Code { get; set; } = "";

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

        [StringLength(64, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Time zone")]
        public string? TimeZoneId { get; set; }

        [Display(Name = "Active")]
        public bool IsActive { get; set; } = true;
    }

    public async Task OnGetAsync(int? id, bool saved, CancellationToken ct)
    {
        if (id is { } branchId)
        {
            var b = await db.Branches.AsNoTracking().FirstOrDefaultAsync(x => x.Id == branchId, ct) ?? throw new NotFoundException();
            Input = new InputModel { Code = b.Code, NameAr = b.Name.Ar, NameEn = b.Name.En, NameFr = b.Name.Fr, TimeZoneId = b.TimeZoneId, IsActive = b.IsActive };
        }
        Saved = saved;
        await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var branch = id is { } branchId
            ? await db.Branches.FirstOrDefaultAsync(x => x.Id == branchId, ct) ?? throw new NotFoundException()
            : new Branch();
        var code = Input.Code?.Trim() ?? "";
        if (code.Length > 0 && await db.Branches.AnyAsync(b => b.Code == code && b.Id != branch.Id, ct))
            ModelState.AddModelError("Input.Code", text["Another branch already uses this address."]);
        var zone = string.IsNullOrWhiteSpace(Input.TimeZoneId) ? null : Input.TimeZoneId.Trim();
        if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            ModelState.AddModelError("Input.TimeZoneId", text["Unknown time zone."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, ct);
            return Page();
        }
        branch.Code = code;
        branch.Name = new LocalizedText(Input.NameAr.Trim(), Blank(Input.NameEn), Blank(Input.NameFr));
        branch.TimeZoneId = zone;
        branch.IsActive = Input.IsActive;
        if (branch.Id == 0) db.Branches.Add(branch);
        await db.SaveChangesAsync(ct);
        return Redirect($"/admin/branches/edit/{branch.Id}?saved=true");
    }

    public static IEnumerable<string> TimeZones() =>
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(z => z.Contains('/', StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task LoadAsync(int? id, CancellationToken ct)
    {
        if (id is not { } branchId) return;
        Desks = await db.CounterDesks.AsNoTracking().Where(d => d.BranchId == branchId)
            .OrderBy(d => d.Number)
            .Select(d => new DeskRow(d.Id, d.Number, d.Name, d.IsOpen, d.Services.Count))
            .ToListAsync(ct);
    }
}
