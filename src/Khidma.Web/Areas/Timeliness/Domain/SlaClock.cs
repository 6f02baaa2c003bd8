namespace Khidma.Web.Areas.Timeliness.Domain;

// An SLA target counted in business time of a calendar. Everything takes explicit UTC instants.
// Decisions:
// - The clock counts business time from StartUtc except inside pauses, and stops for good at SatisfiedAtUtc
//   (a satisfaction before the start counts as at the start).
// - Pauses may come in any order and overlap: their union counts; any part before StartUtc is ignored.
// - Due is the earliest instant at which Target has been counted (target zero: StartUtc), whether or not it was
//   satisfied. It is null while unknowable: a still-open pause begins before the target is reached, or the calendar
//   never reaches it (see BusinessCalendar.MaxConsecutiveClosedDays).
// - Remaining = Target - ElapsedBusiness(now); it goes negative once past due so the overrun can be shown.
// - Breached: the clock's end, min(now, SatisfiedAtUtc), is strictly after Due. Satisfied late stays breached.
// - The warning level is Breached when breached, Warning while neither satisfied nor breached and the policy says so,
//   else Ok.
public sealed class SlaClock
{
    private readonly (DateTime Start, DateTime? End)[] pauseSpans;
    private readonly (DateTime Start, DateTime? End)[] countingSpans;

    public SlaClock(
        BusinessCalendar calendar,
        TimeSpan target,
        DateTime startUtc,
        IEnumerable<SlaPause>? pauses = null,
        DateTime? satisfiedAtUtc = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(target, TimeSpan.Zero);
        BusinessCalendar.RequireUtc(startUtc, nameof(startUtc));
        if (satisfiedAtUtc is { } satisfied)
        {
            BusinessCalendar.RequireUtc(satisfied, nameof(satisfiedAtUtc));
            satisfiedAtUtc = satisfied < startUtc ? startUtc : satisfied;
        }

        Calendar = calendar;
        Target = target;
        StartUtc = startUtc;
        SatisfiedAtUtc = satisfiedAtUtc;
        pauseSpans = MergePauses(startUtc, pauses ?? []);
        Pauses = Array.AsReadOnly(pauseSpans.Select(p => new SlaPause(p.Start, p.End)).ToArray());
        countingSpans = CountingSpans(startUtc, pauseSpans);
        Due = ComputeDue();
    }

    public BusinessCalendar Calendar { get; }

    public TimeSpan Target { get; }

    public DateTime StartUtc { get; }

    // Normalised: clipped to StartUtc, merged, ordered.
    public IReadOnlyList<SlaPause> Pauses { get; }

    public DateTime? SatisfiedAtUtc { get; }

    public DateTime? Due { get; }

    public TimeSpan ElapsedBusiness(DateTime nowUtc)
    {
        var end = ClockEnd(nowUtc);
        var elapsed = TimeSpan.Zero;
        foreach (var (start, spanEnd) in countingSpans)
        {
            if (start >= end)
            {
                break;
            }

            var until = spanEnd is { } e && e < end ? e : end;
            elapsed += Calendar.BusinessTimeBetween(start, until);
        }

        return elapsed;
    }

    public TimeSpan Remaining(DateTime nowUtc) => Target - ElapsedBusiness(nowUtc);

    public bool IsSatisfied(DateTime nowUtc)
    {
        BusinessCalendar.RequireUtc(nowUtc, nameof(nowUtc));
        return SatisfiedAtUtc is { } satisfied && satisfied <= nowUtc;
    }

    public bool IsPaused(DateTime nowUtc)
    {
        BusinessCalendar.RequireUtc(nowUtc, nameof(nowUtc));
        return nowUtc >= StartUtc
            && !IsSatisfied(nowUtc)
            && pauseSpans.Any(p => p.Start <= nowUtc && (p.End is null || nowUtc < p.End));
    }

    public bool IsBreached(DateTime nowUtc) => Due is { } due && ClockEnd(nowUtc) > due;

    public SlaState StateAt(DateTime nowUtc, SlaWarningPolicy? policy = null)
    {
        policy ??= SlaWarningPolicy.Default;
        var elapsed = ElapsedBusiness(nowUtc);
        var remaining = Target - elapsed;
        var satisfied = IsSatisfied(nowUtc);
        var breached = IsBreached(nowUtc);
        var level = breached
            ? SlaWarningLevel.Breached
            : !satisfied && policy.IsWarning(Target, remaining) ? SlaWarningLevel.Warning : SlaWarningLevel.Ok;
        return new SlaState(Due, remaining, elapsed, IsPaused(nowUtc), satisfied, breached, level);
    }

