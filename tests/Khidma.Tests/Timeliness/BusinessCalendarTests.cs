using System.Diagnostics;
using System.Globalization;
using Khidma.Web.Areas.Timeliness.Domain;
using Xunit;
using static Khidma.Tests.Timeliness.LocalTime;

namespace Khidma.Tests.Timeliness;

// 2026-01-01 is a Thursday; the Saudi default week is Sunday-Thursday 08:00-12:00 and 13:00-17:00 in Riyadh (UTC+3).
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Saudi = BusinessCalendar.SaudiDefault();

    [Fact]
    public void SaudiDefault_Configuration_IsSundayToThursdayWithNoonBreakInRiyadh()
    {
        Assert.Equal("Asia/Riyadh", Saudi.TimeZone.Id);
        Assert.Equal(TimeSpan.FromHours(40), Saudi.WeeklyWorkingTime);
        Assert.Empty(Saudi.PeriodsOn(DayOfWeek.Friday));
        Assert.Empty(Saudi.PeriodsOn(DayOfWeek.Saturday));
        Assert.Equal(
            [new WorkingPeriod(8, 0, 12, 0), new WorkingPeriod(13, 0, 17, 0)],
            Saudi.PeriodsOn(DayOfWeek.Sunday));
    }

    [Fact]
    public void AddBusinessTime_ThursdayAfternoonPlusOneHour_LandsSundayMorning()
    {
        var result = Saudi.AddBusinessTime(InRiyadh(2026, 1, 8, 16, 30), TimeSpan.FromHours(1));

        Assert.Equal(InRiyadh(2026, 1, 11, 8, 30), result);
        Assert.Equal(DateTimeKind.Utc, result.Kind);
    }

    [Fact]
    public void AddBusinessTime_BeforeNoonBreak_SkipsTheBreak()
    {
        var result = Saudi.AddBusinessTime(InRiyadh(2026, 1, 7, 11, 30), TimeSpan.FromHours(1));

        Assert.Equal(InRiyadh(2026, 1, 7, 13, 30), result);
    }

    [Fact]
    public void AddBusinessTime_DurationFillsPeriodExactly_ReturnsPeriodEndNotNextOpening()
    {
        var result = Saudi.AddBusinessTime(InRiyadh(2026, 1, 7, 11, 0), TimeSpan.FromHours(1));

        Assert.Equal(InRiyadh(2026, 1, 7, 12, 0), result);
    }

    [Fact]
    public void AddBusinessTime_StartOnWeekend_CountsFromNextOpening()
    {
        var result = Saudi.AddBusinessTime(InRiyadh(2026, 1, 9, 10, 0), TimeSpan.FromMinutes(30));

        Assert.Equal(InRiyadh(2026, 1, 11, 8, 30), result);
    }

    [Fact]
    public void AddBusinessTime_ZeroDuration_ReturnsStartEvenWhenClosed()
    {
        var friday = InRiyadh(2026, 1, 9, 10, 0);

        Assert.Equal(friday, Saudi.AddBusinessTime(friday, TimeSpan.Zero));
    }

    [Fact]
    public void AddBusinessTime_NegativeDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Saudi.AddBusinessTime(InRiyadh(2026, 1, 7, 10), TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void AddBusinessTime_NonUtcKind_Throws()
    {
        var local = new DateTime(2026, 1, 7, 10, 0, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2026, 1, 7, 10, 0, 0, DateTimeKind.Unspecified);

        Assert.Throws<ArgumentException>(() => Saudi.AddBusinessTime(local, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentException>(() => Saudi.AddBusinessTime(unspecified, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentException>(() => Saudi.IsOpen(unspecified));
    }

    [Fact]
    public void AddBusinessTime_AcrossMonthEnd_LandsInFebruary()
    {
        var result = Saudi.AddBusinessTime(InRiyadh(2026, 1, 29, 15, 0), TimeSpan.FromHours(4));

        Assert.Equal(InRiyadh(2026, 2, 1, 10, 0), result);
    }

    [Fact]
    public void AddBusinessTime_AcrossYearEnd_LandsIn2027()
    {
        var result = Saudi.AddBusinessTime(InRiyadh(2026, 12, 31, 16, 0), TimeSpan.FromHours(3));

        Assert.Equal(InRiyadh(2027, 1, 3, 10, 0), result);
    }

    [Fact]
    public void AddBusinessTime_AcrossYearEndWithYearlyHoliday_SkipsTheHoliday()
    {
        var calendar = Saudi.WithHolidays([new YearlyGregorianHoliday(1, 3, "Test holiday")]);

        var result = calendar.AddBusinessTime(InRiyadh(2026, 12, 31, 16, 0), TimeSpan.FromHours(3));

        Assert.Equal(InRiyadh(2027, 1, 4, 10, 0), result);
    }

    [Fact]
    public void AddBusinessTime_ThirtyBusinessDays_EndsSixWeeksLaterAtClosing()
    {
        var result = Saudi.AddBusinessTime(InRiyadh(2026, 1, 4, 8, 0), TimeSpan.FromHours(30 * 8));

        Assert.Equal(InRiyadh(2026, 2, 12, 17, 0), result);
    }

    [Fact]
    public void AddBusinessTime_TenYearsOfBusinessTime_WalksDaysNotMinutes()
    {
        var start = InRiyadh(2026, 1, 4, 8, 0);
        var duration = TimeSpan.FromHours(10 * 52 * 40);
        var watch = Stopwatch.StartNew();

        var result = Saudi.AddBusinessTime(start, duration);
        var back = Saudi.BusinessTimeBetween(start, result);

        watch.Stop();
        Assert.Equal(duration, back);
        Assert.True(result.Year is 2035 or 2036, result.ToString("O", CultureInfo.InvariantCulture));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void AddBusinessTime_EidAlFitr1447_IsSkipped()
    {
        var umAlQura = new UmAlQuraCalendar();
        var firstOfShawwal = DateOnly.FromDateTime(umAlQura.ToDateTime(1447, 10, 1, 0, 0, 0, 0));
        var calendar = Saudi.WithHolidays([new YearlyHijriHoliday(HijriMonths.Shawwal, 1, 3, "عيد الفطر")]);
        var lastWorkingDay = firstOfShawwal.AddDays(-1);
        while (!Saudi.IsWorkingDay(lastWorkingDay))
        {
            lastWorkingDay = lastWorkingDay.AddDays(-1);
        }

        var nextWorkingDay = firstOfShawwal.AddDays(3);
        while (!Saudi.IsWorkingDay(nextWorkingDay))
        {
            nextWorkingDay = nextWorkingDay.AddDays(1);
        }

        var start = InRiyadh(lastWorkingDay.Year, lastWorkingDay.Month, lastWorkingDay.Day, 16, 0);

        var result = calendar.AddBusinessTime(start, TimeSpan.FromHours(2));

        Assert.InRange(firstOfShawwal, new DateOnly(2026, 3, 18), new DateOnly(2026, 3, 22));
        Assert.Equal(InRiyadh(nextWorkingDay.Year, nextWorkingDay.Month, nextWorkingDay.Day, 9, 0), result);
        for (var day = 0; day < 3; day++)
        {
            var eidDay = firstOfShawwal.AddDays(day);
            Assert.True(calendar.IsHoliday(eidDay));
            Assert.False(calendar.IsOpen(InRiyadh(eidDay.Year, eidDay.Month, eidDay.Day, 10, 0)));
        }
    }

    [Theory]
    [InlineData(8, 0, true)]
    [InlineData(11, 59, true)]
    [InlineData(12, 0, false)]
    [InlineData(12, 30, false)]
    [InlineData(13, 0, true)]
    [InlineData(17, 0, false)]
    [InlineData(7, 59, false)]
    public void IsOpen_WednesdayTimes_FollowsPeriodsWithExclusiveEnds(int hour, int minute, bool expected)
    {
        Assert.Equal(expected, Saudi.IsOpen(InRiyadh(2026, 1, 7, hour, minute)));
    }

    [Fact]
    public void IsOpen_FridayMorning_False()
    {
        Assert.False(Saudi.IsOpen(InRiyadh(2026, 1, 9, 10, 0)));
    }

    [Fact]
    public void NextOpening_WhenOpen_ReturnsSameInstant()
    {
        var open = InRiyadh(2026, 1, 7, 9, 15);

        Assert.Equal(open, Saudi.NextOpening(open));
    }

    [Fact]
    public void NextOpening_ThursdayEvening_ReturnsSundayEight()
    {
        Assert.Equal(InRiyadh(2026, 1, 11, 8, 0), Saudi.NextOpening(InRiyadh(2026, 1, 8, 17, 0)));
    }

    [Fact]
    public void NextOpening_DuringNoonBreak_ReturnsOnePm()
    {
        Assert.Equal(InRiyadh(2026, 1, 7, 13, 0), Saudi.NextOpening(InRiyadh(2026, 1, 7, 12, 0)));
    }

    [Fact]
    public void NextOpening_CalendarWithoutPeriods_ReturnsNull()
    {
        var never = new BusinessCalendar(Riyadh, new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>());

        Assert.Null(never.NextOpening(Instant(2026, 1, 1, 0)));
        Assert.False(never.IsOpen(Instant(2026, 1, 1, 0)));
        Assert.Equal(TimeSpan.Zero, never.BusinessTimeBetween(Instant(2026, 1, 1, 0), Instant(2030, 1, 1, 0)));
        Assert.Throws<BusinessTimeUnreachableException>(() => never.AddBusinessTime(Instant(2026, 1, 1, 0), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void AddBusinessTime_EveryDayIsHoliday_ThrowsUnreachableAndNextOpeningIsNull()
    {
        var allYear = Enumerable.Range(1, 12)
            .SelectMany(month => Enumerable.Range(1, DateTime.DaysInMonth(2024, month)).Select(day => (month, day)))
            .Select(d => (Holiday)new YearlyGregorianHoliday(d.month, d.day, "closed"));
        var calendar = Saudi.WithHolidays(allYear);
        var start = InRiyadh(2026, 1, 7, 10, 0);

        Assert.Throws<BusinessTimeUnreachableException>(() => calendar.AddBusinessTime(start, TimeSpan.FromHours(1)));
        Assert.False(calendar.TryAddBusinessTime(start, TimeSpan.FromHours(1), out _));
        Assert.Null(calendar.NextOpening(start));
        Assert.Equal(TimeSpan.Zero, calendar.BusinessTimeBetween(start, start.AddYears(20)));
    }

    [Fact]
    public void NextOpening_HijriHolidayCoveringWholeYear_OpensOnlyAfterUmAlQuraRangeEnds()
    {
        var everyHijriDay = new YearlyHijriHoliday(HijriMonths.Muharram, 1, HijriMonths.DhuAlHijjah, 30, "closed");
        var calendar = BusinessCalendar.Create(
            "Asia/Riyadh",
            Enum.GetValues<DayOfWeek>(),
            [new WorkingPeriod(9, 0, 17, 0)],
            [everyHijriDay]);
        var firstUncovered = HijriDate.MaxSupportedGregorian.AddDays(1);

        var opening = calendar.NextOpening(InRiyadh(2077, 6, 1, 10, 0));

        Assert.Equal(InRiyadh(firstUncovered.Year, firstUncovered.Month, firstUncovered.Day, 9, 0), opening);
        Assert.Null(calendar.NextOpening(InRiyadh(2026, 1, 1, 10, 0)));
        Assert.True(calendar.IsOpen(InRiyadh(1900, 1, 1, 10, 0)));
    }

    [Fact]
    public void IsHoliday_HijriDateOutsideUmAlQuraRange_NeverMatches()
    {
        var calendar = Saudi.WithHolidays([new HijriDateHoliday(new HijriDate(1600, 1, 1), "far future")]);

        Assert.Equal(
            Saudi.BusinessTimeBetween(Instant(2020, 1, 1, 0), Instant(2090, 1, 1, 0)),
            calendar.BusinessTimeBetween(Instant(2020, 1, 1, 0), Instant(2090, 1, 1, 0)));
    }

    [Fact]
    public void BusinessTimeBetween_ThursdayToSunday_CountsOnlyOpenHours()
    {
        var thursday = InRiyadh(2026, 1, 8, 16, 0);
        var sunday = InRiyadh(2026, 1, 11, 9, 0);

        Assert.Equal(TimeSpan.FromHours(2), Saudi.BusinessTimeBetween(thursday, sunday));
        Assert.Equal(TimeSpan.FromHours(-2), Saudi.BusinessTimeBetween(sunday, thursday));
        Assert.Equal(TimeSpan.Zero, Saudi.BusinessTimeBetween(sunday, sunday));
    }

    [Fact]
    public void BusinessTimeBetween_FullWeek_EqualsWeeklyWorkingTime()
    {
        Assert.Equal(
            Saudi.WeeklyWorkingTime,
            Saudi.BusinessTimeBetween(InRiyadh(2026, 1, 3, 0), InRiyadh(2026, 1, 10, 0)));
    }

    [Fact]
    public void AddBusinessTime_OfBetweenToClosedInstant_ReturnsLastClosingBeforeIt()
    {
        var start = InRiyadh(2026, 1, 8, 10, 0);
        var friday = InRiyadh(2026, 1, 9, 10, 0);

        var result = Saudi.AddBusinessTime(start, Saudi.BusinessTimeBetween(start, friday));

        Assert.Equal(InRiyadh(2026, 1, 8, 17, 0), result);
    }

    [Fact]
    public void AddBusinessTime_AllDayEveryDay_IsPlainAddition()
    {
        var always = BusinessCalendar.Create("UTC", Enum.GetValues<DayOfWeek>(), [WorkingPeriod.AllDay]);
        var start = Instant(2026, 12, 31, 23, 30);

        Assert.Equal(start.AddDays(45.5), always.AddBusinessTime(start, TimeSpan.FromDays(45.5)));
        Assert.True(always.IsOpen(Instant(2027, 1, 1, 0)));
    }

    [Fact]
    public void Constructor_OverlappingPeriods_Throws()
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>
        {
            [DayOfWeek.Monday] = [new WorkingPeriod(8, 0, 12, 0), new WorkingPeriod(11, 0, 14, 0)],
        };

        Assert.Throws<ArgumentException>(() => new BusinessCalendar(Riyadh, week));
    }

    [Fact]
    public void Constructor_AdjacentPeriodsGivenOutOfOrder_CountAsOneStretch()
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>
        {
            [DayOfWeek.Monday] = [new WorkingPeriod(12, 0, 17, 0), new WorkingPeriod(8, 0, 12, 0)],
        };
        var calendar = new BusinessCalendar(Riyadh, week);

        Assert.True(calendar.IsOpen(InRiyadh(2026, 1, 5, 12, 0)));
        Assert.Equal(InRiyadh(2026, 1, 5, 13, 0), calendar.AddBusinessTime(InRiyadh(2026, 1, 5, 11, 0), TimeSpan.FromHours(2)));
        Assert.Equal(new WorkingPeriod(8, 0, 12, 0), calendar.PeriodsOn(DayOfWeek.Monday)[0]);
    }

    [Fact]
    public void IsHoliday_SaudiPublicHolidays_CoversNationalDayAndEidAlAdha()
    {
        var calendar = Saudi.WithHolidays(Holiday.SaudiPublicHolidays);
        var eidAlAdha = new HijriDate(1447, HijriMonths.DhuAlHijjah, 10).ToGregorian();

        Assert.True(calendar.IsHoliday(new DateOnly(2026, 9, 23)));
        Assert.True(calendar.IsHoliday(new DateOnly(2027, 2, 22)));
        Assert.True(calendar.IsHoliday(eidAlAdha));
        Assert.True(calendar.IsHoliday(eidAlAdha.AddDays(3)));
        Assert.False(calendar.IsHoliday(eidAlAdha.AddDays(4)));
        Assert.False(calendar.IsHoliday(new DateOnly(2026, 9, 24)));
    }

    [Fact]
    public void Operations_AtEndsOfDateTimeRange_DoNotOverflow()
    {
        var newYork = WeekdaysNineToFive(NewYork);
        var first = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
        var last = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);

        Assert.False(newYork.IsOpen(first));
        Assert.False(newYork.IsOpen(last));
        Assert.Null(newYork.NextOpening(last));
        Assert.NotNull(newYork.NextOpening(first));
        Assert.False(newYork.TryAddBusinessTime(last.AddDays(-3), TimeSpan.FromDays(1), out _));
        Assert.InRange(newYork.BusinessTimeBetween(last.AddDays(-1), last), TimeSpan.Zero, TimeSpan.FromDays(1));
        Assert.True(newYork.BusinessTimeBetween(first, first.AddDays(10)) > TimeSpan.Zero);
    }

    [Fact]
    public void ToLocalTime_UtcInstant_ShowsRiyadhWallClock()
    {
        Assert.Equal(new DateTime(2026, 1, 7, 13, 0, 0), Saudi.ToLocalTime(Instant(2026, 1, 7, 10)));
    }
}
