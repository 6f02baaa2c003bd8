using Khidma.Web.Areas.Phone.Domain;

namespace Khidma.Tests.Channels;

public sealed class PhoneWaitEstimateTests
{
    private static PhoneWaitEstimate.Inputs In(int ahead, double[] waits, double[] talks, int onCalls, int free) => new(ahead, waits, talks, onCalls, free);

    [Fact]
    public void Seconds_NoAgentSeen_IsUnknown() =>
        Assert.Null(PhoneWaitEstimate.Seconds(In(3, [30], [200], 0, 0)));

    [Fact]
    public void Seconds_FreeAgentAndNobodyAhead_IsMedianPickup() =>
        Assert.Equal(20, PhoneWaitEstimate.Seconds(In(0, [10, 20, 90], [200], 0, 1)));

    [Fact]
    public void Seconds_CallersBeyondFreeAgents_WaitForAgentsToFinish()
    {
        // Position 3 with one free agent: two callers beyond the free ones; two agents finish a 200 s call each:
        // pickup 30 + 2 × 200 ÷ 2 = 230.
        Assert.Equal(230, PhoneWaitEstimate.Seconds(In(2, [20, 40], [200], 1, 1)));
    }

    [Fact]
    public void Seconds_AllAgentsBusy_AddsHandleTimePerCallerOverAgents() =>
        // Position 4, nobody free, three agents, mean talk 300: 15 + 4 × 300 ÷ 3 = 415.
        Assert.Equal(415, PhoneWaitEstimate.Seconds(In(3, [10, 20], [200, 400], 3, 0)));

    [Fact]
    public void Seconds_NoEndedCallYet_UsesDefaultHandleTime() =>
        Assert.Equal(PhoneWaitEstimate.DefaultHandleSeconds, PhoneWaitEstimate.Seconds(In(0, [], [], 1, 0)));

    [Fact]
    public void Seconds_MoreCallersAhead_NeverShorter()
    {
        int? previous = 0;
        for (var ahead = 0; ahead < 20; ahead++)
        {
            var s = PhoneWaitEstimate.Seconds(In(ahead, [12, 35, 50], [120, 240], 2, 1));
            Assert.True(s >= previous);
            previous = s;
        }
    }

    [Fact]
    public void Median_EvenCount_AveragesTheMiddleTwo() =>
        Assert.Equal(25, PhoneWaitEstimate.Median([40, 10, 20, 30]));

    [Theory]
    [InlineData(121, 0, 120, true)]
    [InlineData(120, 0, 120, false)]
    [InlineData(null, 121, 120, true)]
    [InlineData(null, 60, 120, false)]
    [InlineData(30, 500, 120, false)]
    public void OfferCallback_EstimateOrLongestWait_ComparesWithThreshold(int? estimate, int longest, int threshold, bool offer) =>
        Assert.Equal(offer, PhoneWaitEstimate.OfferCallback(estimate, longest, threshold));

    [Theory]
    [InlineData(230, 120, 0)]
    [InlineData(30, 120, 0)]
    [InlineData(null, 120, 0)]
    [InlineData(null, 600, 5)]
    [InlineData(620, 120, 10)]
    public void CallbackWithin_Estimate_TwiceRoundedToFiveMinutesAtLeastFifteen(int? estimate, int threshold, int extraOverFifteen)
    {
        var within = PhoneWaitEstimate.CallbackWithin(estimate, threshold);
        Assert.Equal(0, within.TotalMinutes % 5);
        Assert.True(within.TotalSeconds >= 2 * (estimate ?? threshold));
        Assert.Equal(15 + extraOverFifteen, within.TotalMinutes);
    }
}
