using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Timeliness.Domain;

/// <summary>
/// The SLA block of an interaction for the REST API. Instants are ISO 8601 with the company calendar's offset
/// (e.g. 2026-11-22T11:00:00+03:00); a due time is null while its clock is paused or when there is no such clock.
/// Breached means the clock ran past its due time, whether or not it was answered later.
/// Callers check that the interaction exists and is visible first.
/// </summary>
public sealed record SlaJson(
    DateTimeOffset? FirstResponseDue,
    bool FirstResponsePaused,
    bool FirstResponseBreached,
    bool FirstResponseSatisfied,
    DateTimeOffset? NextResponseDue,
    bool NextResponsePaused,
    bool NextResponseBreached,
    DateTimeOffset? ResolutionDue,
    bool ResolutionPaused,
    bool ResolutionBreached,
    bool ResolutionSatisfied)
{
    public static async Task<SlaJson> ForAsync(AppDbContext db, long interactionId, TimeProvider clock, CancellationToken ct = default)
    {
        var timers = await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.InteractionId == interactionId && (t.Kind != SlaKind.NextResponse || t.SatisfiedAt == null))
            .ToListAsync(ct);
        var zoneId = await db.Set<CalendarDefinition>().AsNoTracking()
            .OrderByDescending(c => c.IsDefault).ThenBy(c => c.Id)
            .Select(c => c.TimeZoneId).FirstOrDefaultAsync(ct);
        var zone = Khidma.Web.Platform.Localization.Formatter.FindZone(zoneId ?? "Asia/Riyadh");
        var now = clock.GetUtcNow().UtcDateTime;

        SlaTimer? Of(SlaKind kind) => timers.Where(t => t.Kind == kind).OrderByDescending(t => t.StartedAt).FirstOrDefault();
        DateTimeOffset? Due(SlaTimer? t) => t?.DueAt is { } due ? TimeZoneInfo.ConvertTime(new DateTimeOffset(due, TimeSpan.Zero), zone) : null;
        static bool Paused(SlaTimer? t) => t is { PausedSince: not null, SatisfiedAt: null };
        bool Breached(SlaTimer? t) => t is not null
            && (t.BreachedAt is not null || (t.DueAt is { } due && (t.SatisfiedAt ?? now) > due));

        var first = Of(SlaKind.FirstResponse);
        var next = Of(SlaKind.NextResponse);
        var resolution = Of(SlaKind.Resolution);
        return new SlaJson(
            Due(first), Paused(first), Breached(first), first?.SatisfiedAt is not null,
            Due(next), Paused(next), Breached(next),
            Due(resolution), Paused(resolution), Breached(resolution), resolution?.SatisfiedAt is not null);
    }
}
