using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Auth;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Khidma.Tests.Support;

// The real app, real migrations, a fresh database per factory: SQLite in a temp folder, or a fresh
// PostgreSQL database when KHIDMA_TEST_PG holds a server connection string (set by scripts/test.sh).
public class KhidmaFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-Password-1";

    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "khidma-tests", Guid.NewGuid().ToString("N"));
    private string? pgDatabase;

    public FakeClock Clock { get; } = new();

    public virtual bool Postgres => false;

    public static string? PostgresServer => Environment.GetEnvironmentVariable("KHIDMA_TEST_PG") is { Length: > 0 } cs ? cs : null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(dataDir);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Khidma:DataDir", dataDir);
        builder.UseSetting("Khidma:SeedDemo", "false");
        if (Postgres)
        {
            var server = PostgresServer ?? throw new InvalidOperationException("KHIDMA_TEST_PG is not set");
            pgDatabase = "khidma_test_" + Guid.NewGuid().ToString("N")[..12];
            using (var conn = new NpgsqlConnection(server))
            {
                conn.Open();
                using var cmd = conn.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE {pgDatabase}";
                cmd.ExecuteNonQuery();
            }
            builder.UseSetting("Khidma:Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Khidma", new NpgsqlConnectionStringBuilder(server) { Database = pgDatabase }.ConnectionString);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    // Migrations and reference data run at start-up; tests also get the same service scope the app uses.
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<AppDbContext, Task> work) =>
        WithScopeAsync(async sp => { await work(sp.GetRequiredService<AppDbContext>()); return 0; });

    public Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work) =>
        WithScopeAsync(sp => work(sp.GetRequiredService<AppDbContext>()));

    public async Task<AppUser> CreateUserAsync(string role, string? email = null, string culture = "ar", params int[] teams)
    {
        email ??= $"{role}-{Guid.NewGuid():N}@test.local";
        return await WithScopeAsync(async sp =>
        {
            var user = await sp.GetRequiredService<Bootstrap>().CreateUserAsync(email, $"{role} user", Password, role, culture);
            if (teams.Length > 0)
            {
                var db = sp.GetRequiredService<AppDbContext>();
                foreach (var team in teams) db.TeamMembers.Add(new TeamMember { TeamId = team, UserId = user.Id });
                await db.SaveChangesAsync();
            }
            return user;
        });
    }

    public async Task<string> CreateTokenAsync(string role = Roles.Agent) =>
        await WithDbAsync(async db =>
        {
            var token = AuthSetup.NewToken();
            db.ApiTokens.Add(new ApiToken { Name = "test", Role = role, TokenHash = AuthSetup.HashToken(token), Prefix = token[..8], CreatedAt = Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
            return token;
        });

    /// <summary>Waits until the search indexer has indexed every change committed so far: the index is
    /// written in the background, about a second behind the saves.</summary>
    public Task SearchCaughtUpAsync() => Services.GetRequiredService<Khidma.Web.Areas.Search.Data.SearchIndexer>().CatchUpAsync();

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can assert them.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        if (pgDatabase is not null && PostgresServer is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(server);
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS {pgDatabase} WITH (FORCE)";
            cmd.ExecuteNonQuery();
        }
    }
}

public sealed class PostgresKhidmaFactory : KhidmaFactory
{
    public override bool Postgres => true;
}
