using System.Globalization;
using System.Net;
using Khidma.Tests.Realtime;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Channels;

public sealed class CounterSkillsSqliteTests(KhidmaFactory f) : CounterSkillsTests(f), IClassFixture<KhidmaFactory>;

public sealed class CounterSkillsPostgresTests(PostgresKhidmaFactory f) : CounterSkillsTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task CallNext_AgentWithSkills_PicksLongestWaitingAmongSkilledServices() => base.CallNext_AgentWithSkills_PicksLongestWaitingAmongSkilledServices();
    [PostgresFact] public override Task CallNext_AgentWithoutSkills_ServesAllCounterServicesAndSaysSo() => base.CallNext_AgentWithoutSkills_ServesAllCounterServicesAndSaysSo();
    [PostgresFact] public override Task CallNext_SkillsOutsideCounter_NobodyCalled() => base.CallNext_SkillsOutsideCounter_NobodyCalled();
    [PostgresFact] public override Task CallNext_TransferredTicket_KeepsItsPlaceForSkilledAgent() => base.CallNext_TransferredTicket_KeepsItsPlaceForSkilledAgent();
    [PostgresFact] public override Task CallNext_TwoAgentsAtOnce_NeverTheSameTicket() => base.CallNext_TwoAgentsAtOnce_NeverTheSameTicket();
    [PostgresFact] public override Task CounterHub_TakeAndCall_BranchGroupHearsNumberAndCounterOnly() => base.CounterHub_TakeAndCall_BranchGroupHearsNumberAndCounterOnly();
    [PostgresFact] public override Task Board_BranchTimeZone_NumbersRestartAtItsMidnight() => base.Board_BranchTimeZone_NumbersRestartAtItsMidnight();
}

public abstract class CounterSkillsTests(KhidmaFactory f)
{
    private async Task<int[]> ServicesAsync(int count) =>
        await f.WithDbAsync(async db =>
        {
            var services = Enumerable.Range(0, count)
                .Select(i => new Service { Name = new LocalizedText("خدمة " + Guid.NewGuid().ToString("N")[..4], "Service " + i, "Service " + i), TypicalMinutes = 5 })
                .ToList();
            db.Services.AddRange(services);
            await db.SaveChangesAsync();
            return services.Select(s => s.Id).ToArray();
        });

    private async Task<(string Code, int BranchId, int[] Desks)> BranchAsync(string? timeZone, params int[][] deskServices)
    {
        var code = "s" + Guid.NewGuid().ToString("N")[..8];
        return await f.WithDbAsync(async db =>
        {
            var branch = new Branch { Code = code, Name = new LocalizedText("فرع المهارات", "Skills branch"), TimeZoneId = timeZone };
            db.Branches.Add(branch);
            await db.SaveChangesAsync();
            var desks = deskServices.Select((services, i) =>
            {
                var desk = new CounterDesk { BranchId = branch.Id, Number = (i + 1).ToString(CultureInfo.InvariantCulture) };
                desk.Services.AddRange(services.Select(s => new CounterDeskService { ServiceId = s }));
                return desk;
            }).ToList();
            db.CounterDesks.AddRange(desks);
            await db.SaveChangesAsync();
            return (code, branch.Id, desks.Select(d => d.Id).ToArray());
        });
    }

    private async Task<AppUser> AgentAsync(params int[] skills)
    {
        var user = await f.CreateUserAsync(Roles.Agent);
        if (skills.Length > 0)
            await f.WithDbAsync(async db =>
            {
                db.Set<AgentSkill>().AddRange(skills.Select(s => new AgentSkill { UserId = user.Id, ServiceId = s }));
                await db.SaveChangesAsync();
            });
        return user;
    }

