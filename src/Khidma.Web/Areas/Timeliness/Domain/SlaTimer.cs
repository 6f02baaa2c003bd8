using System.Globalization;
using System.Text;
using Khidma.Web.Areas.Interactions.Domain;

namespace Khidma.Web.Areas.Timeliness.Domain;

public enum SlaKind { FirstResponse, NextResponse, Resolution }

// One SLA clock of one interaction, as stored (timeliness_sla_clocks). The arithmetic is SlaClock's; this keeps
// its inputs (start, target, pauses, satisfaction) and its derived instants (due, warn) for queries: the job
// looks for rows whose warn_at or due_at has passed. Due and WarnAt are null while an open pause leaves them
// unknowable.
public sealed class SlaTimer
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public SlaKind Kind { get; set; }
    public int? PolicyId { get; set; }
    public int? CalendarId { get; set; }
    public int TargetMinutes { get; set; }
    public int WarningPercent { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? DueAt { get; set; }
    public DateTime? WarnAt { get; set; }
    public DateTime? PausedSince { get; set; }
    // Closed pauses as ISO 8601 intervals "start/end", separated by ';'.
    public string Pauses { get; set; } = "";
    public DateTime? SatisfiedAt { get; set; }
    public DateTime? WarnedAt { get; set; }
    public DateTime? BreachedAt { get; set; }
    // Only to link a clock to an interaction saved in the same SaveChanges (its key is not known yet).
    public Interaction? Interaction { get; set; }

    public TimeSpan Target => TimeSpan.FromMinutes(TargetMinutes);

    public bool IsRunning => SatisfiedAt is null;

    public static SlaTimer Start(SlaKind kind, SlaPolicy policy, int targetMinutes, DateTime at) => new()
    {
        Kind = kind,
        PolicyId = policy.Id == 0 ? null : policy.Id,
        CalendarId = policy.CalendarId,
        TargetMinutes = targetMinutes,
        WarningPercent = Math.Clamp(policy.WarningPercent, 0, 100),
        StartedAt = at,
    };

    // A fresh, unsaved copy (a planned clock is copied for each entity built from the plan).
    public SlaTimer CopyUnsaved()
    {
        var copy = (SlaTimer)MemberwiseClone();
        copy.Id = 0;
        copy.InteractionId = 0;
        copy.Interaction = null;
        return copy;
    }

    public IReadOnlyList<SlaPause> PauseList()
    {
        var list = new List<SlaPause>();
        foreach (var part in Pauses.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split('/');
            list.Add(new SlaPause(ParseInstant(ends[0]), ParseInstant(ends[1])));
        }
        if (PausedSince is { } since) list.Add(new SlaPause(since));
        return list;
    }

    public void Pause(DateTime at)
    {
        if (!IsRunning || PausedSince is not null) return;
        PausedSince = at < StartedAt ? StartedAt : at;
    }

    public void Resume(DateTime at)
    {
        if (PausedSince is not { } since) return;
        var end = at < since ? since : at;
        AppendPause(since, end);
        PausedSince = null;
    }

    // A late satisfaction still records the breach, so reports never depend on the job having seen it.
    public void Satisfy(DateTime at)
    {
        if (!IsRunning) return;
        if (PausedSince is not null) Resume(at);
        SatisfiedAt = at < StartedAt ? StartedAt : at;
    }

    // Reopened after resolution: the resolved spell counts as a pause, and the clock runs on from where it stopped.
    public void Reopen(DateTime at)
    {
        if (SatisfiedAt is not { } satisfied) return;
        if (at > satisfied) AppendPause(satisfied, at);
        SatisfiedAt = null;
    }

    public SlaClock ToClock(BusinessCalendar calendar) => new(calendar, Target, StartedAt, PauseList(), SatisfiedAt);

    public void Recompute(BusinessCalendar calendar)
    {
        var clock = ToClock(calendar);
        DueAt = clock.Due;
        WarnAt = WarningPercent is > 0 and < 100
            ? new SlaClock(calendar, TimeSpan.FromTicks(Target.Ticks * (100 - WarningPercent) / 100), StartedAt, PauseList(), SatisfiedAt).Due
            : null;
        if (SatisfiedAt is { } satisfied && DueAt is { } due && satisfied > due) BreachedAt ??= due;
    }

    public SlaState StateAt(BusinessCalendar calendar, DateTime now) =>
        ToClock(calendar).StateAt(now, new SlaWarningPolicy(WarningPercent / 100.0));

    private void AppendPause(DateTime start, DateTime end)
    {
        var text = new StringBuilder(Pauses);
        if (text.Length > 0) text.Append(';');
        text.Append(FormatInstant(start)).Append('/').Append(FormatInstant(end));
        Pauses = text.ToString();
    }

    private static string FormatInstant(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTime ParseInstant(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
