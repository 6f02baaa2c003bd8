using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;

namespace Khidma.Web.Areas.Timeliness.Domain;

public enum PromiseStatus { Open, Kept, Broken, Renegotiated }

// Something the company told a customer it would do by a time (T2). Only an open promise changes, and only
// to kept, broken (with the reason) or renegotiated (a new promise with a new time and the old one pointing
// the way). An overdue promise stays open until a person says what happened: the system never breaks it.
public sealed class Promise : IVersioned
{
    public const int WhatMaxLength = 500;
    public const int ReasonMaxLength = 1000;

    public long Id { get; set; }
    public long InteractionId { get; set; }
    public long CustomerId { get; set; }
    public string What { get; set; } = "";
    public DateTime DueAt { get; set; }
    public int? TeamId { get; set; }
    public string? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public PromiseStatus Status { get; set; }
    public string? Reason { get; set; }
    public long? RenegotiatedFromId { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedById { get; set; }
    public DateTime? RemindedAt { get; set; }
    public DateTime? OverdueAt { get; set; }
    public int Version { get; set; }

    public bool IsOpen => Status == PromiseStatus.Open;

    public bool IsOverdue(DateTime now) => IsOpen && DueAt <= now;

    public static Promise Make(long interactionId, long customerId, int? teamId, string? what, DateTime dueAt, string? byUserId, DateTime now)
    {
        what = what?.Trim();
        if (string.IsNullOrEmpty(what)) throw new DomainException("Say what was promised.");
        if (what.Length > WhatMaxLength) throw new DomainException("The promise is too long.");
        if (dueAt <= now) throw new DomainException("The due time must be in the future.");
        return new Promise
        {
            InteractionId = interactionId,
            CustomerId = customerId,
            TeamId = teamId,
            What = what,
            DueAt = dueAt,
            CreatedById = byUserId,
            CreatedAt = now,
            Status = PromiseStatus.Open,
        };
    }

    public void MarkKept(string? byUserId, DateTime now)
    {
        RequireOpen();
        Close(PromiseStatus.Kept, null, byUserId, now);
    }

    public void MarkBroken(string? reason, string? byUserId, DateTime now)
    {
        RequireOpen();
        Close(PromiseStatus.Broken, RequireReason(reason, "Say why the promise was broken."), byUserId, now);
    }

    /// <summary>Closes this promise as renegotiated and returns the new one, which the caller adds.</summary>
    public Promise Renegotiate(DateTime newDueAt, string? reason, string? byUserId, DateTime now)
    {
        RequireOpen();
        var why = RequireReason(reason, "Say why the promise is being renegotiated.");
        if (newDueAt <= now) throw new DomainException("The due time must be in the future.");
        if (Id == 0) throw new InvalidOperationException("Only a saved promise can be renegotiated.");
        Close(PromiseStatus.Renegotiated, why, byUserId, now);
        var next = Make(InteractionId, CustomerId, TeamId, What, newDueAt, byUserId, now);
        next.RenegotiatedFromId = Id;
        return next;
    }

    private void RequireOpen()
    {
        if (!IsOpen) throw new DomainException("Only an open promise can be changed.");
    }

    private static string RequireReason(string? reason, string message)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw new DomainException(message);
        if (reason.Length > ReasonMaxLength) throw new DomainException("The reason is too long.");
        return reason;
    }

    private void Close(PromiseStatus status, string? reason, string? byUserId, DateTime now)
    {
        Status = status;
        Reason = reason;
        ClosedAt = now;
        ClosedById = byUserId;
    }
}
