using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Khidma.Tests.Realtime;

// Two app instances on one PostgreSQL database, as two nodes behind a load balancer: events and presence
// raised on one reach the clients of the other through LISTEN/NOTIFY.
public class BackplaneTests
{
    [PostgresFact]
    public async Task InteractionCreatedOnNodeA_ReachesClientOfNodeB()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (a, b) = (nodes.A, nodes.B);
        var agent = await a.CreateUserAsync(Roles.Agent);
        await using var onB = await HubClient.ConnectAsync(b, "/hubs/live", await HubClient.SignInCookieAsync(b, agent.Email!));
        var customer = await a.WithDbAsync(async db =>
        {
            var now = a.Clock.GetUtcNow().UtcDateTime;
            var c = new Customer { Name = "عميل", CreatedAt = now, UpdatedAt = now };
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

        var api = a.CreateClient().WithBearer(await a.CreateTokenAsync(Roles.Admin));
        var response = await api.PostAsJsonAsync("/api/v1/interactions", new { customerId = customer, channel = "Phone", subject = "طلب", body = "نص" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        await onB.WaitForAsync("inbox-changed", e => LiveTests.Id(e) == id);

        // Presence crosses nodes too: an agent on A sees the agent on B replying, and B's agent counts as online on A.
        var other = await a.CreateUserAsync(Roles.Agent);
        await using var onA = await HubClient.ConnectAsync(a, "/hubs/live", await HubClient.SignInCookieAsync(a, other.Email!));
        Assert.True((await onA.InvokeAsync("Watch", id))!.Value.GetBoolean());
        Assert.True((await onB.InvokeAsync("Watch", id))!.Value.GetBoolean());
        await onB.InvokeAsync("Presence", id, "replying");
        await onA.WaitForAsync("presence", e => LiveTests.People(e).Any(p => p.UserId == agent.Id && p.State == "replying"));
        Assert.True(a.Services.GetRequiredService<PresenceTracker>().AgentsOnline());
    }

    private sealed class NodeFactory(string connectionString) : KhidmaFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Khidma:Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Khidma", connectionString);
        }
    }

    private sealed class TwoNodes : IAsyncDisposable
    {
        private readonly string database = "khidma_test_" + Guid.NewGuid().ToString("N")[..12];

        public NodeFactory A { get; private set; } = null!;
        public NodeFactory B { get; private set; } = null!;

        public static async Task<TwoNodes> StartAsync()
        {
            var nodes = new TwoNodes();
            var server = KhidmaFactory.PostgresServer!;
            await using (var conn = new NpgsqlConnection(server))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {nodes.database}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = nodes.database }.ConnectionString;
            nodes.A = new NodeFactory(cs);
            nodes.B = new NodeFactory(cs);
            _ = nodes.A.Server;
            _ = nodes.B.Server;
            await nodes.A.Services.GetRequiredService<PostgresListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
            await nodes.B.Services.GetRequiredService<PostgresListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
            return nodes;
        }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(KhidmaFactory.PostgresServer!);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}

// The live and chat tests on PostgreSQL (one node): the same code paths, events also sent by NOTIFY.
public class LivePostgresTests(PostgresKhidmaFactory f) : IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact]
    public Task InteractionCreated_ForTeam_ReachesTeamAndManagersNotOtherTeam() =>
        new LiveTests(f).InteractionCreated_ForTeam_ReachesTeamAndManagersNotOtherTeam();

    [PostgresFact]
    public Task Presence_TwoAgentsOnOneInteraction_EachSeesTheOtherViewingAndReplying() =>
        new LiveTests(f).Presence_TwoAgentsOnOneInteraction_EachSeesTheOtherViewingAndReplying();

    [PostgresFact]
    public Task Conversation_VisitorAndAgent_MessagesAndTypingReachTheOtherSide() =>
        new ChatTests(f).Conversation_VisitorAndAgent_MessagesAndTypingReachTheOtherSide();
}
