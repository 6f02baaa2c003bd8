using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Tests.Realtime;

public class LiveTests(KhidmaFactory f) : IClassFixture<KhidmaFactory>
{
    [Fact]
    public void InboxGroups_TeamChange_CoversOldAndNewTeamAllAndPeople()
    {
        var groups = ChangeNotifier.InboxGroups(new InteractionChange(7, [1, 2], ["u1"], false));

        Assert.Equal(["inbox:all", "inbox:team:1", "inbox:team:2", "inbox:user:u1"], groups.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void InboxGroups_Unassigned_GoesToUnassignedGroupNotTeams()
    {
        var groups = ChangeNotifier.InboxGroups(new InteractionChange(7, [null], [], false));

        Assert.Equal(["inbox:all", "inbox:unassigned"], groups.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LiveHub_Anonymous_IsRefused()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(f, "/hubs/live"));
    }

    [Fact]
    public async Task InteractionCreated_ForTeam_ReachesTeamAndManagersNotOtherTeam()
    {
        var (teamA, teamB) = (await TeamAsync(), await TeamAsync());
        var agentA = await f.CreateUserAsync(Roles.Agent, teams: teamA);
        var agentB = await f.CreateUserAsync(Roles.Agent, teams: teamB);
        var manager = await f.CreateUserAsync(Roles.Manager);
        await using var a = await ConnectAsync(agentA.Email!);
        await using var b = await ConnectAsync(agentB.Email!);
        await using var m = await ConnectAsync(manager.Email!);
        var customer = await CustomerAsync();

        var forA = await CreateViaApiAsync(customer, teamA);
        var forB = await CreateViaApiAsync(customer, teamB);

        await a.WaitForAsync("inbox-changed", e => Id(e) == forA);
        await m.WaitForAsync("inbox-changed", e => Id(e) == forA);
        await m.WaitForAsync("inbox-changed", e => Id(e) == forB);
        // Events reach a client in order: B's first inbox event is about its own team's interaction.
        var firstForB = await b.WaitForAsync("inbox-changed");
        Assert.Equal(forB, Id(firstForB));
        Assert.DoesNotContain(b.Received("inbox-changed"), e => Id(e) == forA);
    }

    [Fact]
    public async Task Watch_InteractionOfAnotherTeam_IsRefused()
    {
        var (teamA, teamB) = (await TeamAsync(), await TeamAsync());
        var agentA = await f.CreateUserAsync(Roles.Agent, teams: teamA);
        var agentB = await f.CreateUserAsync(Roles.Agent, teams: teamB);
        var id = await CreateViaApiAsync(await CustomerAsync(), teamA);
        await using var a = await ConnectAsync(agentA.Email!);
        await using var b = await ConnectAsync(agentB.Email!);

        Assert.True((await a.InvokeAsync("Watch", id))!.Value.GetBoolean());
        Assert.False((await b.InvokeAsync("Watch", id))!.Value.GetBoolean());
        await Assert.ThrowsAsync<InvalidOperationException>(() => b.InvokeAsync("Presence", id, "replying"));
    }

    [Fact]
    public async Task NoteAdded_OnWatchedInteraction_PublishesInteractionChanged()
    {
        var team = await TeamAsync();
        var agent = await f.CreateUserAsync(Roles.Agent, teams: team);
        var id = await CreateViaApiAsync(await CustomerAsync(), team);
        await using var hub = await ConnectAsync(agent.Email!);
        Assert.True((await hub.InvokeAsync("Watch", id))!.Value.GetBoolean());

        var http = f.NewClient();
        await http.SignInAsync(agent.Email!);
        var response = await http.PostFormAsync($"/interactions/{id}", [new("NoteForm.Body", "ملاحظة داخلية")], $"/interactions/{id}?handler=Note", htmx: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await hub.WaitForAsync("interaction-changed", e => Id(e) == id);
    }

    [Fact]
    public async Task EntrySavedWithoutItsInteraction_StillReachesTheTeamsInbox()
    {
        var team = await TeamAsync();
        var agent = await f.CreateUserAsync(Roles.Agent, teams: team);
        var id = await CreateViaApiAsync(await CustomerAsync(), team);
        await using var hub = await ConnectAsync(agent.Email!);

        await f.WithDbAsync(async db =>
        {
            db.TimelineEntries.Add(new TimelineEntry { InteractionId = id, Kind = TimelineKind.Note, Body = "من مهمة خلفية", CreatedAt = f.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        });

        await hub.WaitForAsync("inbox-changed", e => Id(e) == id);
    }

    [Fact]
    public async Task Presence_TwoAgentsOnOneInteraction_EachSeesTheOtherViewingAndReplying()
    {
        var team = await TeamAsync();
        var sara = await f.CreateUserAsync(Roles.Agent, teams: team);
        var ahmed = await f.CreateUserAsync(Roles.Agent, teams: team);
        var id = await CreateViaApiAsync(await CustomerAsync(), team);
        await using var s = await ConnectAsync(sara.Email!);
        await using var a = await ConnectAsync(ahmed.Email!);

        await s.InvokeAsync("Watch", id);
        await a.InvokeAsync("Watch", id);
        await s.WaitForAsync("presence", e => People(e).Any(p => p.UserId == ahmed.Id && p.State == "viewing"));
        await a.InvokeAsync("Presence", id, "replying");

        var list = await s.WaitForAsync("presence", e => People(e).Any(p => p.UserId == ahmed.Id && p.State == "replying"));
        Assert.Contains(People(list), p => p.UserId == sara.Id && p.State == "viewing");
        Assert.Equal("agent user", People(list).Single(p => p.UserId == ahmed.Id).Name);

        await a.DisposeAsync();
        await s.WaitForAsync("presence", e => People(e).All(p => p.UserId != ahmed.Id));
    }

    internal static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    internal static List<(string UserId, string Name, string State)> People(JsonElement e) =>
        e.GetProperty("people").EnumerateArray()
            .Select(p => (p.GetProperty("userId").GetString()!, p.GetProperty("name").GetString()!, p.GetProperty("state").GetString()!))
            .ToList();

    private async Task<HubClient> ConnectAsync(string email) =>
        await HubClient.ConnectAsync(f, "/hubs/live", await HubClient.SignInCookieAsync(f, email));

    private async Task<long> CreateViaApiAsync(long customer, int team)
    {
        var api = f.CreateClient().WithBearer(await f.CreateTokenAsync(Roles.Admin));
        var response = await api.PostAsJsonAsync("/api/v1/interactions", new { customerId = customer, channel = "Phone", subject = "طلب", body = "نص الطلب", teamId = team });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private Task<int> TeamAsync() => f.WithDbAsync(async db =>
    {
        var t = new Team { Name = "فريق " + Guid.NewGuid().ToString("N")[..8] };
        db.Teams.Add(t);
        await db.SaveChangesAsync();
        return t.Id;
    });

    private Task<long> CustomerAsync() => f.WithDbAsync(async db =>
    {
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var c = new Customer { Name = "عميل", CreatedAt = now, UpdatedAt = now };
        db.Customers.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });
}
