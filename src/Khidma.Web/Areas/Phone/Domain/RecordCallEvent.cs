using System.Globalization;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Khidma.Web.Platform.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Phone.Domain;

public sealed class PhoneOptions
{
    // The team whose inbox gets missed-call callbacks when the extension's agent has no team.
    public int? MissedCallTeamId { get; set; }

    // A ringing call older than this no longer pops on the agent's screen.
    public int PopMinutes { get; set; } = 30;

    // The wait over which the IVR offers a callback instead of hold, until an administrator sets it on /phone/settings.
    // The charter has no phone target to take it from, so two minutes.
    public int CallbackThresholdSeconds { get; set; } = 120;

    // The live queue: answered calls of the last RecentMinutes give the answer rates; a call still ringing after
    // WaitingMaxMinutes, or answered and not ended after OnCallMaxMinutes, lost its events and is left out.
    public int RecentMinutes { get; set; } = 60;
    public int WaitingMaxMinutes { get; set; } = 60;
    public int OnCallMaxMinutes { get; set; } = 120;
}

/// <summary>
/// Applies one event of the PBX's CTI webhook (K2): ringing stores the call and matches the caller (the screen pop
/// reads it), answered records the wait and opens a Phone interaction when the agent picked none, ended records the
/// talk on that interaction's timeline, and a call that ends unanswered becomes a callback task (T4).
/// Repeated events are recognised and change nothing.
/// </summary>
public sealed class RecordCallEvent(AppDbContext db, CreateInteraction create, TimeProvider clock, IOptions<KhidmaOptions> options,
    IOptions<PhoneOptions> phoneOptions, IStringLocalizer<PhoneText> text, ChangeNotifier notifier)
{
    public const int MaxCallIdLength = 128;

    public sealed record Event(string? Kind, string? CallId, string? Direction, string? From, string? To, string? Extension);

    /// <summary>The errors are resource keys per field (English text).</summary>
    public sealed record Outcome(PhoneCall? Call, IReadOnlyDictionary<string, string> Errors);

    public async Task<Outcome> RunAsync(Event e, CancellationToken ct)
    {
        var outcome = await ApplyAsync(e, ct);
        // The live queue (/phone/queue and the supervisors' figure) refetches itself.
        if (outcome.Call is not null) PhoneQueue.Announce(notifier);
        // The agent's screen pop refetches itself at once (live.js turns this into a "call-changed" DOM event).
        if (outcome.Call?.AgentId is { } agentId)
            notifier.Publish(ChangeNotifier.Hubs.Live, [ChangeNotifier.UserGroup(agentId)], "call-changed");
        return outcome;
    }

    private async Task<Outcome> ApplyAsync(Event e, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var callId = e.CallId?.Trim() ?? "";
        if (callId.Length == 0) errors["callId"] = "The callId is required.";
        else if (callId.Length > MaxCallIdLength) errors["callId"] = "The callId is too long.";
        var kind = e.Kind?.Trim().ToLowerInvariant();
        if (kind is not ("ringing" or "answered" or "ended"))
            errors["event"] = string.IsNullOrWhiteSpace(kind) ? "The event is required." : "The event must be one of: ringing, answered, ended.";
        var direction = CallDirection.In;
        if (e.Direction is { Length: > 0 } d)
        {
            if (string.Equals(d, "out", StringComparison.OrdinalIgnoreCase)) direction = CallDirection.Out;
            else if (!string.Equals(d, "in", StringComparison.OrdinalIgnoreCase)) errors["direction"] = "The direction must be in or out.";
        }
        if (errors.Count > 0) return new Outcome(null, errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var call = await db.PhoneCalls.FirstOrDefaultAsync(c => c.CallId == callId, ct);
        if (kind == "ringing")
        {
            if (call is not null) return new Outcome(call, errors);
            var from = Normalize(e.From);
            var to = Normalize(e.To);
            if (direction == CallDirection.In && from.Length == 0) errors["from"] = "The caller's number (from) is required.";
            if (direction == CallDirection.Out && to.Length == 0) errors["to"] = "The called number (to) is required.";
            if (errors.Count > 0) return new Outcome(null, errors);
            call = new PhoneCall
            {
                CallId = callId,
                Direction = direction,
                From = from,
                To = to,
                Extension = string.IsNullOrWhiteSpace(e.Extension) ? null : e.Extension.Trim(),
                RingingAt = now,
            };
            call.CustomerId = await CustomerByPhoneAsync(call.CustomerNumber, ct);
            if (call.Extension is { } ext)
                call.AgentId = await db.PhoneExtensions.AsNoTracking().Where(x => x.Extension == ext).Select(x => x.UserId).FirstOrDefaultAsync(ct);
            // An agent calling back a customer who asked for it: the call lands on that callback's interaction.
            if (direction == CallDirection.Out && call.CustomerId is { } customerId)
                call.InteractionId = await OpenCallbackAsync(customerId, ct);
            db.PhoneCalls.Add(call);
            await db.SaveChangesAsync(ct);
            return new Outcome(call, errors);
        }

        if (call is null)
        {
            errors["callId"] = "No call with this callId has rung.";
            return new Outcome(null, errors);
        }
        if (kind == "answered")
        {
            if (call.AnsweredAt is not null || call.EndedAt is not null) return new Outcome(call, errors);
            call.AnsweredAt = now;
            // The PBX may report the extension only once the call is picked up.
            if (e.Extension is { Length: > 0 } ext && call.Extension is null)
            {
                call.Extension = ext.Trim();
                call.AgentId ??= await db.PhoneExtensions.AsNoTracking().Where(x => x.Extension == call.Extension).Select(x => x.UserId).FirstOrDefaultAsync(ct);
            }
            if (call.InteractionId is null)
            {
                var interaction = await OpenInteractionAsync(call, Opening.Call, ct);
                call.InteractionId = interaction.Id;
            }
            await db.SaveChangesAsync(ct);
            return new Outcome(call, errors);
        }

        if (call.EndedAt is not null) return new Outcome(call, errors);
        call.EndedAt = now;
        if (call.AnsweredAt is null)
        {
            call.Missed = true;
            var callback = await OpenInteractionAsync(call, Opening.Missed, ct);
            call.InteractionId = callback.Id;
            await db.SaveChangesAsync(ct);
            return new Outcome(call, errors);
        }
        var target = call.InteractionId is { } id
            ? await db.Interactions.FirstOrDefaultAsync(i => i.Id == id, ct)
            : null;
        if (target is null)
        {
            target = await OpenInteractionAsync(call, Opening.Call, ct);
            call.InteractionId = target.Id;
        }
        var talk = call.TalkSeconds ?? 0;
        target.AddEntry(TimelineKind.Call,
            string.Create(CultureInfo.InvariantCulture, $"wait {call.WaitSeconds ?? 0}s, talk {talk}s"),
            call.AgentId, now, CallRecord.Format(call.Direction, (int)Math.Ceiling(talk / 60.0)));
        await db.SaveChangesAsync(ct);
        return new Outcome(call, errors);
    }

    private async Task<long?> OpenCallbackAsync(long customerId, CancellationToken ct) =>
        await (from c in db.PhoneCalls.AsNoTracking()
               join i in db.Interactions on c.InteractionId equals i.Id
               where c.CustomerId == customerId && c.CallbackRequestedAt != null
                   && i.StatusCategory != StatusCategory.Resolved && i.StatusCategory != StatusCategory.Closed
               orderby c.CallbackRequestedAt
               select (long?)i.Id).FirstOrDefaultAsync(ct);

    private string Normalize(string? number)
    {
        var n = ContactNormalizer.NormalizePhone(number, options.Value.DefaultCountryCode);
        return ContactNormalizer.IsValidPhone(n) ? n : "";
    }

    private async Task<long?> CustomerByPhoneAsync(string normalized, CancellationToken ct) =>
        normalized.Length == 0
            ? null
            : await CustomerContacts.CustomerIdByAsync(db.CustomerContacts, ContactKind.Phone, normalized, ct);

    internal enum Opening { Call, Missed, Callback }

    // The caller becomes a customer named by their number when nobody knows them yet; the agent renames them later.
    // Missed calls and callbacks the caller asked for are high-priority work for the agent's team (or the phone team).
    internal async Task<Interaction> OpenInteractionAsync(PhoneCall call, Opening opening, CancellationToken ct)
    {
        var missed = opening != Opening.Call;
        var number = call.CustomerNumber.Length > 0 ? "+" + call.CustomerNumber : text["an unknown number"].Value;
        if (call.CustomerId is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var customer = new Customer { Name = number, CreatedAt = now, UpdatedAt = now };
            if (call.CustomerNumber.Length > 0)
                customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = number, Normalized = call.CustomerNumber });
            db.Customers.Add(customer);
            await db.SaveChangesAsync(ct);
            call.CustomerId = customer.Id;
        }
        var language = await db.Customers.AsNoTracking().Where(c => c.Id == call.CustomerId).Select(c => c.Language).FirstAsync(ct);
        var subject = InLanguage(language, opening switch
        {
            Opening.Missed => "Missed call from {0}",
            Opening.Callback => "Callback requested by {0}",
            _ => call.Direction == CallDirection.Out ? "Call to {0}" : "Call from {0}",
        }, number);
        var body = InLanguage(language, opening switch
        {
            Opening.Missed => "The call was not answered: call the customer back.",
            Opening.Callback => "The caller chose to be called back instead of holding: call the customer back.",
            _ => "Phone call.",
        }, number);
        int? team = null;
        if (missed)
        {
            team = call.AgentId is { } agent
                ? await db.TeamMembers.AsNoTracking().Where(m => m.UserId == agent).OrderBy(m => m.TeamId).Select(m => (int?)m.TeamId).FirstOrDefaultAsync(ct)
                : null;
            team ??= phoneOptions.Value.MissedCallTeamId;
        }
        var outcome = await create.RunAsync(new CreateInteraction.Request(call.CustomerId, null, Channel.Phone, subject, body, null,
            missed ? Priority.High : Priority.Normal, team), call.AgentId, ct);
        var interaction = outcome.Interaction
            ?? throw new InvalidOperationException("The call's interaction could not be opened: " + string.Join(", ", outcome.Errors.Select(x => x.MessageKey)));
        if (!missed && call.AgentId is { } handler) interaction.Assign(interaction.TeamId, handler, handler, clock.GetUtcNow().UtcDateTime);
        return interaction;
    }

    // Subjects are written in the customer's language, not the agent's or the PBX's.
    internal string InLanguage(string language, string key, params object[] args) => text.InLanguage(language, key, args);
}
