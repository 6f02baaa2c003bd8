using Khidma.Web.Areas.Timeliness.Domain;
using Xunit;

namespace Khidma.Tests.Timeliness;

public sealed class HolidayTests
{
    [Fact]
    public void Covers_YearlyGregorianLeapDay_MatchesOnlyLeapYears()
    {
        var leapDay = new YearlyGregorianHoliday(2, 29, "leap");

        Assert.True(leapDay.Covers(new DateOnly(2028, 2, 29)));
        Assert.False(leapDay.Covers(new DateOnly(2027, 2, 28)));
        Assert.False(leapDay.Covers(new DateOnly(2027, 3, 1)));
    }

    [Fact]
    public void Covers_GregorianDate_MatchesThatDayOnly()
    {
        var once = new GregorianDateHoliday(new DateOnly(2026, 5, 10), "once");

        Assert.True(once.Covers(new DateOnly(2026, 5, 10)));
        Assert.False(once.Covers(new DateOnly(2027, 5, 10)));
    }

    [Fact]
    public void Covers_YearlyHijriRange_MatchesEveryDayOfTheRangeEachYear()
    {
        var eid = new YearlyHijriHoliday(HijriMonths.Shawwal, 1, 3, "eid");

        foreach (var year in new[] { 1446, 1447, 1448 })
        {
            var first = new HijriDate(year, 10, 1).ToGregorian();
            Assert.False(eid.Covers(first.AddDays(-1)));
            Assert.True(eid.Covers(first));
            Assert.True(eid.Covers(first.AddDays(2)));
            Assert.False(eid.Covers(first.AddDays(3)));
        }
    }

    [Fact]
    public void Covers_YearlyHijriRangeWrappingYearEnd_MatchesBothSides()
    {
        var range = new YearlyHijriHoliday(HijriMonths.DhuAlHijjah, 29, HijriMonths.Muharram, 2, "new year");
        var newYear = new HijriDate(1448, 1, 1).ToGregorian();

        Assert.True(range.Covers(newYear.AddDays(-1)));
        Assert.True(range.Covers(newYear));
        Assert.True(range.Covers(newYear.AddDays(1)));
        Assert.False(range.Covers(newYear.AddDays(2)));
        Assert.False(range.Covers(new HijriDate(1447, 6, 15).ToGregorian()));
    }

    [Fact]
    public void Covers_OneOffHijriDate_MatchesItsGregorianDay()
    {
        var holiday = new HijriDateHoliday(new HijriDate(1447, 9, 27), "once");
        var day = holiday.GregorianDate!.Value;

        Assert.True(holiday.Covers(day));
        Assert.False(holiday.Covers(day.AddDays(1)));
        Assert.False(holiday.Covers(new HijriDate(1448, 9, 27).ToGregorian()));
    }

    [Fact]
    public void Covers_HijriRuleOnDateOutsideUmAlQuraRange_IsFalse()
    {
        var everyDay = new YearlyHijriHoliday(1, 1, 12, 30, "all");

        Assert.True(everyDay.Covers(new DateOnly(2030, 6, 1)));
        Assert.False(everyDay.Covers(new DateOnly(2090, 6, 1)));
        Assert.False(everyDay.Covers(new DateOnly(1890, 6, 1)));
    }

    [Fact]
    public void Constructor_InvalidValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearlyGregorianHoliday(2, 30, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearlyGregorianHoliday(13, 1, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearlyHijriHoliday(13, 1, 2, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearlyHijriHoliday(10, 3, 1, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearlyHijriHoliday(10, 1, 10, 31, "x"));
        Assert.ThrowsAny<ArgumentException>(() => new GregorianDateHoliday(new DateOnly(2026, 1, 1), " "));
    }
}
