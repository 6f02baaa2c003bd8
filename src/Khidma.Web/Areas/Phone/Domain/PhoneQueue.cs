using System.Globalization;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Phone.Domain;

/// <summary>
/// The phone queue now (T4): the calls ringing and not yet answered, the longest wait, and the honest wait a new
/// caller can expect (<see cref="PhoneWaitEstimate"/>). Read by /phone/queue, the supervisors' figure and the IVR's
/// <c>GET /api/v1/cti/wait</c>.
/// </summary>
public sealed class PhoneQueue(AppDbContext db, TimeProvider clock, IOptions<PhoneOptions> options)
{
    public const string ThresholdKey = "phone.callback.threshold-seconds";
    public const int MinThresholdSeconds = 10;
    public const int MaxThresholdSeconds = 3600;
    private const int Samples = 50;

    public sealed record WaitingCall(long Id, string Number, DateTime RingingAt, long? CustomerId, string? CustomerName);

    public sealed record Snapshot(DateTime At, IReadOnlyList<WaitingCall> Calls, int LongestWaitSeconds, int? EstimatedWaitSeconds,
        int AgentsOnCalls, int AgentsFree, int ThresholdSeconds, bool OfferCallback)
    {
        public int Waiting => Calls.Count;
    }

    /// <summary>The threshold over which callers are offered a callback: the administrator's setting, else the configured default.</summary>
    public async Task<int> ThresholdSecondsAsync(CancellationToken ct = default)
    {
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == ThresholdKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? Math.Clamp(seconds, MinThresholdSeconds, MaxThresholdSeconds)
            : Math.Clamp(options.Value.CallbackThresholdSeconds, MinThresholdSeconds, MaxThresholdSeconds);
    }

    public async Task<bool> HasThresholdSettingAsync(CancellationToken ct = default) =>
        await db.Settings.AnyAsync(s => s.Key == ThresholdKey, ct);

    /// <summary>Saves the administrator's threshold; null goes back to the configured default.</summary>
    public async Task SetThresholdAsync(int? seconds, CancellationToken ct = default)
    {
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == ThresholdKey, ct);
        if (seconds is null)
        {
            if (row is not null) db.Settings.Remove(row);
        }
        else
        {
            var value = Math.Clamp(seconds.Value, MinThresholdSeconds, MaxThresholdSeconds).ToString(CultureInfo.InvariantCulture);
            if (row is null) db.Settings.Add(new Setting { Key = ThresholdKey, Value = value });
            else row.Value = value;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <param name="callId">The asking caller's own call, when it already rang: its place in the queue is its position.</param>
    public async Task<Snapshot> ReadAsync(string? callId = null, CancellationToken ct = default)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        // A call whose hang-up never reached us must not wait forever on the board.
        var ringingSince = now.AddMinutes(-Math.Max(1, o.WaitingMaxMinutes));
        var recentSince = now.AddMinutes(-Math.Max(1, o.RecentMinutes));
        var onCallSince = now.AddMinutes(-Math.Max(1, o.OnCallMaxMinutes));

        var calls = await db.PhoneCalls.AsNoTracking()
            .Where(c => c.RingingAt >= ringingSince && c.AnsweredAt == null && c.EndedAt == null && c.Direction == CallDirection.In)
            .OrderBy(c => c.RingingAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.CallId, c.From, c.RingingAt, c.CustomerId, Name = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var waiting = calls.Select(c => new WaitingCall(c.Id, c.From, c.RingingAt, c.CustomerId, c.Name)).ToList();

        var recent = await db.PhoneCalls.AsNoTracking()
            .Where(c => c.AnsweredAt != null && c.AnsweredAt >= recentSince)
            .OrderByDescending(c => c.AnsweredAt).Take(Samples)
            .Select(c => new { c.Direction, c.RingingAt, AnsweredAt = c.AnsweredAt!.Value, c.EndedAt, c.AgentId })
            .ToListAsync(ct);
        var onCall = await db.PhoneCalls.AsNoTracking()
            .Where(c => c.AnsweredAt != null && c.AnsweredAt >= onCallSince && c.EndedAt == null && c.AgentId != null)
            .Select(c => c.AgentId!).Distinct().ToListAsync(ct);
        var free = recent.Where(c => c.AgentId is not null).Select(c => c.AgentId!).Distinct(StringComparer.Ordinal).Except(onCall, StringComparer.Ordinal).Count();

        var inputs = new PhoneWaitEstimate.Inputs(
            WaitingAhead: Ahead(calls.Select(c => c.CallId).ToList(), callId),
            RecentWaitSeconds: recent.Where(c => c.Direction == CallDirection.In).Select(c => (c.AnsweredAt - c.RingingAt).TotalSeconds).ToList(),
            RecentTalkSeconds: recent.Where(c => c.EndedAt is not null).Select(c => (c.EndedAt!.Value - c.AnsweredAt).TotalSeconds).ToList(),
            AgentsOnCalls: onCall.Count,
            AgentsFree: free);
        var estimate = PhoneWaitEstimate.Seconds(inputs);
        var longest = waiting.Count == 0 ? 0 : (int)Math.Round((now - waiting[0].RingingAt).TotalSeconds);
        var threshold = await ThresholdSecondsAsync(ct);
        return new Snapshot(now, waiting, Math.Max(0, longest), estimate, onCall.Count, free, threshold,
            PhoneWaitEstimate.OfferCallback(estimate, longest, threshold));
    }

    // Callers ahead of the asking one: all waiting calls, or only those that rang before its own.
    private static int Ahead(List<string> waitingCallIds, string? callId)
    {
        if (string.IsNullOrWhiteSpace(callId)) return waitingCallIds.Count;
        var index = waitingCallIds.IndexOf(callId.Trim());
        return index < 0 ? waitingCallIds.Count : index;
    }

    /// <summary>Tells the staff pages showing the queue that it changed (they refetch their fragment).</summary>
    public static void Announce(ChangeNotifier notifier) =>
        notifier.Publish(ChangeNotifier.Hubs.Live, [ChangeNotifier.AllGroup, ChangeNotifier.UnassignedGroup], "phone-queue-changed");
}
