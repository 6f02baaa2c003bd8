using Khidma.Web.Areas.Counter.Domain;

namespace Khidma.Tests.Channels;

public sealed class WaitEstimateTests
{
    [Fact]
    public void Minutes_RecentTickets_UsesTheirAverageTimesAheadOverCounters() =>
        Assert.Equal(15, WaitEstimate.Minutes(peopleAhead: 6, recentServiceMinutes: [4, 6], typicalMinutes: 30, openCounters: 2));

    [Fact]
    public void Minutes_NoRecentTickets_FallsBackToTypicalMinutes() =>
        Assert.Equal(21, WaitEstimate.Minutes(3, [], typicalMinutes: 7, openCounters: 1));

    [Fact]
    public void Minutes_NoTypicalMinutes_FallsBackToFiveMinutes() =>
        Assert.Equal(10, WaitEstimate.Minutes(2, [], typicalMinutes: 0, openCounters: 1));

    [Fact]
    public void Minutes_NobodyAhead_IsZero() => Assert.Equal(0, WaitEstimate.Minutes(0, [10], 10, 3));

    [Fact]
    public void Minutes_NoOpenCounter_IsUnknown() => Assert.Null(WaitEstimate.Minutes(4, [10], 10, 0));

    [Fact]
    public void Minutes_FractionalResult_RoundsUp() => Assert.Equal(4, WaitEstimate.Minutes(1, [3.2], 10, 1));

    [Theory]
    [InlineData(1, 'A')]
    [InlineData(2, 'B')]
    [InlineData(27, 'A')]
    public void LetterFor_ServiceId_IsStableLetter(int serviceId, char letter) => Assert.Equal(letter, CounterTicket.LetterFor(serviceId));
}
