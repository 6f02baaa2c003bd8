using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;

namespace Khidma.Tests.Interactions;

public sealed class InteractionEntityTests
{
    private static readonly DateTime T0 = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
    private static readonly InteractionStatus New = new() { Id = 1, Category = StatusCategory.New, Name = new("جديد") };
    private static readonly InteractionStatus Open = new() { Id = 2, Category = StatusCategory.Open, Name = new("مفتوح") };
    private static readonly InteractionStatus Resolved = new() { Id = 4, Category = StatusCategory.Resolved, Name = new("تم الحل") };
    private static readonly InteractionStatus Closed = new() { Id = 5, Category = StatusCategory.Closed, Name = new("مغلق") };

    private static Interaction NewInteraction(int stages = 3)
    {
        var i = new Interaction { Id = 7, StatusId = New.Id, StatusCategory = New.Category, CreatedAt = T0, UpdatedAt = T0, LastActivityAt = T0 };
        i.SetStages(Enumerable.Range(0, stages).Select(n => ($"s{n}", new LocalizedText($"مرحلة {n}"))));
        for (var n = 0; n < i.Stages.Count; n++) i.Stages[n].Id = 100 + n;
        return i;
    }

    [Fact]
    public void SetStages_ThreeStages_KeepsOrderInPositions()
    {
        var i = NewInteraction();
        Assert.Equal(["s0", "s1", "s2"], i.Stages.OrderBy(s => s.Position).Select(s => s.Key));
        Assert.Equal([0, 1, 2], i.Stages.Select(s => s.Position));
    }

    [Fact]
    public void MarkStage_Done_RecordsWhoWhenAndTimeline()
    {
        var i = NewInteraction();
        var at = T0.AddMinutes(3);
        i.MarkStage(101, done: true, "u1", at);
        var stage = i.Stages.Single(s => s.Id == 101);
        Assert.True(stage.IsDone);
        Assert.Equal(at, stage.DoneAt);
        Assert.Equal("u1", stage.DoneById);
        var entry = Assert.Single(i.Timeline);
        Assert.Equal(TimelineKind.StageDone, entry.Kind);
        Assert.Equal("s1", entry.Data);
        Assert.Equal(at, i.LastActivityAt);
    }

    [Fact]
    public void MarkStage_SameStateTwice_AddsNothing()
    {
        var i = NewInteraction();
        i.MarkStage(100, true, "u1", T0);
        i.MarkStage(100, true, "u2", T0.AddMinutes(1));
        Assert.Single(i.Timeline);
        Assert.Equal("u1", i.Stages[0].DoneById);
    }

    [Fact]
    public void MarkStage_Undone_ClearsAndRecordsUndone()
    {
        var i = NewInteraction();
        i.MarkStage(100, true, "u1", T0);
        i.MarkStage(100, false, "u2", T0.AddMinutes(1));
        Assert.False(i.Stages[0].IsDone);
        Assert.Null(i.Stages[0].DoneById);
        Assert.Equal(TimelineKind.StageUndone, i.Timeline[^1].Kind);
    }

    [Fact]
    public void MarkStage_UnknownStage_ThrowsNotFound()
    {
        var i = NewInteraction();
        Assert.Throws<NotFoundException>(() => i.MarkStage(999, true, "u1", T0));
    }

    [Fact]
    public void ChangeStatus_ResolveWithUndoneStagesWithoutReason_ThrowsAndChangesNothing()
    {
        var i = NewInteraction();
        var e = Assert.Throws<DomainException>(() => i.ChangeStatus(Resolved, "  ", "u1", T0));
        Assert.Equal("Some stages are not done. Say why before resolving.", e.ResourceKey);
        Assert.Equal(New.Id, i.StatusId);
        Assert.Null(i.ResolvedAt);
        Assert.Empty(i.Timeline);
    }

