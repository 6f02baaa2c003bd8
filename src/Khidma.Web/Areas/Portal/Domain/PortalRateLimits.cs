using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Portal.Domain;

// The ASP.NET Core rate limiter's fixed-window partitions, per action and client address, used from the page
// handler rather than the middleware: only posts count, and a refused post comes back as the form with what
// was typed (status 429), which the middleware's rejection callback cannot render. Per node: several nodes
// behind a load balancer each allow the limit.
public sealed class PortalRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public PortalRateLimits(IOptions<PortalOptions> options)
    {
        var o = options.Value;
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = o.ContactPermitLimit,
                Window = TimeSpan.FromMinutes(o.ContactWindowMinutes),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Takes one permit for <paramref name="action"/> from this client; false when over the limit.</summary>
    public bool TryAcquire(string action, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = limiter.AttemptAcquire(action + ":" + client);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
