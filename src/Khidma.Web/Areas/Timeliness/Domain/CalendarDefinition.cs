using System.Globalization;
using System.Text.Json;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;

namespace Khidma.Web.Areas.Timeliness.Domain;

public enum HolidayKind { GregorianDate, YearlyGregorian, HijriDate, YearlyHijri }

// A business calendar as the company keeps it (timeliness_calendars); ToBusinessCalendar() gives the pure
// calculator. Weekly periods are stored as JSON ({"Sunday": ["08:00-12:00", "13:00-17:00"]}): a week is
// always read and written whole, and a weekday without periods is part of the weekend.
public sealed class CalendarDefinition : IVersioned
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string TimeZoneId { get; set; } = "Asia/Riyadh";
    public bool IsDefault { get; set; }
    public string WeeklyPeriods { get; set; } = "{}";
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<CalendarHoliday> Holidays { get; set; } = [];

    public static CalendarDefinition SaudiDefault(string timeZoneId, DateTime now)
    {
        var day = new[] { new WorkingPeriod(8, 0, 12, 0), new WorkingPeriod(13, 0, 17, 0) };
        var calendar = new CalendarDefinition { Name = "الرياض: الأحد إلى الخميس", IsDefault = true, UpdatedAt = now };
        calendar.SetTimeZone(timeZoneId);
        calendar.SetWeek(new[] { DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday }
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkingPeriod>)day));
        foreach (var holiday in Holiday.SaudiPublicHolidays)
            calendar.Holidays.Add(CalendarHoliday.From(holiday));
        return calendar;
    }

    public static bool IsKnownTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return false;
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    public void SetTimeZone(string id)
    {
        if (!IsKnownTimeZone(id)) throw new DomainException("This time zone is not known.");
        TimeZoneId = id.Trim();
    }

    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> Week()
    {
        var raw = JsonSerializer.Deserialize<Dictionary<string, string[]>>(WeeklyPeriods) ?? [];
        var week = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>();
        foreach (var (day, periods) in raw)
            if (Enum.TryParse<DayOfWeek>(day, out var d))
                week[d] = periods.Select(WorkingPeriod.Parse).OrderBy(p => p.Start).ToList();
        return week;
    }

    // Rejects overlapping periods with a message naming the day (the pure calendar would only throw).
    public void SetWeek(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> week)
    {
        foreach (var (day, periods) in week)
        {
            var sorted = periods.OrderBy(p => p.Start).ToList();
            for (var i = 1; i < sorted.Count; i++)
                if (sorted[i].Start < sorted[i - 1].End || sorted[i - 1].EndsAtMidnight)
                    throw new DomainException("The periods on {0} overlap.", day);
        }
        if (!week.Values.Any(p => p.Count > 0)) throw new DomainException("Give at least one working period in the week.");
        var stored = week.Where(kv => kv.Value.Count > 0)
            .OrderBy(kv => kv.Key)
            .ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.OrderBy(p => p.Start).Select(p => p.ToString()).ToArray());
        WeeklyPeriods = JsonSerializer.Serialize(stored);
    }

    public BusinessCalendar ToBusinessCalendar() =>
        new(TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId), Week(), Holidays.Select(h => h.ToHoliday()));
}

public sealed class CalendarHoliday
{
    public int Id { get; set; }
    public int CalendarId { get; set; }
    public HolidayKind Kind { get; set; }
    public string Name { get; set; } = "";
    // Gregorian or Hijri depending on Kind; Year only for one-off dates; EndMonth/EndDay only for yearly Hijri ranges.
    public int? Year { get; set; }
    public int Month { get; set; }
    public int Day { get; set; }
    public int? EndMonth { get; set; }
    public int? EndDay { get; set; }

    public Holiday ToHoliday() => Kind switch
    {
        HolidayKind.GregorianDate => new GregorianDateHoliday(new DateOnly(Year ?? 1, Month, Day), Name),
        HolidayKind.YearlyGregorian => new YearlyGregorianHoliday(Month, Day, Name),
        HolidayKind.HijriDate => new HijriDateHoliday(new HijriDate(Year ?? 1, Month, Day), Name),
        _ => new YearlyHijriHoliday(Month, Day, EndMonth ?? Month, EndDay ?? Day, Name),
    };

