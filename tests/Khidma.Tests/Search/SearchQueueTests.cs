using System.Net;
using System.Net.Http.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Search.Data;
using Khidma.Web.Areas.Search.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Khidma.Tests.Search;

// The index queue and the background indexer: saves queue work in search_queue, the indexer drains it. Each
// test makes its own app(s) on a data folder (SQLite) or database (PostgreSQL) of its own, so a second app
// can start on the data the first one left.
public abstract class SearchQueueScenarios : IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "khidma-tests", "sq-" + Guid.NewGuid().ToString("N"));
    private readonly string? pgDatabase;
    private readonly List<KhidmaFactory> apps = [];

    protected SearchQueueScenarios(bool postgres)
    {
        Postgres = postgres;
        Directory.CreateDirectory(dataDir);
        if (!postgres || KhidmaFactory.PostgresServer is not { } server) return;
        pgDatabase = "khidma_sq_" + Guid.NewGuid().ToString("N")[..12];
        using var conn = new NpgsqlConnection(server);
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"CREATE DATABASE {pgDatabase}";
        cmd.ExecuteNonQuery();
    }

    protected bool Postgres { get; }

    private sealed class App(bool postgres, string dataDir, string? connectionString, bool indexer) : KhidmaFactory
    {
        public override bool Postgres => postgres;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Khidma:DataDir", dataDir);
            if (connectionString is not null) builder.UseSetting("ConnectionStrings:Khidma", connectionString);
            if (!indexer) builder.UseSetting("Khidma:Search:Indexer", "off");
        }
    }

    // indexer: false leaves the queue to CatchUpAsync (or to the next app), as a stopped node would.
    protected KhidmaFactory StartApp(bool indexer)
    {
        var cs = pgDatabase is null ? null : new NpgsqlConnectionStringBuilder(KhidmaFactory.PostgresServer) { Database = pgDatabase }.ConnectionString;
        var app = new App(Postgres, dataDir, cs, indexer);
        _ = app.Services;
        apps.Add(app);
        return app;
    }

    protected static async Task<long> NewCustomerAsync(KhidmaFactory app, string name, string? phone = null) => await app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var customer = new Customer { Name = name, CreatedAt = now, UpdatedAt = now };
        if (phone is not null)
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = phone, Normalized = PhoneNormalizer.Normalize(phone, "966") });
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    });

    protected static Task<List<long>> CustomerHitsAsync(KhidmaFactory app, string q) => app.WithScopeAsync(async sp =>
    {
        var admin = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.Admin)], "test"));
        var result = await sp.GetRequiredService<SearchService>().SearchAsync(admin, q, SearchScope.Customers);
        return result.Hits.Select(h => h.Id).ToList();
    });

    protected static Task<List<(short Kind, long RefId, bool Removed)>> QueueAsync(KhidmaFactory app) => app.WithDbAsync(async db =>
        (await db.Database.SqlQuery<QueueRow>($"""SELECT kind AS "Kind", ref_id AS "RefId", removed AS "Removed" FROM search_queue ORDER BY id""").ToListAsync())
            .Select(r => (r.Kind, r.RefId, r.Removed)).ToList());

    private sealed class QueueRow
    {
        public short Kind { get; set; }
        public long RefId { get; set; }
        public bool Removed { get; set; }
    }

    protected async Task Create_IsQueuedThenIndexedByTheIndexer()
    {
        var app = StartApp(indexer: false);

        var id = await NewCustomerAsync(app, "نبيل الزهراني", "0551112233");

        Assert.Contains(((short)0, id, false), await QueueAsync(app));
        Assert.DoesNotContain(id, await CustomerHitsAsync(app, "الزهراني"));
        await app.SearchCaughtUpAsync();
        Assert.Contains(id, await CustomerHitsAsync(app, "الزهراني"));
        Assert.Contains(id, await CustomerHitsAsync(app, "0551112233"));
        Assert.Empty(await QueueAsync(app));
    }

    // No CatchUpAsync here: the commit wakes the indexer (or its one-second poll finds the row).
    protected async Task Create_IsFoundSoonWithoutWaitingForTheIndexer()
    {
        var app = StartApp(indexer: true);

        var id = await NewCustomerAsync(app, "جمانة الحمدان");

        for (var i = 0; i < 200 && !(await CustomerHitsAsync(app, "الحمدان")).Contains(id); i++) await Task.Delay(50);
        Assert.Contains(id, await CustomerHitsAsync(app, "الحمدان"));
    }

    protected async Task QueueLeftByAStoppedApp_IsIndexedAfterRestart()
    {
        var first = StartApp(indexer: false);
        var id = await NewCustomerAsync(first, "هالة القحطاني");
        Assert.NotEmpty(await QueueAsync(first));
        first.Dispose();

        var second = StartApp(indexer: true);
        await second.SearchCaughtUpAsync();

        Assert.Contains(id, await CustomerHitsAsync(second, "القحطاني"));
        Assert.Empty(await QueueAsync(second));
    }

    protected async Task UpdateAndErase_ReindexAndRemove()
    {
        var app = StartApp(indexer: true);
        var id = await NewCustomerAsync(app, "مازن الدوسري", "0552223344");
        await app.SearchCaughtUpAsync();
        Assert.Contains(id, await CustomerHitsAsync(app, "الدوسري"));

        await app.WithDbAsync(async db =>
        {
            (await db.Customers.SingleAsync(c => c.Id == id)).Name = "مازن الشهري";
            await db.SaveChangesAsync();
        });
        await app.SearchCaughtUpAsync();
        Assert.Contains(id, await CustomerHitsAsync(app, "الشهري"));
        Assert.DoesNotContain(id, await CustomerHitsAsync(app, "الدوسري"));

        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<EraseCustomer>().RunAsync(id);
            return 0;
        });
        await app.SearchCaughtUpAsync();
        Assert.DoesNotContain(id, await CustomerHitsAsync(app, "الشهري"));
        Assert.DoesNotContain(id, await CustomerHitsAsync(app, "0552223344"));
    }

    protected async Task Delete_IsQueuedAsRemovedAndLeavesTheIndex()
    {
        var app = StartApp(indexer: false);
        var id = await NewCustomerAsync(app, "رنا المطيري");
        await app.SearchCaughtUpAsync();
        Assert.Contains(id, await CustomerHitsAsync(app, "المطيري"));

        await app.WithDbAsync(async db =>
        {
            db.Customers.Remove(await db.Customers.SingleAsync(c => c.Id == id));
            await db.SaveChangesAsync();
        });

        Assert.Contains(((short)0, id, true), await QueueAsync(app));
        await app.SearchCaughtUpAsync();
        Assert.DoesNotContain(id, await CustomerHitsAsync(app, "المطيري"));
    }

    protected async Task BatchWithARowThatFails_IndexesTheOthersAndKeepsIt()
    {
        var app = StartApp(indexer: false);
        // A kind this version does not know (written by a newer one, say): loading its document fails.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO search_queue (kind, ref_id, removed) VALUES (9, 1, {false})"));
        var id = await NewCustomerAsync(app, "وليد العنزي");

        await app.SearchCaughtUpAsync();

        Assert.Contains(id, await CustomerHitsAsync(app, "العنزي"));
        Assert.Equal([((short)9, 1L, false)], await QueueAsync(app));
    }

    public void Dispose()
    {
        foreach (var app in apps) app.Dispose();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        if (pgDatabase is not null && KhidmaFactory.PostgresServer is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(server);
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS {pgDatabase} WITH (FORCE)";
            cmd.ExecuteNonQuery();
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SearchQueueSqliteTests() : SearchQueueScenarios(postgres: false)
{
    [Fact] public Task Queue_Create_IsQueuedThenIndexedByTheIndexer() => Create_IsQueuedThenIndexedByTheIndexer();
    [Fact] public Task Queue_LeftByAStoppedApp_IsIndexedAfterRestart() => QueueLeftByAStoppedApp_IsIndexedAfterRestart();
    [Fact] public Task Indexer_Create_IsFoundSoonWithoutWaitingForTheIndexer() => Create_IsFoundSoonWithoutWaitingForTheIndexer();
    [Fact] public Task Indexer_UpdateAndErase_ReindexAndRemove() => UpdateAndErase_ReindexAndRemove();
    [Fact] public Task Queue_Delete_IsQueuedAsRemovedAndLeavesTheIndex() => Delete_IsQueuedAsRemovedAndLeavesTheIndex();
    [Fact] public Task Indexer_BatchWithARowThatFails_IndexesTheOthersAndKeepsIt() => BatchWithARowThatFails_IndexesTheOthersAndKeepsIt();

    [Fact]
    public async Task SearchFile_MissingAtStart_IsRebuilt()
    {
        var first = StartApp(indexer: true);
        var id = await NewCustomerAsync(first, "سلمى الغامدي");
        await first.SearchCaughtUpAsync();
        var path = first.Services.GetRequiredService<SearchFile>().Path!;
        first.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);

        var second = StartApp(indexer: true);

        Assert.True(File.Exists(path));
        // The rebuild runs in the background after start: wait for it (bounded), not for a duration.
        for (var i = 0; i < 200 && !(await CustomerHitsAsync(second, "الغامدي")).Contains(id); i++) await Task.Delay(50);
        Assert.Contains(id, await CustomerHitsAsync(second, "الغامدي"));
    }

    [Fact]
    public async Task SearchFile_WriteLockedByALongMerge_DoesNotBlockACreate()
    {
        var app = StartApp(indexer: true);
        var token = await app.CreateTokenAsync(Roles.Agent);
        using var api = app.NewClient().WithBearer(token);
        var customer = await NewCustomerAsync(app, "ليلى السبيعي");
        await app.SearchCaughtUpAsync();

        // Another connection holds the search file's write lock, as a long FTS5 merge would.
        await using var blocker = new SqliteConnection(app.Services.GetRequiredService<SearchFile>().ConnectionString);
        await blocker.OpenAsync();
        await using (var tx = blocker.BeginTransaction())
        {
            await using (var write = blocker.CreateCommand())
            {
                write.Transaction = tx;
                write.CommandText = "INSERT INTO search_state (name, value) VALUES ('blocker', 'x')";
                await write.ExecuteNonQueryAsync();
            }

            var response = await api.PostAsJsonAsync("/api/v1/interactions", new { customerId = customer, channel = "phone", subject = "طلب أثناء الدمج", body = "نص كهرماني" })
                .WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            await tx.RollbackAsync();
        }
        await app.SearchCaughtUpAsync();
        var hits = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<SearchService>().SearchAsync(
            new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.Admin)], "test")), "كهرماني", SearchScope.Interactions)).Hits);
        Assert.Single(hits);
    }
}

public sealed class SearchQueuePostgresTests() : SearchQueueScenarios(postgres: true)
{
    [PostgresFact] public Task Queue_Create_IsQueuedThenIndexedByTheIndexer() => Create_IsQueuedThenIndexedByTheIndexer();
    [PostgresFact] public Task Queue_LeftByAStoppedApp_IsIndexedAfterRestart() => QueueLeftByAStoppedApp_IsIndexedAfterRestart();
    [PostgresFact] public Task Indexer_Create_IsFoundSoonWithoutWaitingForTheIndexer() => Create_IsFoundSoonWithoutWaitingForTheIndexer();
    [PostgresFact] public Task Indexer_UpdateAndErase_ReindexAndRemove() => UpdateAndErase_ReindexAndRemove();
    [PostgresFact] public Task Queue_Delete_IsQueuedAsRemovedAndLeavesTheIndex() => Delete_IsQueuedAsRemovedAndLeavesTheIndex();
    [PostgresFact] public Task Indexer_BatchWithARowThatFails_IndexesTheOthersAndKeepsIt() => BatchWithARowThatFails_IndexesTheOthersAndKeepsIt();
}
