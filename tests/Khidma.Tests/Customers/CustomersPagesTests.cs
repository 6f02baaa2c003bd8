using System.Net;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Khidma.Tests.Customers.CustomersTestData;

namespace Khidma.Tests.Customers;

// The customer pages through HTTP, as a browser without JavaScript and as htmx. Runs on SQLite (CustomersPagesTests)
// and on PostgreSQL (CustomersPagesPostgresTests) with the same bodies.
public abstract class CustomersPagesTestsBase(KhidmaFactory f)
{
    private static long IdFromLocation(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/customers/[0-9]+$", location);
        return long.Parse(location["/customers/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public virtual async Task CreateForm_ArabicNameAndTwoPhones_SavesNormalizedContacts()
    {
        var client = await AdminAsync(f);
        var first = NewPhone();
        var second = NewPhone();
        var response = await client.PostFormAsync("/customers/new",
        [
            new("Input.Name", "عبدالله بن سعيد القحطاني"),
            new("Input.Phones[0].Value", ToArabicIndic(first)),
            new("Input.Phones[0].Label", "جوال"),
            new("Input.Phones[1].Value", second),
            new("Input.Emails[0].Value", " Abdullah@Example.SA "),
            new("Input.Language", "ar"),
            new("Input.Type", "Business"),
        ]);
        var id = IdFromLocation(response);

        var contacts = await f.WithDbAsync(db => db.CustomerContacts.Where(c => c.CustomerId == id).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(["966" + first[1..], "966" + second[1..], "abdullah@example.sa"], contacts.Select(c => c.Normalized));
        Assert.Equal("جوال", contacts[0].Label);
        var page = await client.GetPageAsync($"/customers/{id}");
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Contains("عبدالله بن سعيد القحطاني", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("منشأة تجارية", page.QuerySelector("#customer-profile")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("#customer-contacts dd").Length);
    }

    [Fact]
    public virtual async Task CreateForm_MissingNameAndBadEmail_ReturnsFormWithErrorsAndPostedValues()
    {
        var client = await AdminAsync(f);
        var phone = NewPhone();
        var response = await client.PostFormAsync("/customers/new",
        [
            new("Input.Name", ""),
            new("Input.Phones[0].Value", phone),
            new("Input.Emails[0].Value", "not-an-email"),
            new("Input.Organization", "شركة الأفق"),
            new("Input.Language", "en"),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("مطلوب", page.QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ليس عنوان بريد إلكتروني صالح", page.QuerySelector("#contacts-emails .field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(phone, page.QuerySelector("input[name='Input.Phones[0].Value']")!.GetAttribute("value"));
        Assert.Equal("not-an-email", page.QuerySelector("input[name='Input.Emails[0].Value']")!.GetAttribute("value"));
        Assert.Equal("شركة الأفق", page.QuerySelector("input[name='Input.Organization']")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("select[name='Input.Language'] option[value='en'][selected]"));
    }

    [Fact]
    public virtual async Task CreateForm_SamePhoneTypedDifferently_WarnsThenSavesAnyway()
    {
        var client = await AdminAsync(f);
        var phone = NewPhone(); // 05XXXXXXXX
        var existing = await AddCustomerAsync(f, "سارة الحربي", "+966 " + phone[1..3] + " " + phone[3..6] + " " + phone[6..]);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Name", "سارة محمد"),
            new("Input.Phones[0].Value", ToArabicIndic(phone)),
            new("Input.Language", "ar"),
        };
        var before = await f.WithDbAsync(db => db.Customers.CountAsync());

        var warned = await client.PostFormAsync("/customers/new", fields);

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var page = Http.Parse(await warned.Content.ReadAsStringAsync());
        var warning = page.QuerySelector("#duplicate-warning");
        Assert.NotNull(warning);
        Assert.NotNull(warning.QuerySelector($"a[href='/customers/{existing}']"));
        Assert.Contains("سارة الحربي", warning.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await f.WithDbAsync(db => db.Customers.CountAsync()));

        var duplicateIds = page.QuerySelector("input[name='Input.DuplicateIds']")!.GetAttribute("value")!;
        fields.Add(new("Input.SaveAnyway", "true"));
        fields.Add(new("Input.DuplicateIds", duplicateIds));
        var id = IdFromLocation(await client.PostFormAsync("/customers/new", fields));
        Assert.NotEqual(existing, id);
        Assert.Equal(before + 1, await f.WithDbAsync(db => db.Customers.CountAsync()));
    }

    [Fact]
    public virtual async Task CreateForm_BackgroundWithoutConsent_DropsBackground()
    {
        var client = await AdminAsync(f);
        var background = new List<KeyValuePair<string, string>>
        {
            new("Input.Education", "بكالوريوس هندسة"),
            new("Input.Region", "القصيم"),
            new("Input.Interests", "الصيد بالصقور"),
        };
        var without = IdFromLocation(await client.PostFormAsync("/customers/new",
            [new("Input.Name", "فهد العنزي"), new("Input.Language", "ar"), .. background]));
        var profile = await client.GetPageAsync($"/customers/{without}");
        Assert.Contains("لم تُحفظ الخلفية", profile.QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        var with = IdFromLocation(await client.PostFormAsync("/customers/new",
            [new("Input.Name", "نورة العنزي"), new("Input.Language", "ar"), new("Input.Consent", "true"), new("Input.ConsentNote", "بالهاتف"), .. background]));

        var dropped = await f.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == without));
        Assert.Null(dropped.ConsentAt);
        Assert.Null(dropped.Education);
        Assert.Null(dropped.Region);
        Assert.Null(dropped.Interests);
        var kept = await f.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == with));
        Assert.NotNull(kept.ConsentAt);
        Assert.Equal("القصيم", kept.Region);

        // Un-ticking consent later erases what was kept.
        var edit = await client.GetPageAsync($"/customers/{with}/edit");
        var version = edit.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        IdFromLocation(await client.PostFormAsync($"/customers/{with}/edit",
            [new("Input.Name", "نورة العنزي"), new("Input.Language", "ar"), new("Input.Version", version), .. background]));
        var withdrawn = await f.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == with));
        Assert.Null(withdrawn.ConsentAt);
        Assert.Null(withdrawn.Region);
    }

    [Fact]
    public virtual async Task Profile_SettingExcludesAgents_HidesBackgroundFromAgent()
    {
        var id = await AddCustomerAsync(f, "خالد الشمري", NewPhone(), configure: c =>
            c.UpdateBackground(true, "وافق شفهيًا", new Background("ماجستير إدارة", null, "حائل", null, "الشعر النبطي"), f.Clock.GetUtcNow().UtcDateTime));
        await f.WithScopeAsync(async sp => { await sp.GetRequiredService<BackgroundAccess>().SetRolesAsync([Roles.Admin, Roles.Supervisor]); return 0; });
        var agent = await SignedInAsync(f, Roles.Agent);
        var admin = await AdminAsync(f);

        var agentPage = await agent.GetPageAsync($"/customers/{id}");
        Assert.Null(agentPage.QuerySelector("#customer-background"));
        Assert.DoesNotContain("ماجستير إدارة", agentPage.Body!.TextContent, StringComparison.Ordinal);
        var agentEdit = await agent.GetPageAsync($"/customers/{id}/edit");
        Assert.Null(agentEdit.QuerySelector("#customer-background"));
        Assert.Null(agentEdit.QuerySelector("[name='Input.Education']"));

        var adminPage = await admin.GetPageAsync($"/customers/{id}");
        Assert.Contains("ماجستير إدارة", adminPage.QuerySelector("#customer-background")!.TextContent, StringComparison.Ordinal);

        // An agent saving the form cannot erase the background they do not see.
        var version = agentEdit.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        IdFromLocation(await agent.PostFormAsync($"/customers/{id}/edit",
            [new("Input.Name", "خالد الشمري"), new("Input.Language", "ar"), new("Input.Version", version), new("Input.HowToDeal", "يفضّل الاختصار")]));
        var saved = await f.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal("ماجستير إدارة", saved.Education);
        Assert.Equal("يفضّل الاختصار", saved.HowToDeal);

        await f.WithScopeAsync(async sp => { await sp.GetRequiredService<BackgroundAccess>().SetRolesAsync([Roles.Agent]); return 0; });
        var allowed = await agent.GetPageAsync($"/customers/{id}");
        Assert.NotNull(allowed.QuerySelector("#customer-background"));
        await f.WithDbAsync(async db => { db.Settings.Remove(await db.Settings.SingleAsync(s => s.Key == BackgroundAccess.SettingKey)); await db.SaveChangesAsync(); });
    }

    [Fact]
    public virtual async Task Profile_InteractionsOnSeveralChannels_ListsEveryOneNewestFirst()
    {
        var id = await AddCustomerAsync(f, "منيرة الدوسري", NewPhone());
        var t0 = new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);
        var walkIn = await AddInteractionAsync(f, id, Channel.WalkIn, "استفسار عن الفاتورة", t0, StatusCategory.Resolved);
        var phone = await AddInteractionAsync(f, id, Channel.Phone, "تأخر التوصيل", t0.AddDays(1));
        var email = await AddInteractionAsync(f, id, Channel.Email, "طلب استرجاع", t0.AddDays(2));
        var fax = await AddInteractionAsync(f, id, Channel.Fax, "مستندات العقد", t0.AddDays(3), StatusCategory.Closed);
        var client = await SignedInAsync(f, Roles.Manager, culture: "en");

        var page = await client.GetPageAsync($"/customers/{id}");

        Assert.Equal("ltr", page.DocumentElement.GetAttribute("dir"));
        var rows = page.QuerySelectorAll("#customer-interactions tbody tr");
        Assert.Equal([fax, email, phone, walkIn], rows.Select(r => long.Parse(r.QuerySelector("a")!.GetAttribute("href")!["/interactions/".Length..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("Fax", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Closed", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Open", rows[1].TextContent, StringComparison.Ordinal);
        var counts = page.QuerySelector(".channel-counts")!.TextContent;
        Assert.Contains("Open: 2", counts, StringComparison.Ordinal);
        Assert.Contains("Resolved: 2", counts, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/interactions/new?customerId={id}']"));
    }

    [Fact]
    public virtual async Task Profile_AgentOfAnotherTeam_SeesOnlyVisibleInteractions()
    {
        var (teamA, teamB) = await f.WithDbAsync(async db =>
        {
            var a = new Team { Name = "فريق أ" };
            var b = new Team { Name = "فريق ب" };
            db.Teams.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        var id = await AddCustomerAsync(f, "ريم القرني", NewPhone());
        var at = f.Clock.GetUtcNow().UtcDateTime;
        await AddInteractionAsync(f, id, Channel.Phone, "مكالمة فريق أ", at, teamId: teamA);
        await AddInteractionAsync(f, id, Channel.Email, "رسالة فريق ب", at, teamId: teamB);
        var agent = await f.CreateUserAsync(Roles.Agent, teams: teamA);
        var client = f.NewClient();
        await client.SignInAsync(agent.Email!);

        var page = await client.GetPageAsync($"/customers/{id}");

        var text = page.QuerySelector("#customer-interactions")!.TextContent;
        Assert.Contains("مكالمة فريق أ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("رسالة فريق ب", text, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Export_StaffUser_SeesNoExportAndIsDenied()
    {
        var id = await AddCustomerAsync(f, "ماجد الزهراني", NewPhone(), "majed@example.sa");
        var staff = await SignedInAsync(f, Roles.Staff);

        var page = await staff.GetPageAsync($"/customers/{id}");
        Assert.Null(page.QuerySelector($"a[href='/customers/{id}/export']"));
        var response = await staff.GetAsync($"/customers/{id}/export");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var manager = await SignedInAsync(f, Roles.Manager);
        Assert.NotNull((await manager.GetPageAsync($"/customers/{id}")).QuerySelector($"a[href='/customers/{id}/export']"));
        var file = await manager.GetAsync($"/customers/{id}/export");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/json", file.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await file.Content.ReadAsStringAsync());
        Assert.Equal("ماجد الزهراني", json.RootElement.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("majed@example.sa", json.RootElement.GetProperty("contacts")[1].GetProperty("value").GetString());
    }

    [Fact]
    public virtual async Task Erase_AdminTypesNumber_AnonymizesCustomerAndRedactsHistory()
    {
        var admin = await AdminAsync(f);
        var phone = NewPhone();
        var id = IdFromLocation(await admin.PostFormAsync("/customers/new",
            [new("Input.Name", "هند السبيعي"), new("Input.Phones[0].Value", phone), new("Input.Language", "ar"),
             new("Input.Consent", "true"), new("Input.Education", "دكتوراه")]));
        await admin.PostFormAsync($"/customers/{id}", [new("Note.Body", "تفضّل التواصل مساءً")], $"/customers/{id}?handler=Note");
        var interaction = await AddInteractionAsync(f, id, Channel.Email, "شكوى", f.Clock.GetUtcNow().UtcDateTime, customerMessage: "رقم هويتي 1234567890");

        var wrong = await admin.PostFormAsync($"/customers/{id}/erase", [new("Confirmation", "999")]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("هند السبيعي", await f.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));

        var done = await admin.PostFormAsync($"/customers/{id}/erase", [new("Confirmation", ToArabicIndic(id.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var customer = await f.WithDbAsync(db => db.Customers.AsNoTracking().Include(c => c.Contacts).SingleAsync(c => c.Id == id));
        Assert.Equal($"Erased customer #{id}", customer.Name);
        Assert.Empty(customer.Contacts);
        Assert.Null(customer.Education);
        Assert.Null(customer.ConsentAt);
        Assert.Equal(0, await f.WithDbAsync(db => db.Set<CustomerNote>().CountAsync(n => n.CustomerId == id)));
        var bodies = await f.WithDbAsync(db => db.TimelineEntries.Where(t => t.InteractionId == interaction).Select(t => t.Body).ToListAsync());
        Assert.Equal(["[erased]"], bodies);
        var audit = await f.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity.StartsWith("customers_") || a.Entity == "interactions_timeline").ToListAsync());
        Assert.Contains(audit, a => a.Entity == "customers_customers" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Modified");
        Assert.DoesNotContain(audit, a => a.Changes.Contains("هند السبيعي", StringComparison.Ordinal)
            || a.Changes.Contains("دكتوراه", StringComparison.Ordinal) || a.Changes.Contains("1234567890", StringComparison.Ordinal)
            || a.Changes.Contains(phone[1..], StringComparison.Ordinal));
    }

    [Fact]
    public virtual async Task Erase_Supervisor_IsDenied()
    {
        var id = await AddCustomerAsync(f, "تركي المطيري", NewPhone());
        var supervisor = await SignedInAsync(f, Roles.Supervisor);
        var response = await supervisor.GetAsync($"/customers/{id}/erase");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task List_SearchByPhoneInArabicIndicDigitsAndEmail_FindsCustomerInFragment()
    {
        var phone = NewPhone();
        var id = await AddCustomerAsync(f, "أمل الغامدي", phone, "Amal.G@Example.sa");
        var client = await SignedInAsync(f, Roles.Agent);

        var byPhone = await client.HtmxGetAsync("/customers?handler=List&q=" + Uri.EscapeDataString(ToArabicIndic(phone[..7])));
        var fragment = Http.Parse(await byPhone.Content.ReadAsStringAsync());
        Assert.Equal("customer-list", fragment.Body!.FirstElementChild!.Id);
        Assert.NotNull(fragment.QuerySelector($"a[href='/customers/{id}']"));
        Assert.StartsWith("/customers?q=", byPhone.Headers.GetValues("HX-Push-Url").Single(), StringComparison.Ordinal);

        var byEmail = await client.GetPageAsync("/customers?q=AMAL.G%40example");
        Assert.NotNull(byEmail.QuerySelector($"#customer-list a[href='/customers/{id}']"));
        var byName = await client.GetPageAsync("/customers?q=" + Uri.EscapeDataString("الغامدي"));
        Assert.NotNull(byName.QuerySelector($"#customer-list a[href='/customers/{id}']"));
        var none = await client.GetPageAsync("/customers?q=" + Uri.EscapeDataString("لا يوجد أحد بهذا الاسم"));
        Assert.Null(none.QuerySelector("#customer-list tbody tr"));
    }

    [Fact]
    public virtual async Task List_MoreThanOnePage_PagesByKeysetBothWays()
    {
        var prefix = "زبون-" + Guid.NewGuid().ToString("N")[..6] + "-";
        for (var i = 0; i < 30; i++)
            await AddCustomerAsync(f, prefix + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
                configure: c => c.Type = CustomerType.Government);
        var client = await SignedInAsync(f, Roles.Staff);
        var query = "/customers?type=Government&q=" + Uri.EscapeDataString(prefix);

        var first = await client.GetPageAsync(query);
        var firstNames = first.QuerySelectorAll("#customer-list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(25, firstNames.Count);
        Assert.Equal(prefix + "00", firstNames[0]);
        Assert.Null(first.QuerySelector("#customer-list a[rel=prev]"));
        var next = first.QuerySelector("#customer-list a[rel=next]")!.GetAttribute("href")!;

        var second = await client.GetPageAsync(next);
        var secondNames = second.QuerySelectorAll("#customer-list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([prefix + "25", prefix + "26", prefix + "27", prefix + "28", prefix + "29"], secondNames);
        Assert.Null(second.QuerySelector("#customer-list a[rel=next]"));

        var back = await client.GetPageAsync(second.QuerySelector("#customer-list a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(firstNames, back.QuerySelectorAll("#customer-list tbody tr td:first-child").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public virtual async Task ContactsRow_AddWithoutJavaScriptAndWithHtmx_KeepsTypedValues()
    {
        var client = await AdminAsync(f);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Name", "ليلى"),
            new("Input.Phones[0].Value", "0551112222"),
            new("Command", "add:Phones"),
        };

        var full = await client.PostFormAsync("/customers/new", fields, "/customers/new?handler=Contacts");
        var page = Http.Parse(await full.Content.ReadAsStringAsync());
        Assert.Equal("/customers/new", page.QuerySelector("#customer-form")!.GetAttribute("action"));
        Assert.Equal("ليلى", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        Assert.Equal(2, page.QuerySelectorAll("#contacts-phones .contact-row").Length);

        var partial = await client.PostFormAsync("/customers/new", fields, "/customers/new?handler=Contacts", htmx: true);
        var fragment = Http.Parse(await partial.Content.ReadAsStringAsync());
        Assert.Equal("customer-contacts", fragment.Body!.FirstElementChild!.Id);
        Assert.Equal("0551112222", fragment.QuerySelector("input[name='Input.Phones[0].Value']")!.GetAttribute("value"));
        Assert.Equal(2, fragment.QuerySelectorAll("#contacts-phones .contact-row").Length);
    }

    [Fact]
    public virtual async Task Lifecycle_SupervisorMarksLostWithoutThenWithReason_RequiresReason()
    {
        var id = await AddCustomerAsync(f, "سلطان العتيبي", NewPhone());
        var agent = await SignedInAsync(f, Roles.Agent);
        Assert.Null((await agent.GetPageAsync($"/customers/{id}")).QuerySelector(".lifecycle-form"));
        var denied = await agent.PostFormAsync($"/customers/{id}", [new("Lifecycle.Value", "Lost"), new("Lifecycle.LostReason", "x")], $"/customers/{id}?handler=Lifecycle");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);

        var supervisor = await SignedInAsync(f, Roles.Supervisor);
        var missing = await supervisor.PostFormAsync($"/customers/{id}", [new("Lifecycle.Value", "Lost")], $"/customers/{id}?handler=Lifecycle", htmx: true);
        var html = await missing.Content.ReadAsStringAsync();
        var fragment = Http.Parse(html);
        Assert.Equal("customer-lifecycle", fragment.Body!.FirstElementChild!.Id);
        Assert.True(fragment.QuerySelector(".field-error")!.TextContent.Contains("اذكر سبب فقد العميل", StringComparison.Ordinal), html);

        var saved = await supervisor.PostFormAsync($"/customers/{id}", [new("Lifecycle.Value", "Lost"), new("Lifecycle.LostReason", "انتقل إلى منافس")], $"/customers/{id}?handler=Lifecycle");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var customer = await f.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(Lifecycle.Lost, customer.Lifecycle);
        Assert.Equal("انتقل إلى منافس", customer.LostReason);
    }

    [Fact]
    public virtual async Task Note_AddedByAgent_VisibleToEveryEmployee()
    {
        var id = await AddCustomerAsync(f, "بدر الحربي", NewPhone());
        var agent = await SignedInAsync(f, Roles.Agent);
        var response = await agent.PostFormAsync($"/customers/{id}", [new("Note.Body", "يفضّل البريد على الهاتف")], $"/customers/{id}?handler=Note", htmx: true);
        var fragment = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("customer-notes", fragment.Body!.FirstElementChild!.Id);

        var staff = await SignedInAsync(f, Roles.Staff);
        var page = await staff.GetPageAsync($"/customers/{id}");
        Assert.Contains("يفضّل البريد على الهاتف", page.QuerySelector("#customer-notes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("agent user", page.QuerySelector("#customer-notes .meta")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Profile_MissingCustomer_Returns404()
    {
        var client = await SignedInAsync(f, Roles.Agent);
        await client.GetPageAsync("/customers/987654321", HttpStatusCode.NotFound);
        await client.GetPageAsync("/customers/987654321/edit", HttpStatusCode.NotFound);
    }
}

public sealed class CustomersPagesTests(KhidmaFactory f) : CustomersPagesTestsBase(f), IClassFixture<KhidmaFactory>;

public sealed class CustomersPagesPostgresTests(PostgresKhidmaFactory f) : CustomersPagesTestsBase(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task CreateForm_ArabicNameAndTwoPhones_SavesNormalizedContacts() => base.CreateForm_ArabicNameAndTwoPhones_SavesNormalizedContacts();
    [PostgresFact] public override Task CreateForm_MissingNameAndBadEmail_ReturnsFormWithErrorsAndPostedValues() => base.CreateForm_MissingNameAndBadEmail_ReturnsFormWithErrorsAndPostedValues();
    [PostgresFact] public override Task CreateForm_SamePhoneTypedDifferently_WarnsThenSavesAnyway() => base.CreateForm_SamePhoneTypedDifferently_WarnsThenSavesAnyway();
    [PostgresFact] public override Task CreateForm_BackgroundWithoutConsent_DropsBackground() => base.CreateForm_BackgroundWithoutConsent_DropsBackground();
    [PostgresFact] public override Task Profile_SettingExcludesAgents_HidesBackgroundFromAgent() => base.Profile_SettingExcludesAgents_HidesBackgroundFromAgent();
    [PostgresFact] public override Task Profile_InteractionsOnSeveralChannels_ListsEveryOneNewestFirst() => base.Profile_InteractionsOnSeveralChannels_ListsEveryOneNewestFirst();
    [PostgresFact] public override Task Profile_AgentOfAnotherTeam_SeesOnlyVisibleInteractions() => base.Profile_AgentOfAnotherTeam_SeesOnlyVisibleInteractions();
    [PostgresFact] public override Task Export_StaffUser_SeesNoExportAndIsDenied() => base.Export_StaffUser_SeesNoExportAndIsDenied();
    [PostgresFact] public override Task Erase_AdminTypesNumber_AnonymizesCustomerAndRedactsHistory() => base.Erase_AdminTypesNumber_AnonymizesCustomerAndRedactsHistory();
    [PostgresFact] public override Task Erase_Supervisor_IsDenied() => base.Erase_Supervisor_IsDenied();
    [PostgresFact] public override Task List_SearchByPhoneInArabicIndicDigitsAndEmail_FindsCustomerInFragment() => base.List_SearchByPhoneInArabicIndicDigitsAndEmail_FindsCustomerInFragment();
    [PostgresFact] public override Task List_MoreThanOnePage_PagesByKeysetBothWays() => base.List_MoreThanOnePage_PagesByKeysetBothWays();
    [PostgresFact] public override Task ContactsRow_AddWithoutJavaScriptAndWithHtmx_KeepsTypedValues() => base.ContactsRow_AddWithoutJavaScriptAndWithHtmx_KeepsTypedValues();
    [PostgresFact] public override Task Lifecycle_SupervisorMarksLostWithoutThenWithReason_RequiresReason() => base.Lifecycle_SupervisorMarksLostWithoutThenWithReason_RequiresReason();
    [PostgresFact] public override Task Note_AddedByAgent_VisibleToEveryEmployee() => base.Note_AddedByAgent_VisibleToEveryEmployee();
    [PostgresFact] public override Task Profile_MissingCustomer_Returns404() => base.Profile_MissingCustomer_Returns404();
}
