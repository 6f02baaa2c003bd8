using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Khidma.Web.Areas.Timeliness.Domain;

// Keeps the SLA clocks of interactions in step with what is being saved; called by SlaInterceptor before
// every save, so pages, the API and mail intake never have to remember it. The rules:
// - A new interaction starts a first-response clock (not for walk-ins: the customer is served face to face)
//   and a resolution clock, with the targets of the best-matching policy (channel × priority × customer type).
// - A Reply or Call entry answers the open first-response and next-response clocks.
// - A CustomerMessage once the first response is given starts a next-response clock, unless one is running.
//   It starts running even when the status still says waiting on the customer: the customer has answered.
// - Entering WaitingOnCustomer pauses the running clocks; leaving it resumes them.
// - Resolved/Closed satisfies every running clock; reopening runs the resolution clock on, the resolved spell
//   counting as a pause.
// - Changing the priority or channel later keeps the targets the clocks started with.
public sealed class SlaEngine(TimeProvider clock, CalendarProvider calendars, ReferenceCache references)
{
    // Every new interaction needs the policies; this node drops its copy the moment one is saved.
    private static readonly TimeSpan PolicyLifetime = TimeSpan.FromSeconds(30);
    private static readonly Type[] PolicyTables = [typeof(SlaPolicy)];

    // Clocks a request worked out before handing its new interaction to a shared writer (see PlanAsync).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Interaction, Planned> planned = new();

    private sealed record Planned(Plan Plan, List<SlaTimer> Timers);

    /// <summary>
    /// The clocks a new interaction with these facts starts, worked out now: the policy match and the calendar
    /// arithmetic for due and warning instants. A request does this before queueing its create, so that the
    /// one writer saving many creates together only attaches the clocks (<see cref="StartWith"/>).
    /// </summary>
    public sealed record Plan(Channel Channel, Priority Priority, StatusCategory Status, DateTime Start, IReadOnlyList<SlaTimer> Timers);

    public async Task<Plan> PlanAsync(AppDbContext db, Channel channel, Priority priority, StatusCategory status, CustomerType customerType, DateTime start, CancellationToken ct)
    {
        var set = await calendars.AllAsync(db, ct);
        var policies = await PoliciesAsync(db, ct);
        return new Plan(channel, priority, status, start, StartTimers(policies, set, channel, priority, status, customerType, start, null, []) ?? []);
    }

    /// <summary>The interaction starts the planned clocks when it is saved, unless its facts changed meanwhile.</summary>
    public void StartWith(Interaction interaction, Plan plan) =>
        planned.AddOrUpdate(interaction, new Planned(plan, plan.Timers.Select(t => t.CopyUnsaved()).ToList()));

    private Task<List<SlaPolicy>> PoliciesAsync(AppDbContext db, CancellationToken ct) =>
        references.GetAsync("timeliness:sla-policies", PolicyTables, PolicyLifetime,
            () => db.Set<SlaPolicy>().AsNoTracking().Where(p => p.IsActive).ToListAsync(ct));

