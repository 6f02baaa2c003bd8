using Khidma.Tests.Platform;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Microsoft.EntityFrameworkCore;
using static Khidma.Tests.Timeliness.LocalTime;

namespace Khidma.Tests.Timeliness;

public sealed class SlaEscalationActivitySqliteTests(KhidmaFactory f) : SlaEscalationActivityTests(f), IClassFixture<KhidmaFactory>
{
    protected override KhidmaFactory NewFactory() => new();
}

public sealed class SlaEscalationActivityPostgresTests(PostgresKhidmaFactory f) : SlaEscalationActivityTests(f), IClassFixture<PostgresKhidmaFactory>
{
    protected override KhidmaFactory NewFactory() => new PostgresKhidmaFactory();

    [PostgresFact] public override Task SlaJob_Escalation_DoesNotCountAsActivity() => base.SlaJob_Escalation_DoesNotCountAsActivity();
    [PostgresFact] public override Task DemoSeed_FirstSlaRun_EscalatesNothing() => base.DemoSeed_FirstSlaRun_EscalatesNothing();
}

public abstract class SlaEscalationActivityTests(KhidmaFactory f)
{
    protected abstract KhidmaFactory NewFactory();

    [Fact]
    public virtual async Task SlaJob_Escalation_DoesNotCountAsActivity()
    {
        var created = InRiyadh(2026, 11, 22, 8, 0);
        f.Clock.Set(created);
        var front = await f.TeamAsync("الاستقبال");
        var experts = await f.TeamAsync("الخبراء");
        await f.PolicyAsync(new SlaPolicy
        {
            Name = "فاكس", Channel = Channel.Fax, FirstResponseMinutes = 60, ResolutionMinutes = 2400, RaisePriority = true, EscalateToTeamId = experts,
        });
        var id = await f.InteractionAsync(Channel.Fax, Priority.Normal, teamId: front);

        f.Clock.Set(InRiyadh(2026, 11, 22, 9, 30));
        Assert.StartsWith("breached 1", await f.RunJobAsync<SlaMonitor>(), StringComparison.Ordinal);

        var interaction = await f.WithDbAsync(db => db.Interactions.Include(i => i.Timeline).AsNoTracking().FirstAsync(i => i.Id == id));
        Assert.Equal((Priority.High, (int?)experts), (interaction.Priority, interaction.TeamId));
        Assert.Contains(interaction.Timeline, e => e.Kind == TimelineKind.System && e.Data!.StartsWith("sla-escalation|", StringComparison.Ordinal));
        Assert.Contains(interaction.Timeline, e => e.Kind == TimelineKind.Assignment && e.AuthorId == null);
        // The last activity is still the customer's message; the row itself did change.
        Assert.Equal(created, interaction.LastActivityAt);
        Assert.Equal(InRiyadh(2026, 11, 22, 9, 30), interaction.UpdatedAt);
    }

    [Fact]
    public virtual async Task DemoSeed_FirstSlaRun_EscalatesNothing()
    {
        using var demo = NewFactory();
        var (code, _) = await DemoSeederTests.SeedAsync(demo);
        Assert.Equal(0, code);
        var before = await demo.WithDbAsync(db => db.Interactions.AsNoTracking()
            .Select(i => new { i.Id, i.Priority, i.LastActivityAt, i.TeamId }).ToDictionaryAsync(i => i.Id));

        // The first start: the SLA job finds no history left to warn about or breach.
        Assert.Equal("breached 0, warned 0", await demo.RunJobAsync<SlaMonitor>());

        await demo.WithDbAsync(async db =>
        {
            Assert.False(await db.TimelineEntries.AnyAsync(e => e.Kind == TimelineKind.System));
            var after = await db.Interactions.AsNoTracking().Select(i => new { i.Id, i.Priority, i.LastActivityAt, i.TeamId }).ToListAsync();
            Assert.All(after, a => Assert.Equal(before[a.Id], a));
            // The history's breaches are on record, at their due times, as the dashboard counts them.
            var breached = await db.Set<SlaTimer>().AsNoTracking().Where(t => t.BreachedAt != null).ToListAsync();
            Assert.NotEmpty(breached);
            Assert.All(breached, t => Assert.Equal(t.DueAt, t.BreachedAt));
            // Open written requests have had their first answer.
            var open = await db.Interactions.AsNoTracking()
                .Where(i => i.StatusCategory == StatusCategory.Open && (i.Channel == Channel.Email || i.Channel == Channel.Web || i.Channel == Channel.Fax))
                .Select(i => i.Timeline.Any(e => e.Kind == TimelineKind.Reply)).ToListAsync();
            Assert.NotEmpty(open);
            Assert.All(open, Assert.True);
            // Most demo work is not urgent, and last activities are spread over the history rather than piled at the start.
            Assert.True(after.Count(a => a.Priority == Priority.Urgent) < after.Count / 10);
            Assert.True(after.Select(a => a.LastActivityAt).Distinct().Count() > after.Count * 9 / 10);
        });
    }
}
