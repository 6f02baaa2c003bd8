using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Search.Data;
using Khidma.Web.Areas.Search.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Search;

// The bodies run on SQLite (SearchSqliteTests) and PostgreSQL (SearchPostgresTests). Data is seeded through
// the DbContext only: the save interceptor queues it and the background indexer indexes it. Every search
// here first waits for the indexer to catch up (it runs about a second behind the saves).
public abstract class SearchScenarios(KhidmaFactory f)
{
    private static readonly ConcurrentDictionary<KhidmaFactory, Lazy<Task<Seed>>> Seeds = new();

    protected KhidmaFactory Factory => f;

    protected sealed record Seed(int TeamA, int TeamB, long Ahmed, long Sara, long Invoice, long Card, long Secret, long SubjectHit, long BodyHit);

    protected async Task<Seed> SeedAsync()
    {
        var seed = await Seeds.GetOrAdd(f, factory => new Lazy<Task<Seed>>(() => CreateSeedAsync(factory))).Value;
        await f.SearchCaughtUpAsync();
        return seed;
    }

    private static async Task<Seed> CreateSeedAsync(KhidmaFactory factory) => await factory.WithDbAsync(async db =>
    {
        var teamA = new Team { Name = "فريق الفواتير" };
        var teamB = new Team { Name = "فريق الشكاوى" };
        db.Teams.AddRange(teamA, teamB);
        var ahmed = NewCustomer(factory, "أحمد العتيبي", "+966 55 123 4567", "ahmed.otaibi@example.com");
        var sara = NewCustomer(factory, "سارة الحربي", "+966 50 765 4321", null);
        db.Customers.AddRange(ahmed, sara);
        await db.SaveChangesAsync();

        var invoice = await NewInteractionAsync(factory, db, ahmed.Id, teamA.Id, "استفسار عن الفاتورة الشهرية", "أرجو توضيح الفاتورة الأخيرة، فالمبلغ أعلى من المعتاد");
        var card = await NewInteractionAsync(factory, db, ahmed.Id, teamA.Id, "مشكلة في بطاقة الصراف", "البطاقة لا تعمل في الصراف منذ أمس");
        var secret = await NewInteractionAsync(factory, db, sara.Id, teamB.Id, "طلب خاص بفريق آخر", "تفاصيل الفاتورة السرية: زمردية");
        // The subject hit is older than the body hit, so only the ranking (not recency) can put it first.
        var subjectHit = await NewInteractionAsync(factory, db, sara.Id, teamA.Id, "طلب الصيانة الدورية", "شكراً لكم");
        var bodyHit = await NewInteractionAsync(factory, db, sara.Id, teamA.Id, "تحديث العنوان", "نرجو جدولة الصيانة بعد تحديث العنوان");
        return new Seed(teamA.Id, teamB.Id, ahmed.Id, sara.Id, invoice.Id, card.Id, secret.Id, subjectHit.Id, bodyHit.Id);
    });

