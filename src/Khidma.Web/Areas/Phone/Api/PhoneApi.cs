using System.Globalization;
using Khidma.Web.Areas.Phone.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Phone.Api;

/// <summary>The CTI webhook the PBX calls on every call event (K2).</summary>
public static class PhoneApi
{
    /// <summary>Adds <c>/cti/events</c> to the <c>/api/v1</c> group.</summary>
    public static RouteGroupBuilder MapPhoneApi(this RouteGroupBuilder api)
    {
        api.MapPost("/cti/events", PostEventAsync)
            .WithTags("Phone")
            .WithName("PostCtiEvent")
            .WithSummary("Report a call event from the PBX")
            .WithDescription("ringing stores the call, matches the caller by phone and pops their profile on the screen of the extension's agent; answered records the wait and opens a Phone interaction unless the agent picked one; ended records the talk time on the interaction's timeline, or, for a call never answered, opens a high-priority callback interaction. Repeated events are ignored.")
            .Produces<CallItem>()
            .ProducesValidationProblem();
        api.MapGet("/cti/wait", GetWaitAsync)
            .WithTags("Phone")
            .WithName("GetCtiWait")
            .WithSummary("The live phone queue, for the PBX's IVR: callers waiting, the estimated wait, and whether to offer a callback")
            .WithDescription("waiting counts the calls ringing and not yet answered; estimatedWaitSeconds is the honest wait of a new caller (or of the caller named by callId) from the last hour's answer rates and the agents on calls, null when no agent was seen; offerCallback is true when that estimate (or, without one, the longest current wait) exceeds the callback threshold set on /phone/settings. format=csv answers one line `offerCallback,estimatedWaitSeconds,waiting` (e.g. `1,240,3`) for dialplans without JSON.")
            .Produces<WaitItem>()
            .ProducesValidationProblem();
        api.MapPost("/cti/callbacks", PostCallbackAsync)
            .WithTags("Phone")
            .WithName("PostCtiCallback")
            .WithSummary("A waiting caller chose to be called back instead of holding")
            .WithDescription("Ends the waiting call without counting it as missed, opens a high-priority callback interaction for the caller (found by number), and records a \"call back\" promise due by an honest time from the live wait and the business calendar. The promise is kept when an agent logs a call on that interaction. Asking again for the same call returns the same callback. 404 for a callId that never rang; 409 for a call already answered or ended.")
            .Produces<CallbackItem>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>The phone queue now.</summary>
    /// <param name="Waiting">Calls ringing and not yet answered.</param>
    /// <param name="LongestWaitSeconds">How long the first of them has waited.</param>
    /// <param name="EstimatedWaitSeconds">The honest wait of a new caller (or the caller named by callId); null when nobody can say.</param>
    /// <param name="OfferCallback">Offer "press 1 to be called back".</param>
    /// <param name="ThresholdSeconds">The wait over which a callback is offered.</param>
    /// <param name="AgentsOnCalls">Agents talking now.</param>
    /// <param name="AgentsFree">Agents who answered calls in the last hour and are free now.</param>
    public sealed record WaitItem(int Waiting, int LongestWaitSeconds, int? EstimatedWaitSeconds, bool OfferCallback, int ThresholdSeconds,
        int AgentsOnCalls, int AgentsFree);

    /// <summary>The caller accepted a callback.</summary>
    /// <param name="CallId">The PBX's id of the waiting call.</param>
    /// <param name="From">The number to call back; the call's caller id when left out.</param>
    public sealed record CallbackRequest(string? CallId, string? From);

    /// <summary>The callback as recorded.</summary>
    public sealed record CallbackItem(string CallId, long InteractionId, long? PromiseId, DateTime? DueAt);

    private static async Task<IResult> GetWaitAsync(string? callId, string? format, PhoneQueue queue, IStringLocalizer<PhoneText> text, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (callId is { Length: > RecordCallEvent.MaxCallIdLength }) errors["callId"] = [text["The callId is too long."]];
        if (format is { Length: > 0 } && format is not ("json" or "csv")) errors["format"] = [text["The format must be json or csv."]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: text["The request is not valid."]);
        var s = await queue.ReadAsync(callId, ct);
        if (format == "csv")
            return TypedResults.Text(string.Create(CultureInfo.InvariantCulture,
                $"{(s.OfferCallback ? 1 : 0)},{s.EstimatedWaitSeconds?.ToString(CultureInfo.InvariantCulture) ?? ""},{s.Waiting}"), "text/plain");
        return TypedResults.Ok(new WaitItem(s.Waiting, s.LongestWaitSeconds, s.EstimatedWaitSeconds, s.OfferCallback, s.ThresholdSeconds, s.AgentsOnCalls, s.AgentsFree));
    }

    private static async Task<IResult> PostCallbackAsync(CallbackRequest? body, RequestCallback request, IStringLocalizer<PhoneText> text, CancellationToken ct)
    {
        if (body is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [text["Send the request as JSON."]] }, title: text["The callback request is not valid."]);
        var outcome = await request.RunAsync(body.CallId, body.From, ct);
        return outcome.Failure switch
        {
            RequestCallback.Failure.None => TypedResults.Ok(new CallbackItem(outcome.Call!.CallId, outcome.InteractionId!.Value, outcome.PromiseId, outcome.DueAt)),
            RequestCallback.Failure.UnknownCall => TypedResults.Problem(text[outcome.Errors["callId"]], statusCode: StatusCodes.Status404NotFound,
                title: text["No such call."]),
            RequestCallback.Failure.CallOver => TypedResults.Problem(text[outcome.Errors["callId"]], statusCode: StatusCodes.Status409Conflict,
                title: text["The call can no longer be called back."]),
            _ => TypedResults.ValidationProblem(outcome.Errors.ToDictionary(x => x.Key, x => new[] { text[x.Value].Value }), title: text["The callback request is not valid."]),
        };
    }