    [Fact]
    public void ChangeStatus_ResolveWithReason_KeepsReasonAndResolvedAt()
    {
        var i = NewInteraction();
        var at = T0.AddHours(1);
        i.ChangeStatus(Resolved, " العميل غادر مسرعًا ", "u1", at);
        Assert.Equal(Resolved.Id, i.StatusId);
        Assert.Equal(StatusCategory.Resolved, i.StatusCategory);
        Assert.Equal(at, i.ResolvedAt);
        Assert.Equal("العميل غادر مسرعًا", i.SkippedStagesReason);
        var entry = Assert.Single(i.Timeline);
        Assert.Equal(TimelineKind.StatusChange, entry.Kind);
        Assert.Equal("1->4", entry.Data);
        Assert.Equal("العميل غادر مسرعًا", entry.Body);
    }

    [Fact]
    public void ChangeStatus_AllStagesDone_ResolvesWithoutReason()
    {
        var i = NewInteraction(2);
        i.MarkStage(100, true, "u1", T0);
        i.MarkStage(101, true, "u1", T0);
        i.ChangeStatus(Closed, null, "u1", T0.AddMinutes(5));
        Assert.Equal(StatusCategory.Closed, i.StatusCategory);
        Assert.Null(i.SkippedStagesReason);
        Assert.NotNull(i.ResolvedAt);
    }

    [Fact]
    public void ChangeStatus_ReopenAfterResolve_ClearsResolvedAt()
    {
        var i = NewInteraction(0);
        i.ChangeStatus(Resolved, null, "u1", T0);
        i.ChangeStatus(Open, null, "u1", T0.AddMinutes(1));
        Assert.Null(i.ResolvedAt);
        Assert.Equal(StatusCategory.Open, i.StatusCategory);
    }

    [Fact]
    public void ChangeStatus_SameStatus_DoesNothing()
    {
        var i = NewInteraction();
        i.ChangeStatus(New, null, "u1", T0);
        Assert.Empty(i.Timeline);
    }

    [Fact]
    public void Assign_TeamAndHandler_RecordsAssignmentOnce()
    {
        var i = NewInteraction();
        i.Assign(3, "u9", "u1", T0);
        i.Assign(3, "u9", "u1", T0.AddMinutes(1));
        Assert.Equal(3, i.TeamId);
        Assert.Equal("u9", i.HandlerId);
        var entry = Assert.Single(i.Timeline);
        Assert.Equal("3|u9", entry.Data);
    }

    [Theory]
    [InlineData("KH-42", 42L)]
    [InlineData("kh-42", 42L)]
    [InlineData(" 42 ", 42L)]
    [InlineData("KH-0", null)]
    [InlineData("KH--4", null)]
    [InlineData("KH-4x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ParseReference_Text_ReturnsId(string? text, long? expected) =>
        Assert.Equal(expected, Interaction.ParseReference(text));

    [Fact]
    public void ParseReference_FormatReference_RoundTrips()
    {
        foreach (var id in new long[] { 1, 99, 1_000_000, long.MaxValue })
            Assert.Equal(id, Interaction.ParseReference(Interaction.FormatReference(id)));
    }

    [Fact]
    public void CursorParse_Formatted_RoundTrips()
    {
        var cursor = new Cursor(new DateTime(2026, 11, 22, 9, 0, 0, 123, DateTimeKind.Utc), 77);
        Assert.Equal(cursor, Cursor.Parse(cursor.Format()));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("1_")]
    [InlineData("_1")]
    [InlineData("-5_1")]
    [InlineData("1_2_3")]
    [InlineData("99999999999999999999_1")]
    public void CursorParse_Garbage_ReturnsNull(string text) => Assert.Null(Cursor.Parse(text));

    [Theory]
    [InlineData("٠٥٠ ١٢٣ ٤٥٦٧", "0501234567")]
    [InlineData("+966 (50) 123-4567", "966501234567")]
    [InlineData("۰۵۰۱۲۳", "050123")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void PhoneDigits_Mixed_KeepsAsciiDigitsOnly(string? input, string expected) =>
        Assert.Equal(expected, CreateInteraction.PhoneDigits(input));

    [Fact]
    public void CallRecord_Format_ParsesBack()
    {
        Assert.Equal((CallDirection.Out, 12), CallRecord.Parse(CallRecord.Format(CallDirection.Out, 12)));
        Assert.Equal("in|0", CallRecord.Format(CallDirection.In, -3));
    }
}