    private async Task<HttpClient> AtDeskAsync(AppUser user, int deskId)
    {
        var client = f.NewClient();
        await client.SignInAsync(user.Email!);
        var response = await client.PostFormAsync("/counter", [new("deskId", deskId.ToString(CultureInfo.InvariantCulture))], "/counter?handler=Choose");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private Task<CounterTicket> TakeAsync(int branchId, int serviceId) =>
        f.WithScopeAsync(sp => sp.GetRequiredService<CounterQueue>().TakeTicketAsync(branchId, serviceId, null, default));

    private static async Task<string> CallNextAsync(HttpClient agent)
    {
        var response = await agent.PostFormAsync("/counter", [], "/counter?handler=CallNext");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private Task<CounterTicket> ReloadAsync(long id) => f.WithDbAsync(db => db.CounterTickets.AsNoTracking().SingleAsync(t => t.Id == id));

    [Fact]
    public virtual async Task CallNext_AgentWithSkills_PicksLongestWaitingAmongSkilledServices()
    {
        var s = await ServicesAsync(3);
        var (_, branchId, desks) = await BranchAsync(null, [s[0], s[1], s[2]]);
        var oldest = await TakeAsync(branchId, s[0]);
        f.Clock.Advance(TimeSpan.FromSeconds(5));
        var middle = await TakeAsync(branchId, s[2]);
        f.Clock.Advance(TimeSpan.FromSeconds(5));
        var newest = await TakeAsync(branchId, s[1]);

        var agent = await AtDeskAsync(await AgentAsync(s[1], s[2]), desks[0]);
        var page = await agent.GetPageAsync("/counter");
        Assert.Contains("يُنادى لك في", page.QuerySelector(".counter-skills")!.TextContent, StringComparison.Ordinal);
        var waiting = page.QuerySelectorAll("#counter-queue li").Select(li => li.GetAttribute("data-id")).ToList();
        Assert.Equal([middle.Id.ToString(CultureInfo.InvariantCulture), newest.Id.ToString(CultureInfo.InvariantCulture)], waiting);

        Assert.Equal("/counter", await CallNextAsync(agent));
        Assert.Equal(TicketState.Called, (await ReloadAsync(middle.Id)).State);
        Assert.Equal(TicketState.Waiting, (await ReloadAsync(oldest.Id)).State);
        Assert.Equal(TicketState.Waiting, (await ReloadAsync(newest.Id)).State);
    }

    [Fact]
    public virtual async Task CallNext_AgentWithoutSkills_ServesAllCounterServicesAndSaysSo()
    {
        var s = await ServicesAsync(2);
        var (_, branchId, desks) = await BranchAsync(null, [s[0], s[1]]);
        var first = await TakeAsync(branchId, s[1]);
        f.Clock.Advance(TimeSpan.FromSeconds(5));
        await TakeAsync(branchId, s[0]);

        var agent = await AtDeskAsync(await AgentAsync(), desks[0]);
        var page = await agent.GetPageAsync("/counter");
        Assert.Contains("لم تُحدَّد لك مهارات", page.QuerySelector(".counter-skills")!.TextContent, StringComparison.Ordinal);
        await CallNextAsync(agent);
        Assert.Equal(TicketState.Called, (await ReloadAsync(first.Id)).State);
    }

    [Fact]
    public virtual async Task CallNext_SkillsOutsideCounter_NobodyCalled()
    {
        var s = await ServicesAsync(2);
        var (_, branchId, desks) = await BranchAsync(null, [s[0]]);
        var ticket = await TakeAsync(branchId, s[0]);

        var agent = await AtDeskAsync(await AgentAsync(s[1]), desks[0]);
        var page = await agent.GetPageAsync("/counter");
        Assert.NotNull(page.QuerySelector(".counter-skills .alert.warn"));
        Assert.Equal("/counter?note=empty", await CallNextAsync(agent));
        Assert.Equal(TicketState.Waiting, (await ReloadAsync(ticket.Id)).State);
    }

    [Fact]
    public virtual async Task CallNext_TransferredTicket_KeepsItsPlaceForSkilledAgent()
    {
        var s = await ServicesAsync(2);
        var (_, branchId, desks) = await BranchAsync(null, [s[0]], [s[0], s[1]]);
        var early = await TakeAsync(branchId, s[0]);
        f.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = await TakeAsync(branchId, s[1]);

        var first = await AtDeskAsync(await AgentAsync(s[0]), desks[0]);
        await CallNextAsync(first);
        Assert.Equal(TicketState.Called, (await ReloadAsync(early.Id)).State);
        var transfer = await first.PostFormAsync("/counter",
            [new("ticketId", early.Id.ToString(CultureInfo.InvariantCulture)), new("serviceId", s[1].ToString(CultureInfo.InvariantCulture))], "/counter?handler=Transfer");
        Assert.Equal(HttpStatusCode.Redirect, transfer.StatusCode);

        // The second agent serves only the second service: the transferred ticket, taken earlier, comes before "later".
        var second = await AtDeskAsync(await AgentAsync(s[1]), desks[1]);
        await CallNextAsync(second);
        var called = await ReloadAsync(early.Id);
        Assert.Equal((TicketState.Called, desks[1]), (called.State, called.CounterDeskId!.Value));
        Assert.Equal(TicketState.Waiting, (await ReloadAsync(later.Id)).State);
    }

    [Fact]
    public virtual async Task CallNext_TwoAgentsAtOnce_NeverTheSameTicket()
    {
        var s = await ServicesAsync(1);
        var (_, branchId, desks) = await BranchAsync(null, [s[0]], [s[0]]);
        const int tickets = 12;
        for (var i = 0; i < tickets; i++)
        {
            await TakeAsync(branchId, s[0]);
            f.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var agents = new[] { await AgentAsync(), await AgentAsync() };

        async Task<List<long>> CallAllAsync(int index)
        {
            var got = new List<long>();
            while (true)
            {
                // A fresh scope per call, as for a request; both agents start together.
                var ticket = await f.WithScopeAsync(sp => sp.GetRequiredService<CounterQueue>().CallNextAsync(branchId, desks[index], agents[index].Id, default));
                if (ticket is null) return got;
                got.Add(ticket.Id);
            }
        }

        var results = await Task.WhenAll(Task.Run(() => CallAllAsync(0)), Task.Run(() => CallAllAsync(1)));
        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(tickets, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        var rows = await f.WithDbAsync(db => db.CounterTickets.AsNoTracking().Where(t => t.BranchId == branchId).ToListAsync());
        Assert.All(rows, t => Assert.Equal(TicketState.Called, t.State));
        Assert.All(rows, t => Assert.Equal(results[0].Contains(t.Id) ? desks[0] : desks[1], t.CounterDeskId));
    }

    [Fact]
    public virtual async Task CounterHub_TakeAndCall_BranchGroupHearsNumberAndCounterOnly()
    {
        var s = await ServicesAsync(1);
        var (code, branchId, desks) = await BranchAsync(null, [s[0]]);
        var (otherCode, otherBranchId, _) = await BranchAsync(null, [s[0]]);
        await using var board = await HubClient.ConnectAsync(f, "/hubs/counter");
        await board.InvokeAsync("Join", code);

        var ticket = await TakeAsync(branchId, s[0]);
        var taken = await board.WaitForAsync("queue-changed", e => e.GetProperty("branch").GetString() == code);
        Assert.False(taken.TryGetProperty("label", out _));

        var agent = await AtDeskAsync(await AgentAsync(), desks[0]);
        await CallNextAsync(agent);
        var called = await board.WaitForAsync("queue-changed", e => e.TryGetProperty("label", out _));
        Assert.Equal(ticket.Label, called.GetProperty("label").GetString());
        Assert.Equal("1", called.GetProperty("counter").GetString());
        Assert.Equal(["branch", "counter", "label"], called.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        // Another branch's queue is not heard here.
        await TakeAsync(otherBranchId, s[0]);
        await TakeAsync(branchId, s[0]);
        await board.WaitForAsync("queue-changed", e => e.GetProperty("branch").GetString() == code && !e.TryGetProperty("label", out _));
        Assert.DoesNotContain(board.Received("queue-changed"), e => e.GetProperty("branch").GetString() == otherCode);
    }

    [Fact]
    public virtual async Task Board_BranchTimeZone_NumbersRestartAtItsMidnight()
    {
        var s = await ServicesAsync(1);
        // 20:30 UTC: 23:30 in Riyadh (the company), but 00:30 the next day in Dubai.
        f.Clock.Set(new DateTimeOffset(2026, 11, 22, 20, 30, 0, TimeSpan.Zero));
        try
        {
            var (_, riyadh, _) = await BranchAsync(null, [s[0]]);
            var (dubaiCode, dubai, _) = await BranchAsync("Asia/Dubai", [s[0]]);
            Assert.Equal(new DateOnly(2026, 11, 22), (await TakeAsync(riyadh, s[0])).Day);
            var ticket = await TakeAsync(dubai, s[0]);
            Assert.Equal(new DateOnly(2026, 11, 23), ticket.Day);
            var board = await f.NewClient().GetPageAsync($"/board/{dubaiCode}");
            Assert.Contains(ticket.Label, board.QuerySelector(".board-next")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            f.Clock.Set(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        }
    }
}
