using Khidma.Web.Areas.Timeliness.Domain;
using Xunit;

namespace Khidma.Tests.Timeliness;

public sealed class WorkingPeriodTests
{
    [Fact]
    public void Parse_DayPeriod_ReadsStartAndEnd()
    {
        var period = WorkingPeriod.Parse("08:00-12:00");

        Assert.Equal(new TimeOnly(8, 0), period.Start);
        Assert.Equal(new TimeOnly(12, 0), period.End);
        Assert.Equal(TimeSpan.FromHours(4), period.Duration);
        Assert.Equal("08:00-12:00", period.ToString());
    }

    [Fact]
    public void Parse_EndAt2400_EndsAtMidnight()
    {
        var period = WorkingPeriod.Parse("13:30 - 24:00");

        Assert.True(period.EndsAtMidnight);
        Assert.Equal(TimeOnly.MaxValue, period.End);
        Assert.Equal(TimeSpan.FromHours(10.5), period.Duration);
        Assert.Equal("13:30-24:00", period.ToString());
        Assert.Equal(TimeSpan.FromDays(1), WorkingPeriod.AllDay.Duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12:00-08:00")]
    [InlineData("08:00-08:00")]
    [InlineData("8-12")]
    [InlineData("24:00-24:00")]
    [InlineData("08:00")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(WorkingPeriod.TryParse(text, out var period));
        Assert.Null(period);
    }

    [Fact]
    public void Constructor_StartNotBeforeEnd_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WorkingPeriod(new TimeOnly(12, 0), new TimeOnly(8, 0)));
        Assert.Throws<ArgumentException>(() => new WorkingPeriod(new TimeOnly(8, 0), new TimeOnly(8, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkingPeriod(TimeOnly.MaxValue, TimeOnly.MaxValue));
    }

    [Fact]
    public void Contains_EndIsExclusive()
    {
        var period = new WorkingPeriod(8, 0, 12, 0);

        Assert.True(period.Contains(new TimeOnly(8, 0)));
        Assert.False(period.Contains(new TimeOnly(12, 0)));
        Assert.True(WorkingPeriod.AllDay.Contains(TimeOnly.MaxValue));
    }
}
