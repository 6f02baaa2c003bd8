using System.Net;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Microsoft.EntityFrameworkCore;
using static Khidma.Tests.Timeliness.LocalTime;

namespace Khidma.Tests.Timeliness;

public sealed class SlaClocksSqliteTests(KhidmaFactory f) : SlaClocksTests(f), IClassFixture<KhidmaFactory>;

public sealed class SlaClocksPostgresTests(PostgresKhidmaFactory f) : SlaClocksTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task Create_DefaultPolicy_StartsFirstResponseAndResolutionClocks() => base.Create_DefaultPolicy_StartsFirstResponseAndResolutionClocks();
    [PostgresFact] public override Task Status_WaitingOnCustomerThenOpen_PausesAndResumes() => base.Status_WaitingOnCustomerThenOpen_PausesAndResumes();
    [PostgresFact] public override Task Reply_FirstResponseRunning_SatisfiesIt() => base.Reply_FirstResponseRunning_SatisfiesIt();
    [PostgresFact] public override Task CustomerMessage_AfterReply_StartsNextResponseUntilAnswered() => base.CustomerMessage_AfterReply_StartsNextResponseUntilAnswered();
    [PostgresFact] public override Task Resolve_RunningClocks_SatisfiesThemAndReopenRunsResolutionOn() => base.Resolve_RunningClocks_SatisfiesThemAndReopenRunsResolutionOn();
    [PostgresFact] public override Task Create_MostSpecificPolicy_Wins() => base.Create_MostSpecificPolicy_Wins();
    [PostgresFact] public override Task SlaJob_PastWarningThenDue_WarnsOnceThenBreachesAndEscalates() => base.SlaJob_PastWarningThenDue_WarnsOnceThenBreachesAndEscalates();
    [PostgresFact] public override Task SlaApi_PausedInteraction_ReturnsDueTimesWithCompanyOffset() => base.SlaApi_PausedInteraction_ReturnsDueTimesWithCompanyOffset();
    [PostgresFact] public override Task SlaSummary_Page_OneBadgePerInteractionMostUrgentFirst() => base.SlaSummary_Page_OneBadgePerInteractionMostUrgentFirst();
}

