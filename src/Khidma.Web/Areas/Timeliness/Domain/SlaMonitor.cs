using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Timeliness.Domain;

// The SLA job: warns the team's supervisors when a clock enters its warning zone and, when it breaches,
// records the breach and applies the policy's escalation rules. Each clock is warned once and breached once:
// the marks are saved in the same transaction as the notifications, and the job only picks unmarked clocks.
public sealed class SlaMonitor(AppDbContext db, TimeProvider clock) : IJob
{
    public const int Batch = 200;
    private const int MaxBatchesPerRun = 50;

    private readonly Dictionary<int, List<string>> supervisors = [];

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var breached = 0;
        for (var i = 0; i < MaxBatchesPerRun; i++)
        {
            var n = await BreachBatchAsync(now, ct);
            breached += n;
            if (n < Batch) break;
        }
        var warned = 0;
        for (var i = 0; i < MaxBatchesPerRun; i++)
        {
            var n = await WarnBatchAsync(now, ct);
            warned += n;
            if (n < Batch) break;
        }
        return $"breached {breached}, warned {warned}";
    }

    /// <summary>
    /// For history loaded in bulk (the demo company): clocks of the given interactions that warned or breached
    /// before <paramref name="now"/> are marked as handled at the time — warned at their warning time, breached at
    /// their due time — so the job's first run does not escalate months of history at once. No notification is sent
    /// and no escalation replayed: that past happened before Khidma. Returns the clocks marked.
    /// </summary>
    public static async Task<int> SettleHistoryAsync(AppDbContext db, long firstInteraction, long lastInteraction, DateTime now, CancellationToken ct)
    {
        var clocks = db.Set<SlaTimer>().Where(t => t.InteractionId >= firstInteraction && t.InteractionId <= lastInteraction && t.SatisfiedAt == null);
        var breached = await clocks.Where(t => t.BreachedAt == null && t.DueAt != null && t.DueAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.BreachedAt, t => t.DueAt).SetProperty(t => t.WarnedAt, t => t.WarnAt ?? t.DueAt), ct);
        var warned = await clocks.Where(t => t.WarnedAt == null && t.BreachedAt == null && t.WarnAt != null && t.WarnAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.WarnedAt, t => t.WarnAt), ct);
        return breached + warned;
    }

    private async Task<int> WarnBatchAsync(DateTime now, CancellationToken ct)
    {
        var timers = await db.Set<SlaTimer>()
            .Where(t => t.SatisfiedAt == null && t.WarnedAt == null && t.BreachedAt == null && t.PausedSince == null
                && t.WarnAt != null && t.WarnAt <= now)
            .OrderBy(t => t.WarnAt)
            .Take(Batch)
            .ToListAsync(ct);
        if (timers.Count == 0) return 0;
        var ids = timers.Select(t => t.InteractionId).Distinct().ToList();
        var teams = await db.Interactions.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.TeamId }).ToDictionaryAsync(i => i.Id, i => i.TeamId, ct);
        foreach (var timer in timers)
        {
            timer.WarnedAt = now;
            await NotifySupervisorsAsync(teams.GetValueOrDefault(timer.InteractionId), NotificationKind.SlaWarning, timer, now, ct);
        }
        await db.SaveChangesAsync(ct);
        return timers.Count;
    }

    private async Task<int> BreachBatchAsync(DateTime now, CancellationToken ct)
    {
        var timers = await db.Set<SlaTimer>()
            .Where(t => t.SatisfiedAt == null && t.BreachedAt == null && t.DueAt != null && t.DueAt <= now)
            .OrderBy(t => t.DueAt)
            .Take(Batch)
            .ToListAsync(ct);
        if (timers.Count == 0) return 0;
        var ids = timers.Select(t => t.InteractionId).Distinct().ToList();
        var interactions = await db.Interactions.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var policyIds = timers.Select(t => t.PolicyId).OfType<int>().Distinct().ToList();
        var policies = await db.Set<SlaPolicy>().AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

        foreach (var timer in timers)
        {
            timer.BreachedAt = timer.DueAt;
            timer.WarnedAt ??= now;
            var policy = timer.PolicyId is { } pid ? policies.GetValueOrDefault(pid) : null;
            if (!interactions.TryGetValue(timer.InteractionId, out var interaction)) continue;
            var teamBefore = interaction.TeamId;
            if (policy?.NotifySupervisors ?? true)
                await NotifySupervisorsAsync(teamBefore, NotificationKind.SlaBreach, timer, now, ct);
            if (policy is null || InteractionStatus.IsFinished(interaction.StatusCategory)) continue;

            // An escalation is the system's doing, not the customer's or the staff's: it stays on the timeline but
            // does not count as activity, or every breach would float to the top of the inbox as just touched.
            var lastActivity = interaction.LastActivityAt;

            if (policy.RaisePriority && interaction.Priority < Priority.Urgent)
            {
                // Interaction has no priority method yet; the timeline entry keeps the change on record.
                interaction.Priority += 1;
                interaction.AddEntry(TimelineKind.System, null, null, now, $"sla-escalation|{timer.Kind}|priority|{interaction.Priority}");
            }
            if (policy.EscalateToTeamId is { } team && team != interaction.TeamId)
            {
                interaction.Assign(team, null, null, now);
                interaction.AddEntry(TimelineKind.System, null, null, now, $"sla-escalation|{timer.Kind}|team|{team}");
                await NotifySupervisorsAsync(team, NotificationKind.Escalated, timer, now, ct);
            }
            interaction.LastActivityAt = lastActivity;
        }
        await db.SaveChangesAsync(ct);
        return timers.Count;
    }

    private async Task NotifySupervisorsAsync(int? teamId, NotificationKind kind, SlaTimer timer, DateTime now, CancellationToken ct)
    {
        List<string> users = [];
        if (teamId is { } team && !supervisors.TryGetValue(team, out users!))
        {
            users = await (from m in db.TeamMembers
                           join ur in db.UserRoles on m.UserId equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           join u in db.Users on m.UserId equals u.Id
                           where m.TeamId == team && r.Name == Roles.Supervisor && u.IsActive
                           select m.UserId).Distinct().ToListAsync(ct);
            supervisors[team] = users;
        }
        if (users.Count == 0)
        {
            Notifications.Add(db, kind, null, teamId, timer.InteractionId, null, timer.Kind.ToString(), now);
            return;
        }
        foreach (var user in users) Notifications.Add(db, kind, user, teamId, timer.InteractionId, null, timer.Kind.ToString(), now);
    }
}