    protected static Customer NewCustomer(KhidmaFactory factory, string name, string? phone, string? email)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var customer = new Customer { Name = name, CreatedAt = now, UpdatedAt = now };
        if (phone is not null)
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = phone, Normalized = PhoneNormalizer.Normalize(phone, "966") });
        if (email is not null)
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Email, Value = email, Normalized = email.ToLowerInvariant() });
        return customer;
    }

    protected static async Task<Interaction> NewInteractionAsync(KhidmaFactory factory, AppDbContext db, long customerId, int? teamId, string subject, params string[] bodies)
    {
        var status = await db.InteractionStatuses.OrderBy(s => s.Position).FirstAsync(s => s.IsDefault);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var interaction = new Interaction
        {
            CustomerId = customerId,
            Channel = Channel.Phone,
            Subject = subject,
            StatusId = status.Id,
            StatusCategory = status.Category,
            TeamId = teamId,
            CreatedAt = now,
            UpdatedAt = now,
            LastActivityAt = now,
        };
        foreach (var body in bodies) interaction.AddEntry(TimelineKind.CustomerMessage, body, null, now);
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync();
        return interaction;
    }

    protected async Task<HttpClient> ApiAsync(string role = Roles.Admin) => f.NewClient().WithBearer(await f.CreateTokenAsync(role));

    protected async Task<List<(string Type, long Id, string Title, string Snippet)>> HitsAsync(HttpClient api, string q, string? scope = null)
    {
        await f.SearchCaughtUpAsync();
        var url = "/api/v1/search?q=" + Uri.EscapeDataString(q) + (scope is null ? "" : "&scope=" + scope);
        var response = await api.GetAsync(url);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {json}");
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(q, doc.RootElement.GetProperty("query").GetString());
        return doc.RootElement.GetProperty("hits").EnumerateArray()
            .Select(h => (h.GetProperty("type").GetString()!, h.GetProperty("id").GetInt64(), h.GetProperty("title").GetString()!, h.GetProperty("snippet").GetString()!))
            .ToList();
    }

    protected async Task<HttpClient> SignedInAgentAsync(int team)
    {
        var agent = await f.CreateUserAsync(Roles.Agent, teams: team);
        var client = f.NewClient();
        await client.SignInAsync(agent.Email!);
        return client;
    }

    protected async Task<SearchResult> SearchAsAsync(ClaimsPrincipal user, string q, SearchScope scope = SearchScope.All)
    {
        await f.SearchCaughtUpAsync();
        return await f.WithScopeAsync(sp => sp.GetRequiredService<SearchService>().SearchAsync(user, q, scope));
    }

    protected static ClaimsPrincipal Agent(int team) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, "agent-" + team),
        new Claim(ClaimTypes.Role, Roles.Agent),
        new Claim(KhidmaClaims.Team, team.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ], "test"));

    protected async Task WipeIndexAsync()
    {
        await f.SearchCaughtUpAsync();
        await f.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            if (db.IsSqlite)
            {
                await using var search = await sp.GetRequiredService<SearchFile>().OpenAsync(CancellationToken.None);
                await using var cmd = search.CreateCommand();
                cmd.CommandText = """
                    INSERT INTO search_customers (search_customers) VALUES ('delete-all');
                    INSERT INTO search_customer_titles (search_customer_titles) VALUES ('delete-all');
                    INSERT INTO search_interactions (search_interactions) VALUES ('delete-all');
                    INSERT INTO search_interaction_titles (search_interaction_titles) VALUES ('delete-all');
                    DELETE FROM search_phones;
                    DELETE FROM search_state;
                    """;
                await cmd.ExecuteNonQueryAsync();
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("TRUNCATE search_docs, search_phones, search_state");
            }
            return 0;
        });
    }

    protected async Task UnnormalizedName_FindsCustomer()
    {
        var seed = await SeedAsync();
        using var api = await ApiAsync();

        var hits = await HitsAsync(api, "احمد");

        var hit = Assert.Single(hits, h => h.Type == "customer" && h.Id == seed.Ahmed);
        Assert.Equal("أحمد العتيبي", hit.Title);
    }

    protected async Task PluralAndSpellingVariants_FindInvoiceInteraction()
    {
        var seed = await SeedAsync();
        using var api = await ApiAsync();

        foreach (var q in new[] { "الفواتير", "فاتوره", "الفاتورة", "فاتورة الشهر" })
            Assert.Contains(await HitsAsync(api, q), h => h.Type == "interaction" && h.Id == seed.Invoice);
    }

    protected async Task PhoneInAnyForm_FindsCustomer()
    {
        var seed = await SeedAsync();
        using var api = await ApiAsync();

        foreach (var q in new[] { "٠٥٥١٢٣٤٥٦٧", "0551234567", "+966551234567", "00966 55 123 4567", "1234567" })
        {
            var hits = await HitsAsync(api, q);
            Assert.True(hits.Count > 0 && hits[0].Type == "customer" && hits[0].Id == seed.Ahmed, $"{q} should find Ahmed first");
            Assert.DoesNotContain(hits, h => h.Type == "customer" && h.Id == seed.Sara);
        }
    }

    protected async Task WordWithPrefixes_FindsCardInteraction()
    {
        var seed = await SeedAsync();
        using var api = await ApiAsync();

        var hits = await HitsAsync(api, "بالبطاقة");

        Assert.Contains(hits, h => h.Type == "interaction" && h.Id == seed.Card);
        Assert.DoesNotContain(hits, h => h.Id == seed.Invoice && h.Type == "interaction");
    }

    protected async Task Snippet_MarksTheOriginalWord()
    {
        var seed = await SeedAsync();
        using var api = await ApiAsync();

        var hit = Assert.Single(await HitsAsync(api, "الفواتير", "interactions"), h => h.Id == seed.Invoice);

        Assert.Contains("<mark>الفاتورة</mark>", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("أرجو توضيح", hit.Snippet, StringComparison.Ordinal);
    }

    protected async Task SubjectHitAndBodyHit_RanksSubjectFirst()
    {
        var seed = await SeedAsync();
        using var api = await ApiAsync();

        var ids = (await HitsAsync(api, "الصيانة")).Select(h => h.Id).ToList();

        Assert.Contains(seed.SubjectHit, ids);
        Assert.Contains(seed.BodyHit, ids);
        Assert.True(ids.IndexOf(seed.SubjectHit) < ids.IndexOf(seed.BodyHit), "the subject hit must rank above the body-only hit");
    }

    protected async Task AgentOfTeamA_DoesNotGetTeamBInteraction()
    {
        var seed = await SeedAsync();

        var agent = await SearchAsAsync(Agent(seed.TeamA), "الفاتورة");
        var other = await SearchAsAsync(Agent(seed.TeamB), "الفاتورة");

        Assert.Contains(agent.Hits, h => h.Type == SearchHit.Interaction && h.Id == seed.Invoice);
        Assert.DoesNotContain(agent.Hits, h => h.Type == SearchHit.Interaction && h.Id == seed.Secret);
        Assert.Contains(other.Hits, h => h.Type == SearchHit.Interaction && h.Id == seed.Secret);
        Assert.Empty((await SearchAsAsync(Agent(seed.TeamA), "زمردية")).Hits);
        Assert.Null((await SearchAsAsync(Agent(seed.TeamA), "KH-" + seed.Secret)).JumpUrl);
    }

    protected async Task StaffToken_GetsCustomersButNotInteractionsItCannotSee()
    {
        var seed = await SeedAsync();
        using var admin = await ApiAsync(Roles.Admin);
        using var staff = await ApiAsync(Roles.Staff);

        Assert.Contains(await HitsAsync(admin, "زمردية"), h => h.Type == "interaction" && h.Id == seed.Secret);
        Assert.Empty(await HitsAsync(staff, "زمردية"));
        Assert.DoesNotContain(await HitsAsync(staff, "الفاتورة"), h => h.Type == "interaction");
        Assert.Contains(await HitsAsync(staff, "العتيبي"), h => h.Type == "customer" && h.Id == seed.Ahmed);
    }

    protected async Task PageOfAgentOfTeamA_DoesNotShowTeamBInteraction()
    {
        var seed = await SeedAsync();
        using var client = await SignedInAgentAsync(seed.TeamA);

        var page = await client.GetPageAsync("/search?q=" + Uri.EscapeDataString("الفاتورة"));
        var fragment = Http.Parse(await (await client.HtmxGetAsync("/search?handler=Results&q=" + Uri.EscapeDataString("الفاتورة"))).Content.ReadAsStringAsync());
        var dropdown = Http.Parse(await (await client.HtmxGetAsync("/search?handler=Dropdown&q=" + Uri.EscapeDataString("الفاتورة"))).Content.ReadAsStringAsync());

        foreach (var doc in new[] { page, fragment, dropdown })
        {
            Assert.NotNull(doc.QuerySelector($"a[href='/interactions/{seed.Invoice}']"));
            Assert.Null(doc.QuerySelector($"a[href='/interactions/{seed.Secret}']"));
        }
        var secretByReference = await client.GetAsync("/search?q=KH-" + seed.Secret);
        Assert.Equal(HttpStatusCode.OK, secretByReference.StatusCode);
    }

    protected async Task Reference_JumpsToTheInteraction()
    {
        var seed = await SeedAsync();
        using var client = await SignedInAgentAsync(seed.TeamA);
        using var api = await ApiAsync();

        var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString("KH-" + seed.Card));
        var hits = await HitsAsync(api, "kh-" + seed.Card);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/interactions/{seed.Card}", response.Headers.Location?.OriginalString);
        Assert.Equal(("interaction", seed.Card), (hits[0].Type, hits[0].Id));
    }

    protected async Task PageAndFragment_RenderInArabicRtl()
    {
        var seed = await SeedAsync();
        using var client = await SignedInAgentAsync(seed.TeamA);

        var page = await client.GetPageAsync("/search?q=" + Uri.EscapeDataString("بالبطاقة"));
        var response = await client.HtmxGetAsync("/search?handler=Results&q=" + Uri.EscapeDataString("بالبطاقة"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("بحث", page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("form[action='/search'] input[name=q][hx-get]"));
        Assert.Contains("<mark>البطاقة</mark>", page.QuerySelector("#search-results")!.InnerHtml, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        var fragment = Http.Parse(html);
        var root = fragment.Body!.FirstElementChild!;
        Assert.Equal("search-results", root.Id);
        Assert.Contains("تفاعل", root.TextContent, StringComparison.Ordinal);
        Assert.NotNull(root.QuerySelector($"a[href='/interactions/{seed.Card}'] mark"));
    }

    protected async Task PageWithoutJavaScript_SearchBoxInLayoutPostsGetToSearch()
    {
        var seed = await SeedAsync();
        using var client = await SignedInAgentAsync(seed.TeamA);

        var home = await client.GetPageAsync("/charter");

        var form = home.QuerySelector("header form.search-box");
        Assert.NotNull(form);
        Assert.Equal("/search", form!.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("#search-dropdown"));
    }

    protected async Task TimelineEntryUpdated_ReindexesInteraction()
    {
        long id = 0;
        var seed = await SeedAsync();
        await Factory.WithDbAsync(async db => id = (await NewInteractionAsync(Factory, db, seed.Sara, seed.TeamA, "لون الطلاء", "أريد اللون البرتقالي")).Id);
        using var api = await ApiAsync();
        Assert.Contains(await HitsAsync(api, "البرتقالي"), h => h.Id == id);

        await Factory.WithDbAsync(async db =>
        {
            var entry = await db.TimelineEntries.SingleAsync(t => t.InteractionId == id);
            entry.Body = "غيرت رأيي: اللون البنفسجي";
            await db.SaveChangesAsync();
        });

        Assert.Contains(await HitsAsync(api, "البنفسجي"), h => h.Id == id);
        Assert.DoesNotContain(await HitsAsync(api, "البرتقالي"), h => h.Id == id);
    }

    protected async Task EntryAddedAndContactChanged_AreIndexed()
    {
        long id = 0;
        long customer = 0;
        var seed = await SeedAsync();
        await Factory.WithDbAsync(async db =>
        {
            var c = NewCustomer(Factory, "خالد الشمري", "0501112222", null);
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            customer = c.Id;
            id = (await NewInteractionAsync(Factory, db, c.Id, seed.TeamA, "طلب جديد", "مرحبا")).Id;
        });

        await Factory.WithDbAsync(async db =>
        {
            var interaction = await db.Interactions.SingleAsync(i => i.Id == id);
            interaction.AddEntry(TimelineKind.Reply, "تم إرسال الكتالوج إليكم", null, Factory.Clock.GetUtcNow().UtcDateTime);
            var contact = await db.CustomerContacts.SingleAsync(x => x.CustomerId == customer);
            contact.Value = "0509998888";
            await db.SaveChangesAsync();
        });
        using var api = await ApiAsync();

        Assert.Contains(await HitsAsync(api, "الكتالوج"), h => h.Type == "interaction" && h.Id == id);
        Assert.Contains(await HitsAsync(api, "0509998888"), h => h.Type == "customer" && h.Id == customer);
        Assert.DoesNotContain(await HitsAsync(api, "0501112222"), h => h.Type == "customer" && h.Id == customer);
    }

    protected async Task Deleted_AreRemovedFromResults()
    {
        long id = 0;
        long customer = 0;
        var seed = await SeedAsync();
        await Factory.WithDbAsync(async db =>
        {
            id = (await NewInteractionAsync(Factory, db, seed.Sara, seed.TeamA, "طلب مؤقت", "كلمة ياقوتية")).Id;
            var c = NewCustomer(Factory, "عميل ياقوتي", "0503334444", null);
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            customer = c.Id;
        });
        using var api = await ApiAsync();
        Assert.Equal(2, (await HitsAsync(api, "ياقوتي")).Count);

        await Factory.WithDbAsync(async db =>
        {
            db.Interactions.Remove(await db.Interactions.SingleAsync(i => i.Id == id));
            db.Customers.Remove(await db.Customers.SingleAsync(c => c.Id == customer));
            await db.SaveChangesAsync();
        });

        Assert.Empty(await HitsAsync(api, "ياقوتي"));
        Assert.Empty(await HitsAsync(api, "0503334444"));
    }

    protected async Task WipedIndex_IsRebuiltByReindex()
    {
        var seed = await SeedAsync();
        using var api = await ApiAsync();
        await WipeIndexAsync();
        Assert.Empty(await HitsAsync(api, "الفاتورة"));
        Assert.True(await Factory.WithScopeAsync(sp => sp.GetRequiredService<SearchRebuild>().NeedsRebuildAsync(CancellationToken.None)));

        var output = new StringWriter();
        var report = await Factory.WithScopeAsync(sp => sp.GetRequiredService<SearchRebuild>().RunAsync(output, CancellationToken.None));

        Assert.True(report.Ran);
        Assert.True(report.Interactions >= 5);
        Assert.Contains("done", output.ToString(), StringComparison.Ordinal);
        Assert.False(await Factory.WithScopeAsync(sp => sp.GetRequiredService<SearchRebuild>().NeedsRebuildAsync(CancellationToken.None)));
        Assert.Contains(await HitsAsync(api, "الفواتير"), h => h.Id == seed.Invoice);
        Assert.Contains(await HitsAsync(api, "0551234567"), h => h.Type == "customer" && h.Id == seed.Ahmed);
    }

    // More matches than the ranking window: the subject hit is the oldest match, yet comes first; the
    // thousand documents are queued by one save and indexed in several batches.
    protected async Task BroadQuery_OldSubjectHitComesFirst()
    {
        long subjectHit = 0;
        var seed = await SeedAsync();
        await Factory.WithDbAsync(async db =>
        {
            subjectHit = (await NewInteractionAsync(Factory, db, seed.Sara, seed.TeamA, "طلاء نحاسي للواجهة", "مرحبا")).Id;
            var status = await db.InteractionStatuses.OrderBy(x => x.Position).FirstAsync(x => x.IsDefault);
            var now = Factory.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < SearchIndex.RankWindow + 5; i++)
            {
                var interaction = new Interaction
                {
                    CustomerId = seed.Sara, Channel = Channel.Web, Subject = "طلب عادي " + i, StatusId = status.Id,
                    StatusCategory = status.Category, TeamId = seed.TeamA, CreatedAt = now, UpdatedAt = now, LastActivityAt = now,
                };
                interaction.AddEntry(TimelineKind.CustomerMessage, "أريد لونا نحاسيا للباب رقم " + i, null, now);
                db.Interactions.Add(interaction);
            }
            await db.SaveChangesAsync();
        });
        using var api = await ApiAsync();

        var hits = await HitsAsync(api, "نحاسي", "interactions");

        Assert.Equal(20, hits.Count);
        Assert.Equal(subjectHit, hits[0].Id);
        Assert.True(hits[1].Id > hits[2].Id, "after the subject hits, the newest come first");
    }

    protected async Task RolledBackTransaction_LeavesNothingInTheIndex()
    {
        var seed = await SeedAsync();
        await Factory.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await NewInteractionAsync(Factory, db, seed.Sara, seed.TeamA, "طلب ملغى", "كلمة فيروزية");
            db.Customers.Add(NewCustomer(Factory, "عميل فيروزي", "0507776666", null));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        });
        using var api = await ApiAsync();

        Assert.Empty(await HitsAsync(api, "فيروزي"));
        Assert.Empty(await HitsAsync(api, "0507776666"));
    }

    protected async Task Anonymous_IsSentToSignIn()
    {
        using var anonymous = Factory.NewClient();

        var page = await anonymous.GetAsync("/search?q=x");
        var api = await anonymous.GetAsync("/api/v1/search?q=x");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/sign-in", page.Headers.Location?.PathAndQuery ?? page.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    protected async Task EmptyOrBadRequest_Returns400()
    {
        using var api = await ApiAsync();

        foreach (var url in new[] { "/api/v1/search", "/api/v1/search?q=%20", "/api/v1/search?q=x&scope=everything", "/api/v1/search?q=x&limit=500" })
        {
            var response = await api.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    protected async Task QueryWithoutWords_ReturnsNoHits()
    {
        await SeedAsync();
        using var api = await ApiAsync();

        Assert.Empty(await HitsAsync(api, "؟؟ !! ،"));
        Assert.Empty(await HitsAsync(api, "\"; DROP TABLE search_docs; --"));
        Assert.Contains(await HitsAsync(api, "الفاتورة"), h => h.Type == "interaction");
    }

    protected async Task Scope_LimitsTheKindOfHits()
    {
        await SeedAsync();
        using var api = await ApiAsync();

        Assert.All(await HitsAsync(api, "العتيبي", "customers"), h => Assert.Equal("customer", h.Type));
        Assert.All(await HitsAsync(api, "الفاتورة", "interactions"), h => Assert.Equal("interaction", h.Type));
        Assert.NotEmpty(await HitsAsync(api, "العتيبي", "customers"));
    }
}

public sealed class SearchSqliteTests(KhidmaFactory f) : SearchScenarios(f), IClassFixture<KhidmaFactory>
{
    [Fact] public Task Search_UnnormalizedName_FindsCustomer() => UnnormalizedName_FindsCustomer();
    [Fact] public Task Search_PluralAndSpellingVariants_FindInvoiceInteraction() => PluralAndSpellingVariants_FindInvoiceInteraction();
    [Fact] public Task Search_PhoneInAnyForm_FindsCustomer() => PhoneInAnyForm_FindsCustomer();
    [Fact] public Task Search_WordWithPrefixes_FindsCardInteraction() => WordWithPrefixes_FindsCardInteraction();
    [Fact] public Task Search_Snippet_MarksTheOriginalWord() => Snippet_MarksTheOriginalWord();
    [Fact] public Task Search_SubjectHitAndBodyHit_RanksSubjectFirst() => SubjectHitAndBodyHit_RanksSubjectFirst();
    [Fact] public Task Search_AgentOfTeamA_DoesNotGetTeamBInteraction() => AgentOfTeamA_DoesNotGetTeamBInteraction();
    [Fact] public Task Api_StaffToken_GetsCustomersButNotInteractionsItCannotSee() => StaffToken_GetsCustomersButNotInteractionsItCannotSee();
    [Fact] public Task Page_AgentOfTeamA_DoesNotShowTeamBInteraction() => PageOfAgentOfTeamA_DoesNotShowTeamBInteraction();
    [Fact] public Task Page_Reference_JumpsToTheInteraction() => Reference_JumpsToTheInteraction();
    [Fact] public Task Page_FullPageAndFragment_RenderInArabicRtl() => PageAndFragment_RenderInArabicRtl();
    [Fact] public Task Layout_SearchBox_IsAPlainGetFormToSearch() => PageWithoutJavaScript_SearchBoxInLayoutPostsGetToSearch();
    [Fact] public Task Index_TimelineEntryUpdated_ReindexesInteraction() => TimelineEntryUpdated_ReindexesInteraction();
    [Fact] public Task Index_EntryAddedAndContactChanged_AreIndexed() => EntryAddedAndContactChanged_AreIndexed();
    [Fact] public Task Index_Deleted_AreRemovedFromResults() => Deleted_AreRemovedFromResults();
    [Fact] public Task Reindex_WipedIndex_IsRebuilt() => WipedIndex_IsRebuiltByReindex();
    [Fact] public Task Search_BroadQuery_OldSubjectHitComesFirst() => BroadQuery_OldSubjectHitComesFirst();
    [Fact] public Task Index_RolledBackTransaction_LeavesNothingInTheIndex() => RolledBackTransaction_LeavesNothingInTheIndex();
    [Fact] public Task Page_Anonymous_IsSentToSignIn() => Anonymous_IsSentToSignIn();
    [Fact] public Task Api_EmptyOrBadRequest_Returns400() => EmptyOrBadRequest_Returns400();
    [Fact] public Task Api_QueryWithoutWords_ReturnsNoHits() => QueryWithoutWords_ReturnsNoHits();
    [Fact] public Task Api_Scope_LimitsTheKindOfHits() => Scope_LimitsTheKindOfHits();
}

public sealed class SearchPostgresTests(PostgresKhidmaFactory f) : SearchScenarios(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public Task Search_UnnormalizedName_FindsCustomer() => UnnormalizedName_FindsCustomer();
    [PostgresFact] public Task Search_PluralAndSpellingVariants_FindInvoiceInteraction() => PluralAndSpellingVariants_FindInvoiceInteraction();
    [PostgresFact] public Task Search_PhoneInAnyForm_FindsCustomer() => PhoneInAnyForm_FindsCustomer();
    [PostgresFact] public Task Search_WordWithPrefixes_FindsCardInteraction() => WordWithPrefixes_FindsCardInteraction();
    [PostgresFact] public Task Search_Snippet_MarksTheOriginalWord() => Snippet_MarksTheOriginalWord();
    [PostgresFact] public Task Search_SubjectHitAndBodyHit_RanksSubjectFirst() => SubjectHitAndBodyHit_RanksSubjectFirst();
    [PostgresFact] public Task Search_AgentOfTeamA_DoesNotGetTeamBInteraction() => AgentOfTeamA_DoesNotGetTeamBInteraction();
    [PostgresFact] public Task Api_StaffToken_GetsCustomersButNotInteractionsItCannotSee() => StaffToken_GetsCustomersButNotInteractionsItCannotSee();
    [PostgresFact] public Task Page_AgentOfTeamA_DoesNotShowTeamBInteraction() => PageOfAgentOfTeamA_DoesNotShowTeamBInteraction();
    [PostgresFact] public Task Page_Reference_JumpsToTheInteraction() => Reference_JumpsToTheInteraction();
    [PostgresFact] public Task Page_FullPageAndFragment_RenderInArabicRtl() => PageAndFragment_RenderInArabicRtl();
    [PostgresFact] public Task Layout_SearchBox_IsAPlainGetFormToSearch() => PageWithoutJavaScript_SearchBoxInLayoutPostsGetToSearch();
    [PostgresFact] public Task Index_TimelineEntryUpdated_ReindexesInteraction() => TimelineEntryUpdated_ReindexesInteraction();
    [PostgresFact] public Task Index_EntryAddedAndContactChanged_AreIndexed() => EntryAddedAndContactChanged_AreIndexed();
    [PostgresFact] public Task Index_Deleted_AreRemovedFromResults() => Deleted_AreRemovedFromResults();
    [PostgresFact] public Task Reindex_WipedIndex_IsRebuilt() => WipedIndex_IsRebuiltByReindex();
    [PostgresFact] public Task Search_BroadQuery_OldSubjectHitComesFirst() => BroadQuery_OldSubjectHitComesFirst();
    [PostgresFact] public Task Index_RolledBackTransaction_LeavesNothingInTheIndex() => RolledBackTransaction_LeavesNothingInTheIndex();
    [PostgresFact] public Task Page_Anonymous_IsSentToSignIn() => Anonymous_IsSentToSignIn();
    [PostgresFact] public Task Api_EmptyOrBadRequest_Returns400() => EmptyOrBadRequest_Returns400();
    [PostgresFact] public Task Api_QueryWithoutWords_ReturnsNoHits() => QueryWithoutWords_ReturnsNoHits();
    [PostgresFact] public Task Api_Scope_LimitsTheKindOfHits() => Scope_LimitsTheKindOfHits();
}
