using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Timeliness.Pages.Policies;

// SLA policies (T1): targets in business minutes per channel × priority × customer type ("any" when empty), the
// warning threshold and the escalation rules. The most specific active policy applies to a new interaction, so
// two active policies may not cover exactly the same combination. Running clocks keep the targets they started with.
[Authorize(Policy = "Managers")]
public sealed class IndexModel(AppDbContext db, IStringLocalizer<TimelinessText> text, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Name, Channel? Channel, Priority? Priority, CustomerType? CustomerType, int? FirstResponse,
        int? NextResponse, int? Resolution, int WarningPercent, bool NotifySupervisors, bool RaisePriority, string? EscalateTo, string? Calendar, bool IsActive);

    public sealed class PolicyInput
    {
        public int? Id { get; set; }
        public string? Name { get; set; }
        public Channel? Channel { get; set; }
        public Priority? Priority { get; set; }
        public CustomerType? CustomerType { get; set; }
        public int? CalendarId { get; set; }
        public int? FirstResponseMinutes { get; set; }
        public int? NextResponseMinutes { get; set; }
        public int? ResolutionMinutes { get; set; }
        public int WarningPercent { get; set; } = 25;
        public bool NotifySupervisors { get; set; } = true;
        public bool RaisePriority { get; set; }
        public int? EscalateToTeamId { get; set; }
        public bool IsActive { get; set; } = true;
        public int Version { get; set; }
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Teams { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Calendars { get; private set; } = [];
    public string? Saved { get; private set; }

    [BindProperty]
    public PolicyInput Input { get; set; } = new();

    public async Task OnGetAsync(int? id, bool saved, CancellationToken ct)
    {
        if (id is { } wanted)
        {
            var p = await db.Set<SlaPolicy>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == wanted, ct) ?? throw new NotFoundException();
            Input = new PolicyInput
            {
                Id = p.Id, Name = p.Name, Channel = p.Channel, Priority = p.Priority, CustomerType = p.CustomerType, CalendarId = p.CalendarId,
                FirstResponseMinutes = p.FirstResponseMinutes, NextResponseMinutes = p.NextResponseMinutes, ResolutionMinutes = p.ResolutionMinutes,
                WarningPercent = p.WarningPercent, NotifySupervisors = p.NotifySupervisors, RaisePriority = p.RaisePriority,
                EscalateToTeamId = p.EscalateToTeamId, IsActive = p.IsActive, Version = p.Version,
            };
        }
        if (saved) Saved = text["The policy is saved."];
        await ListAsync(ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var i = Input;
        var name = i.Name?.Trim();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError("Input.Name", text["Give the policy a name."]);
        else if (name.Length > 200) ModelState.AddModelError("Input.Name", text["The name is too long."]);
        if (i.FirstResponseMinutes is null && i.NextResponseMinutes is null && i.ResolutionMinutes is null)
            ModelState.AddModelError("Input.FirstResponseMinutes", text["Give at least one target."]);
        foreach (var (key, value) in new[] { ("FirstResponseMinutes", i.FirstResponseMinutes), ("NextResponseMinutes", i.NextResponseMinutes), ("ResolutionMinutes", i.ResolutionMinutes) })
            if (value is { } v && (v < 1 || v > SlaPolicy.MaxMinutes))
                ModelState.AddModelError($"Input.{key}", text["A target is between 1 and {0} business minutes.", SlaPolicy.MaxMinutes]);
        if (i.WarningPercent is < 0 or > 99) ModelState.AddModelError("Input.WarningPercent", text["The warning threshold is between 0 and 99 percent."]);
        if (i.EscalateToTeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team && t.IsActive, ct))
            ModelState.AddModelError("Input.EscalateToTeamId", text["This team does not exist or is not active."]);
        if (i.CalendarId is { } cal && !await db.Set<CalendarDefinition>().AnyAsync(c => c.Id == cal, ct))
            ModelState.AddModelError("Input.CalendarId", text["This calendar does not exist."]);
        if (i.IsActive && await db.Set<SlaPolicy>().AnyAsync(p => p.IsActive && p.Id != (i.Id ?? 0)
                && p.Channel == i.Channel && p.Priority == i.Priority && p.CustomerType == i.CustomerType, ct))
            ModelState.AddModelError("Input.Channel", text["Another active policy already covers this channel, priority and customer type."]);

        SlaPolicy policy;
        if (i.Id is { } id)
        {
            policy = await db.Set<SlaPolicy>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();
            if (policy.Version != i.Version) ModelState.AddModelError("", text["Someone else changed this policy at the same time. Reload and try again."]);
        }
        else
        {
            policy = new SlaPolicy();
        }
        if (!ModelState.IsValid)
        {
            await ListAsync(ct);
            return Page();
        }

        policy.Name = name!;
        policy.Channel = i.Channel;
        policy.Priority = i.Priority;
        policy.CustomerType = i.CustomerType;
        policy.CalendarId = i.CalendarId;
        policy.FirstResponseMinutes = i.FirstResponseMinutes;
        policy.NextResponseMinutes = i.NextResponseMinutes;
        policy.ResolutionMinutes = i.ResolutionMinutes;
        policy.WarningPercent = i.WarningPercent;
        policy.NotifySupervisors = i.NotifySupervisors;
        policy.RaisePriority = i.RaisePriority;
        policy.EscalateToTeamId = i.EscalateToTeamId;
        policy.IsActive = i.IsActive;
        policy.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (policy.Id == 0) db.Set<SlaPolicy>().Add(policy);
        await db.SaveChangesAsync(ct);
        return Redirect($"/timeliness/policies?saved=true#policy-{policy.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var policy = await db.Set<SlaPolicy>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();
        db.Remove(policy);
        await db.SaveChangesAsync(ct);
        return Redirect("/timeliness/policies?saved=true");
    }

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task ListAsync(CancellationToken ct)
    {
        Teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList();
        Calendars = (await db.Set<CalendarDefinition>().AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct)).Select(c => (c.Id, c.Name)).ToList();
        var teams = Teams.ToDictionary(t => t.Id, t => t.Name);
        var calendars = Calendars.ToDictionary(c => c.Id, c => c.Name);
        var policies = await db.Set<SlaPolicy>().AsNoTracking().ToListAsync(ct);
        Rows = policies
            .OrderByDescending(p => p.IsActive).ThenBy(p => p.Specificity).ThenBy(p => p.Id)
            .Select(p => new Row(p.Id, p.Name, p.Channel, p.Priority, p.CustomerType, p.FirstResponseMinutes, p.NextResponseMinutes, p.ResolutionMinutes,
                p.WarningPercent, p.NotifySupervisors, p.RaisePriority, p.EscalateToTeamId is { } t ? teams.GetValueOrDefault(t) : null,
                p.CalendarId is { } c ? calendars.GetValueOrDefault(c) : null, p.IsActive))
            .ToList();
    }
}
