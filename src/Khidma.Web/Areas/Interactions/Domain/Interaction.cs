using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;

namespace Khidma.Web.Areas.Interactions.Domain;

public enum Channel { WalkIn, Phone, Email, Web, Chat, Fax }

public enum Priority { Low, Normal, High, Urgent }

public enum StatusCategory { New, Open, WaitingOnCustomer, Resolved, Closed }

public enum TimelineKind { CustomerMessage, Reply, Note, Call, StageDone, StageUndone, StatusChange, Assignment, System }

// Statuses are the admin's words; the category is what the rules and reports understand.
public sealed class InteractionStatus
{
    public int Id { get; set; }
    public LocalizedText Name { get; set; } = new();
    public StatusCategory Category { get; set; }
    public int Position { get; set; }
    public bool IsDefault { get; set; }
    public bool IsActive { get; set; } = true;

    public static bool IsFinished(StatusCategory category) =>
        category is StatusCategory.Resolved or StatusCategory.Closed;
}

public sealed class Interaction : IVersioned
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public Channel Channel { get; set; }
    public string Subject { get; set; } = "";
    public int? ServiceId { get; set; }
    public int StatusId { get; set; }
    // Copied from the status so the inbox filters on one indexed column.
    public StatusCategory StatusCategory { get; set; }
    public Priority Priority { get; set; } = Priority.Normal;
    public int? TeamId { get; set; }
    public string? HandlerId { get; set; }
    public string? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime LastActivityAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? SkippedStagesReason { get; set; }
    public int Version { get; set; }
    public List<TimelineEntry> Timeline { get; set; } = [];
    public List<InteractionStage> Stages { get; set; } = [];

    public string Reference => FormatReference(Id);

    public static string FormatReference(long id) => $"KH-{id}";

    public static long? ParseReference(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.StartsWith("KH-", StringComparison.OrdinalIgnoreCase)) t = t[3..];
        return long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    public TimelineEntry AddEntry(TimelineKind kind, string? body, string? authorId, DateTime at, string? data = null)
    {
        var entry = new TimelineEntry { Kind = kind, Body = body, AuthorId = authorId, CreatedAt = at, Data = data };
        Timeline.Add(entry);
        LastActivityAt = at;
        UpdatedAt = at;
        return entry;
    }

    public void SetStages(IEnumerable<(string Key, LocalizedText Name)> stages)
    {
        var position = 0;
        foreach (var (key, name) in stages)
            Stages.Add(new InteractionStage { Key = key, Name = name, Position = position++ });
    }

    public void MarkStage(long stageId, bool done, string? userId, DateTime at)
    {
        var stage = Stages.FirstOrDefault(s => s.Id == stageId) ?? throw new NotFoundException();
        if (stage.IsDone == done) return;
        stage.DoneAt = done ? at : null;
        stage.DoneById = done ? userId : null;
        AddEntry(done ? TimelineKind.StageDone : TimelineKind.StageUndone, null, userId, at, stage.Key);
    }

    public IReadOnlyList<InteractionStage> UndoneStages() => Stages.Where(s => !s.IsDone).OrderBy(s => s.Position).ToList();

    // Resolving with stages left undone is allowed, but only with a reason that stays on record (C2 adherence).
    public void ChangeStatus(InteractionStatus status, string? skippedStagesReason, string? userId, DateTime at)
    {
        if (status.Id == StatusId) return;
        if (InteractionStatus.IsFinished(status.Category) && !InteractionStatus.IsFinished(StatusCategory))
        {
            if (UndoneStages().Count > 0)
            {
                if (string.IsNullOrWhiteSpace(skippedStagesReason))
                    throw new DomainException("Some stages are not done. Say why before resolving.");
                SkippedStagesReason = skippedStagesReason.Trim();
            }
            ResolvedAt = at;
        }
        else if (!InteractionStatus.IsFinished(status.Category))
        {
            ResolvedAt = null;
        }
        var from = StatusId;
        StatusId = status.Id;
        StatusCategory = status.Category;
        AddEntry(TimelineKind.StatusChange, SkippedStagesReason is not null && ResolvedAt == at ? SkippedStagesReason : null,
            userId, at, $"{from}->{status.Id}");
    }

    public void Assign(int? teamId, string? handlerId, string? userId, DateTime at)
    {
        if (TeamId == teamId && HandlerId == handlerId) return;
        TeamId = teamId;
        HandlerId = handlerId;
        AddEntry(TimelineKind.Assignment, null, userId, at, $"{teamId}|{handlerId}");
    }
}

public sealed class TimelineEntry
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public TimelineKind Kind { get; set; }
    public string? Body { get; set; }
    public string? AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
    // Small machine-readable detail (a stage key, a status change, call times) for the timeline's rendering.
    public string? Data { get; set; }
}

public sealed class InteractionStage
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public string Key { get; set; } = "";
    public LocalizedText Name { get; set; } = new();
    public int Position { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? DoneById { get; set; }
    public bool IsDone => DoneAt is not null;
}