    public async Task ApplyAsync(AppDbContext db, CancellationToken ct)
    {
        var added = new List<EntityEntry<Interaction>>();
        var statusChanged = new List<(Interaction Interaction, StatusCategory From)>();
        var tracked = new Dictionary<long, Interaction>();
        var entries = new List<(EntityEntry Entry, TimelineEntry Item)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Interaction interaction when entry.State == EntityState.Added:
                    added.Add(db.Entry(interaction));
                    break;
                case Interaction interaction:
                    if (entry.State == EntityState.Unchanged || entry.State == EntityState.Modified) tracked[interaction.Id] = interaction;
                    var status = entry.Property(nameof(Interaction.StatusCategory));
                    if (entry.State == EntityState.Modified && status.IsModified && status.OriginalValue is StatusCategory from && from != interaction.StatusCategory)
                        statusChanged.Add((interaction, from));
                    break;
                case TimelineEntry item when entry.State == EntityState.Added
                    && item.Kind is TimelineKind.CustomerMessage or TimelineKind.Reply or TimelineKind.Call:
                    entries.Add((entry, item));
                    break;
            }
        }
        if (added.Count == 0 && statusChanged.Count == 0 && entries.Count == 0) return;

        var now = clock.GetUtcNow().UtcDateTime;
        var set = await calendars.AllAsync(db, ct);
        // Loaded only when a clock has to start: a plain reply or status change needs no policy.
        List<SlaPolicy>? loaded = null;
        async Task<List<SlaPolicy>> Policies() => loaded ??= await PoliciesAsync(db, ct);

        // Entries of interactions saved for the first time carry a temporary key; the rest carry the real one.
        var newKeys = added.ToDictionary(e => e.Property(i => i.Id).CurrentValue, e => e);
        var entriesOfNew = new Dictionary<long, List<TimelineEntry>>();
        var entriesOfExisting = new Dictionary<long, List<TimelineEntry>>();
        foreach (var (entry, item) in entries)
        {
            var key = (long)entry.Property(nameof(TimelineEntry.InteractionId)).CurrentValue!;
            var target = newKeys.ContainsKey(key) ? entriesOfNew : entriesOfExisting;
            (target.TryGetValue(key, out var list) ? list : target[key] = []).Add(item);
        }

        if (added.Count > 0)
            await StartAsync(db, added, entriesOfNew, Policies, set, now, ct);
        if (statusChanged.Count > 0 || entriesOfExisting.Count > 0)
        {
            await UpdateAsync(db, statusChanged, entriesOfExisting, tracked, Policies, set, now, ct);
            // Clocks loaded and changed above; new clocks are complete when added, and tracked from there.
            db.ChangeTracker.DetectChanges();
        }
    }

    private async Task StartAsync(
        AppDbContext db, List<EntityEntry<Interaction>> added, Dictionary<long, List<TimelineEntry>> entriesOfNew,
        Func<Task<List<SlaPolicy>>> policies, CalendarProvider.Set set, DateTime now, CancellationToken ct)
    {
        var unplanned = new List<(EntityEntry<Interaction> Entry, List<TimelineEntry> Entries)>();
        foreach (var entry in added)
        {
            var interaction = entry.Entity;
            var entries = entriesOfNew.GetValueOrDefault(entry.Property(i => i.Id).CurrentValue) ?? [];
            if (planned.TryGetValue(interaction, out var plan) && Unchanged(plan.Plan, interaction, now, entries))
            {
                planned.Remove(interaction);
                Add(db, interaction, plan.Timers);
            }
            else unplanned.Add((entry, entries));
        }
        if (unplanned.Count == 0) return;

        var all = await policies();
        var types = await CustomerTypesAsync(db, unplanned.Select(u => u.Entry.Property(i => i.CustomerId).CurrentValue), ct);
        foreach (var (entry, entries) in unplanned)
        {
            var interaction = entry.Entity;
            var customerType = types.GetValueOrDefault(entry.Property(i => i.CustomerId).CurrentValue, CustomerType.Individual);
            var start = interaction.CreatedAt == default ? now : interaction.CreatedAt;
            if (StartTimers(all, set, interaction.Channel, interaction.Priority, interaction.StatusCategory, customerType, start, interaction.ResolvedAt, entries) is { } timers)
                Add(db, interaction, timers);
        }
    }

    // The plan holds while what it was worked out from still holds: no answer saved with the interaction, and
    // the same channel, priority, status category and start.
    private static bool Unchanged(Plan plan, Interaction interaction, DateTime now, List<TimelineEntry> entries) =>
        plan.Channel == interaction.Channel && plan.Priority == interaction.Priority && plan.Status == interaction.StatusCategory
        && plan.Start == (interaction.CreatedAt == default ? now : interaction.CreatedAt)
        && !InteractionStatus.IsFinished(interaction.StatusCategory)
        && !entries.Any(i => i.Kind is TimelineKind.Reply or TimelineKind.Call);

    private static void Add(AppDbContext db, Interaction interaction, List<SlaTimer> timers)
    {
        foreach (var timer in timers)
        {
            timer.Interaction = interaction;
            db.Set<SlaTimer>().Add(timer);
        }
    }

    // The clocks a new interaction starts, with their due and warning instants; null when no policy applies.
    private static List<SlaTimer>? StartTimers(
        List<SlaPolicy> policies, CalendarProvider.Set set, Channel channel, Priority priority, StatusCategory status,
        CustomerType customerType, DateTime start, DateTime? resolvedAt, List<TimelineEntry> entries)
    {
        if (SlaPolicy.Match(policies, channel, priority, customerType) is not { } policy) return null;
        var timers = new List<SlaTimer>();
        if (policy.FirstResponseMinutes is { } fr && channel != Channel.WalkIn)
            timers.Add(SlaTimer.Start(SlaKind.FirstResponse, policy, fr, start));
        if (policy.ResolutionMinutes is { } res)
            timers.Add(SlaTimer.Start(SlaKind.Resolution, policy, res, start));
        if (timers.Count == 0) return null;

        if (status == StatusCategory.WaitingOnCustomer)
            timers.ForEach(t => t.Pause(start));
        foreach (var item in entries.Where(i => i.Kind is TimelineKind.Reply or TimelineKind.Call).OrderBy(i => i.CreatedAt))
            timers.Where(t => t.Kind == SlaKind.FirstResponse).ToList().ForEach(t => t.Satisfy(item.CreatedAt));
        if (InteractionStatus.IsFinished(status))
            timers.ForEach(t => t.Satisfy(resolvedAt ?? start));

        var calendar = set.For(policy.CalendarId);
        foreach (var timer in timers) timer.Recompute(calendar);
        return timers;
    }

    private static async Task UpdateAsync(
        AppDbContext db,
        List<(Interaction Interaction, StatusCategory From)> statusChanged,
        Dictionary<long, List<TimelineEntry>> entriesOfExisting,
        Dictionary<long, Interaction> tracked,
        Func<Task<List<SlaPolicy>>> policies,
        CalendarProvider.Set set,
        DateTime now,
        CancellationToken ct)
    {
        var ids = statusChanged.Select(s => s.Interaction.Id).Concat(entriesOfExisting.Keys).Distinct().ToList();
        var timers = await db.Set<SlaTimer>()
            .Where(t => ids.Contains(t.InteractionId) && (t.SatisfiedAt == null || t.Kind != SlaKind.NextResponse))
            .ToListAsync(ct);
        var byInteraction = timers.ToLookup(t => t.InteractionId);
        var touched = new HashSet<SlaTimer>();

        foreach (var (interaction, from) in statusChanged)
        {
            var mine = byInteraction[interaction.Id].ToList();
            var to = interaction.StatusCategory;
            if (InteractionStatus.IsFinished(from) && !InteractionStatus.IsFinished(to))
                mine.Where(t => t.Kind == SlaKind.Resolution).ToList().ForEach(t => t.Reopen(now));
            if (from == StatusCategory.WaitingOnCustomer && to != StatusCategory.WaitingOnCustomer)
                mine.ForEach(t => t.Resume(now));
            if (to == StatusCategory.WaitingOnCustomer && from != StatusCategory.WaitingOnCustomer)
                mine.ForEach(t => t.Pause(now));
            if (InteractionStatus.IsFinished(to) && !InteractionStatus.IsFinished(from))
                mine.ForEach(t => t.Satisfy(now));
            touched.UnionWith(mine);
        }

        // Facts (status, channel, priority, customer type) matter only where a customer message may start a clock.
        var asking = entriesOfExisting.Where(e => e.Value.Any(i => i.Kind == TimelineKind.CustomerMessage)).Select(e => e.Key).ToList();
        if (entriesOfExisting.Count > 0)
        {
            var facts = asking.Count > 0 ? await FactsAsync(db, asking, tracked, ct) : [];
            foreach (var (interactionId, items) in entriesOfExisting)
            {
                var mine = byInteraction[interactionId].ToList();
                foreach (var item in items.OrderBy(i => i.CreatedAt))
                {
                    if (item.Kind is TimelineKind.Reply or TimelineKind.Call)
                    {
                        foreach (var t in mine.Where(t => t.IsRunning && t.Kind != SlaKind.Resolution))
                        {
                            t.Satisfy(item.CreatedAt);
                            touched.Add(t);
                        }
                        continue;
                    }

                    var answered = !mine.Any(t => t.Kind == SlaKind.FirstResponse && t.IsRunning);
                    var waiting = mine.Any(t => t.Kind == SlaKind.NextResponse && t.IsRunning);
                    if (!answered || waiting || !facts.TryGetValue(interactionId, out var fact) || InteractionStatus.IsFinished(fact.Status)) continue;
                    var all = await policies();
                    var policy = PolicyFor(mine, all) ?? SlaPolicy.Match(all, fact.Channel, fact.Priority, fact.CustomerType);
                    if (policy?.NextResponseMinutes is not { } minutes) continue;
                    var next = SlaTimer.Start(SlaKind.NextResponse, policy, minutes, item.CreatedAt);
                    next.InteractionId = interactionId;
                    db.Set<SlaTimer>().Add(next);
                    mine.Add(next);
                    touched.Add(next);
                }
            }
        }

        foreach (var timer in touched) timer.Recompute(set.For(timer.CalendarId));
    }

    private static SlaPolicy? PolicyFor(List<SlaTimer> timers, List<SlaPolicy> policies) =>
        timers.Select(t => t.PolicyId).Where(id => id is not null)
            .Select(id => policies.FirstOrDefault(p => p.Id == id))
            .FirstOrDefault(p => p is not null);

    private sealed record Facts(StatusCategory Status, Channel Channel, Priority Priority, CustomerType CustomerType);

    private static async Task<Dictionary<long, Facts>> FactsAsync(AppDbContext db, IEnumerable<long> ids, Dictionary<long, Interaction> tracked, CancellationToken ct)
    {
        var list = ids.ToList();
        var rows = await (from i in db.Interactions.AsNoTracking()
                          join c in db.Customers on i.CustomerId equals c.Id
                          where list.Contains(i.Id)
                          select new { i.Id, i.StatusCategory, i.Channel, i.Priority, c.Type }).ToListAsync(ct);
        return rows.ToDictionary(
            r => r.Id,
            r => tracked.TryGetValue(r.Id, out var t)
                ? new Facts(t.StatusCategory, t.Channel, t.Priority, r.Type)
                : new Facts(r.StatusCategory, r.Channel, r.Priority, r.Type));
    }

    private static async Task<Dictionary<long, CustomerType>> CustomerTypesAsync(AppDbContext db, IEnumerable<long> customerIds, CancellationToken ct)
    {
        var result = new Dictionary<long, CustomerType>();
        var missing = new List<long>();
        // A customer created in the same save is only in the change tracker (under a temporary key).
        var local = db.ChangeTracker.Entries<Customer>().ToDictionary(c => c.Property(x => x.Id).CurrentValue, c => c.Entity.Type);
        foreach (var id in customerIds.Distinct())
        {
            if (local.TryGetValue(id, out var type)) result[id] = type;
            else missing.Add(id);
        }
        if (missing.Count > 0)
        {
            foreach (var row in await db.Customers.AsNoTracking().Where(c => missing.Contains(c.Id)).Select(c => new { c.Id, c.Type }).ToListAsync(ct))
                result[row.Id] = row.Type;
        }
        return result;
    }
}
