using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Portal.Domain;

public enum ExpectedBasis { History, ServiceTypicalTime, None }

/// <summary>When the customer can honestly expect an answer, as a time rather than a promise.</summary>
public sealed record Expectation(DateTime? By, ExpectedBasis Basis);

/// <summary>
/// The expected time of an answer: the realistic estimate from history (T3, its 80th percentile, so four
/// customers in five are answered sooner) added in business time to <c>from</c>; without enough history the
/// service's typical duration; otherwise no time at all rather than an invented one.
/// </summary>
public sealed class ExpectedReply(AppDbContext db, EstimateService estimates, CalendarProvider calendars)
{
    public async Task<Expectation> ForAsync(int? serviceId, Channel channel, Priority priority, DateTime from, CancellationToken ct = default)
    {
        TimeSpan? duration = null;
        var basis = ExpectedBasis.None;
        if (await estimates.ForAsync(serviceId, channel, priority, ct) is { } estimate)
        {
            duration = estimate.P80;
            basis = ExpectedBasis.History;
        }
        else if (serviceId is { } id)
        {
            var minutes = await db.Services.AsNoTracking().Where(s => s.Id == id).Select(s => s.TypicalMinutes).FirstOrDefaultAsync(ct);
            if (minutes > 0)
            {
                duration = TimeSpan.FromMinutes(minutes);
                basis = ExpectedBasis.ServiceTypicalTime;
            }
        }
        if (duration is not { } d) return new Expectation(null, ExpectedBasis.None);
        var calendar = await calendars.DefaultAsync(db, ct);
        return calendar.TryAddBusinessTime(from, d, out var by) ? new Expectation(by, basis) : new Expectation(null, ExpectedBasis.None);
    }
}
