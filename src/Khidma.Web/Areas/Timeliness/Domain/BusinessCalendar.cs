namespace Khidma.Web.Areas.Timeliness.Domain;

// Working hours in one time zone, with holidays; all arithmetic is on UTC instants.
// Decisions:
// - Every DateTime in or out has Kind Utc; Local or Unspecified throws ArgumentException.
// - Periods are local wall-clock times. A period maps to the UTC interval from the first instant the local clock
//   reaches its start to the first instant it reaches its end, so business time is real elapsed time: a DST gap
//   shortens a period (a boundary inside the gap means the end of the gap) and a repeated hour lengthens it.
// - A weekend is a weekday without periods; a holiday closes a whole local day.
// - Open means inside [start, end): the exact end of a period is closed.
// - AddBusinessTime(s, 0) returns s unchanged, even when closed; negative durations throw. For d > 0 it returns the
//   earliest instant at which d has elapsed, so the result is open or the exact end of a period, never the next opening.
// - BusinessTimeBetween is antisymmetric (negative when to < from). BusinessTimeBetween(s, AddBusinessTime(s, d)) == d
//   to the tick. For t >= s, r = AddBusinessTime(s, BusinessTimeBetween(s, t)) is <= t with no business time in [r, t):
//   r == t when t > s and t - 1 tick is open (t inside a period or at its exact end), otherwise r is the end of the last
//   period before t, or s.
// - NextOpening returns the instant itself when open, else the start of the next period; null when there is none.
// - The walk goes day by day (cost grows with the days spanned, never per minute). When MaxConsecutiveClosedDays
//   (about ten years of) local days in a row have no business time, or the walk passes local date 9999-12-29 (the last it handles, so
//   DateTime cannot overflow), AddBusinessTime throws BusinessTimeUnreachableException (TryAddBusinessTime returns
//   false) and NextOpening returns null.
public sealed class BusinessCalendar
{
    public const int MaxConsecutiveClosedDays = 3660;

    private static readonly DateOnly FirstWalkableDate = DateOnly.MinValue.AddDays(2);
    private static readonly DateOnly LastWalkableDate = DateOnly.MaxValue.AddDays(-2);

    // Wider than any UTC offset (-12..+14 h), so the first instant after a DST gap is inside the window.
    private static readonly long GapSearchWindow = TimeSpan.FromHours(16).Ticks;
    private static readonly long OffsetSampleMargin = TimeSpan.FromHours(15).Ticks;

    private readonly IReadOnlyList<WorkingPeriod>[] periods = new IReadOnlyList<WorkingPeriod>[7];
    private readonly (long Start, long End)[][] spans = new (long Start, long End)[7][];
    private readonly Holiday[] holidays;
    private readonly bool hasHijriHolidays;

    public BusinessCalendar(
        TimeZoneInfo timeZone,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> weeklyPeriods,
        IEnumerable<Holiday>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(weeklyPeriods);
        foreach (var day in weeklyPeriods.Keys)
        {
            if (!Enum.IsDefined(day))
            {
                throw new ArgumentException($"{day} is not a day of the week.", nameof(weeklyPeriods));
            }
        }

        TimeZone = timeZone;
        for (var day = 0; day < 7; day++)
        {
            IReadOnlyList<WorkingPeriod> given =
                weeklyPeriods.TryGetValue((DayOfWeek)day, out var list) && list is not null ? list : [];
            if (given.Any(p => p is null))
            {
                throw new ArgumentException($"{(DayOfWeek)day} has a null period.", nameof(weeklyPeriods));
            }

            var sorted = given.OrderBy(p => p.StartTicks).ToArray();
            for (var i = 1; i < sorted.Length; i++)
            {
                if (sorted[i].StartTicks < sorted[i - 1].EndTicks)
                {
                    throw new ArgumentException(
                        $"{(DayOfWeek)day}: period {sorted[i - 1]} overlaps {sorted[i]}.", nameof(weeklyPeriods));
                }
            }

            periods[day] = Array.AsReadOnly(sorted);
            spans[day] = Merge(sorted);
        }

        this.holidays = holidays?.ToArray() ?? [];
        if (this.holidays.Any(h => h is null))
        {
            throw new ArgumentException("A holiday is null.", nameof(holidays));
        }

        Holidays = Array.AsReadOnly(this.holidays);
        hasHijriHolidays = this.holidays.Any(h => h is HijriDateHoliday or YearlyHijriHoliday);
        HasWorkingPeriods = spans.Any(s => s.Length > 0);
        WeeklyWorkingTime = TimeSpan.FromTicks(spans.Sum(day => day.Sum(s => s.End - s.Start)));
    }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<Holiday> Holidays { get; }

