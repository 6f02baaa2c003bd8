using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Khidma.Web.Areas.Timeliness.Domain;

/// <summary>
/// The company's business calendars, built once and cached for a few minutes (other nodes pick up an edit
/// within that time; this node at once, through <see cref="Invalidate"/>).
/// </summary>
public sealed class CalendarProvider(IMemoryCache cache)
{
    private const string Key = "timeliness:calendars";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // Before the start-up step has run there is no row; the demo default keeps the arithmetic meaningful.
    private static readonly BusinessCalendar Fallback = BusinessCalendar.SaudiDefault().WithHolidays(Holiday.SaudiPublicHolidays);

    public sealed record Set(int? DefaultId, IReadOnlyDictionary<int, BusinessCalendar> ById)
    {
        public BusinessCalendar Default => DefaultId is { } id && ById.TryGetValue(id, out var c) ? c : Fallback;

        public BusinessCalendar For(int? calendarId) =>
            calendarId is { } id && ById.TryGetValue(id, out var c) ? c : Default;
    }

    public async Task<Set> AllAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (cache.TryGetValue(Key, out Set? set) && set is not null) return set;
        var rows = await db.Set<CalendarDefinition>().AsNoTracking().Include(c => c.Holidays).ToListAsync(ct);
        var byId = new Dictionary<int, BusinessCalendar>();
        foreach (var row in rows)
        {
            try
            {
                byId[row.Id] = row.ToBusinessCalendar();
            }
            catch (TimeZoneNotFoundException)
            {
                // A zone that this machine lacks: the default stands in rather than stopping every clock.
            }
        }
        var defaultId = rows.Where(r => r.IsDefault).Select(r => (int?)r.Id).FirstOrDefault() ?? rows.Select(r => (int?)r.Id).FirstOrDefault();
        set = new Set(defaultId, byId);
        cache.Set(Key, set, Lifetime);
        return set;
    }

    public async Task<BusinessCalendar> DefaultAsync(AppDbContext db, CancellationToken ct = default) => (await AllAsync(db, ct)).Default;

    public void Invalidate() => cache.Remove(Key);
}
