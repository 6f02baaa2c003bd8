using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Cli;
using Khidma.Web.Platform.Demo;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Tests.Platform;

// One app whose empty database got `demo seed` once, shared by the tests that only read it (seeding takes seconds).
public abstract class SeededDemo : IDisposable
{
    private readonly Lazy<Task<(KhidmaFactory Factory, int Code, string Output)>> seeded;

    protected SeededDemo() => seeded = new(async () =>
    {
        var f = Create();
        var (code, output) = await DemoSeederTests.SeedAsync(f);
        return (f, code, output);
    });

    protected abstract KhidmaFactory Create();

    public Task<(KhidmaFactory Factory, int Code, string Output)> GetAsync() => seeded.Value;

    public void Dispose()
    {
        if (seeded.IsValueCreated && seeded.Value.IsCompletedSuccessfully) seeded.Value.Result.Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSeededDemo : SeededDemo
{
    protected override KhidmaFactory Create() => new();
}

public sealed class PostgresSeededDemo : SeededDemo
{
    protected override KhidmaFactory Create() => new PostgresKhidmaFactory();
}

// `demo seed`: the Arabic demo company, deterministic, idempotent, and never over real data.
public abstract class DemoSeederTests(SeededDemo seeded)
{
    protected abstract KhidmaFactory NewFactory();

    internal static async Task<(int Code, string Output)> SeedAsync(KhidmaFactory f, bool force = false)
    {
        using var output = new StringWriter();
        string[] args = force ? ["demo", "seed", "--force"] : ["demo", "seed"];
        var code = await CommandLine.RunAsync(f.Services, args, output, TextWriter.Null);
        return (code, output.ToString());
    }

    [Fact]
    public virtual async Task DemoSeed_EmptyDatabase_CreatesTheArabicDemoCompany()
    {
        var (f, code, output) = await seeded.GetAsync();

        Assert.Equal(0, code);
        Assert.Contains(DemoSeeder.Password, output, StringComparison.Ordinal);
        Assert.Contains("guard@khidma.local", output, StringComparison.Ordinal);
        await f.WithDbAsync(async db =>
        {
            Assert.Equal(DemoSeeder.CustomerCount, await db.Customers.CountAsync());
            Assert.Equal(DemoSeeder.InteractionCount, await db.Interactions.CountAsync());
            Assert.Equal(4, await db.Teams.CountAsync());
            Assert.Equal(6, await db.Services.CountAsync());
            Assert.True(await db.Users.CountAsync() >= 11);
            Assert.Contains(await db.CharterGoals.Where(g => g.ParentId == null).Select(g => g.Title.Ar).ToListAsync(),
                t => t == "رعاية العملاء في كل وقت يحتاجون إلينا فيه");
            Assert.Contains(await db.CharterGoals.Where(g => g.ParentId != null).Select(g => g.Title.Ar).ToListAsync(),
                t => t.StartsWith("الود الكامل", StringComparison.Ordinal));
            Assert.Equal(1, await db.CharterVersions.Select(v => v.Number).SingleAsync());

            // Every channel and every status category, over the last 90 days and not in the future.
            var now = f.Clock.GetUtcNow().UtcDateTime;
            Assert.Equal(Enum.GetValues<Channel>().Length, await db.Interactions.Select(i => i.Channel).Distinct().CountAsync());
            Assert.Equal(Enum.GetValues<StatusCategory>().Length, await db.Interactions.Select(i => i.StatusCategory).Distinct().CountAsync());
            Assert.True(await db.Interactions.MinAsync(i => i.CreatedAt) >= now.AddDays(-DemoSeeder.Days));
            Assert.True(await db.Interactions.MaxAsync(i => i.LastActivityAt) <= now);

            // One to four timeline entries each; resolved work with undone stages says why.
            var perInteraction = await db.TimelineEntries.GroupBy(t => t.InteractionId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(DemoSeeder.InteractionCount, perInteraction.Count);
            Assert.All(perInteraction, n => Assert.InRange(n, 1, 4));
            var finished = new[] { StatusCategory.Resolved, StatusCategory.Closed };
            Assert.False(await db.Interactions.AnyAsync(i => finished.Contains(i.StatusCategory) && i.ResolvedAt == null));
            Assert.False(await db.Interactions.AnyAsync(i => finished.Contains(i.StatusCategory) && i.SkippedStagesReason == null
                && i.Stages.Any(s => s.DoneAt == null)));
            Assert.True(await db.Interactions.AnyAsync(i => i.SkippedStagesReason != null));

            // Customers: Arabic names, some other languages, phones in international digits, some faxes and consent.
            Assert.True(await db.Customers.CountAsync(c => c.Language == "ar") > DemoSeeder.CustomerCount / 2);
            Assert.True(await db.Customers.AnyAsync(c => c.Language == "en"));
            Assert.True(await db.Customers.AnyAsync(c => c.Language == "fr"));
            Assert.True(await db.CustomerContacts.AnyAsync(c => c.Kind == ContactKind.Fax));
            Assert.True(await db.Customers.AnyAsync(c => c.ConsentAt != null && c.Region != null));
            Assert.All(await db.CustomerContacts.Where(c => c.Kind == ContactKind.Phone).Select(c => c.Normalized).ToListAsync(),
                p => Assert.Matches("^[1-9][0-9]{9,13}$", p));

            // The whole import is one audit entry, not tens of thousands.
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Entity == "import" && a.EntityId == "demo seed"));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Entity == "interactions_interactions"));
        });
        using var client = f.NewClient();
        await client.SignInAsync("supervisor@khidma.local", DemoSeeder.Password);
    }

    [Fact]
    public virtual async Task DemoSeed_CustomersExist_ChangesNothing()
    {
        var (f, _, _) = await seeded.GetAsync();
        var before = await f.WithDbAsync(db => db.Customers.MaxAsync(c => c.Id));

        var (code, output) = await SeedAsync(f);

        Assert.Equal(0, code);
        Assert.Contains("was not seeded", output, StringComparison.Ordinal);
        Assert.Equal(DemoSeeder.CustomerCount, await f.WithDbAsync(db => db.Customers.CountAsync()));
        Assert.Equal(before, await f.WithDbAsync(db => db.Customers.MaxAsync(c => c.Id)));
    }

    [Fact]
    public virtual async Task DemoSeedForce_OverEarlierDemo_ReplacesItWithTheSameCompany()
    {
        using var f = NewFactory();
        await SeedAsync(f);
        var names = await f.WithDbAsync(db => db.Customers.OrderBy(c => c.Id).Select(c => c.Name).ToListAsync());
        var subjects = await f.WithDbAsync(db => db.Interactions.OrderBy(i => i.Id).Select(i => i.Subject).ToListAsync());
        var firstId = await f.WithDbAsync(db => db.Customers.MinAsync(c => c.Id));

        var (code, _) = await SeedAsync(f, force: true);

        Assert.Equal(0, code);
        Assert.Equal(names, await f.WithDbAsync(db => db.Customers.OrderBy(c => c.Id).Select(c => c.Name).ToListAsync()));
        Assert.Equal(subjects, await f.WithDbAsync(db => db.Interactions.OrderBy(i => i.Id).Select(i => i.Subject).ToListAsync()));
        Assert.True(await f.WithDbAsync(db => db.Customers.MinAsync(c => c.Id)) > firstId);
        Assert.Equal(4, await f.WithDbAsync(db => db.Teams.CountAsync()));
        Assert.Equal(6, await f.WithDbAsync(db => db.Services.CountAsync()));
        var replaced = await f.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "import").OrderByDescending(a => a.Id).Select(a => a.Changes).FirstAsync());
        Assert.Contains($"\"customers_customers.Deleted\":{DemoSeeder.CustomerCount}", replaced, StringComparison.Ordinal);
        Assert.Contains($"\"interactions_interactions.Added\":{DemoSeeder.InteractionCount}", replaced, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task DemoSeedForce_RealCustomerExists_RefusesAndChangesNothing()
    {
        using var f = NewFactory();
        await f.WithDbAsync(async db =>
        {
            db.Customers.Add(new Customer { Name = "عميل حقيقي", CreatedAt = f.Clock.GetUtcNow().UtcDateTime, UpdatedAt = f.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        });

        var (code, output) = await SeedAsync(f, force: true);

        Assert.Equal(0, code);
        Assert.Contains("Nothing was changed", output, StringComparison.Ordinal);
        Assert.Equal(1, await f.WithDbAsync(db => db.Customers.CountAsync()));
        Assert.Equal(0, await f.WithDbAsync(db => db.Interactions.CountAsync()));
    }
}

public sealed class DemoSeederSqliteTests(SqliteSeededDemo seeded) : DemoSeederTests(seeded), IClassFixture<SqliteSeededDemo>
{
    protected override KhidmaFactory NewFactory() => new();
}

public sealed class DemoSeederPostgresTests(PostgresSeededDemo seeded) : DemoSeederTests(seeded), IClassFixture<PostgresSeededDemo>
{
    protected override KhidmaFactory NewFactory() => new PostgresKhidmaFactory();

    [PostgresFact]
    public override Task DemoSeed_EmptyDatabase_CreatesTheArabicDemoCompany() => base.DemoSeed_EmptyDatabase_CreatesTheArabicDemoCompany();

    [PostgresFact]
    public override Task DemoSeed_CustomersExist_ChangesNothing() => base.DemoSeed_CustomersExist_ChangesNothing();

    [PostgresFact]
    public override Task DemoSeedForce_OverEarlierDemo_ReplacesItWithTheSameCompany() => base.DemoSeedForce_OverEarlierDemo_ReplacesItWithTheSameCompany();

    [PostgresFact]
    public override Task DemoSeedForce_RealCustomerExists_RefusesAndChangesNothing() => base.DemoSeedForce_RealCustomerExists_RefusesAndChangesNothing();
}
