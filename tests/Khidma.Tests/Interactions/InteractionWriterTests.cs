using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Interactions;

public sealed class InteractionWriterSqliteTests(KhidmaFactory f) : InteractionWriterTests(f), IClassFixture<KhidmaFactory>;

public sealed class InteractionWriterPostgresTests(PostgresKhidmaFactory f) : InteractionWriterTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task SaveAsync_ConcurrentCreates_AllSavedWithOneAuditRowEach() => base.SaveAsync_ConcurrentCreates_AllSavedWithOneAuditRowEach();
    [PostgresFact] public override Task SaveAsync_OneBadCreateInGroup_FailsOnlyItself() => base.SaveAsync_OneBadCreateInGroup_FailsOnlyItself();
}

// The group-commit writer behind POST /api/v1/interactions and the console's form.
public abstract class InteractionWriterTests(KhidmaFactory f)
{
    private async Task<long> CustomerAsync() => await f.WithDbAsync(async db =>
    {
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var customer = new Customer { Name = "عميل الكتابة الجماعية", CreatedAt = now, UpdatedAt = now };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    });

    private int? newStatus;

    private async Task<Func<Interaction>> NewAsync(long customerId, string subject)
    {
        newStatus ??= await f.WithDbAsync(db => db.InteractionStatuses.Where(s => s.Category == StatusCategory.New).Select(s => s.Id).FirstAsync());
        return New(customerId, subject, newStatus.Value);
    }

    private Func<Interaction> New(long customerId, string subject, int statusId) => () =>
    {
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var interaction = new Interaction
        {
            CustomerId = customerId, Channel = Channel.Web, Subject = subject, StatusId = statusId, StatusCategory = StatusCategory.New,
            Priority = Priority.Normal, CreatedAt = now, UpdatedAt = now, LastActivityAt = now,
        };
        interaction.SetStages([("welcome", new LocalizedText("الترحيب", "Welcome", "Accueil")), ("thank", new LocalizedText("الشكر", "Thank", "Remercier"))]);
        interaction.AddEntry(TimelineKind.CustomerMessage, "أرجو المساعدة في الفاتورة", null, now);
        return interaction;
    };

    [Fact]
    public virtual async Task SaveAsync_ConcurrentCreates_AllSavedWithOneAuditRowEach()
    {
        var customer = await CustomerAsync();
        var writer = f.Services.GetRequiredService<InteractionWriter>();
        var builds = new List<Func<Interaction>>();
        for (var i = 0; i < 20; i++) builds.Add(await NewAsync(customer, $"طلب جماعي {i}"));
        var saved = await Task.WhenAll(builds.Select((build, i) =>
            writer.SaveAsync(build, i % 2 == 0 ? "user-a" : "user-b", i % 2 == 0 ? "A" : "B", CancellationToken.None)));

        Assert.All(saved, s => Assert.True(s.Id > 0));
        await f.WithDbAsync(async db =>
        {
            var ids = saved.Select(s => s.Id).ToList();
            Assert.Equal(20, await db.Interactions.CountAsync(i => ids.Contains(i.Id)));
            Assert.Equal(40, await db.Set<InteractionStage>().CountAsync(s => ids.Contains(s.InteractionId)));
            var keys = ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var audit = await db.AuditEntries.Where(a => a.Entity == "interactions_interactions" && keys.Contains(a.EntityId)).ToListAsync();
            // One row per create, by the right actor, with its stages and first message inside it.
            Assert.Equal(20, audit.Count);
            Assert.All(audit, a => Assert.Contains("interactions_stages", a.Changes, StringComparison.Ordinal));
            Assert.All(audit, a => Assert.Contains("أرجو المساعدة في الفاتورة", a.Changes, StringComparison.Ordinal));
            Assert.Equal(10, audit.Count(a => a.UserId == "user-a" && a.UserName == "A"));
            Assert.Equal(10, audit.Count(a => a.UserId == "user-b" && a.UserName == "B"));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Entity == "interactions_stages" || a.Entity == "interactions_timeline"));
        });
    }

    [Fact]
    public virtual async Task SaveAsync_OneBadCreateInGroup_FailsOnlyItself()
    {
        var customer = await CustomerAsync();
        var writer = f.Services.GetRequiredService<InteractionWriter>();
        // A customer that does not exist breaks the foreign key: that create fails, its neighbours are saved.
        var builds = new List<Func<Interaction>>();
        for (var i = 0; i < 10; i++) builds.Add(await NewAsync(i == 5 ? -42 : customer, $"طلب {i}"));
        var tasks = builds.Select(build => writer.SaveAsync(build, "user-a", "A", CancellationToken.None)).ToList();
        await Assert.ThrowsAsync<DbUpdateException>(() => tasks[5]);
        var good = await Task.WhenAll(tasks.Where((_, i) => i != 5));
        var ids = good.Select(s => s.Id).ToList();
        Assert.Equal(9, await f.WithDbAsync(db => db.Interactions.CountAsync(i => ids.Contains(i.Id))));
    }
}
