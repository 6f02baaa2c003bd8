using Khidma.Web.Platform.Data;

namespace Khidma.Web.Areas.Timeliness.Domain;

public enum NotificationKind { SlaWarning, SlaBreach, Escalated, PromiseDueSoon, PromiseOverdue }

// Something a person or a team should look at (timeliness_notifications). Addressed to a user, or to a whole
// team when UserId is null, or to the managers when both are null (work nobody's team owns).
public sealed class Notification
{
    public long Id { get; set; }
    public NotificationKind Kind { get; set; }
    public string? UserId { get; set; }
    public int? TeamId { get; set; }
    public long? InteractionId { get; set; }
    public long? PromiseId { get; set; }
    // Machine-readable detail for the text, e.g. the SLA kind; never personal data.
    public string? Detail { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

public static class Notifications
{
    public static Notification Add(AppDbContext db, NotificationKind kind, string? userId, int? teamId, long? interactionId, long? promiseId, string? detail, DateTime now)
    {
        var row = new Notification
        {
            Kind = kind,
            UserId = userId,
            TeamId = teamId,
            InteractionId = interactionId,
            PromiseId = promiseId,
            Detail = detail,
            CreatedAt = now,
        };
        db.Set<Notification>().Add(row);
        return row;
    }
}
