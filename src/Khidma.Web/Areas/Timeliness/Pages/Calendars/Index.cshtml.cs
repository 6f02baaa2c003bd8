using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Timeliness.Pages.Calendars;

// Business calendars (T1): working periods per weekday (several a day; a day without periods is the weekend),
// the time zone, and holidays by Gregorian or Hijri date. New SLA clocks use the saved calendar at once;
// running clocks keep the due time they have until their next pause or resume.
[Authorize(Policy = "Managers")]
public sealed class IndexModel(AppDbContext db, CalendarProvider calendars, IStringLocalizer<TimelinessText> text, TimeProvider clock, Khidma.Web.Platform.Localization.Formatter format) : PageModel
{
    public static readonly DayOfWeek[] WeekOrder =
        [DayOfWeek.Saturday, DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public sealed record CalendarRow(int Id, string Name, bool IsDefault);

    public sealed record HolidayRow(int Id, HolidayKind Kind, string Name, string When);

    public sealed class DayInput
    {
        public DayOfWeek Day { get; set; }
        public bool Closed { get; set; }
        public string? Periods { get; set; }
    }

    public sealed class CalendarInput
    {
        public string? Name { get; set; }
        public string? TimeZoneId { get; set; }
        public bool IsDefault { get; set; }
        public int Version { get; set; }
        public List<DayInput> Days { get; set; } = [];
    }

    public sealed class HolidayInput
    {
        public HolidayKind Kind { get; set; } = HolidayKind.YearlyHijri;
        public string? Name { get; set; }
        public int? Year { get; set; }
        public int? Month { get; set; }
        public int? Day { get; set; }
        public int? EndMonth { get; set; }
        public int? EndDay { get; set; }
    }

    public IReadOnlyList<CalendarRow> Calendars { get; private set; } = [];
    public IReadOnlyList<HolidayRow> Holidays { get; private set; } = [];
    public int CalendarId { get; private set; }

    [BindProperty]
    public CalendarInput Input { get; set; } = new();

    [BindProperty]
    public HolidayInput Holiday { get; set; } = new();

    public string? Saved { get; private set; }

    public static IReadOnlyList<string> TimeZoneIds { get; } =
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order(StringComparer.Ordinal).ToList();

    public async Task<IActionResult> OnGetAsync(int? id, string? saved, CancellationToken ct)
    {
        var calendar = await FindAsync(id, ct);
        Fill(calendar);
        await ListAsync(calendar, ct);
        Saved = saved switch { "calendar" => text["The calendar is saved."].Value, "holiday" => text["The holidays are saved."].Value, _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct)
    {
        var calendar = await FindAsync(id, ct);
        var name = Input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError("Input.Name", text["Give the calendar a name."]);
        else if (name.Length > 200) ModelState.AddModelError("Input.Name", text["The name is too long."]);
        if (!CalendarDefinition.IsKnownTimeZone(Input.TimeZoneId)) ModelState.AddModelError("Input.TimeZoneId", text["This time zone is not known."]);
        if (Input.Version != calendar.Version) ModelState.AddModelError("", text["Someone else changed this calendar at the same time. Reload and try again."]);

        var week = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>();
        for (var i = 0; i < Input.Days.Count; i++)
        {
            var day = Input.Days[i];
            if (!Enum.IsDefined(day.Day) || day.Closed) continue;
            var key = $"Input.Days[{i}].Periods";
            var periods = new List<WorkingPeriod>();
            foreach (var part in (day.Periods ?? "").Split([',', '،', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (WorkingPeriod.TryParse(ToLatinDigits(part), out var period)) periods.Add(period!);
                else
                {
                    ModelState.AddModelError(key, text["Write periods like 08:00-12:00, 13:00-17:00."]);
                    periods.Clear();
                    break;
                }
            }
            var sorted = periods.OrderBy(p => p.Start).ToList();
            for (var p = 1; p < sorted.Count; p++)
            {
                if (sorted[p].Start < sorted[p - 1].End || sorted[p - 1].EndsAtMidnight)
                {
                    ModelState.AddModelError(key, text["The periods on {0} overlap: {1} and {2}.", text[day.Day.ToString()], sorted[p - 1].ToString(), sorted[p].ToString()]);
                    break;
                }
            }
            if (sorted.Count > 0) week[day.Day] = sorted;
        }
        if (ModelState.IsValid && week.Count == 0) ModelState.AddModelError("", text["Give at least one working period in the week."]);
        if (!ModelState.IsValid)
        {
            await ListAsync(calendar, ct);
            CalendarId = calendar.Id;
            return Page();
        }

        calendar.Name = name!;
        calendar.SetTimeZone(Input.TimeZoneId!);
        calendar.SetWeek(week);
        calendar.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (Input.IsDefault && !calendar.IsDefault)
            {
                // The old default is cleared first: at most one default exists at any moment (a unique index says so).
                foreach (var other in await db.Set<CalendarDefinition>().Where(c => c.IsDefault && c.Id != calendar.Id).ToListAsync(ct))
                    other.IsDefault = false;
                await db.SaveChangesAsync(ct);
                calendar.IsDefault = true;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        calendars.Invalidate();
        return Redirect($"/timeliness/calendars?id={calendar.Id}&saved=calendar");
    }

    public async Task<IActionResult> OnPostCreateAsync(string? newName, CancellationToken ct)
    {
        var name = newName?.Trim();
        var source = await FindAsync(null, ct);
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            ModelState.AddModelError("newName", text["Give the calendar a name."]);
            Fill(source);
            await ListAsync(source, ct);
            return Page();
        }
        // A new calendar starts as a copy of the default one, without being the default.
        var calendar = new CalendarDefinition
        {
            Name = name,
            TimeZoneId = source.TimeZoneId,
            WeeklyPeriods = source.WeeklyPeriods,
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
            Holidays = source.Holidays.Select(h => new CalendarHoliday
            {
                Kind = h.Kind, Name = h.Name, Year = h.Year, Month = h.Month, Day = h.Day, EndMonth = h.EndMonth, EndDay = h.EndDay,
            }).ToList(),
        };
        db.Set<CalendarDefinition>().Add(calendar);
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return Redirect($"/timeliness/calendars?id={calendar.Id}&saved=calendar");
    }

    public async Task<IActionResult> OnPostAddHolidayAsync(int id, CancellationToken ct)
    {
        var calendar = await FindAsync(id, ct);
        ModelState.Clear();
        try
        {
            var h = Holiday;
            calendar.Holidays.Add(CalendarHoliday.Create(h.Kind, h.Name, h.Year, h.Month, h.Day, h.EndMonth, h.EndDay));
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("Holiday", text[e.ResourceKey, e.Args]);
            Fill(calendar);
            await ListAsync(calendar, ct);
            return Page();
        }
        calendar.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return Redirect($"/timeliness/calendars?id={calendar.Id}&saved=holiday#holidays");
    }

    public async Task<IActionResult> OnPostDeleteHolidayAsync(int id, int holidayId, CancellationToken ct)
    {
        var calendar = await FindAsync(id, ct);
        var holiday = calendar.Holidays.FirstOrDefault(h => h.Id == holidayId) ?? throw new NotFoundException();
        calendar.Holidays.Remove(holiday);
        calendar.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return Redirect($"/timeliness/calendars?id={calendar.Id}&saved=holiday#holidays");
    }

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<CalendarDefinition> FindAsync(int? id, CancellationToken ct)
    {
        var query = db.Set<CalendarDefinition>().Include(c => c.Holidays);
        var calendar = id is { } wanted
            ? await query.FirstOrDefaultAsync(c => c.Id == wanted, ct)
            : await query.OrderByDescending(c => c.IsDefault).ThenBy(c => c.Id).FirstOrDefaultAsync(ct);
        return calendar ?? throw new NotFoundException();
    }

    private void Fill(CalendarDefinition calendar)
    {
        var week = calendar.Week();
        Input = new CalendarInput
        {
            Name = calendar.Name,
            TimeZoneId = calendar.TimeZoneId,
            IsDefault = calendar.IsDefault,
            Version = calendar.Version,
            Days = WeekOrder.Select(d => new DayInput
            {
                Day = d,
                Closed = !week.TryGetValue(d, out var p) || p.Count == 0,
                Periods = week.TryGetValue(d, out var q) ? string.Join(", ", q) : "",
            }).ToList(),
        };
    }

    private async Task ListAsync(CalendarDefinition current, CancellationToken ct)
    {
        CalendarId = current.Id;
        Calendars = await db.Set<CalendarDefinition>().AsNoTracking().OrderByDescending(c => c.IsDefault).ThenBy(c => c.Name)
            .Select(c => new CalendarRow(c.Id, c.Name, c.IsDefault)).ToListAsync(ct);
        Holidays = current.Holidays.OrderBy(h => h.Kind).ThenBy(h => h.Month).ThenBy(h => h.Day)
            .Select(h => new HolidayRow(h.Id, h.Kind, h.Name, format.Apply(h.Describe(System.Globalization.CultureInfo.CurrentUICulture)))).ToList();
    }

    private static string ToLatinDigits(string text) =>
        string.Concat(text.Select(c => char.IsDigit(c) ? (char)('0' + (int)char.GetNumericValue(c)) : c));
}
