namespace Khidma.Web.Areas.Timeliness.Domain;

// A holiday closes whole local days of a calendar. The hierarchy is closed (internal abstract member):
// a one-off Gregorian date, a yearly Gregorian month/day (29 February only matches leap years),
// a one-off Hijri date, and a yearly Hijri range. Hijri rules go through Umm al-Qura, so Gregorian days outside
// its supported range (before 1900-04-30 or after 2077-11-16) never match a Hijri rule.
public abstract record Holiday
{
    private protected Holiday(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    // Umm al-Qura projections; official announcements may shift a day, and the Saudi government often gives more days.
    public static IReadOnlyList<Holiday> SaudiPublicHolidays { get; } =
    [
        new YearlyGregorianHoliday(2, 22, "يوم التأسيس"),
        new YearlyGregorianHoliday(9, 23, "اليوم الوطني"),
        new YearlyHijriHoliday(HijriMonths.Shawwal, 1, 3, "عيد الفطر"),
        new YearlyHijriHoliday(HijriMonths.DhuAlHijjah, 10, 13, "عيد الأضحى"),
    ];

    public string Name { get; }

    public bool Covers(DateOnly date) => Covers(date, HijriDate.TryFromGregorian(date, out var hijri) ? hijri : null);

    internal abstract bool Covers(DateOnly date, HijriDate? hijri);
}

public sealed record GregorianDateHoliday : Holiday
{
    public GregorianDateHoliday(DateOnly date, string name)
        : base(name) => Date = date;

    public DateOnly Date { get; }

    internal override bool Covers(DateOnly date, HijriDate? hijri) => date == Date;
}

public sealed record YearlyGregorianHoliday : Holiday
{
    public YearlyGregorianHoliday(int month, int day, string name)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, DateTime.DaysInMonth(2024, month));
        Month = month;
        Day = day;
    }

    public int Month { get; }

    public int Day { get; }

    internal override bool Covers(DateOnly date, HijriDate? hijri) => date.Month == Month && date.Day == Day;
}

public sealed record HijriDateHoliday : Holiday
{
    public HijriDateHoliday(HijriDate date, string name)
        : base(name) => Date = date;

    public HijriDate Date { get; }

    public DateOnly? GregorianDate => Date.TryToGregorian(out var date) ? date : null;

    internal override bool Covers(DateOnly date, HijriDate? hijri) => hijri == Date;
}

// Inclusive range of Hijri month/day pairs each Hijri year; an end before the start wraps over the year end
// (e.g. 29 Dhu al-Hijjah..2 Muharram). A day 30 in a 29-day month simply does not occur that year.
public sealed record YearlyHijriHoliday : Holiday
{
    public YearlyHijriHoliday(int startMonth, int startDay, int endMonth, int endDay, string name)
        : base(name)
    {
        Validate(startMonth, startDay, nameof(startMonth), nameof(startDay));
        Validate(endMonth, endDay, nameof(endMonth), nameof(endDay));
        StartMonth = startMonth;
        StartDay = startDay;
        EndMonth = endMonth;
        EndDay = endDay;
    }

    public YearlyHijriHoliday(int month, int firstDay, int lastDay, string name)
        : this(month, firstDay, month, lastDay, name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lastDay, firstDay);
    }

    public int StartMonth { get; }

    public int StartDay { get; }

    public int EndMonth { get; }

    public int EndDay { get; }

    internal override bool Covers(DateOnly date, HijriDate? hijri)
    {
        if (hijri is not { } h)
        {
            return false;
        }

        var key = (h.Month * 100) + h.Day;
        var start = (StartMonth * 100) + StartDay;
        var end = (EndMonth * 100) + EndDay;
        return start <= end ? key >= start && key <= end : key >= start || key <= end;
    }

    private static void Validate(int month, int day, string monthName, string dayName)
    {
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(monthName, month, "Hijri months run 1..12.");
        }

        if (day is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(dayName, day, "Hijri days run 1..30.");
        }
    }
}
