using System.Globalization;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Timeliness.Domain;

/// <summary>
/// Records a promise on an interaction, with the realistic estimate (T3) beside it: the interaction page's form
/// and <c>POST /api/v1/interactions/{id}/promises</c> both come through here.
/// </summary>
public sealed class RecordPromise(AppDbContext db, EstimateService estimates, CalendarProvider calendars, TimeProvider clock)
{
    public sealed record Target(long Id, long CustomerId, int? TeamId, int? ServiceId, Channel Channel, Priority Priority);

    /// <summary>The estimate for the interaction and the earliest honest due time: now plus its 80th percentile in business time.</summary>
    public sealed record Advice(Estimate? Estimate, DateTime? RealisticDue)
    {
        public bool IsEarlierThanEstimate(DateTime dueUtc) => RealisticDue is { } realistic && dueUtc < realistic;
    }

    public Task<Target?> FindAsync(IQueryable<Interaction> visible, long interactionId, CancellationToken ct = default) =>
        visible.AsNoTracking()
            .Where(i => i.Id == interactionId)
            .Select(i => new Target(i.Id, i.CustomerId, i.TeamId, i.ServiceId, i.Channel, i.Priority))
            .FirstOrDefaultAsync(ct);

    public async Task<Advice> AdviseAsync(Target target, CancellationToken ct = default)
    {
        var estimate = await estimates.ForAsync(target.ServiceId, target.Channel, target.Priority, ct);
        if (estimate is null) return new Advice(null, null);
        var calendar = await calendars.DefaultAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return new Advice(estimate, calendar.TryAddBusinessTime(now, estimate.P80, out var due) ? due : null);
    }

    public async Task<Promise> RunAsync(Target target, string? what, DateTime dueUtc, string? userId, CancellationToken ct = default)
    {
        var promise = Promise.Make(target.Id, target.CustomerId, target.TeamId, what, dueUtc, userId, clock.GetUtcNow().UtcDateTime);
        db.Set<Promise>().Add(promise);
        await db.SaveChangesAsync(ct);
        return promise;
    }

    /// <summary>
    /// Reads a due time: ISO 8601 with an offset or Z, or a local date and time (as &lt;input type=datetime-local&gt;
    /// posts it, invariant digits) in the company's zone. A local time skipped by a clock change is not valid.
    /// </summary>
    public static bool TryParseDue(string? text, TimeZoneInfo zone, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        string[] local = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm"];
        if (DateTime.TryParseExact(text, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            if (zone.IsInvalidTime(wall)) return false;
            utc = TimeZoneInfo.ConvertTimeToUtc(wall, zone);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            utc = instant.UtcDateTime;
            return true;
        }
        return false;
    }
}
