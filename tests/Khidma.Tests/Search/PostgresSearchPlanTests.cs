using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Search.Data;
using Khidma.Web.Areas.Search.Domain;
using Microsoft.EntityFrameworkCore;
using static Khidma.Web.Areas.Search.Data.PostgresSearchSql;

namespace Khidma.Tests.Search;

// The plan choice of PostgresSearchSql: pure rules first, then both plans against a real PostgreSQL index,
// which must find the same candidates with the same scores whichever plan is tried first.
public sealed class PostgresSearchPlanRuleTests
{
    private static ColumnStats Stats(double rows, params (string Lexeme, double Share)[] lexemes) =>
        new(rows, lexemes.ToDictionary(l => l.Lexeme, l => l.Share, StringComparer.Ordinal), lexemes.Min(l => l.Share));

    [Fact]
    public void Estimate_PrefixTerm_CountsEveryListedLexemeStartingWithIt()
    {
        var stats = Stats(1_000_000, ("خدم", 0.5), ("خدمه", 0.5), ("فاتور", 0.2));

        Assert.Equal(0.75, Estimate(stats, ["خدم"]), 6);
        Assert.Equal(0.2, Estimate(stats, ["فاتور"]), 6);
    }

    [Fact]
    public void Estimate_UnlistedTerm_IsHalfTheSmallestShare()
    {
        var stats = Stats(1_000_000, ("خدم", 0.5), ("فاتور", 0.2));

        Assert.Equal(0.1, Estimate(stats, ["زمرد"]), 6);
        Assert.Equal(0.1, Estimate(stats, ["زمرد", "خدم"]), 6);
    }

    [Fact]
    public void Estimate_SeveralTerms_IsTheLeastCommonTerm()
    {
        var stats = Stats(1_000_000, ("مشكل", 0.1), ("في", 0.9), ("فاتور", 0.3));

        Assert.Equal(0.1, Estimate(stats, ["مشكل", "في"]), 6);
    }

    [Fact]
    public void Choose_NoStatisticsOrSmallKind_AsksGinFirst()
    {
        Assert.Equal(Plan.Gin, Choose(null, ["خدم"], 200));
        Assert.Equal(Plan.Gin, Choose(Stats(SmallKind, ("خدم", 0.9)), ["خدم"], 200));
    }

    [Fact]
    public void Choose_CommonWordInLargeKind_WalksFirst()
    {
        Assert.Equal(Plan.Walk, Choose(Stats(1_000_000, ("خدم", 0.05)), ["خدم"], 200));
    }

    [Fact]
    public void Choose_RareWordInLargeKind_AsksGinFirst()
    {
        Assert.Equal(Plan.Gin, Choose(Stats(1_000_000, ("خدم", 0.05)), ["زمرد"], 200));
        Assert.Equal(Plan.Gin, Choose(Stats(1_000_000, ("خدم", 0.01)), ["خدم"], 200));
    }

    [Fact]
    public void WalkOn_SomeMatchesInTheBudget_WalksOnOnlyWhenTheRestIsNearAndTheQueryBroad()
    {
        var large = Stats(1_000_000, ("خدم", 0.05));

        Assert.True(WalkOn(large, 100, 200));
        Assert.False(WalkOn(large, 0, 200));
        Assert.False(WalkOn(large, 5, 200));
        Assert.False(WalkOn(Stats(60_000, ("خدم", 0.05)), 100, 200));
        Assert.False(WalkOn(null, 100, 200));
    }
}

public sealed class PostgresSearchPlanTests(PostgresKhidmaFactory f) : IClassFixture<PostgresKhidmaFactory>
{
    private const int Newest = 200;
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static (long OldSubjectHit, long[] Rare, long RareSubjectHit)? seed;

