using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Errors;

namespace Khidma.Tests.Timeliness;

public sealed class PromiseTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 6, 0, 0, DateTimeKind.Utc);

    private static Promise Open() => Saved(Promise.Make(7, 3, 2, "  الاتصال بالعميل بعد مراجعة الطلب ", Now.AddHours(4), "u1", Now));

    private static Promise Saved(Promise p)
    {
        p.Id = 41;
        return p;
    }

    [Fact]
    public void Make_ValidInput_IsOpenAndTrimmed()
    {
        var p = Open();

        Assert.Equal(PromiseStatus.Open, p.Status);
        Assert.Equal("الاتصال بالعميل بعد مراجعة الطلب", p.What);
        Assert.Equal(2, p.TeamId);
        Assert.False(p.IsOverdue(Now.AddHours(3)));
        Assert.True(p.IsOverdue(Now.AddHours(4)));
    }

    [Theory]
    [InlineData("", 4, "Say what was promised.")]
    [InlineData("   ", 4, "Say what was promised.")]
    [InlineData("اتصال", 0, "The due time must be in the future.")]
    [InlineData("اتصال", -1, "The due time must be in the future.")]
    public void Make_BadInput_Throws(string what, int hours, string key)
    {
        var e = Assert.Throws<DomainException>(() => Promise.Make(1, 1, null, what, Now.AddHours(hours), null, Now));
        Assert.Equal(key, e.ResourceKey);
    }

    [Fact]
    public void MarkKept_Open_ClosesAsKept()
    {
        var p = Open();

        p.MarkKept("u2", Now.AddHours(1));

        Assert.Equal(PromiseStatus.Kept, p.Status);
        Assert.Equal("u2", p.ClosedById);
        Assert.Equal(Now.AddHours(1), p.ClosedAt);
        Assert.False(p.IsOverdue(Now.AddDays(1)));
    }

    [Fact]
    public void MarkBroken_WithoutReason_Throws()
    {
        var p = Open();

        Assert.Equal("Say why the promise was broken.", Assert.Throws<DomainException>(() => p.MarkBroken(" ", "u2", Now)).ResourceKey);
        Assert.Equal(PromiseStatus.Open, p.Status);
    }

    [Fact]
    public void MarkBroken_WithReason_KeepsTheReason()
    {
        var p = Open();

        p.MarkBroken("تأخر المورّد", "u2", Now.AddHours(5));

        Assert.Equal(PromiseStatus.Broken, p.Status);
        Assert.Equal("تأخر المورّد", p.Reason);
    }

    [Fact]
    public void Renegotiate_Open_ClosesOldAndReturnsLinkedNewPromise()
    {
        var p = Open();

        var next = p.Renegotiate(Now.AddDays(2), "طلب العميل موعدًا آخر", "u3", Now.AddHours(1));

        Assert.Equal(PromiseStatus.Renegotiated, p.Status);
        Assert.Equal("طلب العميل موعدًا آخر", p.Reason);
        Assert.Equal(PromiseStatus.Open, next.Status);
        Assert.Equal(41, next.RenegotiatedFromId);
        Assert.Equal(p.What, next.What);
        Assert.Equal(p.TeamId, next.TeamId);
        Assert.Equal(Now.AddDays(2), next.DueAt);
    }

    [Fact]
    public void Renegotiate_DueInThePast_ThrowsAndStaysOpen()
    {
        var p = Open();

        Assert.Throws<DomainException>(() => p.Renegotiate(Now.AddHours(-1), "سبب", "u3", Now));
        Assert.Equal(PromiseStatus.Open, p.Status);
    }

    [Fact]
    public void MarkKept_AlreadyClosed_Throws()
    {
        var p = Open();
        p.MarkBroken("سبب", "u2", Now);

        Assert.Equal("Only an open promise can be changed.", Assert.Throws<DomainException>(() => p.MarkKept("u2", Now)).ResourceKey);
        Assert.Throws<DomainException>(() => p.Renegotiate(Now.AddDays(1), "سبب", "u2", Now));
    }

    [Theory]
    [InlineData("2026-11-22T14:30", "2026-11-22T11:30:00Z")]
    [InlineData("2026-11-22T14:30:00+03:00", "2026-11-22T11:30:00Z")]
    [InlineData("2026-11-22T11:30:00Z", "2026-11-22T11:30:00Z")]
    [InlineData("2026-11-22T12:30:00+04:00", "2026-11-22T08:30:00Z")]
    public void TryParseDue_LocalOrOffset_GivesUtc(string text, string expected)
    {
        Assert.True(RecordPromise.TryParseDue(text, LocalTime.Riyadh, out var utc));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tomorrow")]
    [InlineData("22/11/2026 14:30")]
    public void TryParseDue_Garbage_IsFalse(string text) =>
        Assert.False(RecordPromise.TryParseDue(text, LocalTime.Riyadh, out _));

    [Fact]
    public void TryParseDue_TimeSkippedByDst_IsFalse() =>
        Assert.False(RecordPromise.TryParseDue("2026-03-29T02:30", LocalTime.Paris, out _));
}
