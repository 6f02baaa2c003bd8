using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Interactions;

public sealed class InteractionsSqliteTests(KhidmaFactory f) : InteractionsTests(f), IClassFixture<KhidmaFactory>;

// The same tests on PostgreSQL (skipped unless KHIDMA_TEST_PG names a server).
public sealed class InteractionsPostgresTests(PostgresKhidmaFactory f) : InteractionsTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task Inbox_DefaultFilter_ShowsUnfinishedOnly() => base.Inbox_DefaultFilter_ShowsUnfinishedOnly();
    [PostgresFact] public override Task Inbox_KeysetPaging_PagesDoNotOverlapAndCoverAllRows() => base.Inbox_KeysetPaging_PagesDoNotOverlapAndCoverAllRows();
    [PostgresFact] public override Task Inbox_UnfinishedAcrossCategories_PagesNewestFirstWithoutGaps() => base.Inbox_UnfinishedAcrossCategories_PagesNewestFirstWithoutGaps();
    [PostgresFact] public override Task Inbox_MineFilter_ShowsOnlyWhatIHandle() => base.Inbox_MineFilter_ShowsOnlyWhatIHandle();
    [PostgresFact] public override Task Inbox_TeamChannelAndPriorityFilters_NarrowTheRows() => base.Inbox_TeamChannelAndPriorityFilters_NarrowTheRows();
    [PostgresFact] public override Task Inbox_AgentOfTeamA_DoesNotSeeTeamB() => base.Inbox_AgentOfTeamA_DoesNotSeeTeamB();
    [PostgresFact] public override Task Inbox_HtmxList_ReturnsFragmentAndPushesInboxUrl() => base.Inbox_HtmxList_ReturnsFragmentAndPushesInboxUrl();
    [PostgresFact] public override Task Inbox_English_RendersLtrWithNames() => base.Inbox_English_RendersLtrWithNames();
    [PostgresFact] public override Task New_ArabicSubjectByStaff_CreatesWithDefaultStagesAndFirstMessage() => base.New_ArabicSubjectByStaff_CreatesWithDefaultStagesAndFirstMessage();
    [PostgresFact] public override Task New_QuickCreateCustomer_StoresCustomerWithPhoneDigits() => base.New_QuickCreateCustomer_StoresCustomerWithPhoneDigits();
    [PostgresFact] public override Task New_ServiceWithOwnStages_CopiesServiceStagesAndTeam() => base.New_ServiceWithOwnStages_CopiesServiceStagesAndTeam();
    [PostgresFact] public override Task New_NoCustomer_ShowsErrorAndKeepsValues() => base.New_NoCustomer_ShowsErrorAndKeepsValues();
    [PostgresFact] public override Task New_CustomerSearchHtmx_SuggestsByNameAndArabicDigitsPhone() => base.New_CustomerSearchHtmx_SuggestsByNameAndArabicDigitsPhone();
    [PostgresFact] public override Task Stage_HtmxTick_ReturnsFragmentAndStoresWhoAndWhen() => base.Stage_HtmxTick_ReturnsFragmentAndStoresWhoAndWhen();
    [PostgresFact] public override Task Stage_PlainPostUntick_RedirectsAndClears() => base.Stage_PlainPostUntick_RedirectsAndClears();
    [PostgresFact] public override Task Status_ResolveWithUndoneStagesWithoutReason_ShowsArabicErrorAndKeepsValues() => base.Status_ResolveWithUndoneStagesWithoutReason_ShowsArabicErrorAndKeepsValues();
    [PostgresFact] public override Task Status_ResolveWithReason_SucceedsAndKeepsReason() => base.Status_ResolveWithReason_SucceedsAndKeepsReason();
    [PostgresFact] public override Task Entries_ReplyNoteAndCall_AppearOnTimeline() => base.Entries_ReplyNoteAndCall_AppearOnTimeline();
    [PostgresFact] public override Task Assign_TeamAndActiveEmployee_Assigns() => base.Assign_TeamAndActiveEmployee_Assigns();
    [PostgresFact] public override Task Assign_InactiveHandler_ShowsError() => base.Assign_InactiveHandler_ShowsError();
    [PostgresFact] public override Task Handlers_TeamChosen_OffersItsMembersFirst() => base.Handlers_TeamChosen_OffersItsMembersFirst();
    [PostgresFact] public override Task Details_MissingId_Returns404() => base.Details_MissingId_Returns404();
    [PostgresFact] public override Task Export_Filtered_ContainsExactlyTheRowsWithArabic() => base.Export_Filtered_ContainsExactlyTheRowsWithArabic();
    [PostgresFact] public override Task Api_Create_Returns201WithReferenceAndLocation() => base.Api_Create_Returns201WithReferenceAndLocation();
    [PostgresFact] public override Task Api_Create_AnswerMatchesLaterReadAndStartsClocks() => base.Api_Create_AnswerMatchesLaterReadAndStartsClocks();
    [PostgresFact] public override Task Api_Get_ReturnsStatusStagesAndTimeline() => base.Api_Get_ReturnsStatusStagesAndTimeline();
    [PostgresFact] public override Task Api_List_FiltersAndPagesWithNext() => base.Api_List_FiltersAndPagesWithNext();
    [PostgresFact] public override Task Api_AddEntry_Returns201AndStoresIt() => base.Api_AddEntry_Returns201AndStoresIt();
    [PostgresFact] public override Task Api_UnknownCustomer_Returns400WithArabicFieldError() => base.Api_UnknownCustomer_Returns400WithArabicFieldError();
    [PostgresFact] public override Task Api_BadChannel_Returns400WithFieldError() => base.Api_BadChannel_Returns400WithFieldError();
    [PostgresFact] public override Task Api_StaffToken_DoesNotSeeOthersWork() => base.Api_StaffToken_DoesNotSeeOthersWork();
}

public abstract class InteractionsTests(KhidmaFactory f)
{
    private static readonly DateTime T0 = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    protected sealed record StatusIds(int New, int Open, int Waiting, int Resolved, int Closed);

    // ---- Inbox ----