// Sunday 22 November 2026 in Riyadh; the default calendar works 08:00-12:00 and 13:00-17:00, Sunday to Thursday.
// The default policy: first response 4 h, next response 8 h, resolution 24 h of business time, warning at 25 % left.
public abstract class SlaClocksTests(KhidmaFactory f)
{
    [Fact]
    public virtual async Task Create_DefaultPolicy_StartsFirstResponseAndResolutionClocks()
    {
        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 0));
        var id = await f.InteractionAsync();

        var timers = await f.TimersAsync(id);

        Assert.Equal([SlaKind.FirstResponse, SlaKind.Resolution], timers.Select(t => t.Kind).Order());
        var first = timers.Single(t => t.Kind == SlaKind.FirstResponse);
        Assert.Equal(240, first.TargetMinutes);
        Assert.Equal(InRiyadh(2026, 11, 22, 12, 0), first.DueAt);
        Assert.Equal(InRiyadh(2026, 11, 22, 11, 0), first.WarnAt);
        Assert.Equal(InRiyadh(2026, 11, 24, 17, 0), timers.Single(t => t.Kind == SlaKind.Resolution).DueAt);
    }

    [Fact]
    public virtual async Task Status_WaitingOnCustomerThenOpen_PausesAndResumes()
    {
        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 0));
        var id = await f.InteractionAsync();

        f.Clock.Set(InRiyadh(2026, 11, 22, 9, 0));
        await f.SetStatusAsync(id, StatusCategory.WaitingOnCustomer);
        var paused = await f.TimerAsync(id, SlaKind.FirstResponse);
        Assert.Equal(InRiyadh(2026, 11, 22, 9, 0), paused.PausedSince);
        Assert.Null(paused.DueAt);

        // A day of waiting costs nothing: one hour was counted before the pause, three remain after it.
        f.Clock.Set(InRiyadh(2026, 11, 23, 10, 0));
        await f.SetStatusAsync(id, StatusCategory.Open);
        var resumed = await f.TimerAsync(id, SlaKind.FirstResponse);
        Assert.Null(resumed.PausedSince);
        Assert.Equal(InRiyadh(2026, 11, 23, 14, 0), resumed.DueAt);
        Assert.Single(resumed.PauseList());
        Assert.Equal(InRiyadh(2026, 11, 26, 9, 0), (await f.TimerAsync(id, SlaKind.Resolution)).DueAt);
    }

    [Fact]
    public virtual async Task Reply_FirstResponseRunning_SatisfiesIt()
    {
        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 0));
        var id = await f.InteractionAsync();

        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 30));
        await f.AddEntryAsync(id, TimelineKind.Note);
        Assert.Null((await f.TimerAsync(id, SlaKind.FirstResponse)).SatisfiedAt);
        await f.AddEntryAsync(id, TimelineKind.Reply, "شكرًا لتواصلك، نعمل على طلبك");

        var first = await f.TimerAsync(id, SlaKind.FirstResponse);
        Assert.Equal(InRiyadh(2026, 11, 22, 8, 30), first.SatisfiedAt);
        Assert.Null(first.BreachedAt);
        Assert.Null((await f.TimerAsync(id, SlaKind.Resolution)).SatisfiedAt);
    }

    [Fact]
    public virtual async Task CustomerMessage_AfterReply_StartsNextResponseUntilAnswered()
    {
        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 0));
        var id = await f.InteractionAsync();
        await f.AddEntryAsync(id, TimelineKind.CustomerMessage, "ملاحظة إضافية قبل الرد");
        Assert.DoesNotContain(await f.TimersAsync(id), t => t.Kind == SlaKind.NextResponse);

        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 30));
        await f.AddEntryAsync(id, TimelineKind.Reply);
        f.Clock.Set(InRiyadh(2026, 11, 22, 9, 0));
        await f.AddEntryAsync(id, TimelineKind.CustomerMessage, "متى يصلني الرد؟");
        f.Clock.Set(InRiyadh(2026, 11, 22, 9, 10));
        await f.AddEntryAsync(id, TimelineKind.CustomerMessage, "هل من جديد؟");

        var next = Assert.Single(await f.TimersAsync(id), t => t.Kind == SlaKind.NextResponse);
        Assert.Equal(InRiyadh(2026, 11, 22, 9, 0), next.StartedAt);
        Assert.Equal(InRiyadh(2026, 11, 23, 9, 0), next.DueAt);

        f.Clock.Set(InRiyadh(2026, 11, 22, 10, 0));
        await f.AddEntryAsync(id, TimelineKind.Reply);
        Assert.Equal(InRiyadh(2026, 11, 22, 10, 0), (await f.TimerAsync(id, SlaKind.NextResponse)).SatisfiedAt);
    }

    [Fact]
    public virtual async Task Resolve_RunningClocks_SatisfiesThemAndReopenRunsResolutionOn()
    {
        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 0));
        var id = await f.InteractionAsync();

        f.Clock.Set(InRiyadh(2026, 11, 22, 10, 0));
        await f.SetStatusAsync(id, StatusCategory.Resolved);
        var timers = await f.TimersAsync(id);
        Assert.All(timers, t => Assert.Equal(InRiyadh(2026, 11, 22, 10, 0), t.SatisfiedAt));

        // Reopened the next morning: the resolved spell does not count, 22 hours of the 24 remain
        // (Monday 8, Tuesday 8, Wednesday 08:00-12:00 and 13:00-15:00).
        f.Clock.Set(InRiyadh(2026, 11, 23, 8, 0));
        await f.SetStatusAsync(id, StatusCategory.Open);
        var resolution = await f.TimerAsync(id, SlaKind.Resolution);
        Assert.Null(resolution.SatisfiedAt);
        Assert.Equal(InRiyadh(2026, 11, 25, 15, 0), resolution.DueAt);
        Assert.NotNull((await f.TimerAsync(id, SlaKind.FirstResponse)).SatisfiedAt);
    }

    [Fact]
    public virtual async Task Create_MostSpecificPolicy_Wins()
    {
        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 0));
        await f.PolicyAsync(new SlaPolicy { Name = "هاتف", Channel = Channel.Phone, FirstResponseMinutes = 45, ResolutionMinutes = 600 });
        await f.PolicyAsync(new SlaPolicy { Name = "هاتف حكومي عاجل", Channel = Channel.Phone, Priority = Priority.Urgent,
            CustomerType = Khidma.Web.Areas.Customers.Domain.CustomerType.Government, FirstResponseMinutes = 10, ResolutionMinutes = 120 });
        var government = await f.CustomerAsync(Khidma.Web.Areas.Customers.Domain.CustomerType.Government);

        var phone = await f.InteractionAsync(Channel.Phone);
        var urgentGovernment = await f.InteractionAsync(Channel.Phone, Priority.Urgent, customerId: government);
        var walkIn = await f.InteractionAsync(Channel.WalkIn);

        Assert.Equal(45, (await f.TimerAsync(phone, SlaKind.FirstResponse)).TargetMinutes);
        Assert.Equal(10, (await f.TimerAsync(urgentGovernment, SlaKind.FirstResponse)).TargetMinutes);
        Assert.Equal(120, (await f.TimerAsync(urgentGovernment, SlaKind.Resolution)).TargetMinutes);
        // Walk-ins are served face to face: no first-response clock, only resolution.
        Assert.Equal([SlaKind.Resolution], (await f.TimersAsync(walkIn)).Select(t => t.Kind));
    }

    [Fact]
    public virtual async Task SlaJob_PastWarningThenDue_WarnsOnceThenBreachesAndEscalates()
    {
        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 0));
        var front = await f.TeamAsync("الاستقبال");
        var experts = await f.TeamAsync("الخبراء");
        var supervisor = await f.CreateUserAsync(Roles.Supervisor, null, "ar", front);
        await f.PolicyAsync(new SlaPolicy
        {
            Name = "فاكس", Channel = Channel.Fax, FirstResponseMinutes = 60, ResolutionMinutes = 2400, WarningPercent = 25,
            NotifySupervisors = true, RaisePriority = true, EscalateToTeamId = experts,
        });
        var id = await f.InteractionAsync(Channel.Fax, Priority.Normal, teamId: front);

        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 50));
        await f.RunJobAsync<SlaMonitor>();
        await f.RunJobAsync<SlaMonitor>();
        var warned = await f.NotificationsAsync(id);
        var warning = Assert.Single(warned);
        Assert.Equal(NotificationKind.SlaWarning, warning.Kind);
        Assert.Equal(supervisor.Id, warning.UserId);
        Assert.Equal(nameof(SlaKind.FirstResponse), warning.Detail);

        f.Clock.Set(InRiyadh(2026, 11, 22, 9, 30));
        await f.RunJobAsync<SlaMonitor>();
        await f.RunJobAsync<SlaMonitor>();

        var first = await f.TimerAsync(id, SlaKind.FirstResponse);
        Assert.Equal(InRiyadh(2026, 11, 22, 9, 0), first.BreachedAt);
        var notes = await f.NotificationsAsync(id);
        Assert.Equal(3, notes.Count);
        Assert.Contains(notes, n => n.Kind == NotificationKind.SlaBreach && n.UserId == supervisor.Id && n.TeamId == front);
        Assert.Contains(notes, n => n.Kind == NotificationKind.Escalated && n.UserId == null && n.TeamId == experts);
        var interaction = await f.WithDbAsync(db => db.Interactions.Include(i => i.Timeline).AsNoTracking().FirstAsync(i => i.Id == id));
        Assert.Equal(Priority.High, interaction.Priority);
        Assert.Equal(experts, interaction.TeamId);
        Assert.Contains(interaction.Timeline, e => e.Kind == TimelineKind.System && e.Data!.StartsWith("sla-escalation|FirstResponse|priority", StringComparison.Ordinal));

        // The supervisor sees it on their notifications page, in Arabic.
        var client = f.NewClient();
        await client.SignInAsync(supervisor.Email!);
        var page = await client.GetPageAsync("/timeliness/notifications");
        Assert.Contains("تجاوز مؤقت أول رد موعده", page.QuerySelector(".notification.slabreach")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task SlaApi_PausedInteraction_ReturnsDueTimesWithCompanyOffset()
    {
        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 0));
        var id = await f.InteractionAsync();
        var token = await f.CreateTokenAsync(Roles.Manager);
        var client = f.NewClient().WithBearer(token);

        var running = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/interactions/{id}/sla")).RootElement;
        Assert.Equal("2026-11-22T12:00:00+03:00", running.GetProperty("firstResponseDue").GetString());
        Assert.Equal("2026-11-24T17:00:00+03:00", running.GetProperty("resolutionDue").GetString());
        Assert.False(running.GetProperty("firstResponsePaused").GetBoolean());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("nextResponseDue").ValueKind);

        f.Clock.Set(InRiyadh(2026, 11, 22, 9, 0));
        await f.SetStatusAsync(id, StatusCategory.WaitingOnCustomer);
        var paused = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/interactions/{id}/sla")).RootElement;
        Assert.True(paused.GetProperty("firstResponsePaused").GetBoolean());
        Assert.True(paused.GetProperty("resolutionPaused").GetBoolean());
        Assert.Equal(JsonValueKind.Null, paused.GetProperty("firstResponseDue").ValueKind);
        Assert.False(paused.GetProperty("firstResponseBreached").GetBoolean());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/interactions/987654321/sla")).StatusCode);
    }

    [Fact]
    public virtual async Task SlaSummary_Page_OneBadgePerInteractionMostUrgentFirst()
    {
        f.Clock.Set(InRiyadh(2026, 11, 22, 8, 0));
        var late = await f.InteractionAsync();
        var fresh = await f.InteractionAsync(priority: Priority.Low);
        f.Clock.Set(InRiyadh(2026, 11, 22, 13, 20));

        var page = await f.WithScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<SlaSummary>(sp).ForInteractionsAsync([late, fresh]));

        var badge = page.For(late)!;
        Assert.Equal(SlaKind.FirstResponse, badge.Kind);
        Assert.Equal(SlaWarningLevel.Breached, badge.Level);
        Assert.Equal(TimeSpan.FromMinutes(-20), badge.Remaining);
        Assert.NotNull(page.For(fresh));
        Assert.Null(page.For(123456789));
    }
}
