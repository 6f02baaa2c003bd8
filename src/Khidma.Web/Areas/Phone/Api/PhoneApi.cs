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
        return api;
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
