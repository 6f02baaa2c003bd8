using System.Globalization;
using System.Security.Claims;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Platform.Localization;

// Renders instants and numbers the way the reader asked: Gregorian or Hijri (Umm al-Qura), Latin or
// Arabic-Indic digits, in the company's time zone. Preferences come from the signed-in user's claims or,
// for visitors, from the "khidma.prefs" cookie.
public sealed class Formatter
{
    public const string PrefsCookie = "khidma.prefs";

    private readonly TimeZoneInfo zone;

    public Formatter(IHttpContextAccessor accessor, IOptions<KhidmaOptions> options)
    {
        zone = FindZone(options.Value.TimeZone);
        var ctx = accessor.HttpContext;
        var digits = ctx?.User.FindFirstValue(KhidmaClaims.Digits);
        var calendar = ctx?.User.FindFirstValue(KhidmaClaims.Calendar);
        if ((digits is null || calendar is null) && ctx?.Request.Cookies[PrefsCookie] is { } cookie)
        {
            // "digits|calendar", e.g. "ArabicIndic|Hijri"
            var parts = cookie.Split('|');
            digits ??= parts.ElementAtOrDefault(0);
            calendar ??= parts.ElementAtOrDefault(1);
        }
        Digits = Enum.TryParse<DigitStyle>(digits, out var d) ? d : DigitStyle.Latin;
        Calendar = Enum.TryParse<CalendarStyle>(calendar, out var c) ? c : CalendarStyle.Gregorian;
    }

    public Formatter(DigitStyle digits, CalendarStyle calendar, TimeZoneInfo zone)
    {
        Digits = digits;
        Calendar = calendar;
        this.zone = zone;
    }

    public DigitStyle Digits { get; }
    public CalendarStyle Calendar { get; }
    public TimeZoneInfo Zone => zone;

    public static TimeZoneInfo FindZone(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }

    public System.DateTime Local(System.DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public string Date(DateTime utc) => Render(Local(utc), "yyyy'/'MM'/'dd");

    public string DateTime(DateTime utc) => Render(Local(utc), "yyyy'/'MM'/'dd HH':'mm");

    public string DateTime(DateTime? utc) => utc is null ? "" : DateTime(utc.Value);

    public string Time(DateTime utc) => Render(Local(utc), "HH':'mm");

    public string Number(long value) => Apply(value.ToString("N0", CultureInfo.InvariantCulture));

    public string Text(string? value) => value is null ? "" : Apply(value);

    // ISO 8601 with the company's offset, for <time datetime> and for machines.
    public string Iso(DateTime utc)
    {
        var local = Local(utc);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    // Patterns quote their separators, so no culture's date or time separator can change them.
    private string Render(DateTime local, string pattern)
    {
        if (Calendar == CalendarStyle.Hijri && local >= HijriMin && local <= HijriMax)
        {
            var text = local.ToString(pattern, UmmAlQura) + (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ar" ? " هـ" : " AH");
            return Apply(text);
        }
        return Apply(local.ToString(pattern, CultureInfo.InvariantCulture));
    }

    private static readonly DateTime HijriMin = new UmAlQuraCalendar().MinSupportedDateTime;
    private static readonly DateTime HijriMax = new UmAlQuraCalendar().MaxSupportedDateTime;

    // .NET accepts the Umm al-Qura calendar only on a culture that lists it (Saudi Arabic), not on the
    // invariant culture; formatting still writes Latin digits, which Apply converts when asked.
    private static readonly CultureInfo UmmAlQura = CreateUmmAlQura();

    private static CultureInfo CreateUmmAlQura()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ar-SA").Clone();
        culture.DateTimeFormat.Calendar = new UmAlQuraCalendar();
        return CultureInfo.ReadOnly(culture);
    }

    public string Apply(string text)
    {
        if (Digits == DigitStyle.Latin) return text;
        return string.Create(text.Length, text, static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                var ch = src[i];
                span[i] = ch is >= '0' and <= '9' ? (char)('\u0660' + (ch - '0')) : ch;
            }
        });
    }
}
