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

// A counter (service point) of a branch and the services it serves; none ticked means all services. Closing it
// keeps its history and takes it out of the console's choices and the wait estimates.
[Authorize(Policy = "Admins")]
public sealed class DeskModel(AppDbContext db, IStringLocalizer<CounterText> text) : PageModel
{
    public sealed record ServiceOption(int Id, LocalizedText Name, bool Active);

    [BindProperty] public InputModel Input { get; set; } = new();

    public string BranchName { get; private set; } = "";
    public IReadOnlyList<ServiceOption> Services { get; private set; } = [];
    public bool Saved { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(16, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Counter number")]
        public string Number { get; set; } = "";

        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [Display(Name = "Open")]
        public bool IsOpen { get; set; } = true;

        [Display(Name = "Services")]
        public List<int> ServiceIds { get; set; } = [];
    }

    public async Task OnGetAsync(int branchId, int? id, bool saved, CancellationToken ct)
    {
        if (id is { } deskId)
        {
            var d = await db.CounterDesks.AsNoTracking().Include(x => x.Services).FirstOrDefaultAsync(x => x.Id == deskId && x.BranchId == branchId, ct)
                ?? throw new NotFoundException();
            Input = new InputModel { Number = d.Number, Name = d.Name, IsOpen = d.IsOpen, ServiceIds = d.Services.Select(s => s.ServiceId).ToList() };
        }
        Saved = saved;
        await LoadAsync(branchId, ct);
    }

    public async Task<IActionResult> OnPostAsync(int branchId, int? id, CancellationToken ct)
    {
        await LoadAsync(branchId, ct);
        var desk = id is { } deskId
            ? await db.CounterDesks.Include(x => x.Services).FirstOrDefaultAsync(x => x.Id == deskId && x.BranchId == branchId, ct) ?? throw new NotFoundException()
            : new CounterDesk { BranchId = branchId };
        var number = Input.Number?.Trim() ?? "";
        if (number.Length > 0 && await db.CounterDesks.AnyAsync(d => d.BranchId == branchId && d.Number == number && d.Id != desk.Id, ct))
            ModelState.AddModelError("Input.Number", text["Another counter of this branch has this number."]);
        if (!ModelState.IsValid) return Page();
        desk.Number = number;
        desk.Name = Input.Name?.Trim() ?? "";
        desk.IsOpen = Input.IsOpen;
        var wanted = Services.Where(s => Input.ServiceIds.Contains(s.Id)).Select(s => s.Id).ToList();
        desk.Services.RemoveAll(s => !wanted.Contains(s.ServiceId));
        foreach (var serviceId in wanted.Where(w => desk.Services.All(s => s.ServiceId != w)))
            desk.Services.Add(new CounterDeskService { ServiceId = serviceId });
        if (desk.Id == 0) db.CounterDesks.Add(desk);
        await db.SaveChangesAsync(ct);
        return Redirect($"/admin/branches/{branchId}/counters/edit/{desk.Id}?saved=true");
    }

    private async Task LoadAsync(int branchId, CancellationToken ct)
    {
        var branch = await db.Branches.AsNoTracking().Where(b => b.Id == branchId)
            .Select(b => new { b.Name.Ar, b.Name.En, b.Name.Fr }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        BranchName = new LocalizedText(branch.Ar, branch.En, branch.Fr).InCurrentCulture();
        Services = (await db.Services.AsNoTracking().OrderBy(s => s.Id)
                .Select(s => new { s.Id, s.Name.Ar, s.Name.En, s.Name.Fr, s.IsActive }).ToListAsync(ct))
            .Select(s => new ServiceOption(s.Id, new LocalizedText(s.Ar, s.En, s.Fr), s.IsActive)).ToList();
    }
}