    public bool HasWorkingPeriods { get; }

    // Nominal hours of a week without holidays or DST changes.
    public TimeSpan WeeklyWorkingTime { get; }

    public static BusinessCalendar SaudiDefault() =>
        Create(
            "Asia/Riyadh",
            [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday],
            [new WorkingPeriod(8, 0, 12, 0), new WorkingPeriod(13, 0, 17, 0)]);

    public static BusinessCalendar Create(
        string timeZoneId,
        IEnumerable<DayOfWeek> workingDays,
        IReadOnlyList<WorkingPeriod> dailyPeriods,
        IEnumerable<Holiday>? holidays = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        ArgumentNullException.ThrowIfNull(workingDays);
        ArgumentNullException.ThrowIfNull(dailyPeriods);
        var week = workingDays.Distinct().ToDictionary(day => day, _ => dailyPeriods);
        return new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), week, holidays);
    }

    public BusinessCalendar WithHolidays(IEnumerable<Holiday> additionalHolidays)
    {
        ArgumentNullException.ThrowIfNull(additionalHolidays);
        return new BusinessCalendar(TimeZone, WeeklyPeriods(), holidays.Concat(additionalHolidays));
    }

    public BusinessCalendar WithPeriods(DayOfWeek day, IReadOnlyList<WorkingPeriod> dayPeriods)
    {
        ArgumentNullException.ThrowIfNull(dayPeriods);
        var week = WeeklyPeriods();
        week[day] = dayPeriods;
        return new BusinessCalendar(TimeZone, week, holidays);
    }

    public IReadOnlyList<WorkingPeriod> PeriodsOn(DayOfWeek day) =>
        Enum.IsDefined(day) ? periods[(int)day] : throw new ArgumentOutOfRangeException(nameof(day), day, null);

    public bool IsHoliday(DateOnly localDate)
    {
        if (holidays.Length == 0)
        {
            return false;
        }

        HijriDate? hijri = hasHijriHolidays && HijriDate.TryFromGregorian(localDate, out var h) ? h : null;
        foreach (var holiday in holidays)
        {
            if (holiday.Covers(localDate, hijri))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsWorkingDay(DateOnly localDate) => spans[(int)localDate.DayOfWeek].Length > 0 && !IsHoliday(localDate);

    public DateTime ToLocalTime(DateTime utc) => new(LocalTicks(UtcTicks(utc, nameof(utc))), DateTimeKind.Unspecified);

    public bool IsOpen(DateTime utc)
    {
        var t = UtcTicks(utc, nameof(utc));

        // Spans come back only when they end after t and start before t + 1, i.e. when they contain t.
        return OpenSpans(t, t + 1).Any();
    }

    public DateTime? NextOpening(DateTime utc)
    {
        var t = UtcTicks(utc, nameof(utc));
        foreach (var (start, _) in OpenSpans(t, null))
        {
            return ToUtc(Math.Max(start, t));
        }

        return null;
    }

    public DateTime AddBusinessTime(DateTime startUtc, TimeSpan duration) =>
        TryAddBusinessTime(startUtc, duration, out var result)
            ? result
            : throw new BusinessTimeUnreachableException(
                $"{duration} of business time is not reachable from {startUtc:O}: the calendar stays closed.");

    public bool TryAddBusinessTime(DateTime startUtc, TimeSpan duration, out DateTime result)
    {
        var t = UtcTicks(startUtc, nameof(startUtc));
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        result = startUtc;
        if (duration == TimeSpan.Zero)
        {
            return true;
        }

        var remaining = duration.Ticks;
        foreach (var (start, end) in OpenSpans(t, null))
        {
            var from = Math.Max(start, t);
            var available = end - from;
            if (remaining <= available)
            {
                result = ToUtc(from + remaining);
                return true;
            }

            remaining -= available;
        }

        return false;
    }

    public TimeSpan BusinessTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        var from = UtcTicks(fromUtc, nameof(fromUtc));
        var to = UtcTicks(toUtc, nameof(toUtc));
        return to >= from ? TimeSpan.FromTicks(OpenTicks(from, to)) : -TimeSpan.FromTicks(OpenTicks(to, from));
    }

    public override string ToString()
    {
        var days = Enumerable.Range(0, 7)
            .Where(day => periods[day].Count > 0)
            .Select(day => $"{(DayOfWeek)day}: {string.Join(", ", periods[day])}");
        var text = $"{TimeZone.Id}; {string.Join("; ", days)}";
        return holidays.Length == 0 ? text : $"{text}; holidays: {string.Join(", ", holidays.AsEnumerable())}";
    }

    private static (long Start, long End)[] Merge(WorkingPeriod[] sorted)
    {
        var merged = new List<(long Start, long End)>();
        foreach (var period in sorted)
        {
            if (merged.Count > 0 && merged[^1].End == period.StartTicks)
            {
                merged[^1] = (merged[^1].Start, period.EndTicks);
            }
            else
            {
                merged.Add((period.StartTicks, period.EndTicks));
            }
        }

        return [.. merged];
    }

    internal static DateTime RequireUtc(DateTime value, string paramName) =>
        value.Kind == DateTimeKind.Utc
            ? value
            : throw new ArgumentException($"Expected a UTC instant (Kind Utc), got Kind {value.Kind}.", paramName);

    private static long UtcTicks(DateTime value, string paramName) => RequireUtc(value, paramName).Ticks;

    private static DateTime ToUtc(long ticks) => new(ticks, DateTimeKind.Utc);

    private Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> WeeklyPeriods() =>
        Enumerable.Range(0, 7).ToDictionary(day => (DayOfWeek)day, day => periods[day]);

    private long OpenTicks(long from, long to)
    {
        long total = 0;
        foreach (var (start, end) in OpenSpans(from, to))
        {
            total += Math.Min(end, to) - Math.Max(start, from);
        }

        return total;
    }

    // Non-empty open UTC spans, in order, that end after fromTicks and start before untilTicks (unbounded when null).
    // Spans are not clipped to the window.
    private IEnumerable<(long Start, long End)> OpenSpans(long fromTicks, long? untilTicks)
    {
        if (!HasWorkingPeriods)
        {
            yield break;
        }

        // Starting a day early costs little and keeps the walk from relying on no span of the previous local date
        // still running at fromTicks.
        var date = DateOnly.FromDayNumber(Math.Max(LocalDate(fromTicks).DayNumber - 1, FirstWalkableDate.DayNumber));
        var lastDate = untilTicks is { } until
            ? DateOnly.FromDayNumber(Math.Min(LocalDate(until).DayNumber + 1, LastWalkableDate.DayNumber))
            : LastWalkableDate;
        var closedRun = 0;
        for (; date <= lastDate; date = date.AddDays(1))
        {
            var daySpans = UtcSpans(date);
            foreach (var (start, end) in daySpans)
            {
                if (untilTicks is { } limit && start >= limit)
                {
                    yield break;
                }

                if (end > fromTicks)
                {
                    yield return (start, end);
                }
            }

            if (daySpans.Length > 0)
            {
                closedRun = 0;
            }
            else if (untilTicks is null && ++closedRun > MaxConsecutiveClosedDays)
            {
                yield break;
            }
        }
    }

    // Every SLA clock started or recomputed walks the same few days (holiday checks, Hijri dates, time zone
    // offsets); a calendar is immutable, so each local date's open spans in UTC are worked out once. Bounded:
    // walks stay near today, and a far walk only refills what it needs.
    private const int MaxCachedDays = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (long Start, long End)[]> utcSpansByDay = new();

    private (long Start, long End)[] UtcSpans(DateOnly date)
    {
        if (utcSpansByDay.TryGetValue(date.DayNumber, out var cached))
        {
            return cached;
        }

        var list = new List<(long Start, long End)>();
        var daySpans = spans[(int)date.DayOfWeek];
        if (daySpans.Length > 0 && !IsHoliday(date))
        {
            var midnight = date.ToDateTime(TimeOnly.MinValue);
            var steadyOffset = SteadyOffsetTicks(midnight.Ticks);
            foreach (var (startInDay, endInDay) in daySpans)
            {
                var start = DayTimeToUtcTicks(midnight, startInDay, steadyOffset);
                var end = DayTimeToUtcTicks(midnight, endInDay, steadyOffset);
                if (end > start)
                {
                    list.Add((start, end));
                }
            }
        }

        var result = list.ToArray();
        if (utcSpansByDay.Count >= MaxCachedDays)
        {
            utcSpansByDay.Clear();
        }

        utcSpansByDay[date.DayNumber] = result;
        return result;
    }

    private long DayTimeToUtcTicks(DateTime localMidnight, long ticksIntoDay, long? steadyOffset) =>
        steadyOffset is { } offset
            ? localMidnight.Ticks + ticksIntoDay - offset
            : LocalToUtcTicks(localMidnight.AddTicks(ticksIntoDay));

    // The UTC offset of the whole local day starting at localMidnightTicks, or null when it may change that day.
    // Every UTC instant that can show a time of that day lies between the two samples (offsets span -12..+14 h);
    // equal samples are taken to mean no change in between, which holds because a zone's offset changes weeks,
    // not hours, apart. Days with a change take the exact path below.
    private long? SteadyOffsetTicks(long localMidnightTicks)
    {
        var before = TimeZone.GetUtcOffset(new DateTime(localMidnightTicks - OffsetSampleMargin, DateTimeKind.Utc));
        var after = TimeZone.GetUtcOffset(
            new DateTime(localMidnightTicks + TimeSpan.TicksPerDay + OffsetSampleMargin, DateTimeKind.Utc));
        return before == after ? before.Ticks : null;
    }

    // The first UTC instant at which the local clock shows `local` or later: the earliest of two readings in a
    // repeated hour, and the end of the gap for a time skipped by a DST jump. This keeps the mapping monotonic.
    private long LocalToUtcTicks(DateTime local)
    {
        if (TimeZone.IsInvalidTime(local))
        {
            return FirstUtcReaching(local.Ticks);
        }

        if (TimeZone.IsAmbiguousTime(local))
        {
            return local.Ticks - TimeZone.GetAmbiguousTimeOffsets(local).Max().Ticks;
        }

        return local.Ticks - TimeZone.GetUtcOffset(local).Ticks;
    }

    private long FirstUtcReaching(long localTicks)
    {
        var low = Math.Max(DateTime.MinValue.Ticks, localTicks - GapSearchWindow);
        var high = Math.Min(DateTime.MaxValue.Ticks, localTicks + GapSearchWindow);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (LocalTicks(middle) >= localTicks)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private long LocalTicks(long utcTicks)
    {
        var instant = new DateTime(Math.Clamp(utcTicks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
        var local = instant.Ticks + TimeZone.GetUtcOffset(instant).Ticks;
        return Math.Clamp(local, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
    }

    private DateOnly LocalDate(long utcTicks) => DateOnly.FromDateTime(new DateTime(LocalTicks(utcTicks)));
}
