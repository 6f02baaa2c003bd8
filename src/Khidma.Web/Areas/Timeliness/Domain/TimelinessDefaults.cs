using Khidma.Web.Platform;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Timeliness.Domain;

// At every start: the default business calendar (Sunday–Thursday 08:00–12:00 and 13:00–17:00 in the company's
// zone, Saudi public holidays) and a starting set of SLA policies, each only when none exists yet.
public sealed class TimelinessDefaults(AppDbContext db, TimeProvider clock, IOptions<KhidmaOptions> options, CalendarProvider calendars) : IStartupStep
{
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = false;
        if (!await db.Set<CalendarDefinition>().AnyAsync(ct))
        {
            var zone = CalendarDefinition.IsKnownTimeZone(options.Value.TimeZone) ? options.Value.TimeZone : "Asia/Riyadh";
            db.Set<CalendarDefinition>().Add(CalendarDefinition.SaudiDefault(zone, now));
            changed = true;
        }
        if (!await db.Set<SlaPolicy>().AnyAsync(ct))
        {
            db.Set<SlaPolicy>().AddRange(SlaPolicy.Defaults(now));
            changed = true;
        }
        if (!changed) return;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node created them at the same moment (the default calendar is unique); theirs stands.
            db.ChangeTracker.Clear();
        }
        calendars.Invalidate();
    }
}
