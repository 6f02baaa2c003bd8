using System.Globalization;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Mail.Domain;

/// <summary>
/// What every message to a customer says besides the agent's words: when to expect an answer, from history
/// (T3), and what the company has promised and not yet done (T2). Read once from the database, then written
/// in the customer's language, with Arabic-Indic digits for Arabic, dates in the company's time zone.
/// </summary>
public sealed class MailFacts(AppDbContext db, EstimateService estimates, CalendarProvider calendars, TimeProvider clock,
    IOptions<KhidmaOptions> options, IStringLocalizer<MailText> text)
{
    public sealed record OpenPromise(string What, DateTime DueAt);

    /// <summary>
    /// The estimate turned into words: median and 80th percentile of business time, the length of a working day
    /// in the company calendar (to say days rather than hours), and the instant by which 8 in 10 are answered.
    /// </summary>
    public sealed record Expectation(TimeSpan Median, TimeSpan P80, TimeSpan WorkingDay, DateTime? P80Due);

    public sealed record Facts(Expectation? Expectation, int FallbackDays, IReadOnlyList<OpenPromise> Promises, TimeZoneInfo Zone, DateTime Now);

    public async Task<Facts> ForAsync(Interaction interaction, int fallbackDays, bool withExpectation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var now = clock.GetUtcNow().UtcDateTime;
        var expectation = withExpectation ? await ExpectationAsync(interaction, now, ct) : null;
        var promises = interaction.Id == 0 ? [] : await db.Set<Promise>().AsNoTracking()
            .Where(p => p.InteractionId == interaction.Id && p.Status == PromiseStatus.Open)
            .OrderBy(p => p.DueAt).ThenBy(p => p.Id)
            .Select(p => new OpenPromise(p.What, p.DueAt))
            .ToListAsync(ct);
        return new Facts(expectation, fallbackDays, promises, Formatter.FindZone(options.Value.TimeZone), now);
    }

    private async Task<Expectation?> ExpectationAsync(Interaction interaction, DateTime now, CancellationToken ct)
    {
        var estimate = await estimates.ForAsync(interaction.ServiceId, interaction.Channel, interaction.Priority, ct);
        if (estimate is null) return null;
        var calendar = await calendars.DefaultAsync(db, ct);
        var workingDays = Enum.GetValues<DayOfWeek>().Count(d => calendar.PeriodsOn(d).Count > 0);
        if (workingDays == 0 || calendar.WeeklyWorkingTime <= TimeSpan.Zero) return null;
        var day = calendar.WeeklyWorkingTime / workingDays;
        DateTime? due = calendar.TryAddBusinessTime(now, estimate.P80, out var d) ? d : null;
        return new Expectation(estimate.Median, estimate.P80, day, due);
    }

    /// <summary>Lines saying when to expect an answer; call under the customer's culture (see <see cref="CustomerCulture"/>).</summary>
    public IReadOnlyList<string> ExpectationLines(Facts facts, string language)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Expectation is not { } e) return [FallbackReply(facts.FallbackDays, language)];
        var median = Span(e.Median, e.WorkingDay, language);
        var p80 = Span(e.P80, e.WorkingDay, language);
        var lines = new List<string>
        {
            median == p80
                ? text["Most requests like yours are answered within {0}.", median]
                : text["Most requests like yours are answered within {0}; 8 in 10 within {1}.", median, p80],
        };
        if (e.P80Due is { } due)
            lines.Add(text["Counting our working hours, 8 in 10 are answered by {0}.", When(due, facts.Zone, language)]);
        return lines;
    }

    /// <summary>The open promises as lines (empty when there are none), under the customer's culture.</summary>
    public IReadOnlyList<string> PromiseLines(Facts facts, string language)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Promises.Count == 0) return [];
        var lines = new List<string> { text["What we have promised you and not yet done:"] };
        lines.AddRange(facts.Promises.Select(p => "- " + text["{0} (by {1})", p.What, When(p.DueAt, facts.Zone, language)]));
        return lines;
    }

    /// <summary>Says which clock the dates are on, when any date was written.</summary>
    public string? ZoneLine(Facts facts, string language)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Promises.Count == 0 && facts.Expectation?.P80Due is null) return null;
        var offset = facts.Zone.GetUtcOffset(facts.Now);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var value = sign + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
        return text["Times are in our local time (UTC{0}).", Digits(value, language)];
    }

    /// <summary>An instant in the company's zone, for the customer: weekday, date and time in their language and digits.</summary>
    public static string When(DateTime utc, TimeZoneInfo zone, string language)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var culture = Gregorian(language);
        var pattern = language switch
        {
            "ar" => "dddd d MMMM yyyy، 'الساعة' HH:mm",
            "fr" => "dddd d MMMM yyyy 'à' HH'h'mm",
            _ => "dddd d MMMM yyyy 'at' HH:mm",
        };
        return Digits(local.ToString(pattern, culture), language);
    }

    // Arabic readers get Arabic-Indic digits; the reference (KH-12) is never passed through here.
    public static string Digits(string value, string language) =>
        new Formatter(language == "ar" ? DigitStyle.ArabicIndic : DigitStyle.Latin, CalendarStyle.Gregorian, TimeZoneInfo.Utc).Apply(value);

    private static CultureInfo Gregorian(string language)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(language).Clone();
        if (culture.DateTimeFormat.Calendar is not GregorianCalendar)
            culture.DateTimeFormat.Calendar = new GregorianCalendar();
        return culture;
    }

    // Under one working day the answer is counted in working hours, otherwise in working days; both round up,
    // so the customer is never told sooner than the history shows.
    private string Span(TimeSpan duration, TimeSpan workingDay, string language)
    {
        if (duration < workingDay)
        {
            var hours = Math.Max(1, (int)Math.Ceiling(duration.TotalHours - 1e-9));
            return Count(hours, "one working hour", "two working hours", "{0} working hours", "{0} working hours (11 or more)", language);
        }
        var days = Math.Max(1, (int)Math.Ceiling((duration.Ticks / (double)workingDay.Ticks) - 1e-9));
        return Count(days, "one working day", "two working days", "{0} working days", "{0} working days (11 or more)", language);
    }

    // Arabic counts take different forms for 1, 2, 3–10 and 11+ (the "11 or more" keys exist for Arabic only).
    private string Count(int n, string one, string two, string few, string many, string language) => n switch
    {
        1 => text[one],
        2 => text[two],
        _ => text[n > 10 && language == "ar" ? many : few, Digits(n.ToString(CultureInfo.InvariantCulture), language)],
    };

    // Without enough history: the mailbox's configured reply time.
    private string FallbackReply(int days, string language) => days switch
    {
        <= 1 => text["We expect to reply within one business day."],
        2 => text["We expect to reply within two business days."],
        _ => text[days > 10 && language == "ar" ? "We expect to reply within {0} business days (11 or more)." : "We expect to reply within {0} business days.",
            Digits(days.ToString(CultureInfo.InvariantCulture), language)],
    };
}

/// <summary>Switches the current cultures to a customer's language for the length of a using block.</summary>
public readonly struct CustomerCulture : IDisposable
{
    private readonly CultureInfo culture;
    private readonly CultureInfo uiCulture;

    private CustomerCulture(string language)
    {
        culture = CultureInfo.CurrentCulture;
        uiCulture = CultureInfo.CurrentUICulture;
        var target = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = target;
        CultureInfo.CurrentUICulture = target;
    }

    public static string LanguageOf(string? language) =>
        language is not null && Customers.Domain.Customer.Languages.Contains(language) ? language : "ar";

    public static CustomerCulture Use(string language) => new(language);

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
