using System.Net;
using AngleSharp.Dom;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Admin;

// The same scenarios on SQLite (AdminTests) and PostgreSQL (AdminPostgresTests).
public abstract class AdminScenarios(KhidmaFactory f)
{
    protected KhidmaFactory F { get; } = f;

    private async Task<(HttpClient Client, AppUser Admin)> AdminAsync()
    {
        var admin = await F.CreateUserAsync(Roles.Admin);
        var client = F.NewClient();
        await client.SignInAsync(admin.Email!);
        return (client, admin);
    }

    private static KeyValuePair<string, string> P(string key, string value) => new(key, value);

    // The newest audited change of one property of one record, as the audit page shows it.
    private static async Task<(string? Before, string? After)> AuditedAsync(HttpClient client, string entity, string entityId, string property)
    {
        var doc = await client.GetPageAsync($"/admin/audit?entity={entity}&entityId={Uri.EscapeDataString(entityId)}");
        var li = doc.QuerySelector($"#audit-list tr[data-entry] li[data-property='{property}']");
        Assert.True(li is not null, $"no audited change of {entity} {entityId} {property}");
        return (li.QuerySelector(".before")?.TextContent.Trim(), li.QuerySelector(".after")?.TextContent.Trim());
    }

    private static async Task<IDocument> DocAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}, expected {(int)expected}\n{Http.Trim(html)}");
        return Http.Parse(html);
    }

    private static void AssertRedirect(HttpResponseMessage response, string? startsWith = null)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}");
        if (startsWith is not null) Assert.StartsWith(startsWith, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static readonly string[] AdminPages =
    [
        "/admin", "/admin/users", "/admin/users/new", "/admin/teams", "/admin/teams/edit", "/admin/statuses", "/admin/statuses/edit",
        "/admin/stages", "/admin/stages/edit", "/admin/services", "/admin/services/edit", "/admin/charter", "/admin/charter/goals/edit",
        "/admin/settings", "/admin/tokens",
    ];

    protected async Task AdminPages_NonAdmin_DeniedAsync()
    {
        foreach (var role in new[] { Roles.Manager, Roles.Supervisor, Roles.Agent, Roles.Staff })
        {
            var user = await F.CreateUserAsync(role);
            var client = F.NewClient();
            await client.SignInAsync(user.Email!);
            foreach (var url in AdminPages)
            {
                var response = await client.GetAsync(url);
                var denied = response.StatusCode == HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal));
                Assert.True(denied, $"{role} on {url}: {(int)response.StatusCode}");
            }
            // The audit log is open to managers, not to the other roles.
            var audit = await client.GetAsync("/admin/audit");
            if (role == Roles.Manager) Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
            else Assert.Equal(HttpStatusCode.Redirect, audit.StatusCode);
        }
        var anonymous = await F.NewClient().GetAsync("/admin/users");
        AssertRedirect(anonymous, "http://localhost/account/sign-in");

        var (adminClient, _) = await AdminAsync();
        foreach (var url in AdminPages.Append("/admin/audit"))
        {
            var page = await adminClient.GetPageAsync(url);
            Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        }
    }

    protected async Task CreateUser_FiveWrongPasswords_LockedOutUntilAdminUnlocksAsync()
    {
        var (admin, _) = await AdminAsync();
        var team = await F.WithDbAsync(async db =>
        {
            var t = new Team { Name = "الاستقبال " + Guid.NewGuid().ToString("N")[..6] };
            db.Teams.Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });
        var email = $"new-{Guid.NewGuid():N}@test.local";
        var doc = await DocAsync(await admin.PostFormAsync("/admin/users/new",
        [
            P("Input.DisplayName", "سارة العتيبي"), P("Input.Email", email), P("Input.Password", ""),
            P("Input.Role", Roles.Agent), P("Input.TeamIds", team.ToString()), P("Input.Culture", "ar"),
        ]));
        var password = doc.QuerySelector("#generated-password")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(password));

        var user = await F.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal("سارة العتيبي", user.DisplayName);
        Assert.True(await F.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.UserId == user.Id && m.TeamId == team)));
        Assert.True(await F.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == user.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Agent))));
        Assert.Equal("سارة العتيبي", (await AuditedAsync(admin, "people_users", user.Id, "DisplayName")).After);

        await F.NewClient().SignInAsync(email, password!);

        var person = F.NewClient();
        for (var i = 0; i < 5; i++)
            await DocAsync(await person.PostFormAsync("/account/sign-in", [P("Input.Email", email), P("Input.Password", "wrong-password")]));
        var locked = await DocAsync(await person.PostFormAsync("/account/sign-in", [P("Input.Email", email), P("Input.Password", password!)]));
        Assert.Contains("محاولات فاشلة كثيرة", locked.Body!.TextContent, StringComparison.Ordinal);

        var list = await admin.GetPageAsync("/admin/users");
        Assert.NotNull(list.QuerySelector($"tr[data-user='{email}'] .locked"));
        var edit = await admin.GetPageAsync($"/admin/users/{user.Id}");
        Assert.Equal("نعم", edit.QuerySelector("#lockout-state")!.TextContent.Trim());

        AssertRedirect(await admin.PostFormAsync($"/admin/users/{user.Id}", [], $"/admin/users/{user.Id}?handler=Unlock"));
        edit = await admin.GetPageAsync($"/admin/users/{user.Id}");
        Assert.Equal("لا", edit.QuerySelector("#lockout-state")!.TextContent.Trim());
        var lockout = await AuditedAsync(admin, "people_users", user.Id, "LockoutEnd");
        Assert.NotEqual("∅", lockout.Before);
        Assert.Equal("∅", lockout.After);
        await F.NewClient().SignInAsync(email, password!);

        // A reset password replaces the old one and is shown once.
        var reset = await DocAsync(await admin.PostFormAsync($"/admin/users/{user.Id}", [], $"/admin/users/{user.Id}?handler=ResetPassword"));
        var newPassword = reset.QuerySelector("#new-password code")!.TextContent.Trim();
        Assert.NotEqual(password, newPassword);
        await F.NewClient().SignInAsync(email, newPassword);
    }

    protected async Task CreateUser_InvalidInput_LocalizedErrorsAndValuesKeptAsync()
    {
        var (admin, _) = await AdminAsync();
        var doc = await DocAsync(await admin.PostFormAsync("/admin/users/new",
        [
            P("Input.DisplayName", ""), P("Input.Email", "not-an-email"), P("Input.Password", ""),
            P("Input.Role", Roles.Agent), P("Input.Culture", "ar"),
        ]));
        Assert.Contains("حقل الاسم الظاهر مطلوب.", doc.QuerySelector("[data-valmsg-for='Input.DisplayName']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("not-an-email", doc.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));

        var existing = await F.CreateUserAsync(Roles.Staff);
        doc = await DocAsync(await admin.PostFormAsync("/admin/users/new?culture=en",
        [
            P("Input.DisplayName", "Duplicate"), P("Input.Email", existing.Email!), P("Input.Password", "short"),
            P("Input.Role", Roles.Agent), P("Input.Culture", "en"),
        ], "/admin/users/new?culture=en"));
        Assert.Equal("ltr", doc.DocumentElement.GetAttribute("dir"));
        Assert.Contains("already used", doc.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Duplicate", doc.QuerySelector("input[name='Input.DisplayName']")!.GetAttribute("value"));
    }

    protected async Task SignIn_DeactivatedUser_RefusedAsync()
    {
        var (admin, _) = await AdminAsync();
        var user = await F.CreateUserAsync(Roles.Agent);
        await F.NewClient().SignInAsync(user.Email!);
        AssertRedirect(await admin.PostFormAsync($"/admin/users/{user.Id}",
            [P("Input.DisplayName", "agent user"), P("Input.Role", Roles.Agent), P("Input.Culture", "ar"), P("Input.IsActive", "false")]));
        Assert.False(await F.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.IsActive).SingleAsync()));
        Assert.Equal(("true", "false"), await AuditedAsync(admin, "people_users", user.Id, "IsActive"));

        var response = await F.NewClient().PostFormAsync("/account/sign-in", [P("Input.Email", user.Email!), P("Input.Password", KhidmaFactory.Password)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var list = await admin.GetPageAsync("/admin/users");
        Assert.Contains("معطّل", list.QuerySelector($"tr[data-user='{user.Email}']")!.TextContent, StringComparison.Ordinal);
    }

    protected async Task EditUser_LastActiveAdmin_CannotBeDemotedOrDeactivatedAsync()
    {
        var (client, admin) = await AdminAsync();
        // Leave this admin as the only active one.
        var others = await F.WithDbAsync(async db =>
        {
            var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync();
            var ids = await db.UserRoles.Where(r => r.RoleId == adminRole && r.UserId != admin.Id).Select(r => r.UserId).ToListAsync();
            var users = await db.Users.Where(u => ids.Contains(u.Id) && u.IsActive).ToListAsync();
            foreach (var u in users) u.IsActive = false;
            await db.SaveChangesAsync();
            return users.Select(u => u.Id).ToList();
        });
        try
        {
            var demote = await DocAsync(await client.PostFormAsync($"/admin/users/{admin.Id}",
                [P("Input.DisplayName", "admin user"), P("Input.Role", Roles.Manager), P("Input.Culture", "ar"), P("Input.IsActive", "true")]));
            Assert.Contains("يجب أن يبقى مدير نظام فعّال واحد على الأقل.", demote.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
            var deactivate = await DocAsync(await client.PostFormAsync($"/admin/users/{admin.Id}",
                [P("Input.DisplayName", "admin user"), P("Input.Role", Roles.Admin), P("Input.Culture", "ar"), P("Input.IsActive", "false")]));
            Assert.NotNull(deactivate.QuerySelector(".validation-summary-errors"));
            Assert.True(await F.WithDbAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.IsActive).SingleAsync()));
            Assert.True(await F.WithScopeAsync(async sp =>
            {
                var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
                return await users.IsInRoleAsync((await users.FindByIdAsync(admin.Id))!, Roles.Admin);
            }));

            // With a second active admin, the demotion goes through.
            var second = await F.CreateUserAsync(Roles.Admin);
            AssertRedirect(await client.PostFormAsync($"/admin/users/{second.Id}",
                [P("Input.DisplayName", "second"), P("Input.Role", Roles.Supervisor), P("Input.Culture", "en"), P("Input.IsActive", "true")]));
            Assert.NotNull((await DocAsync(await client.PostFormAsync($"/admin/users/{admin.Id}",
                [P("Input.DisplayName", "admin user"), P("Input.Role", Roles.Manager), P("Input.Culture", "ar"), P("Input.IsActive", "true")]))).QuerySelector(".validation-summary-errors"));
        }
        finally
        {
            await F.WithDbAsync(async db =>
            {
                await db.Users.Where(u => others.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, true));
            });
        }
    }

    protected async Task Statuses_DefaultRules_OneDefaultOfCategoryNewAsync()
    {
        var (admin, _) = await AdminAsync();
        var open = await F.WithDbAsync(db => db.InteractionStatuses.Where(s => s.Category == StatusCategory.Open).Select(s => s.Id).FirstAsync());
        var doc = await DocAsync(await admin.PostFormAsync($"/admin/statuses/edit/{open}", Status("مفتوح", StatusCategory.Open, isDefault: true)));
        Assert.Contains("يجب أن تكون الحالة الافتراضية من فئة «جديد».", doc.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("مفتوح", doc.QuerySelector("input[name='Input.NameAr']")!.GetAttribute("value"));

        AssertRedirect(await admin.PostFormAsync("/admin/statuses/edit", Status("وارد", StatusCategory.New, isDefault: true)), "/admin/statuses");
        var defaults = await F.WithDbAsync(db => db.InteractionStatuses.Where(s => s.IsDefault).Select(s => new { s.Id, s.Name.Ar }).ToListAsync());
        var incoming = Assert.Single(defaults);
        Assert.Equal("وارد", incoming.Ar);
        var seeded = await F.WithDbAsync(db => db.InteractionStatuses.Where(s => s.Category == StatusCategory.New && s.Id != incoming.Id).Select(s => s.Id).FirstAsync());
        Assert.Equal(("true", "false"), await AuditedAsync(admin, "interactions_statuses", seeded.ToString(), "IsDefault"));

        doc = await DocAsync(await admin.PostFormAsync($"/admin/statuses/edit/{incoming.Id}", Status("وارد", StatusCategory.New, isDefault: false)));
        Assert.Contains("يجب أن تكون حالة واحدة فقط هي الافتراضية", doc.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        doc = await DocAsync(await admin.PostFormAsync($"/admin/statuses/edit/{incoming.Id}", Status("وارد", StatusCategory.Open, isDefault: true)));
        Assert.NotNull(doc.QuerySelector(".validation-summary-errors"));
        doc = await DocAsync(await admin.PostFormAsync($"/admin/statuses/edit/{incoming.Id}", [], $"/admin/statuses/edit/{incoming.Id}?handler=Delete"));
        Assert.Contains("لا يمكن حذف الحالة الافتراضية", doc.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);

        // A status in use keeps its category and cannot be deleted, but can be deactivated.
        await F.WithDbAsync(async db =>
        {
            var customer = new Customer { Name = "عميل", CreatedAt = F.Clock.GetUtcNow().UtcDateTime, UpdatedAt = F.Clock.GetUtcNow().UtcDateTime };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var now = F.Clock.GetUtcNow().UtcDateTime;
            db.Interactions.Add(new Interaction { CustomerId = customer.Id, Subject = "s", StatusId = open, StatusCategory = StatusCategory.Open, CreatedAt = now, UpdatedAt = now, LastActivityAt = now });
            await db.SaveChangesAsync();
        });
        doc = await DocAsync(await admin.PostFormAsync($"/admin/statuses/edit/{open}", [], $"/admin/statuses/edit/{open}?handler=Delete"));
        Assert.Contains("هذه الحالة مستخدمة ولا يمكن حذفها", doc.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        doc = await DocAsync(await admin.PostFormAsync($"/admin/statuses/edit/{open}", Status("مفتوح", StatusCategory.Closed, isDefault: false)));
        Assert.NotNull(doc.QuerySelector(".validation-summary-errors"));
        AssertRedirect(await admin.PostFormAsync($"/admin/statuses/edit/{open}", Status("مفتوح", StatusCategory.Open, isDefault: false, active: false)));
        Assert.False(await F.WithDbAsync(db => db.InteractionStatuses.Where(s => s.Id == open).Select(s => s.IsActive).SingleAsync()));

        // An unused status that is not the default can be deleted.
        AssertRedirect(await admin.PostFormAsync("/admin/statuses/edit", Status("مؤقت", StatusCategory.Open, isDefault: false)));
        var temp = await F.WithDbAsync(db => db.InteractionStatuses.Where(s => s.Name.Ar == "مؤقت").Select(s => s.Id).SingleAsync());
        AssertRedirect(await admin.PostFormAsync($"/admin/statuses/edit/{temp}", [], $"/admin/statuses/edit/{temp}?handler=Delete"));
        Assert.False(await F.WithDbAsync(db => db.InteractionStatuses.AnyAsync(s => s.Id == temp)));
    }

    private static KeyValuePair<string, string>[] Status(string ar, StatusCategory category, bool isDefault, bool active = true) =>
    [
        P("Input.NameAr", ar), P("Input.NameEn", ar + " (en)"), P("Input.NameFr", ""), P("Input.Category", category.ToString()),
        P("Input.Position", "7"), P("Input.IsDefault", isDefault ? "true" : "false"), P("Input.IsActive", active ? "true" : "false"),
    ];

    protected async Task Service_CustomStageList_SavedInChosenOrderAsync()
    {
        var (admin, _) = await AdminAsync();
        var key = "check-" + Guid.NewGuid().ToString("N")[..6];
        AssertRedirect(await admin.PostFormAsync("/admin/stages/edit",
        [
            P("Input.Key", key), P("Input.NameAr", "التحقق من المستندات"), P("Input.NameEn", "Check the documents"),
            P("Input.HintAr", "اطلب المستندات الأصلية"), P("Input.Position", "10"), P("Input.IsDefault", "false"), P("Input.IsActive", "true"),
        ]), "/admin/stages");
        var bad = await DocAsync(await admin.PostFormAsync("/admin/stages/edit",
            [P("Input.Key", "Bad Key"), P("Input.NameAr", "مرحلة"), P("Input.Position", "1")]));
        Assert.NotEmpty(bad.QuerySelector("[data-valmsg-for='Input.Key']")!.TextContent.Trim());

        var stages = await F.WithDbAsync(db => db.StageDefinitions.ToDictionaryAsync(s => s.Key, s => s.Id));
        var form = await admin.GetPageAsync("/admin/services/edit");
        var rows = form.QuerySelectorAll("#service-stages tbody tr").Length;
        Assert.Equal(stages.Count, rows);
        var order = new[] { key, "welcome", "farewell" };
        var fields = new List<KeyValuePair<string, string>>
        {
            P("Input.NameAr", "تجديد الرخصة"), P("Input.NameEn", "Licence renewal"), P("Input.DescriptionAr", "تجديد رخصة النشاط"),
            P("Input.BenefitsAr", "إنجاز سريع"), P("Input.ConditionsAr", "رخصة سارية"), P("Input.TypicalMinutes", "25"),
            P("Input.RequiredSkills", "licensing"), P("Input.IsActive", "true"),
        };
        var i = 0;
        foreach (var (k, id) in stages)
        {
            fields.Add(P($"Input.Stages[{i}].StageId", id.ToString()));
            var at = Array.IndexOf(order, k);
            fields.Add(P($"Input.Stages[{i}].Included", at >= 0 ? "true" : "false"));
            fields.Add(P($"Input.Stages[{i}].Order", (at >= 0 ? at + 1 : 50).ToString()));
            i++;
        }
        AssertRedirect(await admin.PostFormAsync("/admin/services/edit", fields), "/admin/services");
        var saved = await F.WithDbAsync(db => db.Services.Where(s => s.Name.Ar == "تجديد الرخصة")
            .Select(s => new { s.Id, s.TypicalMinutes, Stages = s.Stages.OrderBy(x => x.Position).Select(x => x.Stage!.Key).ToList() }).SingleAsync());
        Assert.Equal(order, saved.Stages);
        Assert.Equal(25, saved.TypicalMinutes);
        Assert.Equal("تجديد الرخصة", (await AuditedAsync(admin, "services_services", saved.Id.ToString(), "Name.Ar")).After);
        Assert.Equal("0", (await AuditedAsync(admin, "services_service_stages", $"{saved.Id},{stages[key]}", "Position")).After);

        var list = await admin.GetPageAsync("/admin/services?culture=en");
        Assert.Contains("Check the documents", list.QuerySelector($"tr[data-service='{saved.Id}'] .stage-summary")!.TextContent, StringComparison.Ordinal);
        var edit = await admin.GetPageAsync($"/admin/services/edit/{saved.Id}");
        Assert.Equal(stages[key].ToString(), edit.QuerySelector("input[name='Input.Stages[0].StageId']")!.GetAttribute("value"));

        // Nothing ticked: the service goes back to the default stages.
        var cleared = fields.Select(p => p.Key.EndsWith(".Included", StringComparison.Ordinal) ? P(p.Key, "false") : p).ToList();
        AssertRedirect(await admin.PostFormAsync($"/admin/services/edit/{saved.Id}", cleared));
        Assert.False(await F.WithDbAsync(db => db.ServiceStages.AnyAsync(s => s.ServiceId == saved.Id)));
    }

    protected async Task Stages_MoveUp_ReorderedAsync()
    {
        var (admin, _) = await AdminAsync();
        var before = await F.WithDbAsync(db => db.StageDefinitions.OrderBy(s => s.Position).ThenBy(s => s.Id).Select(s => new { s.Id, s.Key }).ToListAsync());
        var second = before[1];
        var response = await admin.PostFormAsync("/admin/stages", [P("id", second.Id.ToString()), P("direction", "up")], "/admin/stages?handler=Move", htmx: true);
        var fragment = await DocAsync(response);
        var keys = fragment.QuerySelectorAll("#stage-list tbody tr").Select(r => r.GetAttribute("data-stage")).ToList();
        Assert.Equal(second.Key, keys[0]);
        Assert.Equal(before[0].Key, keys[1]);
        AssertRedirect(await admin.PostFormAsync("/admin/stages", [P("id", second.Id.ToString()), P("direction", "down")], "/admin/stages?handler=Move"));
        var after = await F.WithDbAsync(db => db.StageDefinitions.OrderBy(s => s.Position).ThenBy(s => s.Id).Select(s => s.Key).ToListAsync());
        Assert.Equal(before.Select(s => s.Key), after);
    }

    protected async Task Charter_PublishGoals_ShownOnPublicPageInArabicAndEnglishAsync()
    {
        var (admin, adminUser) = await AdminAsync();
        var response = await admin.PostFormAsync("/admin/charter/goals/edit",
        [
            P("Input.ParentId", ""), P("Input.TitleAr", "رعاية العملاء وقت حاجتهم"), P("Input.TitleEn", "Care for customers whenever they need us"),
            P("Input.BodyAr", "نرعى العميل كلما رجع إلينا"), P("Input.BodyEn", "We look after customers whenever they come back to us"),
            P("Input.Position", "0"), P("Input.IsActive", "true"),
        ]);
        AssertRedirect(response, "/admin/charter#goal-");
        var generalId = int.Parse(response.Headers.Location!.OriginalString.Split("#goal-")[1], System.Globalization.CultureInfo.InvariantCulture);
        AssertRedirect(await admin.PostFormAsync($"/admin/charter/goals/edit?parentId={generalId}",
        [
            P("Input.ParentId", generalId.ToString()), P("Input.TitleAr", "الودية التامة"), P("Input.TitleEn", "Complete friendliness"),
            P("Input.BodyAr", "يشعر العملاء أنهم في بيوتهم وبين أهلهم"), P("Input.BodyEn", "Customers feel at home"),
            P("Input.Position", "0"), P("Input.IsActive", "true"),
        ]));
        var missing = await DocAsync(await admin.PostFormAsync("/admin/charter/goals/edit", [P("Input.TitleAr", ""), P("Input.TitleEn", "English only"), P("Input.Position", "1")]));
        Assert.Contains("حقل العنوان بالعربية مطلوب.", missing.QuerySelector("[data-valmsg-for='Input.TitleAr']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("English only", missing.QuerySelector("input[name='Input.TitleEn']")!.GetAttribute("value"));

        AssertRedirect(await admin.PostFormAsync("/admin/charter", [P("Input.Note", "الإصدار الأول")], "/admin/charter?handler=Publish"), "/admin/charter?published=1");

        var visitor = F.NewClient();
        var ar = await visitor.GetPageAsync("/charter");
        Assert.Equal("ar", ar.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", ar.DocumentElement.GetAttribute("dir"));
        Assert.Contains("رعاية العملاء وقت حاجتهم", ar.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("الودية التامة", ar.Body.TextContent, StringComparison.Ordinal);
        var en = await visitor.GetPageAsync("/charter?culture=en");
        Assert.Equal("en", en.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", en.DocumentElement.GetAttribute("dir"));
        Assert.Contains("Care for customers whenever they need us", en.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Complete friendliness", en.Body.TextContent, StringComparison.Ordinal);
        var accept = new HttpRequestMessage(HttpMethod.Get, "/charter");
        accept.Headers.Add("Accept-Language", "en");
        Assert.Contains("Complete friendliness", await (await F.NewClient().SendAsync(accept)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A change shows at once (the cache is dropped) and the next publication is version 2.
        F.Clock.Advance(TimeSpan.FromMinutes(5));
        AssertRedirect(await admin.PostFormAsync($"/admin/charter/goals/edit/{generalId}",
        [
            P("Input.ParentId", ""), P("Input.TitleAr", "رعاية العملاء في كل وقت"), P("Input.TitleEn", "Care for customers at any time"),
            P("Input.BodyAr", "نرعى العميل كلما رجع إلينا"), P("Input.Position", "0"), P("Input.IsActive", "true"),
        ]));
        Assert.Contains("Care for customers at any time", (await visitor.GetPageAsync("/charter?culture=en")).Body!.TextContent, StringComparison.Ordinal);
        var page = await admin.GetPageAsync("/admin/charter");
        Assert.NotNull(page.QuerySelector("#charter-publish .alert.warn"));
        AssertRedirect(await admin.PostFormAsync("/admin/charter", [P("Input.Note", "")], "/admin/charter?handler=Publish"), "/admin/charter?published=2");

        var versions = await F.WithDbAsync(db => db.CharterVersions.OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Contains("Care for customers whenever they need us", versions[0].SnapshotJson, StringComparison.Ordinal);
        Assert.Contains("الودية التامة", versions[0].SnapshotJson, StringComparison.Ordinal);
        Assert.Contains("Care for customers at any time", versions[1].SnapshotJson, StringComparison.Ordinal);
        Assert.Equal(adminUser.Email, versions[0].PublishedBy);
        Assert.Equal(("Care for customers whenever they need us", "Care for customers at any time"),
            await AuditedAsync(admin, "charter_goals", generalId.ToString(), "Title.En"));
        Assert.Equal("2", (await AuditedAsync(admin, "charter_versions", versions[1].Id.ToString(), "Number")).After);

        var v1 = await admin.GetPageAsync("/admin/charter/versions/1");
        Assert.Contains("Care for customers whenever they need us", v1.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("الإصدار الأول", v1.Body.TextContent, StringComparison.Ordinal);
        await admin.GetPageAsync("/admin/charter/versions/99", HttpStatusCode.NotFound);
    }

    protected async Task Token_CreateThenRevoke_BearerWorksThenFailsAsync()
    {
        var (admin, _) = await AdminAsync();
        var doc = await DocAsync(await admin.PostFormAsync("/admin/tokens", [P("Input.Name", "بوابة الهاتف"), P("Input.Role", Roles.Manager)], "/admin/tokens?handler=Create"));
        var token = doc.QuerySelector("#new-token code")!.TextContent.Trim();
        var row = await F.WithDbAsync(db => db.ApiTokens.SingleAsync(t => t.Name == "بوابة الهاتف"));
        Assert.Equal(token[..8], row.Prefix);
        Assert.NotEqual(token, row.TokenHash);
        Assert.Equal(Web.Platform.Auth.AuthSetup.HashToken(token), row.TokenHash);
        Assert.DoesNotContain(token, (await admin.GetPageAsync("/admin/tokens")).Body!.InnerHtml, StringComparison.Ordinal);

        var api = F.NewClient().WithBearer(token);
        var audit = await api.GetAsync("/api/v1/audit?entity=people_api_tokens&limit=5");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        using (var json = System.Text.Json.JsonDocument.Parse(await audit.Content.ReadAsStringAsync()))
        {
            var first = json.RootElement.GetProperty("items")[0];
            Assert.Equal(row.Id.ToString(), first.GetProperty("entityId").GetString());
            Assert.Equal("بوابة الهاتف", first.GetProperty("changes").GetProperty("Name")[1].GetString());
        }
        Assert.NotNull(await F.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == row.Id).Select(t => t.LastUsedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/no-such-route")).StatusCode);
        // A token of a role below manager is known but not allowed to read the log.
        var agent = F.NewClient().WithBearer(await F.CreateTokenAsync(Roles.Agent));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/audit")).StatusCode);

        AssertRedirect(await admin.PostFormAsync("/admin/tokens", [], $"/admin/tokens?handler=Revoke&id={row.Id}"), "/admin/tokens");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal("∅", (await AuditedAsync(admin, "people_api_tokens", row.Id.ToString(), "RevokedAt")).Before);
        var list = await admin.GetPageAsync("/admin/tokens");
        Assert.Empty(list.QuerySelectorAll($"tr[data-token='{row.Prefix}'] form"));
    }

    protected async Task Settings_BackgroundRoles_StoredCommaSeparatedAsync()
    {
        var (admin, _) = await AdminAsync();
        var page = await admin.GetPageAsync("/admin/settings");
        var checkedRoles = page.QuerySelectorAll("#background-roles input:checked").Select(i => i.GetAttribute("value")).ToList();
        var current = await F.WithScopeAsync(sp => AdminSettings.BackgroundRolesAsync(sp.GetRequiredService<Web.Platform.Data.AppDbContext>()));
        Assert.Equal(current, checkedRoles.OfType<string>().ToList());
        AssertRedirect(await admin.PostFormAsync("/admin/settings", [P("Input.BackgroundRoles", Roles.Admin), P("Input.BackgroundRoles", Roles.Agent), P("Input.BackgroundRoles", "root")]));
        Assert.Equal("admin,agent", await F.WithDbAsync(db => db.Settings.Where(s => s.Key == AdminSettings.BackgroundRolesKey).Select(s => s.Value).SingleAsync()));
        Assert.Equal("admin,agent", (await AuditedAsync(admin, "admin_settings", AdminSettings.BackgroundRolesKey, "Value")).After);
        page = await admin.GetPageAsync("/admin/settings");
        Assert.Equal([Roles.Admin, Roles.Agent], page.QuerySelectorAll("#background-roles input:checked").Select(i => i.GetAttribute("value")));
    }

    protected async Task Audit_Changes_ShownWithBeforeAndAfterAsync()
    {
        var (admin, adminUser) = await AdminAsync();
        var name = "فريق الاستقبال " + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostFormAsync("/admin/teams/edit", [P("Input.Name", name), P("Input.Description", "الصالة الرئيسية"), P("Input.IsActive", "true")]);
        AssertRedirect(created, "/admin/teams/edit/");
        var teamId = created.Headers.Location!.OriginalString.Split('/')[^1].Split('?')[0];
        var duplicate = await DocAsync(await admin.PostFormAsync("/admin/teams/edit", [P("Input.Name", name), P("Input.IsActive", "true")]));
        Assert.Contains("يوجد فريق آخر بهذا الاسم", duplicate.QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent, StringComparison.Ordinal);
        var renamed = name.Replace("الاستقبال", "الاتصال", StringComparison.Ordinal);
        AssertRedirect(await admin.PostFormAsync($"/admin/teams/edit/{teamId}",
            [P("Input.Name", renamed), P("Input.Description", "الصالة الرئيسية"), P("Input.IsActive", "true"), P("Input.MemberIds", adminUser.Id)]));

        var doc = await admin.GetPageAsync($"/admin/audit?entity=people_teams&entityId={teamId}");
        var rows = doc.QuerySelectorAll("#audit-list tr[data-entry]");
        Assert.Equal(2, rows.Length);
        var change = rows[0].QuerySelector("li[data-property='Name']")!;
        Assert.Equal(name, change.QuerySelector(".before")!.TextContent.Trim());
        Assert.Equal(renamed, change.QuerySelector(".after")!.TextContent.Trim());
        Assert.Contains(adminUser.Email!, rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(name, rows[1].QuerySelector("li[data-property='Name'] .after")!.TextContent.Trim());

        // Memberships too, and the log filters by who made the change.
        var members = await admin.GetPageAsync($"/admin/audit?entity=people_team_members&user={Uri.EscapeDataString(adminUser.Email!)}");
        Assert.Contains(members.QuerySelectorAll("tr[data-entry]"), r => r.GetAttribute("data-entity-id") == $"{teamId},{adminUser.Id}");

        // The filter and the pager answer htmx with the fragment only.
        var fragment = await admin.HtmxGetAsync($"/admin/audit?handler=List&entity=people_teams&entityId={teamId}");
        var html = await fragment.Content.ReadAsStringAsync();
        Assert.StartsWith("<section id=\"audit-list\"", html.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);

        var manager = await F.CreateUserAsync(Roles.Manager);
        var managerClient = F.NewClient();
        await managerClient.SignInAsync(manager.Email!);
        var byManager = await managerClient.GetPageAsync($"/admin/audit?entity=people_teams&entityId={teamId}&from=2026-11-22&to=2026-11-22");
        Assert.Equal(2, byManager.QuerySelectorAll("tr[data-entry]").Length);
        var outside = await managerClient.GetPageAsync($"/admin/audit?entity=people_teams&entityId={teamId}&from=2026-11-23");
        Assert.Empty(outside.QuerySelectorAll("tr[data-entry]"));
    }

    protected async Task Audit_ManyEntries_PagedByKeyNewestFirstAsync()
    {
        var (admin, _) = await AdminAsync();
        var stage = await F.WithDbAsync(db => db.StageDefinitions.OrderBy(s => s.Id).FirstAsync());
        // 120 changes to one record, then walk the pages back to the first.
        for (var i = 0; i < 120; i++)
        {
            await F.WithDbAsync(async db =>
            {
                var s = await db.StageDefinitions.SingleAsync(x => x.Id == stage.Id);
                s.Hint = new LocalizedText("تلميح " + i.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Hint.En, s.Hint.Fr);
                await db.SaveChangesAsync();
            });
        }
        var seen = new List<string>();
        var url = $"/admin/audit?entity=services_stage_definitions&entityId={stage.Id}";
        for (var pages = 0; url is not null && pages < 10; pages++)
        {
            var doc = await admin.GetPageAsync(url);
            seen.AddRange(doc.QuerySelectorAll("tr[data-entry]").Select(r => r.GetAttribute("data-entry")!));
            url = doc.QuerySelector("#audit-list a[rel=next]")?.GetAttribute("href");
        }
        Assert.True(seen.Count >= 120, $"saw {seen.Count}");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var ids = seen.Select(long.Parse).ToList();
        Assert.Equal(ids.OrderByDescending(x => x), ids);
    }
}

public sealed class AdminTests(KhidmaFactory f) : AdminScenarios(f), IClassFixture<KhidmaFactory>
{
    [Fact] public Task AdminPages_NonAdmin_Denied() => AdminPages_NonAdmin_DeniedAsync();
    [Fact] public Task CreateUser_FiveWrongPasswords_LockedOutUntilAdminUnlocks() => CreateUser_FiveWrongPasswords_LockedOutUntilAdminUnlocksAsync();
    [Fact] public Task CreateUser_InvalidInput_LocalizedErrorsAndValuesKept() => CreateUser_InvalidInput_LocalizedErrorsAndValuesKeptAsync();
    [Fact] public Task SignIn_DeactivatedUser_Refused() => SignIn_DeactivatedUser_RefusedAsync();
    [Fact] public Task EditUser_LastActiveAdmin_CannotBeDemotedOrDeactivated() => EditUser_LastActiveAdmin_CannotBeDemotedOrDeactivatedAsync();
    [Fact] public Task Statuses_DefaultRules_OneDefaultOfCategoryNew() => Statuses_DefaultRules_OneDefaultOfCategoryNewAsync();
    [Fact] public Task Service_CustomStageList_SavedInChosenOrder() => Service_CustomStageList_SavedInChosenOrderAsync();
    [Fact] public Task Stages_MoveUp_Reordered() => Stages_MoveUp_ReorderedAsync();
    [Fact] public Task Charter_PublishGoals_ShownOnPublicPageInArabicAndEnglish() => Charter_PublishGoals_ShownOnPublicPageInArabicAndEnglishAsync();
    [Fact] public Task Token_CreateThenRevoke_BearerWorksThenFails() => Token_CreateThenRevoke_BearerWorksThenFailsAsync();
    [Fact] public Task Settings_BackgroundRoles_StoredCommaSeparated() => Settings_BackgroundRoles_StoredCommaSeparatedAsync();
    [Fact] public Task Audit_Changes_ShownWithBeforeAndAfter() => Audit_Changes_ShownWithBeforeAndAfterAsync();
    [Fact] public Task Audit_ManyEntries_PagedByKeyNewestFirst() => Audit_ManyEntries_PagedByKeyNewestFirstAsync();
}

public sealed class AdminPostgresTests(PostgresKhidmaFactory f) : AdminScenarios(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public Task AdminPages_NonAdmin_Denied() => AdminPages_NonAdmin_DeniedAsync();
    [PostgresFact] public Task CreateUser_FiveWrongPasswords_LockedOutUntilAdminUnlocks() => CreateUser_FiveWrongPasswords_LockedOutUntilAdminUnlocksAsync();
    [PostgresFact] public Task CreateUser_InvalidInput_LocalizedErrorsAndValuesKept() => CreateUser_InvalidInput_LocalizedErrorsAndValuesKeptAsync();
    [PostgresFact] public Task SignIn_DeactivatedUser_Refused() => SignIn_DeactivatedUser_RefusedAsync();
    [PostgresFact] public Task EditUser_LastActiveAdmin_CannotBeDemotedOrDeactivated() => EditUser_LastActiveAdmin_CannotBeDemotedOrDeactivatedAsync();
    [PostgresFact] public Task Statuses_DefaultRules_OneDefaultOfCategoryNew() => Statuses_DefaultRules_OneDefaultOfCategoryNewAsync();
    [PostgresFact] public Task Service_CustomStageList_SavedInChosenOrder() => Service_CustomStageList_SavedInChosenOrderAsync();
    [PostgresFact] public Task Stages_MoveUp_Reordered() => Stages_MoveUp_ReorderedAsync();
    [PostgresFact] public Task Charter_PublishGoals_ShownOnPublicPageInArabicAndEnglish() => Charter_PublishGoals_ShownOnPublicPageInArabicAndEnglishAsync();
    [PostgresFact] public Task Token_CreateThenRevoke_BearerWorksThenFails() => Token_CreateThenRevoke_BearerWorksThenFailsAsync();
    [PostgresFact] public Task Settings_BackgroundRoles_StoredCommaSeparated() => Settings_BackgroundRoles_StoredCommaSeparatedAsync();
    [PostgresFact] public Task Audit_Changes_ShownWithBeforeAndAfter() => Audit_Changes_ShownWithBeforeAndAfterAsync();
    [PostgresFact] public Task Audit_ManyEntries_PagedByKeyNewestFirst() => Audit_ManyEntries_PagedByKeyNewestFirstAsync();
}