    [Fact]
    public virtual async Task Inbox_DefaultFilter_ShowsUnfinishedOnly()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var fresh = await SeedAsync(customer, "جديد", T0, status: s.New);
        var open = await SeedAsync(customer, "مفتوح", T0.AddMinutes(1), status: s.Open);
        var resolved = await SeedAsync(customer, "محلول", T0.AddMinutes(2), status: s.Resolved);
        var closed = await SeedAsync(customer, "مغلق", T0.AddMinutes(3), status: s.Closed);
        var (client, _) = await SignedInAsync(Roles.Admin);

        Assert.Equal([open, fresh], Ids(await client.GetPageAsync($"/interactions?customer={customer}")));
        Assert.Equal([closed, resolved, open, fresh], Ids(await client.GetPageAsync($"/interactions?customer={customer}&status=all")));
        Assert.Equal([resolved], Ids(await client.GetPageAsync($"/interactions?customer={customer}&status=Resolved")));
        Assert.Equal([closed], Ids(await client.GetPageAsync($"/interactions?customer={customer}&status={s.Closed}")));

        var page = await client.GetPageAsync($"/interactions?customer={customer}");
        var row = page.QuerySelector($"tr[data-id='{open}']")!;
        Assert.Equal("KH-" + open, row.QuerySelector("td a")!.TextContent.Trim());
        Assert.Equal("مفتوح", row.QuerySelector(".badge.open")!.TextContent.Trim());
        Assert.NotNull(row.QuerySelector($"a[href='/customers/{customer}'] bdi"));
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
    }

    [Fact]
    public virtual async Task Inbox_KeysetPaging_PagesDoNotOverlapAndCoverAllRows()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        // Groups of three share a timestamp, so the id must break ties for paging to be exact.
        await f.WithDbAsync(async db =>
        {
            for (var n = 0; n < 120; n++)
                db.Interactions.Add(NewInteraction(customer, $"طلب رقم {n}", T0.AddMinutes(-(n / 3)), s.Open, StatusCategory.Open));
            await db.SaveChangesAsync();
        });
        var expected = await f.WithDbAsync(db => db.Interactions.Where(i => i.CustomerId == customer)
            .OrderByDescending(i => i.LastActivityAt).ThenByDescending(i => i.Id).Select(i => i.Id).ToListAsync());
        var (client, _) = await SignedInAsync(Roles.Admin);

        var seen = new List<long>();
        var url = $"/interactions?customer={customer}&status=all";
        var pages = 0;
        while (url is not null)
        {
            var page = await client.GetPageAsync(url);
            var ids = Ids(page);
            Assert.Empty(ids.Intersect(seen));
            seen.AddRange(ids);
            pages++;
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
            if (url is not null) Assert.Contains("after=", url, StringComparison.Ordinal);
            Assert.True(pages <= 3);
        }
        Assert.Equal(3, pages);
        Assert.Equal(expected, seen);

        // The htmx version of page two is the same rows as the full page.
        var first = await client.GetPageAsync($"/interactions?customer={customer}&status=all");
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("hx-get")!;
        Assert.Contains("handler=List", next, StringComparison.Ordinal);
        var response = await client.HtmxGetAsync(next);
        Assert.Equal(expected.Skip(50).Take(50), Ids(Http.Parse(await response.Content.ReadAsStringAsync())));
    }

    // "Not finished" is read as one branch per status category, merged: the pages must still interleave the
    // categories newest first, break ties by id, and neither skip nor repeat a row at a page boundary.
    [Fact]
    public virtual async Task Inbox_UnfinishedAcrossCategories_PagesNewestFirstWithoutGaps()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        (int Id, StatusCategory Category)[] cycle = [(s.New, StatusCategory.New), (s.Open, StatusCategory.Open), (s.Waiting, StatusCategory.WaitingOnCustomer), (s.Resolved, StatusCategory.Resolved)];
        await f.WithDbAsync(async db =>
        {
            for (var n = 0; n < 160; n++)
            {
                var (status, category) = cycle[n * 7 % cycle.Length];
                db.Interactions.Add(NewInteraction(customer, $"طلب رقم {n}", T0.AddMinutes(-(n / 3)), status, category));
            }
            await db.SaveChangesAsync();
        });
        var expected = await f.WithDbAsync(db => db.Interactions.Where(i => i.CustomerId == customer && i.StatusCategory != StatusCategory.Resolved)
            .OrderByDescending(i => i.LastActivityAt).ThenByDescending(i => i.Id).Select(i => i.Id).ToListAsync());
        var (client, _) = await SignedInAsync(Roles.Admin);

        var seen = new List<long>();
        var url = $"/interactions?customer={customer}";
        for (var pages = 1; url is not null; pages++)
        {
            Assert.True(pages <= 3);
            var page = await client.GetPageAsync(url);
            seen.AddRange(Ids(page));
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }
        Assert.Equal(120, expected.Count);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public virtual async Task Inbox_MineFilter_ShowsOnlyWhatIHandle()
    {
        var s = await StatusesAsync();
        var team = await TeamAsync();
        var customer = await CustomerAsync();
        var (client, me) = await SignedInAsync(Roles.Agent, teams: team);
        var other = await f.CreateUserAsync(Roles.Agent, teams: [team]);
        var mine1 = await SeedAsync(customer, "لي", T0, status: s.Open, team: team, handler: me.Id);
        var mine2 = await SeedAsync(customer, "لي أيضًا", T0.AddMinutes(1), status: s.New, team: team, handler: me.Id);
        await SeedAsync(customer, "لزميلي", T0.AddMinutes(2), status: s.Open, team: team, handler: other.Id);
        await SeedAsync(customer, "لا أحد", T0.AddMinutes(3), status: s.Open, team: team);

        Assert.Equal(4, Ids(await client.GetPageAsync($"/interactions?customer={customer}")).Count);
        Assert.Equal([mine2, mine1], Ids(await client.GetPageAsync($"/interactions?customer={customer}&mine=true")));
    }

    [Fact]
    public virtual async Task Inbox_TeamChannelAndPriorityFilters_NarrowTheRows()
    {
        var s = await StatusesAsync();
        var teamA = await TeamAsync();
        var teamB = await TeamAsync();
        var customer = await CustomerAsync();
        var a = await SeedAsync(customer, "أ", T0, status: s.Open, team: teamA, channel: Channel.Email, priority: Priority.Urgent);
        var b = await SeedAsync(customer, "ب", T0.AddMinutes(1), status: s.Open, team: teamB, channel: Channel.Phone);
        var (client, _) = await SignedInAsync(Roles.Manager);

        Assert.Equal([a], Ids(await client.GetPageAsync($"/interactions?customer={customer}&team={teamA}")));
        Assert.Equal([b], Ids(await client.GetPageAsync($"/interactions?customer={customer}&channel=Phone")));
        Assert.Equal([a], Ids(await client.GetPageAsync($"/interactions?customer={customer}&priority=Urgent")));
        Assert.Empty(Ids(await client.GetPageAsync($"/interactions?customer={customer}&team={teamA}&channel=Phone")));
    }

    [Fact]
    public virtual async Task Inbox_AgentOfTeamA_DoesNotSeeTeamB()
    {
        var s = await StatusesAsync();
        var teamA = await TeamAsync();
        var teamB = await TeamAsync();
        var customer = await CustomerAsync();
        var inA = await SeedAsync(customer, "فريقي", T0, status: s.Open, team: teamA);
        var inB = await SeedAsync(customer, "فريق آخر", T0.AddMinutes(1), status: s.Open, team: teamB);
        var (client, _) = await SignedInAsync(Roles.Agent, teams: teamA);

        Assert.Equal([inA], Ids(await client.GetPageAsync($"/interactions?customer={customer}&status=all")));
        Assert.Empty(Ids(await client.GetPageAsync($"/interactions?customer={customer}&team={teamB}")));
        await client.GetPageAsync($"/interactions/{inA}");
        await client.GetPageAsync($"/interactions/{inB}", HttpStatusCode.NotFound);
        var post = await client.PostFormAsync($"/interactions/{inA}", [new("AssignForm.TeamId", "")], $"/interactions/{inB}?handler=Assign");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var csv = await client.GetStringAsync($"/interactions/export.csv?customer={customer}&status=all");
        Assert.Contains("فريقي", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("فريق آخر", csv, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Inbox_HtmxList_ReturnsFragmentAndPushesInboxUrl()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "عبر htmx", T0, status: s.Open);
        var (client, _) = await SignedInAsync(Roles.Admin);

        var response = await client.HtmxGetAsync($"/interactions?handler=List&customer={customer}&channel=Phone");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        var fragment = Http.Parse(html);
        Assert.NotNull(fragment.QuerySelector("#interaction-list"));
        Assert.Equal([id], Ids(fragment));
        Assert.Equal($"/interactions?channel=Phone&customer={customer}", response.Headers.GetValues("HX-Push-Url").Single());

        // Without htmx the same URL is the full page.
        var full = await client.GetPageAsync($"/interactions?handler=List&customer={customer}");
        Assert.NotNull(full.QuerySelector("form.inbox-filters"));
    }

    [Fact]
    public virtual async Task Inbox_English_RendersLtrWithNames()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync("Sara Ahmed");
        var id = await SeedAsync(customer, "Card renewal", T0, status: s.Open);
        var (client, _) = await SignedInAsync(Roles.Admin, culture: "en");

        var page = await client.GetPageAsync($"/interactions?customer={customer}");
        Assert.Equal("ltr", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("Open", page.QuerySelector($"tr[data-id='{id}'] .badge.open")!.TextContent.Trim());
        Assert.Contains("Last activity", page.QuerySelector("thead")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Phone", page.QuerySelector($"tr[data-id='{id}']")!.TextContent, StringComparison.Ordinal);
    }

    // ---- New interaction ----

    [Fact]
    public virtual async Task New_ArabicSubjectByStaff_CreatesWithDefaultStagesAndFirstMessage()
    {
        var customer = await CustomerAsync("فاطمة الزهراء");
        var (client, staff) = await SignedInAsync(Roles.Staff);
        var form = await client.GetPageAsync($"/interactions/new?customerId={customer}");
        Assert.Contains("فاطمة الزهراء", form.QuerySelector(".chosen-customer")!.TextContent, StringComparison.Ordinal);

        var response = await client.PostFormAsync($"/interactions/new?customerId={customer}",
        [
            new("Input.CustomerId", customer.ToString()), new("Input.Channel", "WalkIn"), new("Input.Priority", "High"),
            new("Input.Subject", "طلب تجديد بطاقة العضوية"), new("Input.Body", "أرغب في تجديد بطاقتي قبل نهاية الشهر"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = long.Parse(response.Headers.Location!.OriginalString.Split('/').Last());

        await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.Include(x => x.Stages).Include(x => x.Timeline).SingleAsync(x => x.Id == id);
            Assert.Equal("طلب تجديد بطاقة العضوية", i.Subject);
            Assert.Equal(Channel.WalkIn, i.Channel);
            Assert.Equal(Priority.High, i.Priority);
            Assert.Equal(StatusCategory.New, i.StatusCategory);
            Assert.True((await db.InteractionStatuses.SingleAsync(st => st.Id == i.StatusId)).IsDefault);
            Assert.Equal(staff.Id, i.CreatedById);
            Assert.Equal(Bootstrap.DefaultStages.Select(st => st.Key), i.Stages.OrderBy(st => st.Position).Select(st => st.Key));
            var message = Assert.Single(i.Timeline);
            Assert.Equal(TimelineKind.CustomerMessage, message.Kind);
            Assert.Equal("أرغب في تجديد بطاقتي قبل نهاية الشهر", message.Body);
        });

        // The staff member sees what they logged: six stages, the message on the timeline.
        var page = await client.GetPageAsync($"/interactions/{id}");
        Assert.Equal(6, page.QuerySelectorAll("#interaction-stages li").Length);
        Assert.Equal("الترحيب", page.QuerySelector("#interaction-stages li span")!.TextContent.Trim());
        Assert.Contains("أرغب في تجديد بطاقتي", page.QuerySelector("#interaction-timeline li.customermessage")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("KH-" + id, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task New_QuickCreateCustomer_StoresCustomerWithPhoneDigits()
    {
        var (client, _) = await SignedInAsync(Roles.Agent);
        var name = "سالم " + Guid.NewGuid().ToString("N")[..6];
        var response = await client.PostFormAsync("/interactions/new",
        [
            new("Input.NewCustomerName", name), new("Input.NewCustomerPhone", "٠٥٠ ١٢٣-٤٥٦٧"),
            new("Input.Channel", "Phone"), new("Input.Priority", "Normal"),
            new("Input.Subject", "استفسار عن الفاتورة"), new("Input.Body", "اتصل يسأل عن فاتورة الشهر الماضي"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = long.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.SingleAsync(x => x.Id == id);
            var customer = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Id == i.CustomerId);
            Assert.Equal(name, customer.Name);
            var phone = Assert.Single(customer.Contacts);
            Assert.Equal(ContactKind.Phone, phone.Kind);
            Assert.Equal("0501234567", phone.Normalized);
            Assert.Equal("٠٥٠ ١٢٣-٤٥٦٧", phone.Value);
        });
    }

    [Fact]
    public virtual async Task New_ServiceWithOwnStages_CopiesServiceStagesAndTeam()
    {
        var team = await TeamAsync();
        var customer = await CustomerAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var serviceId = await f.WithDbAsync(async db =>
        {
            var check = new StageDefinition { Key = "check-" + suffix, Name = new("فحص الوثائق", "Check the documents"), Position = 10 };
            var deliver = new StageDefinition { Key = "deliver-" + suffix, Name = new("التسليم", "Deliver"), Position = 11 };
            db.StageDefinitions.AddRange(check, deliver);
            var service = new Service { Name = new("إصدار شهادة", "Certificate"), DefaultTeamId = team };
            db.Services.Add(service);
            await db.SaveChangesAsync();
            db.ServiceStages.AddRange(
                new ServiceStage { ServiceId = service.Id, StageDefinitionId = deliver.Id, Position = 2 },
                new ServiceStage { ServiceId = service.Id, StageDefinitionId = check.Id, Position = 1 });
            await db.SaveChangesAsync();
            return service.Id;
        });
        var (client, _) = await SignedInAsync(Roles.Supervisor, teams: team);
        var response = await client.PostFormAsync("/interactions/new",
        [
            new("Input.CustomerId", customer.ToString()), new("Input.Channel", "Email"), new("Input.ServiceId", serviceId.ToString()),
            new("Input.Priority", "Normal"), new("Input.Subject", "شهادة خبرة"), new("Input.Body", "أحتاج شهادة خبرة"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = long.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.Include(x => x.Stages).SingleAsync(x => x.Id == id);
            Assert.Equal(team, i.TeamId);
            Assert.Equal(serviceId, i.ServiceId);
            Assert.Equal(["check-" + suffix, "deliver-" + suffix], i.Stages.OrderBy(st => st.Position).Select(st => st.Key));
        });
    }

    [Fact]
    public virtual async Task New_NoCustomer_ShowsErrorAndKeepsValues()
    {
        var (client, _) = await SignedInAsync(Roles.Agent);
        var response = await client.PostFormAsync("/interactions/new",
        [
            new("Input.Channel", "Fax"), new("Input.Priority", "Urgent"),
            new("Input.Subject", "موضوع بلا عميل"), new("Input.Body", "نص الرسالة"),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("اختر العميل، أو أدخل اسم عميل جديد.", page.QuerySelector("[data-valmsg-for='Input.CustomerId']")!.TextContent.Trim());
        Assert.Equal("موضوع بلا عميل", page.QuerySelector("input[name='Input.Subject']")!.GetAttribute("value"));
        Assert.Equal("نص الرسالة", page.QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());
        Assert.Equal("Fax", page.QuerySelector("select[name='Input.Channel'] option[selected]")!.GetAttribute("value"));
        Assert.Equal("Urgent", page.QuerySelector("select[name='Input.Priority'] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public virtual async Task New_CustomerSearchHtmx_SuggestsByNameAndArabicDigitsPhone()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var customer = await CustomerAsync("نورة " + unique, phone: "05" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var phone = await f.WithDbAsync(db => db.CustomerContacts.Where(c => c.CustomerId == customer).Select(c => c.Normalized).SingleAsync());
        var (client, _) = await SignedInAsync(Roles.Agent);

        var byName = await client.HtmxGetAsync($"/interactions/new?handler=Customers&q={Uri.EscapeDataString("نورة " + unique)}");
        var fragment = Http.Parse(await byName.Content.ReadAsStringAsync());
        Assert.NotNull(fragment.QuerySelector("#customer-suggestions"));
        Assert.Equal(customer.ToString(), fragment.QuerySelector("input[name='Input.CustomerId']")!.GetAttribute("value"));

        var arabicDigits = new string(phone.Select(c => (char)('\u0660' + (c - '0'))).ToArray());
        var byPhone = await client.HtmxGetAsync($"/interactions/new?handler=Customers&q={Uri.EscapeDataString(arabicDigits)}");
        var phoneFragment = Http.Parse(await byPhone.Content.ReadAsStringAsync());
        Assert.Contains(phoneFragment.QuerySelectorAll("input[name='Input.CustomerId']"), i => i.GetAttribute("value") == customer.ToString());

        // Without JavaScript the search reloads the page with the suggestions in it.
        var page = await client.GetPageAsync($"/interactions/new?q={Uri.EscapeDataString("نورة " + unique)}");
        Assert.NotNull(page.QuerySelector($"#customer-suggestions input[value='{customer}']"));
    }

    // ---- Interaction page ----

    [Fact]
    public virtual async Task Stage_HtmxTick_ReturnsFragmentAndStoresWhoAndWhen()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "مراحل", T0, status: s.Open, stages: true);
        var (client, me) = await SignedInAsync(Roles.Admin);
        var stageId = await f.WithDbAsync(db => db.InteractionStages.Where(x => x.InteractionId == id && x.Key == "welcome").Select(x => x.Id).SingleAsync());

        var response = await client.PostFormAsync($"/interactions/{id}",
            [new("stageId", stageId.ToString()), new("done", "true"), new("done", "false")], $"/interactions/{id}?handler=Stage", htmx: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        var fragment = Http.Parse(html);
        var section = fragment.QuerySelector("#interaction-stages")!;
        var done = section.QuerySelectorAll("li.done");
        Assert.Single(done);
        Assert.Equal("welcome", done[0].GetAttribute("data-key"));
        Assert.NotNull(done[0].QuerySelector("input[type=checkbox][checked]"));
        Assert.Contains("أنجزها", done[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(me.DisplayName, done[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("رحّب بالعميل", section.TextContent, StringComparison.Ordinal);
        // The status form's list of stages not done is refreshed out of band.
        var undone = fragment.QuerySelector("#undone-stages")!;
        Assert.Equal("true", undone.GetAttribute("hx-swap-oob"));
        Assert.Equal(5, undone.QuerySelectorAll("li").Length);

        await f.WithDbAsync(async db =>
        {
            var stage = await db.InteractionStages.SingleAsync(x => x.Id == stageId);
            Assert.Equal(me.Id, stage.DoneById);
            Assert.Equal(f.Clock.GetUtcNow().UtcDateTime, stage.DoneAt);
            Assert.True(await db.TimelineEntries.AnyAsync(e => e.InteractionId == id && e.Kind == TimelineKind.StageDone && e.Data == "welcome"));
        });
    }

    [Fact]
    public virtual async Task Stage_PlainPostUntick_RedirectsAndClears()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "مراحل", T0, status: s.Open, stages: true);
        var (client, _) = await SignedInAsync(Roles.Admin);
        var stageId = await f.WithDbAsync(db => db.InteractionStages.Where(x => x.InteractionId == id && x.Key == "thank").Select(x => x.Id).SingleAsync());

        var tick = await client.PostFormAsync($"/interactions/{id}", [new("stageId", stageId.ToString()), new("done", "true"), new("done", "false")], $"/interactions/{id}?handler=Stage");
        Assert.Equal(HttpStatusCode.Redirect, tick.StatusCode);
        var untick = await client.PostFormAsync($"/interactions/{id}", [new("stageId", stageId.ToString()), new("done", "false")], $"/interactions/{id}?handler=Stage");
        Assert.Equal(HttpStatusCode.Redirect, untick.StatusCode);
        Assert.StartsWith($"/interactions/{id}", untick.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null(await f.WithDbAsync(db => db.InteractionStages.Where(x => x.Id == stageId).Select(x => x.DoneAt).SingleAsync()));

        var page = await client.GetPageAsync($"/interactions/{id}");
        Assert.Empty(page.QuerySelectorAll("#interaction-stages li.done"));
        Assert.NotNull(page.QuerySelector("#interaction-timeline li.stageundone"));
    }

    [Fact]
    public virtual async Task Status_ResolveWithUndoneStagesWithoutReason_ShowsArabicErrorAndKeepsValues()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "حل مبكر", T0, status: s.Open, stages: true);
        var (client, _) = await SignedInAsync(Roles.Agent);

        var before = await client.GetPageAsync($"/interactions/{id}");
        Assert.Equal(6, before.QuerySelectorAll("#change-status ul.undone li").Length);

        var response = await client.PostFormAsync($"/interactions/{id}",
            [new("StatusForm.StatusId", s.Resolved.ToString()), new("StatusForm.Reason", "  ")], $"/interactions/{id}?handler=Status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("بعض المراحل لم تُنجز بعد. اذكر السبب قبل الحل.", page.QuerySelector("[data-valmsg-for='StatusForm.Reason']")!.TextContent.Trim());
        Assert.Equal(s.Resolved.ToString(), page.QuerySelector("select[name='StatusForm.StatusId'] option[selected]")!.GetAttribute("value"));
        Assert.Equal(6, page.QuerySelectorAll("#change-status ul.undone li").Length);
        Assert.Equal(StatusCategory.Open, await f.WithDbAsync(db => db.Interactions.Where(i => i.Id == id).Select(i => i.StatusCategory).SingleAsync()));

        // Other forms on the page keep their own state (the assign form shows the current team and handler).
        Assert.NotNull(page.QuerySelector("select#interaction-handlers"));
    }

    [Fact]
    public virtual async Task Status_ResolveWithReason_SucceedsAndKeepsReason()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "حل مع سبب", T0, status: s.Open, stages: true);
        var (client, me) = await SignedInAsync(Roles.Agent);

        var response = await client.PostFormAsync($"/interactions/{id}",
            [new("StatusForm.StatusId", s.Resolved.ToString()), new("StatusForm.Reason", "أنهى العميل المكالمة قبل الشكر والتوديع")],
            $"/interactions/{id}?handler=Status");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.SingleAsync(x => x.Id == id);
            Assert.Equal(StatusCategory.Resolved, i.StatusCategory);
            Assert.Equal(s.Resolved, i.StatusId);
            Assert.Equal("أنهى العميل المكالمة قبل الشكر والتوديع", i.SkippedStagesReason);
            Assert.NotNull(i.ResolvedAt);
            var entry = await db.TimelineEntries.SingleAsync(e => e.InteractionId == id && e.Kind == TimelineKind.StatusChange);
            Assert.Equal(me.Id, entry.AuthorId);
        });
        var page = await client.GetPageAsync($"/interactions/{id}");
        var change = page.QuerySelector("#interaction-timeline li.statuschange")!.TextContent;
        Assert.Contains("مفتوح", change, StringComparison.Ordinal);
        Assert.Contains("تم الحل", change, StringComparison.Ordinal);
        Assert.Contains("أنهى العميل المكالمة قبل الشكر والتوديع", change, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#change-status ul.undone"));
    }

    [Fact]
    public virtual async Task Entries_ReplyNoteAndCall_AppearOnTimeline()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "سجل", T0, status: s.Open);
        var (client, me) = await SignedInAsync(Roles.Agent);

        var reply = await client.PostFormAsync($"/interactions/{id}", [new("ReplyForm.Body", "تم تجديد البطاقة، شكرًا لك")], $"/interactions/{id}?handler=Reply", htmx: true);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var fragment = Http.Parse(await reply.Content.ReadAsStringAsync());
        Assert.Contains("تم تجديد البطاقة", fragment.QuerySelector("#interaction-timeline li.reply")!.TextContent, StringComparison.Ordinal);

        var note = await client.PostFormAsync($"/interactions/{id}", [new("NoteForm.Body", "العميل يفضّل الاتصال مساءً")], $"/interactions/{id}?handler=Note");
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);

        var call = await client.PostFormAsync($"/interactions/{id}",
            [new("CallForm.Direction", "Out"), new("CallForm.Minutes", "7"), new("CallForm.Summary", "اتصلت لتأكيد الموعد")], $"/interactions/{id}?handler=Call", htmx: true);
        var callFragment = Http.Parse(await call.Content.ReadAsStringAsync());
        var callItem = callFragment.QuerySelector("#interaction-timeline li.call")!;
        Assert.Contains("مكالمة صادرة", callItem.TextContent, StringComparison.Ordinal);
        Assert.Contains("7", callItem.TextContent, StringComparison.Ordinal);

        var empty = await client.PostFormAsync($"/interactions/{id}", [new("NoteForm.Body", " ")], $"/interactions/{id}?handler=Note");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.NotNull(Http.Parse(await empty.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='NoteForm.Body'].field-validation-error"));

        await f.WithDbAsync(async db =>
        {
            var entries = await db.TimelineEntries.Where(e => e.InteractionId == id).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal([TimelineKind.Reply, TimelineKind.Note, TimelineKind.Call], entries.Select(e => e.Kind));
            Assert.All(entries, e => Assert.Equal(me.Id, e.AuthorId));
            Assert.Equal("out|7", entries[2].Data);
        });
    }

    [Fact]
    public virtual async Task Assign_TeamAndActiveEmployee_Assigns()
    {
        var s = await StatusesAsync();
        var team = await TeamAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "إسناد", T0, status: s.Open);
        var handler = await f.CreateUserAsync(Roles.Agent, teams: [team]);
        var (client, _) = await SignedInAsync(Roles.Supervisor, teams: team);

        var response = await client.PostFormAsync($"/interactions/{id}",
            [new("AssignForm.TeamId", team.ToString()), new("AssignForm.HandlerId", handler.Id)], $"/interactions/{id}?handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var i = await f.WithDbAsync(db => db.Interactions.SingleAsync(x => x.Id == id));
        Assert.Equal(team, i.TeamId);
        Assert.Equal(handler.Id, i.HandlerId);

        Assert.Equal($"/interactions/{id}", response.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync($"/interactions/{id}");
        Assert.Contains(handler.DisplayName, page.QuerySelector("#interaction-timeline li.assignment")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(handler.Id, page.QuerySelector("#interaction-handlers option[selected]")!.GetAttribute("value"));

        // Handing it to a team the supervisor is not in takes it out of their sight: back to the inbox.
        var otherTeam = await TeamAsync();
        var away = await client.PostFormAsync($"/interactions/{id}",
            [new("AssignForm.TeamId", otherTeam.ToString()), new("AssignForm.HandlerId", "")], $"/interactions/{id}?handler=Assign");
        Assert.Equal("/interactions", away.Headers.Location!.OriginalString);
    }

    [Fact]
    public virtual async Task Assign_InactiveHandler_ShowsError()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "إسناد خاطئ", T0, status: s.Open);
        var gone = await f.CreateUserAsync(Roles.Agent);
        await f.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == gone.Id);
            user.IsActive = false;
            await db.SaveChangesAsync();
        });
        var (client, _) = await SignedInAsync(Roles.Supervisor);

        var response = await client.PostFormAsync($"/interactions/{id}", [new("AssignForm.HandlerId", gone.Id)], $"/interactions/{id}?handler=Assign");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("يجب أن يكون المسؤول موظفًا على رأس العمل.", page.QuerySelector("[data-valmsg-for='AssignForm.HandlerId']")!.TextContent.Trim());
        Assert.Null(await f.WithDbAsync(db => db.Interactions.Where(x => x.Id == id).Select(x => x.HandlerId).SingleAsync()));
    }

    [Fact]
    public virtual async Task Handlers_TeamChosen_OffersItsMembersFirst()
    {
        var s = await StatusesAsync();
        var team = await TeamAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "أعضاء", T0, status: s.Open);
        var member = await f.CreateUserAsync(Roles.Agent, teams: [team]);
        var (client, _) = await SignedInAsync(Roles.Admin);

        var response = await client.HtmxGetAsync($"/interactions/{id}?handler=Handlers&AssignForm.TeamId={team}");
        var fragment = Http.Parse(await response.Content.ReadAsStringAsync());
        var select = fragment.QuerySelector("select#interaction-handlers")!;
        var firstGroup = select.QuerySelector("optgroup")!;
        Assert.Equal([member.Id], firstGroup.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public virtual async Task Details_MissingId_Returns404()
    {
        var (client, _) = await SignedInAsync(Roles.Admin);
        await client.GetPageAsync("/interactions/987654321", HttpStatusCode.NotFound);
        var post = await client.PostFormAsync("/interactions/new", [new("stageId", "1"), new("done", "true")], "/interactions/987654321?handler=Stage", htmx: true);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    // ---- CSV export ----

    [Fact]
    public virtual async Task Export_Filtered_ContainsExactlyTheRowsWithArabic()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync("عبد الله الشمري");
        var other = await CustomerAsync();
        var ids = new List<long>();
        for (var n = 0; n < 3; n++)
            ids.Add(await SeedAsync(customer, $"شكوى تأخر التوصيل {n}", T0.AddMinutes(n), status: s.Open));
        await SeedAsync(customer, "مغلقة لا تظهر", T0.AddMinutes(5), status: s.Closed);
        await SeedAsync(other, "عميل آخر", T0.AddMinutes(6), status: s.Open);
        var formula = await SeedAsync(customer, "=HYPERLINK(\"x\")", T0.AddMinutes(7), status: s.New);
        ids.Add(formula);
        var (client, _) = await SignedInAsync(Roles.Admin);

        var response = await client.GetAsync($"/interactions/export.csv?customer={customer}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("المرجع,الموضوع", lines[0], StringComparison.Ordinal);
        var references = lines.Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(ids.OrderByDescending(x => x).Select(x => "KH-" + x), references);
        Assert.Contains("شكوى تأخر التوصيل 1", text, StringComparison.Ordinal);
        Assert.Contains("عبد الله الشمري", text, StringComparison.Ordinal);
        Assert.DoesNotContain("مغلقة لا تظهر", text, StringComparison.Ordinal);
        Assert.DoesNotContain("عميل آخر", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
    }

    // ---- API ----

    [Fact]
    public virtual async Task Api_Create_Returns201WithReferenceAndLocation()
    {
        var customer = await CustomerAsync();
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));
        var response = await client.PostAsJsonAsync("/api/v1/interactions",
            new { customerId = customer, channel = "walkIn", subject = "طلب عبر الواجهة", body = "رسالة أولى", priority = "HIGH" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await Json(response);
        var id = json.GetProperty("id").GetInt64();
        Assert.Equal($"KH-{id}", json.GetProperty("reference").GetString());
        Assert.Equal($"/api/v1/interactions/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("walkIn", json.GetProperty("channel").GetString());
        Assert.Equal("high", json.GetProperty("priority").GetString());
        Assert.Equal("new", json.GetProperty("status").GetProperty("category").GetString());
        Assert.Equal(6, json.GetProperty("stages").GetArrayLength());
        Assert.Equal("customerMessage", json.GetProperty("timeline")[0].GetProperty("kind").GetString());
        Assert.Equal(1, await f.WithDbAsync(db => db.Interactions.CountAsync(i => i.Id == id && i.Subject == "طلب عبر الواجهة")));
    }

    [Fact]
    public virtual async Task Api_Create_AnswerMatchesLaterReadAndStartsClocks()
    {
        var customer = await CustomerAsync();
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));
        var created = await Json(await client.PostAsJsonAsync("/api/v1/interactions",
            new { customerId = customer, channel = "web", subject = "طلب", body = "السلام عليكم" }));
        var id = created.GetProperty("id").GetInt64();
        var read = await Json(await client.GetAsync($"/api/v1/interactions/{id}"));

        // The answer is built from the saved entity; it must say what a read of the stored row says.
        foreach (var name in new[] { "id", "reference", "customerId", "channel", "subject", "status", "priority", "teamId", "createdById", "createdAt", "lastActivityAt", "stages", "timeline" })
            Assert.Equal(read.GetProperty(name).GetRawText(), created.GetProperty(name).GetRawText());

        // The clocks were worked out in the request and saved with the interaction, due where the calendar says.
        var (timers, calendar) = await f.WithDbAsync(async db => (
            await db.Set<Khidma.Web.Areas.Timeliness.Domain.SlaTimer>().AsNoTracking().Where(t => t.InteractionId == id).ToListAsync(),
            await f.Services.GetRequiredService<Khidma.Web.Areas.Timeliness.Domain.CalendarProvider>().AllAsync(db)));
        Assert.Equal(2, timers.Count);
        var createdAt = created.GetProperty("createdAt").GetDateTime().ToUniversalTime();
        foreach (var timer in timers)
        {
            Assert.Equal(createdAt, timer.StartedAt);
            Assert.NotNull(timer.DueAt);
            Assert.Equal(timer.ToClock(calendar.For(timer.CalendarId)).Due, timer.DueAt);
        }
    }

    [Fact]
    public virtual async Task Api_Get_ReturnsStatusStagesAndTimeline()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "قراءة", T0, status: s.Open, stages: true);
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Supervisor));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await client.GetAsync($"/api/v1/interactions/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Json(response);
        Assert.Equal(s.Open, json.GetProperty("status").GetProperty("id").GetInt32());
        Assert.Equal("Open", json.GetProperty("status").GetProperty("name").GetString());
        Assert.Equal("open", json.GetProperty("status").GetProperty("category").GetString());
        var stage = json.GetProperty("stages")[0];
        Assert.Equal("welcome", stage.GetProperty("key").GetString());
        Assert.Equal("Welcome", stage.GetProperty("name").GetString());
        Assert.False(stage.GetProperty("done").GetBoolean());
        Assert.Equal(JsonValueKind.Null, stage.GetProperty("doneAt").ValueKind);
        Assert.StartsWith("2026-11-20T08:00:00", json.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", json.GetProperty("createdAt").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/interactions/987654321")).StatusCode);
    }

    [Fact]
    public virtual async Task Api_List_FiltersAndPagesWithNext()
    {
        var s = await StatusesAsync();
        var team = await TeamAsync();
        var customer = await CustomerAsync();
        var ids = new List<long>();
        for (var n = 0; n < 5; n++)
            ids.Add(await SeedAsync(customer, $"قائمة {n}", T0.AddMinutes(n), status: s.Open, team: team, channel: n % 2 == 0 ? Channel.Email : Channel.Chat));
        await SeedAsync(customer, "محلولة", T0.AddMinutes(10), status: s.Resolved, team: team);
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));

        var first = await Json(await client.GetAsync($"/api/v1/interactions?customerId={customer}&category=open&limit=2"));
        var page1 = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([ids[4], ids[3]], page1);
        var next = first.GetProperty("next").GetString()!;
        var second = await Json(await client.GetAsync($"/api/v1/interactions?customerId={customer}&category=open&limit=2&after={next}"));
        Assert.Equal([ids[2], ids[1]], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        var third = await Json(await client.GetAsync($"/api/v1/interactions?customerId={customer}&category=open&limit=2&after={second.GetProperty("next").GetString()}"));
        Assert.Equal([ids[0]], third.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("next").ValueKind);

        var chats = await Json(await client.GetAsync($"/api/v1/interactions?customerId={customer}&channel=CHAT&teamId={team}"));
        Assert.Equal([ids[3], ids[1]], chats.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        var resolved = await Json(await client.GetAsync($"/api/v1/interactions?customerId={customer}&status={s.Resolved}"));
        Assert.Equal("resolved", resolved.GetProperty("items")[0].GetProperty("status").GetProperty("category").GetString());
        Assert.Equal(6, (await Json(await client.GetAsync($"/api/v1/interactions?customerId={customer}"))).GetProperty("items").GetArrayLength());

        var bad = await client.GetAsync($"/api/v1/interactions?category=soon&after=nonsense&limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("category", out _));
        Assert.True(errors.TryGetProperty("after", out _));
        Assert.True(errors.TryGetProperty("limit", out _));
    }

    [Fact]
    public virtual async Task Api_AddEntry_Returns201AndStoresIt()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "إضافة", T0, status: s.Open);
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));

        var note = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/entries", new { kind = "note", body = "ملاحظة من النظام الخارجي" });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var json = await Json(note);
        Assert.Equal("note", json.GetProperty("kind").GetString());
        Assert.StartsWith("token:", json.GetProperty("authorId").GetString(), StringComparison.Ordinal);

        var call = await Json(await client.PostAsJsonAsync($"/api/v1/interactions/{id}/entries", new { kind = "call", body = "مكالمة قصيرة", direction = "out", minutes = 3 }));
        Assert.Equal("out|3", call.GetProperty("data").GetString());
        var message = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/entries", new { kind = "customerMessage", body = "شكرًا" });
        Assert.Equal(HttpStatusCode.Created, message.StatusCode);

        var bad = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/entries", new { kind = "poem", body = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("body", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/v1/interactions/987654321/entries", new { kind = "note", body = "x" })).StatusCode);
        Assert.Equal(3, await f.WithDbAsync(db => db.TimelineEntries.CountAsync(e => e.InteractionId == id)));

        // The page names the token as the author.
        var (browser, _) = await SignedInAsync(Roles.Admin);
        var page = await browser.GetPageAsync($"/interactions/{id}");
        Assert.Contains("test (واجهة برمجية)", page.QuerySelector("#interaction-timeline li.note")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Api_UnknownCustomer_Returns400WithArabicFieldError()
    {
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ar");
        var response = await client.PostAsJsonAsync("/api/v1/interactions",
            new { customerId = 987654321, channel = "phone", subject = "س", body = "ن", serviceId = 987654 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Equal("هذا العميل غير موجود.", errors.GetProperty("customerId")[0].GetString());
        Assert.Equal("هذه الخدمة غير موجودة أو غير مفعّلة.", errors.GetProperty("serviceId")[0].GetString());

        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await Json(await client.PostAsJsonAsync("/api/v1/interactions", new { customerId = 987654321, channel = "phone", subject = "s", body = "b" }));
        Assert.Equal("This customer does not exist.", english.GetProperty("errors").GetProperty("customerId")[0].GetString());
    }

    [Fact]
    public virtual async Task Api_BadChannel_Returns400WithFieldError()
    {
        var customer = await CustomerAsync();
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        foreach (var channel in new[] { "pigeon", "1", "" })
        {
            var response = await client.PostAsJsonAsync("/api/v1/interactions", new { customerId = customer, channel, subject = "s", body = "b" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var message = (await Json(response)).GetProperty("errors").GetProperty("channel")[0].GetString();
            Assert.Equal("Channel must be one of: walkIn, phone, email, web, chat, fax.", message);
        }
        var missing = await client.PostAsJsonAsync("/api/v1/interactions", new { channel = "fax", subject = "", body = "" });
        var errors = (await Json(missing)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("customerId", out _));
        var notJson = await client.PostAsync("/api/v1/interactions", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public virtual async Task Api_StaffToken_DoesNotSeeOthersWork()
    {
        var s = await StatusesAsync();
        var customer = await CustomerAsync();
        var id = await SeedAsync(customer, "ليس لك", T0, status: s.Open);
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Staff));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/interactions/{id}")).StatusCode);
        var list = await Json(await client.GetAsync($"/api/v1/interactions?customerId={customer}"));
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.NewClient().GetAsync($"/api/v1/interactions/{id}")).StatusCode);
    }

    // ---- helpers ----

    private static List<long> Ids(IDocument page) =>
        page.QuerySelectorAll("#interaction-list tbody tr").Select(r => long.Parse(r.GetAttribute("data-id")!)).ToList();

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"{(int)response.StatusCode}: empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<(HttpClient Client, AppUser User)> SignedInAsync(string role, string culture = "ar", params int[] teams)
    {
        var user = await f.CreateUserAsync(role, culture: culture, teams: teams);
        var client = f.NewClient();
        await client.SignInAsync(user.Email!);
        return (client, user);
    }

    private Task<StatusIds> StatusesAsync() => f.WithDbAsync(async db =>
    {
        var all = await db.InteractionStatuses.ToListAsync();
        int Of(StatusCategory c) => all.Where(x => x.Category == c).OrderBy(x => x.Position).First().Id;
        return new StatusIds(Of(StatusCategory.New), Of(StatusCategory.Open), Of(StatusCategory.WaitingOnCustomer), Of(StatusCategory.Resolved), Of(StatusCategory.Closed));
    });

    private Task<int> TeamAsync() => f.WithDbAsync(async db =>
    {
        var team = new Team { Name = "فريق " + Guid.NewGuid().ToString("N")[..8] };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    });

    private Task<long> CustomerAsync(string name = "عميل الاختبار", string? phone = null) => f.WithDbAsync(async db =>
    {
        var customer = new Customer { Name = name, CreatedAt = T0, UpdatedAt = T0 };
        if (phone is not null)
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = phone, Normalized = CreateInteraction.PhoneDigits(phone) });
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    });

    private static Interaction NewInteraction(long customer, string subject, DateTime at, int status, StatusCategory category) => new()
    {
        CustomerId = customer, Subject = subject, Channel = Channel.Phone, StatusId = status, StatusCategory = category,
        CreatedAt = at, UpdatedAt = at, LastActivityAt = at,
    };

    private Task<long> SeedAsync(long customer, string subject, DateTime at, int status, int? team = null, string? handler = null,
        Channel channel = Channel.Phone, Priority priority = Priority.Normal, bool stages = false) => f.WithDbAsync(async db =>
    {
        var category = await db.InteractionStatuses.Where(x => x.Id == status).Select(x => x.Category).SingleAsync();
        var i = NewInteraction(customer, subject, at, status, category);
        i.TeamId = team;
        i.HandlerId = handler;
        i.Channel = channel;
        i.Priority = priority;
        if (stages) i.SetStages(Bootstrap.DefaultStages.Select(st => (st.Key, new LocalizedText(st.Name.Ar, st.Name.En, st.Name.Fr))));
        db.Interactions.Add(i);
        await db.SaveChangesAsync();
        return i.Id;
    });
}
