using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Phone.Domain;

/// <summary>
/// A waiting caller pressed "1 to be called back" (T4, seed 003: nobody likes endless hold). The call ends then,
/// neither answered nor missed; a high-priority callback interaction opens for the caller (found by number, like a
/// missed call); and the promise ledger records "call back" due by an honest time — the live wait estimate with a
/// margin, in business time. An agent logging a call on that interaction keeps the promise
/// (<see cref="Data.CallbackPromiseKeeper"/>). Asking twice for the same call changes nothing.
/// </summary>
public sealed class RequestCallback(AppDbContext db, RecordCallEvent calls, PhoneQueue queue, RecordPromise promises, CalendarProvider calendars,
    TimeProvider clock, IOptions<KhidmaOptions> options, ChangeNotifier notifier)
{
    public enum Failure { None, Invalid, UnknownCall, CallOver }

    /// <summary>Errors are resource keys per field (English text).</summary>
    public sealed record Outcome(Failure Failure, IReadOnlyDictionary<string, string> Errors, PhoneCall? Call = null, long? InteractionId = null,
        long? PromiseId = null, DateTime? DueAt = null);

    public async Task<Outcome> RunAsync(string? callId, string? from, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        callId = callId?.Trim() ?? "";
        if (callId.Length == 0) errors["callId"] = "The callId is required.";
        else if (callId.Length > RecordCallEvent.MaxCallIdLength) errors["callId"] = "The callId is too long.";
        var number = "";
        if (!string.IsNullOrWhiteSpace(from))
        {
            number = ContactNormalizer.NormalizePhone(from, options.Value.DefaultCountryCode);
            if (!ContactNormalizer.IsValidPhone(number)) errors["from"] = "The number to call back (from) is not a phone number.";
        }
        if (errors.Count > 0) return new Outcome(Failure.Invalid, errors);

        var call = await db.PhoneCalls.FirstOrDefaultAsync(c => c.CallId == callId, ct);
        if (call is null)
            return new Outcome(Failure.UnknownCall, new Dictionary<string, string> { ["callId"] = "No call with this callId has rung." });
        if (call.CallbackRequestedAt is not null)
        {
            var due = call.CallbackPromiseId is { } pid
                ? await db.Set<Promise>().AsNoTracking().Where(p => p.Id == pid).Select(p => (DateTime?)p.DueAt).FirstOrDefaultAsync(ct)
                : null;
            return new Outcome(Failure.None, errors, call, call.InteractionId, call.CallbackPromiseId, due);
        }
        if (call.AnsweredAt is not null || call.EndedAt is not null)
            return new Outcome(Failure.CallOver, new Dictionary<string, string> { ["callId"] = "This call was already answered or has ended." });
        if (number.Length == 0) number = call.From;
        if (number.Length == 0)
            return new Outcome(Failure.Invalid, new Dictionary<string, string> { ["from"] = "The number to call back (from) is required." });

        // The caller's place in the queue, read before their call leaves it.
        var snapshot = await queue.ReadAsync(callId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.DefaultAsync(db, ct);
        var within = PhoneWaitEstimate.CallbackWithin(snapshot.EstimatedWaitSeconds, snapshot.ThresholdSeconds);
        var dueAt = calendar.TryAddBusinessTime(now, within, out var businessDue) ? businessDue : now + within;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (number != call.From)
        {
            // The caller keyed in another number to be reached on: that number names the customer.
            call.From = number;
            call.CustomerId = await CustomerContacts.CustomerIdByAsync(db.CustomerContacts, ContactKind.Phone, number, ct);
        }
        call.EndedAt = now;
        call.CallbackRequestedAt = now;
        var interaction = await calls.OpenInteractionAsync(call, RecordCallEvent.Opening.Callback, ct);
        await db.SaveChangesAsync(ct);
        call.InteractionId = interaction.Id;
        var language = await db.Customers.AsNoTracking().Where(c => c.Id == interaction.CustomerId).Select(c => c.Language).FirstAsync(ct);
        var promise = await promises.RunAsync(
            new RecordPromise.Target(interaction.Id, interaction.CustomerId, interaction.TeamId, interaction.ServiceId, interaction.Channel, interaction.Priority),
            calls.InLanguage(language, "Call back on {0}", "+" + number), dueAt, null, ct);
        call.CallbackPromiseId = promise.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        PhoneQueue.Announce(notifier);
        return new Outcome(Failure.None, errors, call, interaction.Id, promise.Id, promise.DueAt);
    }
}
