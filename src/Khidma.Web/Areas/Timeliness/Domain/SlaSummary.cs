using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Timeliness.Domain;

/// <summary>
/// The SLA badge of many interactions at once: one query over the running clocks of the given interactions, the
/// most urgent clock of each kept. The inbox calls <see cref="ForInteractionsAsync"/> once per page and hands the
/// result to the <c>SlaBadge</c> view component.
/// </summary>
public sealed class SlaSummary(AppDbContext db, CalendarProvider calendars, TimeProvider clock)
{
    public sealed record Badge(long InteractionId, SlaKind Kind, SlaWarningLevel Level, bool Paused, TimeSpan Remaining, DateTime? Due);

    public sealed class Page(IReadOnlyDictionary<long, Badge> badges)
    {
        public static Page Empty { get; } = new(new Dictionary<long, Badge>());

        public IReadOnlyDictionary<long, Badge> Badges { get; } = badges;

        public Badge? For(long interactionId) => Badges.GetValueOrDefault(interactionId);
    }

    public async Task<Page> ForInteractionsAsync(IEnumerable<long> interactionIds, CancellationToken ct = default)
    {
        var ids = interactionIds.Distinct().ToList();
        if (ids.Count == 0) return Page.Empty;
        var timers = await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => ids.Contains(t.InteractionId) && t.SatisfiedAt == null)
            .ToListAsync(ct);
        if (timers.Count == 0) return Page.Empty;
        var set = await calendars.AllAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var badges = new Dictionary<long, Badge>();
        foreach (var timer in timers)
        {
            var state = timer.StateAt(set.For(timer.CalendarId), now);
            var badge = new Badge(timer.InteractionId, timer.Kind, state.Level, state.Paused, state.Remaining, state.Due);
            if (!badges.TryGetValue(timer.InteractionId, out var current) || MoreUrgent(badge, current))
                badges[timer.InteractionId] = badge;
        }
        return new Page(badges);
    }

    // Breached before warning before ok; a running clock before a paused one; then the least time left.
    private static bool MoreUrgent(Badge a, Badge b) =>
        a.Level != b.Level ? a.Level > b.Level
        : a.Paused != b.Paused ? !a.Paused
        : a.Remaining < b.Remaining;
}
