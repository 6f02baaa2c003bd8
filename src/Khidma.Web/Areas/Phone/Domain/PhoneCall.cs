using Khidma.Web.Areas.Interactions.Domain;

namespace Khidma.Web.Areas.Phone.Domain;

// Which employee answers a PBX extension: the screen pop goes to them.
public sealed class PhoneExtension
{
    public int Id { get; set; }
    public string Extension { get; set; } = "";
    public string UserId { get; set; } = "";
}

// One call as the PBX reported it (K2): ringing, answered, ended; a call never answered is missed.
public sealed class PhoneCall
{
    public long Id { get; set; }
    public string CallId { get; set; } = "";
    public CallDirection Direction { get; set; }
    public string From { get; set; } = "";
    public string To { get; set; } = "";
    public string? Extension { get; set; }
    public long? CustomerId { get; set; }
    public DateTime RingingAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? AgentId { get; set; }
    public long? InteractionId { get; set; }
    public bool Missed { get; set; }
    // The caller chose to be called back instead of holding: the call ended then, neither answered nor missed.
    public DateTime? CallbackRequestedAt { get; set; }
    // The "call back" promise made to the caller; kept when an agent logs a call on the callback interaction.
    public long? CallbackPromiseId { get; set; }

    // The customer's number: the caller on an incoming call, the called party on an outgoing one.
    public string CustomerNumber => Direction == CallDirection.Out ? To : From;

    public int? WaitSeconds => AnsweredAt is { } a ? (int)Math.Round((a - RingingAt).TotalSeconds) : null;

    public int? TalkSeconds => AnsweredAt is { } a && EndedAt is { } e ? (int)Math.Round((e - a).TotalSeconds) : null;
}
