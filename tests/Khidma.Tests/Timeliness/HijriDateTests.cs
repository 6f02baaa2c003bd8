using System.Globalization;
using Khidma.Web.Areas.Timeliness.Domain;
using Xunit;

namespace Khidma.Tests.Timeliness;

public sealed class HijriDateTests
{
    private static readonly UmAlQuraCalendar UmAlQura = new();

    [Fact]
    public void ToGregorian_FirstOfShawwal1447_MatchesUmAlQuraCalendar()
    {
        var expected = DateOnly.FromDateTime(UmAlQura.ToDateTime(1447, 10, 1, 0, 0, 0, 0));

        var gregorian = new HijriDate(1447, HijriMonths.Shawwal, 1).ToGregorian();

        Assert.Equal(expected, gregorian);
        Assert.InRange(gregorian, new DateOnly(2026, 3, 18), new DateOnly(2026, 3, 22));
    }

    [Fact]
    public void FromGregorian_DateInRange_RoundTrips()
    {
        for (var date = new DateOnly(2025, 1, 1); date < new DateOnly(2028, 1, 1); date = date.AddDays(1))
        {
            var hijri = HijriDate.FromGregorian(date);

            Assert.Equal(UmAlQura.GetYear(date.ToDateTime(TimeOnly.MinValue)), hijri.Year);
            Assert.Equal(date, hijri.ToGregorian());
        }
    }

    [Fact]
    public void TryFromGregorian_OutsideUmAlQuraRange_ReturnsFalse()
    {
        Assert.False(HijriDate.TryFromGregorian(new DateOnly(1850, 1, 1), out _));
        Assert.False(HijriDate.TryFromGregorian(new DateOnly(2100, 1, 1), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => HijriDate.FromGregorian(new DateOnly(2100, 1, 1)));
        Assert.True(HijriDate.TryFromGregorian(HijriDate.MaxSupportedGregorian, out var last));
        Assert.Equal(HijriDate.MaxSupportedYear, last.Year);
    }

    [Fact]
    public void TryToGregorian_YearOutsideRange_ReturnsFalse()
    {
        var far = new HijriDate(1600, 1, 1);

        Assert.False(far.TryToGregorian(out _));
        Assert.False(far.IsSupported);
        Assert.Throws<InvalidOperationException>(() => far.ToGregorian());
        Assert.False(default(HijriDate).TryToGregorian(out _));
    }

    [Fact]
    public void TryToGregorian_ThirtiethOfTwentyNineDayMonth_ReturnsFalse()
    {
        var shortMonth = Enumerable.Range(1, 12).First(month => UmAlQura.GetDaysInMonth(1447, month) == 29);

        Assert.False(new HijriDate(1447, shortMonth, 30).TryToGregorian(out _));
        Assert.True(new HijriDate(1447, shortMonth, 29).TryToGregorian(out _));
        Assert.Equal(29, HijriDate.DaysInMonth(1447, shortMonth));
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1447, 0, 1)]
    [InlineData(1447, 13, 1)]
    [InlineData(1447, 1, 0)]
    [InlineData(1447, 1, 31)]
    public void Constructor_InvalidParts_Throws(int year, int month, int day)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HijriDate(year, month, day));
    }

    [Theory]
    [InlineData(1, "محرم", "Muharram")]
    [InlineData(9, "رمضان", "Ramadan")]
    [InlineData(10, "شوال", "Shawwal")]
    [InlineData(12, "ذو الحجة", "Dhu al-Hijjah")]
    public void MonthNames_KnownMonth_ReturnsArabicAndEnglish(int month, string arabic, string english)
    {
        Assert.Equal(arabic, HijriDate.GetMonthNameArabic(month));
        Assert.Equal(english, HijriDate.GetMonthNameEnglish(month));
    }

    [Fact]
    public void ToDisplayString_BothLanguages_ShowsDayMonthNameAndYear()
    {
        var eid = new HijriDate(1447, 10, 1);

        Assert.Equal("1 شوال 1447 هـ", eid.ToDisplayString(arabic: true));
        Assert.Equal("1 Shawwal 1447 AH", eid.ToDisplayString(arabic: false));
        Assert.Equal("1447-10-01 AH", eid.ToString());
    }

    [Fact]
    public void GetMonthNameArabic_MonthThirteen_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HijriDate.GetMonthNameArabic(13));
    }
}
