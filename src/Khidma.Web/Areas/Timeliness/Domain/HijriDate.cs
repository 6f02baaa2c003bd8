using System.Globalization;

namespace Khidma.Web.Areas.Timeliness.Domain;

// A Hijri date in the Umm al-Qura calendar (System.Globalization.UmAlQuraCalendar), which only covers
// 1318-01-01..1500-12-30 AH (1900-04-30..2077-11-16). Any year/month 1-12/day 1-30 can be held, so configuration
// outside that range or a 30th of a 29-day month is representable; such a date has no Gregorian equivalent
// (TryToGregorian is false) and therefore never matches a Gregorian day. Umm al-Qura is a computed calendar:
// official (sighting-based) dates can differ by a day, which is why holidays can also be entered as one-off dates.
public readonly record struct HijriDate
{
    private static readonly UmAlQuraCalendar Calendar = new();

    private static readonly string[] ArabicMonthNames =
    [
        "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
        "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
    ];

    private static readonly string[] EnglishMonthNames =
    [
        "Muharram", "Safar", "Rabi' al-Awwal", "Rabi' al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
        "Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qa'dah", "Dhu al-Hijjah",
    ];

    public HijriDate(int year, int month, int day)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, 30);
        Year = year;
        Month = month;
        Day = day;
    }

    public static DateOnly MinSupportedGregorian { get; } = DateOnly.FromDateTime(Calendar.MinSupportedDateTime);

    public static DateOnly MaxSupportedGregorian { get; } = DateOnly.FromDateTime(Calendar.MaxSupportedDateTime);

    public static int MinSupportedYear { get; } = Calendar.GetYear(Calendar.MinSupportedDateTime);

    public static int MaxSupportedYear { get; } = Calendar.GetYear(Calendar.MaxSupportedDateTime);

    public int Year { get; }

    public int Month { get; }

    public int Day { get; }

    public string MonthNameArabic => GetMonthNameArabic(Month);

    public string MonthNameEnglish => GetMonthNameEnglish(Month);

    public bool IsSupported => TryToGregorian(out _);

    public static string GetMonthNameArabic(int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return ArabicMonthNames[month - 1];
    }

    public static string GetMonthNameEnglish(int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return EnglishMonthNames[month - 1];
    }

    public static bool TryFromGregorian(DateOnly date, out HijriDate hijri)
    {
        if (date < MinSupportedGregorian || date > MaxSupportedGregorian)
        {
            hijri = default;
            return false;
        }

        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        hijri = new HijriDate(Calendar.GetYear(dateTime), Calendar.GetMonth(dateTime), Calendar.GetDayOfMonth(dateTime));
        return true;
    }

    public static HijriDate FromGregorian(DateOnly date) =>
        TryFromGregorian(date, out var hijri)
            ? hijri
            : throw new ArgumentOutOfRangeException(
                nameof(date),
                date,
                $"Umm al-Qura covers {MinSupportedGregorian:yyyy-MM-dd}..{MaxSupportedGregorian:yyyy-MM-dd} only.");

    public static int DaysInMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinSupportedYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxSupportedYear);
        return Calendar.GetDaysInMonth(year, month);
    }

    public bool TryToGregorian(out DateOnly date)
    {
        // default(HijriDate) has zeros, hence the month/day checks.
        if (Year < MinSupportedYear || Year > MaxSupportedYear || Month < 1 || Month > 12 || Day < 1
            || Day > Calendar.GetDaysInMonth(Year, Month))
        {
            date = default;
            return false;
        }

        date = DateOnly.FromDateTime(Calendar.ToDateTime(Year, Month, Day, 0, 0, 0, 0));
        return true;
    }

    public DateOnly ToGregorian() =>
        TryToGregorian(out var date)
            ? date
            : throw new InvalidOperationException($"{this} does not exist in the Umm al-Qura calendar's supported range.");

    public string ToDisplayString(bool arabic) =>
        arabic
            ? string.Create(CultureInfo.InvariantCulture, $"{Day} {MonthNameArabic} {Year} هـ")
            : string.Create(CultureInfo.InvariantCulture, $"{Day} {MonthNameEnglish} {Year} AH");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2} AH");
}

public static class HijriMonths
{
    public const int Muharram = 1;
    public const int Safar = 2;
    public const int RabiAlAwwal = 3;
    public const int RabiAlThani = 4;
    public const int JumadaAlUla = 5;
    public const int JumadaAlAkhirah = 6;
    public const int Rajab = 7;
    public const int Shaban = 8;
    public const int Ramadan = 9;
    public const int Shawwal = 10;
    public const int DhuAlQadah = 11;
    public const int DhuAlHijjah = 12;
}