    public static CalendarHoliday From(Holiday holiday) => holiday switch
    {
        GregorianDateHoliday g => new() { Kind = HolidayKind.GregorianDate, Name = g.Name, Year = g.Date.Year, Month = g.Date.Month, Day = g.Date.Day },
        YearlyGregorianHoliday y => new() { Kind = HolidayKind.YearlyGregorian, Name = y.Name, Month = y.Month, Day = y.Day },
        HijriDateHoliday h => new() { Kind = HolidayKind.HijriDate, Name = h.Name, Year = h.Date.Year, Month = h.Date.Month, Day = h.Date.Day },
        YearlyHijriHoliday r => new() { Kind = HolidayKind.YearlyHijri, Name = r.Name, Month = r.StartMonth, Day = r.StartDay, EndMonth = r.EndMonth, EndDay = r.EndDay },
        _ => throw new ArgumentOutOfRangeException(nameof(holiday)),
    };

    /// <summary>Builds a holiday from form fields, or throws a DomainException saying what is wrong.</summary>
    public static CalendarHoliday Create(HolidayKind kind, string? name, int? year, int? month, int? day, int? endMonth, int? endDay)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) throw new DomainException("Give the holiday a name.");
        if (name.Length > 200) throw new DomainException("The holiday's name is too long.");
        if (month is null || day is null) throw new DomainException("Give the holiday's month and day.");
        var holiday = new CalendarHoliday { Kind = kind, Name = name, Month = month.Value, Day = day.Value };
        switch (kind)
        {
            case HolidayKind.GregorianDate:
                if (year is null || year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year.Value, month.Value))
                    throw new DomainException("This Gregorian date does not exist.");
                holiday.Year = year;
                break;
            case HolidayKind.YearlyGregorian:
                if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(2024, month.Value))
                    throw new DomainException("This Gregorian date does not exist.");
                break;
            case HolidayKind.HijriDate:
                if (year is null || month < 1 || month > 12 || day < 1 || day > 30
                    || !new HijriDate(year.Value, month.Value, day.Value).IsSupported)
                    throw new DomainException("This Hijri date does not exist in the Umm al-Qura calendar.");
                holiday.Year = year;
                break;
            case HolidayKind.YearlyHijri:
                if (month < 1 || month > 12 || day < 1 || day > 30) throw new DomainException("This Hijri date does not exist in the Umm al-Qura calendar.");
                holiday.EndMonth = endMonth ?? month;
                holiday.EndDay = endDay ?? day;
                if (holiday.EndMonth < 1 || holiday.EndMonth > 12 || holiday.EndDay < 1 || holiday.EndDay > 30)
                    throw new DomainException("This Hijri date does not exist in the Umm al-Qura calendar.");
                break;
            default:
                throw new DomainException("Choose the kind of holiday.");
        }
        return holiday;
    }

    // "22 فبراير 2027", "22 February" every year, "1 شوال" to "3 شوال" every year: the way the company wrote it.
    public string Describe(CultureInfo culture)
    {
        var arabic = culture.TwoLetterISOLanguageName == "ar";
        string Gregorian(int year, string pattern) => new DateTime(year, Month, Day).ToString(pattern, culture);
        string Hijri(int m, int d) => string.Create(CultureInfo.InvariantCulture, $"{d} {(arabic ? HijriDate.GetMonthNameArabic(m) : HijriDate.GetMonthNameEnglish(m))}");
        return Kind switch
        {
            HolidayKind.GregorianDate => Gregorian(Year ?? 1, "d MMMM yyyy"),
            HolidayKind.YearlyGregorian => Gregorian(2024, "d MMMM"),
            HolidayKind.HijriDate => new HijriDate(Year ?? 1, Month, Day).ToDisplayString(arabic),
            _ => EndMonth == Month && EndDay == Day ? Hijri(Month, Day) : $"{Hijri(Month, Day)} – {Hijri(EndMonth ?? Month, EndDay ?? Day)}",
        };
    }
}