    private static (DateTime Start, DateTime? End)[] MergePauses(DateTime startUtc, IEnumerable<SlaPause> pauses)
    {
        var clipped = new List<(DateTime Start, DateTime? End)>();
        foreach (var pause in pauses)
        {
            ArgumentNullException.ThrowIfNull(pause, nameof(pauses));
            var start = pause.PausedAtUtc < startUtc ? startUtc : pause.PausedAtUtc;
            if (pause.ResumedAtUtc is { } resumed && resumed <= start)
            {
                continue;
            }

            clipped.Add((start, pause.ResumedAtUtc));
        }

        var merged = new List<(DateTime Start, DateTime? End)>();
        foreach (var pause in clipped.OrderBy(p => p.Start))
        {
            if (merged.Count > 0 && (merged[^1].End is null || pause.Start <= merged[^1].End))
            {
                var last = merged[^1];
                merged[^1] = (last.Start, last.End is null || pause.End is null ? null : Later(last.End.Value, pause.End.Value));
            }
            else
            {
                merged.Add(pause);
            }
        }

        return [.. merged];
    }

    private static (DateTime Start, DateTime? End)[] CountingSpans(
        DateTime startUtc,
        (DateTime Start, DateTime? End)[] pauses)
    {
        var spans = new List<(DateTime Start, DateTime? End)>();
        DateTime? cursor = startUtc;
        foreach (var (pauseStart, pauseEnd) in pauses)
        {
            if (pauseStart > cursor)
            {
                spans.Add((cursor.Value, pauseStart));
            }

            cursor = pauseEnd;
            if (cursor is null)
            {
                break;
            }
        }

        if (cursor is { } last)
        {
            spans.Add((last, null));
        }

        return [.. spans];
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private DateTime ClockEnd(DateTime nowUtc)
    {
        BusinessCalendar.RequireUtc(nowUtc, nameof(nowUtc));
        return SatisfiedAtUtc is { } satisfied && satisfied < nowUtc ? satisfied : nowUtc;
    }

    private DateTime? ComputeDue()
    {
        if (Target == TimeSpan.Zero)
        {
            return StartUtc;
        }

        var remaining = Target;
        foreach (var (start, end) in countingSpans)
        {
            if (end is not { } spanEnd)
            {
                return Calendar.TryAddBusinessTime(start, remaining, out var due) ? due : null;
            }

            var available = Calendar.BusinessTimeBetween(start, spanEnd);
            if (remaining <= available)
            {
                return Calendar.AddBusinessTime(start, remaining);
            }

            remaining -= available;
        }

        // The last pause never ended before the target was reached.
        return null;
    }
}

// A waiting-on-customer interval [PausedAtUtc, ResumedAtUtc); a null ResumedAtUtc means still paused.
public sealed record SlaPause
{
    public SlaPause(DateTime pausedAtUtc, DateTime? resumedAtUtc = null)
    {
        BusinessCalendar.RequireUtc(pausedAtUtc, nameof(pausedAtUtc));
        if (resumedAtUtc is { } resumed)
        {
            BusinessCalendar.RequireUtc(resumed, nameof(resumedAtUtc));
            ArgumentOutOfRangeException.ThrowIfLessThan(resumed, pausedAtUtc, nameof(resumedAtUtc));
        }

        PausedAtUtc = pausedAtUtc;
        ResumedAtUtc = resumedAtUtc;
    }

    public DateTime PausedAtUtc { get; }

    public DateTime? ResumedAtUtc { get; }
}

public enum SlaWarningLevel
{
    Ok,
    Warning,
    Breached,
}

// Warning when what remains is at most FractionOfTarget of the target, or at most Threshold when one is set.
public sealed record SlaWarningPolicy
{
    public SlaWarningPolicy(double fractionOfTarget = 0.25, TimeSpan? threshold = null)
    {
        if (double.IsNaN(fractionOfTarget) || fractionOfTarget < 0 || fractionOfTarget > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fractionOfTarget), fractionOfTarget, "Expected 0..1.");
        }

        if (threshold is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(t, TimeSpan.Zero, nameof(threshold));
        }

        FractionOfTarget = fractionOfTarget;
        Threshold = threshold;
    }

    public static SlaWarningPolicy Default { get; } = new();

    public double FractionOfTarget { get; }

    public TimeSpan? Threshold { get; }

    public bool IsWarning(TimeSpan target, TimeSpan remaining) =>
        remaining <= target * FractionOfTarget || (Threshold is { } threshold && remaining <= threshold);
}

// What a screen shows for one SLA at one instant. Remaining is negative when overdue; Due is null while unknowable.
public sealed record SlaState(
    DateTime? Due,
    TimeSpan Remaining,
    TimeSpan Elapsed,
    bool Paused,
    bool Satisfied,
    bool Breached,
    SlaWarningLevel Level);
