using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Counter.Pages.Admin;

// One employee's counter skills: the services call next may give them. None ticked: all the counter's services.
[Authorize(Policy = "Admins")]
public sealed class SkillModel(AppDbContext db) : PageModel
{
    public sealed record ServiceOption(int Id, LocalizedText Name, bool Active);

    public string Name { get; private set; } = "";
    public IReadOnlyList<ServiceOption> Services { get; private set; } = [];
    public bool Saved { get; private set; }

    [BindProperty] public List<int> ServiceIds { get; set; } = [];

    public async Task OnGetAsync(string userId, bool saved, CancellationToken ct)
    {
        await LoadAsync(userId, ct);
        ServiceIds = await db.Set<AgentSkill>().AsNoTracking().Where(s => s.UserId == userId).Select(s => s.ServiceId).ToListAsync(ct);
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(string userId, CancellationToken ct)
    {
        await LoadAsync(userId, ct);
        var wanted = Services.Where(s => ServiceIds.Contains(s.Id)).Select(s => s.Id).ToHashSet();
        var current = await db.Set<AgentSkill>().Where(s => s.UserId == userId).ToListAsync(ct);
        db.Set<AgentSkill>().RemoveRange(current.Where(s => !wanted.Contains(s.ServiceId)));
        foreach (var id in wanted.Where(w => current.All(s => s.ServiceId != w)))
            db.Set<AgentSkill>().Add(new AgentSkill { UserId = userId, ServiceId = id });
        await db.SaveChangesAsync(ct);
        return Redirect($"/admin/counter-skills/{Uri.EscapeDataString(userId)}?saved=true");
    }

    private async Task LoadAsync(string userId, CancellationToken ct)
    {
        Name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException();
        Services = (await db.Services.AsNoTracking().OrderBy(s => s.Id)
                .Select(s => new { s.Id, s.Name.Ar, s.Name.En, s.Name.Fr, s.IsActive }).ToListAsync(ct))
            .Select(s => new ServiceOption(s.Id, new LocalizedText(s.Ar, s.En, s.Fr), s.IsActive)).ToList();
    }
}