    /// <summary>One call event.</summary>
    /// <param name="Event">ringing, answered or ended.</param>
    /// <param name="CallId">The PBX's id of the call (Asterisk: ${UNIQUEID}); the same on every event of a call.</param>
    /// <param name="Direction">in (default) or out.</param>
    /// <param name="From">The calling number.</param>
    /// <param name="To">The called number.</param>
    /// <param name="Extension">The extension that rings or answers; it names the agent.</param>
    public sealed record CtiEvent(string? Event, string? CallId, string? Direction, string? From, string? To, string? Extension);

    /// <summary>The call as recorded.</summary>
    public sealed record CallItem(long Id, string CallId, string Direction, string From, string To, string? Extension, long? CustomerId,
        string? AgentId, DateTime RingingAt, DateTime? AnsweredAt, DateTime? EndedAt, bool Missed, long? InteractionId, int? WaitSeconds, int? TalkSeconds);

    private static async Task<Results<Ok<CallItem>, ValidationProblem>> PostEventAsync(
        CtiEvent? body, RecordCallEvent record, IStringLocalizer<PhoneText> text, CancellationToken ct)
    {
        if (body is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [text["Send the event as JSON."]] }, title: text["The call event is not valid."]);
        var outcome = await record.RunAsync(new RecordCallEvent.Event(body.Event, body.CallId, body.Direction, body.From, body.To, body.Extension), ct);
        if (outcome.Call is not { } c)
            return TypedResults.ValidationProblem(outcome.Errors.ToDictionary(x => x.Key, x => new[] { text[x.Value].Value }), title: text["The call event is not valid."]);
        return TypedResults.Ok(new CallItem(c.Id, c.CallId, c.Direction == Interactions.Domain.CallDirection.Out ? "out" : "in", c.From, c.To, c.Extension,
            c.CustomerId, c.AgentId, c.RingingAt, c.AnsweredAt, c.EndedAt, c.Missed, c.InteractionId, c.WaitSeconds, c.TalkSeconds));
    }
}
