using Khidma.Tests.Support;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Timeliness;

public sealed class JobLeaseSqliteTests(KhidmaFactory f) : JobLeaseTests(f), IClassFixture<KhidmaFactory>;

public sealed class JobLeasePostgresTests(PostgresKhidmaFactory f) : JobLeaseTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task ClaimDue_TwoNodesRacing_EachJobClaimedExactlyOnce() => base.ClaimDue_TwoNodesRacing_EachJobClaimedExactlyOnce();
    [PostgresFact] public override Task RunDue_TwoRunnersAtOnce_EachJobRunsOnceAndIsRescheduled() => base.RunDue_TwoRunnersAtOnce_EachJobRunsOnceAndIsRescheduled();
    [PostgresFact] public override Task ClaimDue_LeaseExpired_AnotherNodeTakesOver() => base.ClaimDue_LeaseExpired_AnotherNodeTakesOver();
}

public abstract class JobLeaseTests(KhidmaFactory f)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private async Task<string[]> RegisterAllDueAsync(DateTime now)
    {
        var jobs = f.Services.GetServices<JobDefinition>().ToList();
        await f.WithDbAsync(async db =>
        {
            await JobLeases.RegisterAsync(db, jobs, now, CancellationToken.None);
            await db.Set<JobRow>().ExecuteUpdateAsync(s => s
                .SetProperty(j => j.NextRunAt, now.AddMinutes(-1))
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, (DateTime?)null));
        });
        return jobs.Select(j => j.Name).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public virtual async Task ClaimDue_TwoNodesRacing_EachJobClaimedExactlyOnce()
    {
        var now = f.Clock.GetUtcNow().UtcDateTime;
        for (var round = 0; round < 15; round++)
        {
            var all = await RegisterAllDueAsync(now);
            Assert.Contains("timeliness.sla", all);
            using var start = new Barrier(2);
            async Task<IReadOnlyList<string>> Node(string owner)
            {
                await using var scope = f.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await db.Database.OpenConnectionAsync();
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                return await JobLeases.ClaimDueAsync(db, owner, now, Lease, CancellationToken.None);
            }

            var results = await Task.WhenAll(Task.Run(() => Node("node-a")), Task.Run(() => Node("node-b")));

            Assert.Empty(results[0].Intersect(results[1]));
            Assert.Equal(all, results[0].Concat(results[1]).Order(StringComparer.Ordinal).ToArray());
            var owners = await f.WithDbAsync(db => db.Set<JobRow>().AsNoTracking().ToDictionaryAsync(j => j.Name, j => j.LeaseOwner));
            foreach (var name in results[0]) Assert.Equal("node-a", owners[name]);
            foreach (var name in results[1]) Assert.Equal("node-b", owners[name]);
        }
    }

    [Fact]
    public virtual async Task RunDue_TwoRunnersAtOnce_EachJobRunsOnceAndIsRescheduled()
    {
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var all = await RegisterAllDueAsync(now);
        var runs = await f.WithDbAsync(db => db.Set<JobRow>().AsNoTracking().ToDictionaryAsync(j => j.Name, j => j.Runs));
        var a = ActivatorUtilities.CreateInstance<JobRunner>(f.Services);
        var b = ActivatorUtilities.CreateInstance<JobRunner>(f.Services);
        Assert.NotEqual(a.NodeId, b.NodeId);

        var outcomes = await Task.WhenAll(Task.Run(() => a.RunDueAsync()), Task.Run(() => b.RunDueAsync()));

        var ran = outcomes.SelectMany(o => o.Select(x => x.Name)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(all, ran);
        Assert.All(outcomes.SelectMany(o => o), o => Assert.False(o.Failed, o.Name + ": " + o.Result));
        var rows = await f.WithDbAsync(db => db.Set<JobRow>().AsNoTracking().ToListAsync());
        Assert.All(rows, r =>
        {
            Assert.Equal(runs[r.Name] + 1, r.Runs);
            Assert.Null(r.LeaseOwner);
            Assert.True(r.NextRunAt > now);
        });

        // Nothing is due any more: a second tick runs nothing.
        Assert.Empty(await a.RunDueAsync());
    }

    [Fact]
    public virtual async Task ClaimDue_LeaseExpired_AnotherNodeTakesOver()
    {
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var all = await RegisterAllDueAsync(now);

        var first = await f.WithDbAsync(db => JobLeases.ClaimDueAsync(db, "crashed", now, Lease, CancellationToken.None));
        var blocked = await f.WithDbAsync(db => JobLeases.ClaimDueAsync(db, "other", now.AddMinutes(1), Lease, CancellationToken.None));
        var later = await f.WithDbAsync(db => JobLeases.ClaimDueAsync(db, "other", now.AddMinutes(6), Lease, CancellationToken.None));
        // The crashed node's late release changes nothing now that its lease is gone.
        var released = await f.WithDbAsync(db => JobLeases.ReleaseAsync(db, all[0], "crashed", now.AddMinutes(7), now.AddMinutes(8), "late", false, CancellationToken.None));

        Assert.Equal(all, first.Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(blocked);
        Assert.Equal(all, later.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(0, released);
    }
}
