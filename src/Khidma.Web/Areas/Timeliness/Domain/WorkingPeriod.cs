using System.Globalization;

namespace Khidma.Web.Areas.Timeliness.Domain;

// A local wall-clock period within one day, [Start, End): End is exclusive.
// 24:00 (midnight at the end of the day) is written as End = TimeOnly.MaxValue, so a whole day is
// new WorkingPeriod(TimeOnly.MinValue, TimeOnly.MaxValue) (also WorkingPeriod.AllDay); a period never crosses midnight,
// split it over two days instead. Start must be before End, and Start cannot be TimeOnly.MaxValue.
// Text form is "HH:mm-HH:mm" with "24:00" for the end of the day.
public sealed record WorkingPeriod
{
    public WorkingPeriod(TimeOnly start, TimeOnly end)
    {
        if (start == TimeOnly.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "A period cannot start at the end of the day.");
        }

        Start = start;
        End = end;
        if (StartTicks >= EndTicks)
        {
            throw new ArgumentException($"Period start {start:HH\\:mm} must be before its end.", nameof(end));
        }
    }

    public WorkingPeriod(int startHour, int startMinute, int endHour, int endMinute)
        : this(new TimeOnly(startHour, startMinute), endHour == 24 && endMinute == 0 ? TimeOnly.MaxValue : new TimeOnly(endHour, endMinute))
    {
    }

    public static WorkingPeriod AllDay { get; } = new(TimeOnly.MinValue, TimeOnly.MaxValue);

    public TimeOnly Start { get; }

    public TimeOnly End { get; }

    public bool EndsAtMidnight => End == TimeOnly.MaxValue;

    public TimeSpan Duration => TimeSpan.FromTicks(EndTicks - StartTicks);

    internal long StartTicks => Start.Ticks;

    internal long EndTicks => EndsAtMidnight ? TimeSpan.TicksPerDay : End.Ticks;

    public static bool TryParse(string? text, out WorkingPeriod? period)
    {
        period = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split(['-', '–'], StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return false;
        }

        TimeOnly end;
        if (parts[1] == "24:00")
        {
            end = TimeOnly.MaxValue;
        }
        else if (!TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
        {
            return false;
        }

        if (start == TimeOnly.MaxValue || start.Ticks >= (end == TimeOnly.MaxValue ? TimeSpan.TicksPerDay : end.Ticks))
        {
            return false;
        }

        period = new WorkingPeriod(start, end);
        return true;
    }

    public static WorkingPeriod Parse(string text) =>
        TryParse(text, out var period) ? period! : throw new FormatException($"'{text}' is not a period like 08:00-12:00.");

    public bool Contains(TimeOnly time) => time.Ticks >= StartTicks && time.Ticks < EndTicks;

    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Start:HH\\:mm}-{(EndsAtMidnight ? "24:00" : End.ToString("HH\\:mm", CultureInfo.InvariantCulture))}");
}
