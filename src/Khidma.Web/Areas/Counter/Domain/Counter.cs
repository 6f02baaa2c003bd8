using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;

namespace Khidma.Web.Areas.Counter.Domain;

// A place where customers walk in (K1): it has counters and its own ticket numbering. Code is the slug of
// /kiosk/{code} and /board/{code}; the time zone decides when its numbers restart (null: the company's).
public sealed class Branch
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public LocalizedText Name { get; set; } = new();
    public string? TimeZoneId { get; set; }
    public bool IsActive { get; set; } = true;
}

// An agent's counter skill: a service they may be called for. An agent without any serves all of a counter's services.
public sealed class AgentSkill
{
    public string UserId { get; set; } = "";
    public int ServiceId { get; set; }
}

// A service point (counter, desk, window) in a branch and the services it serves.
public sealed class CounterDesk
{
    public int Id { get; set; }
    public int BranchId { get; set; }
    public string Number { get; set; } = "";
    public string Name { get; set; } = "";
    public bool IsOpen { get; set; } = true;
    public List<CounterDeskService> Services { get; set; } = [];
}

public sealed class CounterDeskService
{
    public int CounterDeskId { get; set; }
    public int ServiceId { get; set; }
}

public enum TicketState { Waiting, Called, Serving, Done, NoShow }

public sealed class CounterTicket : IVersioned
{
    public long Id { get; set; }
    // What the customer's QR code points at: not guessable, unlike the id or the number.
    public string PublicId { get; set; } = "";
    public int BranchId { get; set; }
    public int ServiceId { get; set; }
    // The company-local day the ticket was taken: numbers restart every day.
    public DateOnly Day { get; set; }
    public int Number { get; set; }
    public string Label { get; set; } = "";
    public string? Phone { get; set; }
    public long? CustomerId { get; set; }
    public TicketState State { get; set; } = TicketState.Waiting;
    public DateTime TakenAt { get; set; }
    public DateTime? CalledAt { get; set; }
    public DateTime? ServedAt { get; set; }
    public DateTime? DoneAt { get; set; }
    public int? CounterDeskId { get; set; }
    public string? AgentId { get; set; }
    public long? InteractionId { get; set; }
    public int Recalls { get; set; }
    public int Version { get; set; }

    public static string FormatLabel(char letter, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{letter}-{number:000}");

    // Services get stable letters from their ids, so "A-012" always means the same service in a branch.
    public static char LetterFor(int serviceId) => (char)('A' + ((serviceId - 1) % 26 + 26) % 26);

    public void Call(int deskId, string? agentId, DateTime at)
    {
        if (State != TicketState.Waiting) throw new DomainException("This ticket is no longer waiting.");
        State = TicketState.Called;
        CounterDeskId = deskId;
        AgentId = agentId;
        CalledAt = at;
    }

    // A recall puts the number back on top of the board.
    public void Recall(DateTime at)
    {
        Require(TicketState.Called);
        Recalls++;
        CalledAt = at;
    }

    public void MarkNoShow(DateTime at)
    {
        Require(TicketState.Called);
        State = TicketState.NoShow;
        DoneAt = at;
    }

    // Back to the queue of another service with the original taken_at, so the customer keeps their place.
    public void Transfer(int serviceId)
    {
        if (State is not (TicketState.Called or TicketState.Serving)) throw new DomainException("Only a called ticket can be transferred.");
        if (serviceId == ServiceId) throw new DomainException("Choose another service.");
        ServiceId = serviceId;
        State = TicketState.Waiting;
        CounterDeskId = null;
        AgentId = null;
        CalledAt = null;
        ServedAt = null;
    }

    public void StartServing(long interactionId, long customerId, DateTime at)
    {
        Require(TicketState.Called);
        State = TicketState.Serving;
        InteractionId = interactionId;
        CustomerId = customerId;
        ServedAt = at;
    }

    public void Finish(DateTime at)
    {
        Require(TicketState.Serving);
        State = TicketState.Done;
        DoneAt = at;
    }

    private void Require(TicketState state)
    {
        if (State != state) throw new DomainException("This ticket is not in the right state for that.");
    }
}
