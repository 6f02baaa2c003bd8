using System.Globalization;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Localization;

namespace Khidma.Tests.Platform;

public sealed class FormatterTests : IDisposable
{
    private static readonly TimeZoneInfo Riyadh = Formatter.FindZone("Asia/Riyadh");
    private readonly CultureInfo before = CultureInfo.CurrentUICulture;

    public FormatterTests() => CultureInfo.CurrentUICulture = LocalizationSetup.Culture("ar");

    public void Dispose() => CultureInfo.CurrentUICulture = before;

    // Known Umm al-Qura dates: 1 Ramadan 1445 = 11 March 2024; 1 Shawwal 1445 (Eid al-Fitr) = 10 April 2024.
    [Theory]
    [InlineData(2024, 3, 11, 9, "١٤٤٥/٠٩/٠١ هـ")]
    [InlineData(2024, 4, 10, 9, "١٤٤٥/١٠/٠١ هـ")]
    // 22:30 UTC on 10 March is already 01:30 on 11 March in Riyadh: the company's day decides the date.
    [InlineData(2024, 3, 10, 22, "١٤٤٥/٠٩/٠١ هـ")]
    public void Date_HijriArabicIndic_GivesUmmAlQuraDateInCompanyTimeZone(int year, int month, int day, int hour, string expected)
    {
        var f = new Formatter(DigitStyle.ArabicIndic, CalendarStyle.Hijri, Riyadh);

        Assert.Equal(expected, f.Date(new DateTime(year, month, day, hour, 30, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void DateTime_GregorianLatin_GivesLocalTimeWithLatinDigits()
    {
        var f = new Formatter(DigitStyle.Latin, CalendarStyle.Gregorian, Riyadh);

        Assert.Equal("2024/03/11 12:00", f.DateTime(new DateTime(2024, 3, 11, 9, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Date_HijriUnderEnglish_EndsWithAh()
    {
        CultureInfo.CurrentUICulture = LocalizationSetup.Culture("en");
        var f = new Formatter(DigitStyle.Latin, CalendarStyle.Hijri, Riyadh);

        Assert.Equal("1445/09/01 AH", f.Date(new DateTime(2024, 3, 11, 9, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Number_ArabicIndic_ConvertsEveryDigit()
    {
        var f = new Formatter(DigitStyle.ArabicIndic, CalendarStyle.Gregorian, Riyadh);

        Assert.Equal("١,٢٣٤,٥٦٧,٨٩٠", f.Number(1234567890));
    }

    [Fact]
    public void Culture_Arabic_ParsesInvariantNumbersAndGregorianDates()
    {
        var ar = LocalizationSetup.Culture("ar");

        Assert.Equal(1234.5m, decimal.Parse("1234.5", NumberStyles.Number, ar));
        Assert.Equal(new DateTime(2026, 11, 22), DateTime.Parse("2026-11-22", ar));
        Assert.True(ar.TextInfo.IsRightToLeft);
    }
}
