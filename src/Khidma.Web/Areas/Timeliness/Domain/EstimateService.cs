using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Timeliness.Domain;

public enum EstimateLevel { ServiceChannelPriority, ServiceChannel, Service, Global }

/// <summary>A realistic resolution time (T3): business time from creation to resolution in recent history.</summary>
public sealed record Estimate(TimeSpan Median, TimeSpan P80, int Samples, EstimateLevel Level, DateTime ComputedAt);

// Stored estimates (timeliness_estimates), shared by all nodes; derived data, rewritten whole by the refresh.
public sealed class EstimateRow
{
    public int Id { get; set; }
    public EstimateLevel Level { get; set; }
    public int? ServiceId { get; set; }
    public Channel? Channel { get; set; }
    public Priority? Priority { get; set; }
    public long MedianSeconds { get; set; }
    public long P80Seconds { get; set; }
    public int Samples { get; set; }
    public DateTime ComputedAt { get; set; }
}

/// <summary>
/// Resolution estimates per service × channel × priority, falling back to service × channel, service, then all
/// interactions, whichever level first has enough cases (<see cref="ResolutionEstimate.DefaultMinimumSamples"/>).
/// The refresh job reads only the last <c>EstimateDays</c> days and at most <c>EstimateSamplesPerGroup</c> of the most
/// recent resolutions per group (a window function in the database), so its cost is bounded on a large history;
/// readers get the stored result from a cache.
/// </summary>
public sealed class EstimateService(AppDbContext db, CalendarProvider calendars, IMemoryCache cache, TimeProvider clock, IOptions<TimelinessOptions> options) : IJob
{
    private const string CacheKey = "timeliness:estimates";
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);

    private sealed record Key(EstimateLevel Level, int? ServiceId, Channel? Channel, Priority? Priority);

    /// <summary>The estimate for this kind of interaction, or null while history is too thin at every level.</summary>
    public async Task<Estimate?> ForAsync(int? serviceId, Channel channel, Priority priority, CancellationToken ct = default)
    {
        var all = await AllAsync(ct);
        return all.GetValueOrDefault(new Key(EstimateLevel.ServiceChannelPriority, serviceId, channel, priority))
            ?? all.GetValueOrDefault(new Key(EstimateLevel.ServiceChannel, serviceId, channel, null))
            ?? all.GetValueOrDefault(new Key(EstimateLevel.Service, serviceId, null, null))
            ?? all.GetValueOrDefault(new Key(EstimateLevel.Global, null, null, null));
    }

    public async Task<string> RunAsync(CancellationToken ct) => $"{await RefreshAsync(ct)} estimates";

    public async Task<int> RefreshAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-Math.Max(1, options.Value.EstimateDays));
        var perGroup = Math.Max(ResolutionEstimate.DefaultMinimumSamples, options.Value.EstimateSamplesPerGroup);
        var rows = await db.Database.SqlQuery<Sample>(
                $"""
                SELECT service_id AS "ServiceId", channel AS "Channel", priority AS "Priority", created_at AS "CreatedAt", resolved_at AS "ResolvedAt"
                FROM (
                    SELECT service_id, channel, priority, created_at, resolved_at,
                           ROW_NUMBER() OVER (PARTITION BY service_id, channel, priority ORDER BY resolved_at DESC) AS rn
                    FROM interactions_interactions
                    WHERE resolved_at IS NOT NULL AND resolved_at >= {since} AND resolved_at <= {now}
                ) recent
                WHERE rn <= {perGroup}
                """)
            .ToListAsync(ct);

        var calendar = await calendars.DefaultAsync(db, ct);
        var samples = new List<(int? Service, Channel Channel, Priority Priority, DateTime ResolvedAt, TimeSpan Duration)>(rows.Count);
        foreach (var row in rows)
        {
            if (!Enum.TryParse<Channel>(row.Channel, out var channel) || !Enum.TryParse<Priority>(row.Priority, out var priority)) continue;
            var created = DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc);
            var resolved = DateTime.SpecifyKind(row.ResolvedAt, DateTimeKind.Utc);
            var duration = resolved > created ? calendar.BusinessTimeBetween(created, resolved) : TimeSpan.Zero;
            samples.Add((row.ServiceId, channel, priority, resolved, duration));
        }

        var estimates = new List<EstimateRow>();
        void AddLevel<TKey>(EstimateLevel level, Func<(int? Service, Channel Channel, Priority Priority, DateTime ResolvedAt, TimeSpan Duration), TKey> keyOf,
            Func<TKey, (int?, Channel?, Priority?)> parts)
        {
            foreach (var group in samples.GroupBy(keyOf))
            {
                var durations = group.OrderByDescending(s => s.ResolvedAt).Take(perGroup).Select(s => s.Duration);
                if (ResolutionEstimate.FromDurations(durations) is not { } estimate) continue;
                var (service, channel, priority) = parts(group.Key);
                estimates.Add(new EstimateRow
                {
                    Level = level,
                    ServiceId = service,
                    Channel = channel,
                    Priority = priority,
                    MedianSeconds = (long)estimate.Median.TotalSeconds,
                    P80Seconds = (long)estimate.Percentile80.TotalSeconds,
                    Samples = estimate.SampleCount,
                    ComputedAt = now,
                });
            }
        }

        AddLevel(EstimateLevel.ServiceChannelPriority, s => (s.Service, s.Channel, s.Priority), k => (k.Service, k.Channel, k.Priority));
        AddLevel(EstimateLevel.ServiceChannel, s => (s.Service, s.Channel), k => (k.Service, k.Channel, null));
        AddLevel(EstimateLevel.Service, s => s.Service ?? 0, k => (k == 0 ? null : k, null, null));
        AddLevel(EstimateLevel.Global, _ => 0, _ => (null, null, null));

        // Written with plain SQL: these rows are derived and rewritten every hour, not changes worth auditing.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Set<EstimateRow>().ExecuteDeleteAsync(ct);
            foreach (var e in estimates)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO timeliness_estimates (level, service_id, channel, priority, median_seconds, p80_seconds, samples, computed_at)
                    VALUES ({e.Level.ToString()}, {e.ServiceId}, {e.Channel?.ToString()}, {e.Priority?.ToString()}, {e.MedianSeconds}, {e.P80Seconds}, {e.Samples}, {e.ComputedAt})
                    """,
                    ct);
            }
            await tx.CommitAsync(ct);
        }
        cache.Remove(CacheKey);
        return estimates.Count;
    }

    private async Task<Dictionary<Key, Estimate>> AllAsync(CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey, out Dictionary<Key, Estimate>? all) && all is not null) return all;
        var rows = await db.Set<EstimateRow>().AsNoTracking().ToListAsync(ct);
        all = rows.ToDictionary(
            r => new Key(r.Level, r.ServiceId, r.Channel, r.Priority),
            r => new Estimate(TimeSpan.FromSeconds(r.MedianSeconds), TimeSpan.FromSeconds(r.P80Seconds), r.Samples, r.Level, r.ComputedAt));
        cache.Set(CacheKey, all, CacheLifetime);
        return all;
    }

    internal sealed class Sample
    {
        public int? ServiceId { get; set; }
        public string Channel { get; set; } = "";
        public string Priority { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public DateTime ResolvedAt { get; set; }
    }
}