    // 1,005 interactions mention نحاسي in their body; the oldest one holds it in its subject. Three more mention
    // ياقوتي, one of them in its subject.
    private async Task<(long OldSubjectHit, long[] Rare, long RareSubjectHit)> SeedAsync()
    {
        await Once.WaitAsync();
        try
        {
            seed ??= await f.WithDbAsync(async db =>
            {
                var now = f.Clock.GetUtcNow().UtcDateTime;
                var customer = new Customer { Name = "عميل الاختبار", CreatedAt = now, UpdatedAt = now };
                db.Customers.Add(customer);
                await db.SaveChangesAsync();
                var status = await db.InteractionStatuses.OrderBy(s => s.Position).FirstAsync(s => s.IsDefault);
                Interaction New(string subject, string body)
                {
                    var interaction = new Interaction
                    {
                        CustomerId = customer.Id, Channel = Channel.Web, Subject = subject, StatusId = status.Id,
                        StatusCategory = status.Category, CreatedAt = now, UpdatedAt = now, LastActivityAt = now,
                    };
                    interaction.AddEntry(TimelineKind.CustomerMessage, body, null, now);
                    db.Interactions.Add(interaction);
                    return interaction;
                }
                var old = New("طلاء نحاسي للواجهة", "مرحبا");
                await db.SaveChangesAsync();
                var rareSubject = New("حجر ياقوتي", "مرحبا");
                var rare = new[] { New("طلب", "أريد خاتما ياقوتيا"), New("طلب آخر", "لون ياقوتي من فضلك") };
                for (var i = 0; i < SearchIndex.RankWindow + 5; i++) New("طلب عادي " + i, "أريد لونا نحاسيا للباب رقم " + i);
                await db.SaveChangesAsync();
                return (old.Id, rare.Select(r => r.Id).Append(rareSubject.Id).ToArray(), rareSubject.Id);
            });
            // The index is written by the background indexer from the queue: wait until it has caught up.
            await f.SearchCaughtUpAsync();
            return seed.Value;
        }
        finally
        {
            Once.Release();
        }
    }

    // Statistics that make every plan start with the walk: a kind of a million documents where each query term
    // is in most of them.
    private static Dictionary<string, ColumnStats> Dense(SearchQuery query) => new()
    {
        [IndexName(SearchKind.Interaction, Column.Body)] = new(1_000_000, query.Terms.ToDictionary(t => t, _ => 0.9), 0.01),
        [IndexName(SearchKind.Interaction, Column.Title)] = new(1_000_000, query.Terms.ToDictionary(t => t, _ => 0.9), 0.01),
    };

    private async Task<List<Row>> FindAsync(string text, IReadOnlyDictionary<string, ColumnStats> stats)
    {
        var query = SearchQuery.Parse(text, "966");
        var rows = await f.WithDbAsync(db => PostgresSearchSql.FindAsync(db, SearchKind.Interaction, query, Newest, stats, CancellationToken.None));
        return [.. rows.OrderByDescending(r => r.Score).ThenByDescending(r => r.Id)];
    }

    [PostgresFact]
    public async Task Find_BroadQueryWalkOrGinFirst_SameNewestHitsAndOldSubjectHitFirst()
    {
        var (oldSubjectHit, _, _) = await SeedAsync();
        var query = SearchQuery.Parse("نحاسي", "966");

        var gin = await FindAsync("نحاسي", new Dictionary<string, ColumnStats>());
        var walk = await FindAsync("نحاسي", Dense(query));

        Assert.Equal(gin, walk);
        Assert.Equal(Newest + 1, gin.Count);
        Assert.Equal(oldSubjectHit, gin[0].Id);
        Assert.True(gin[0].Score >= SearchIndex.TitleTier);
        Assert.All(gin.Skip(1), r => Assert.True(r.Score < SearchIndex.TitleTier));
        Assert.True(gin[1].Id > gin[2].Id, "after the subject hits, the newest come first");
    }

    [PostgresFact]
    public async Task Find_NarrowQueryWalkOrGinFirst_AllMatchesRankedWithSubjectHitFirst()
    {
        var (_, rare, rareSubjectHit) = await SeedAsync();
        var query = SearchQuery.Parse("ياقوتي", "966");

        var gin = await FindAsync("ياقوتي", new Dictionary<string, ColumnStats>());
        var walk = await FindAsync("ياقوتي", Dense(query));

        Assert.Equal(gin, walk);
        Assert.Equal(rare.Order(), gin.Select(r => r.Id).Order());
        Assert.Equal(rareSubjectHit, gin[0].Id);
        Assert.All(gin.Skip(1), r => Assert.InRange(r.Score, 0, 1));
    }

    [PostgresFact]
    public async Task Find_WordInNoDocument_NoCandidatesWithEitherPlan()
    {
        await SeedAsync();
        var query = SearchQuery.Parse("زبرجدي", "966");

        Assert.Empty(await FindAsync("زبرجدي", new Dictionary<string, ColumnStats>()));
        Assert.Empty(await FindAsync("زبرجدي", Dense(query)));
    }
}
