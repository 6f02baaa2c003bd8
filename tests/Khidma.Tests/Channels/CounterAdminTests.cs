using System.Globalization;
using System.Net;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Tests.Channels;

public sealed class CounterAdminSqliteTests(KhidmaFactory f) : CounterAdminTests(f), IClassFixture<KhidmaFactory>;

public sealed class CounterAdminPostgresTests(PostgresKhidmaFactory f) : CounterAdminTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task CounterAdmin_NonAdmin_Denied() => base.CounterAdmin_NonAdmin_Denied();
    [PostgresFact] public override Task Branch_CreateEditDeactivate_KioskFollowsAndAudited() => base.Branch_CreateEditDeactivate_KioskFollowsAndAudited();
    [PostgresFact] public override Task Branch_UppercaseOrDuplicateSlugOrUnknownZone_ErrorsInArabicAndKeepsValues() => base.Branch_UppercaseOrDuplicateSlugOrUnknownZone_ErrorsInArabicAndKeepsValues();
    [PostgresFact] public override Task Counter_CreateWithServices_DuplicateNumberRejected() => base.Counter_CreateWithServices_DuplicateNumberRejected();
    [PostgresFact] public override Task Skills_Edit_SavedAndUsedByCallNext() => base.Skills_Edit_SavedAndUsedByCallNext();
}

public abstract class CounterAdminTests(KhidmaFactory f)
{
    private static KeyValuePair<string, string> P(string key, string value) => new(key, value);

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await f.CreateUserAsync(Roles.Admin);
        var client = f.NewClient();
        await client.SignInAsync(admin.Email!);
        return client;
    }

    private static string Slug() => "br-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<int> CreateBranchAsync(HttpClient admin, string slug, string? zone = null)
    {
        var response = await admin.PostFormAsync("/admin/branches/edit",
            [P("Input.Code", slug), P("Input.NameAr", "فرع الشمال"), P("Input.NameEn", "North branch"), P("Input.NameFr", "Agence nord"),
             P("Input.TimeZoneId", zone ?? ""), P("Input.IsActive", "true")]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} {Http.Trim(await response.Content.ReadAsStringAsync())}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/branches/edit/", location, StringComparison.Ordinal);
        return int.Parse(location["/admin/branches/edit/".Length..].Split('?')[0], CultureInfo.InvariantCulture);
    }

    [Fact]
    public virtual async Task CounterAdmin_NonAdmin_Denied()
    {
        var branch = await f.WithDbAsync(db => db.Branches.Select(b => b.Id).FirstAsync());
        var agent = await f.CreateUserAsync(Roles.Manager);
        var client = f.NewClient();
        await client.SignInAsync(agent.Email!);
        foreach (var url in new[] { "/admin/branches", "/admin/branches/edit", $"/admin/branches/edit/{branch}", $"/admin/branches/{branch}/counters/edit",
                     "/admin/counter-skills", $"/admin/counter-skills/{agent.Id}" })
        {
            var response = await client.GetAsync(url);
            var denied = response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal));
            Assert.True(denied, $"{url}: {(int)response.StatusCode}");
        }
        var anonymous = await f.NewClient().GetAsync("/admin/branches");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Branch_CreateEditDeactivate_KioskFollowsAndAudited()
    {
        var admin = await AdminAsync();
        var slug = Slug();
        var id = await CreateBranchAsync(admin, slug, "Asia/Dubai");

        var list = await admin.GetPageAsync("/admin/branches");
        Assert.Equal("rtl", list.DocumentElement.GetAttribute("dir"));
        Assert.Contains("فرع الشمال", list.QuerySelector($"tr[data-code='{slug}']")!.TextContent, StringComparison.Ordinal);
        var kiosk = await f.NewClient().GetPageAsync($"/kiosk/{slug}");
        Assert.Contains("فرع الشمال", kiosk.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var stored = await f.WithDbAsync(db => db.Branches.AsNoTracking().SingleAsync(b => b.Id == id));
        Assert.Equal(("فرع الشمال", "North branch", "Agence nord", "Asia/Dubai"), (stored.Name.Ar, stored.Name.En, stored.Name.Fr, stored.TimeZoneId));

        // Deactivating: an unticked checkbox posts only its hidden "false".
        var edit = await admin.PostFormAsync($"/admin/branches/edit/{id}",
            [P("Input.Code", slug), P("Input.NameAr", "فرع الشمال الجديد"), P("Input.NameEn", ""), P("Input.NameFr", ""), P("Input.TimeZoneId", ""), P("Input.IsActive", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        stored = await f.WithDbAsync(db => db.Branches.AsNoTracking().SingleAsync(b => b.Id == id));
        Assert.Equal(("فرع الشمال الجديد", null, null, false), (stored.Name.Ar, stored.Name.En, stored.TimeZoneId, stored.IsActive));
        await f.NewClient().GetPageAsync($"/kiosk/{slug}", HttpStatusCode.NotFound);
        await f.NewClient().GetPageAsync($"/board/{slug}", HttpStatusCode.NotFound);

        var audit = await f.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == "counter_branches" && a.EntityId == id.ToString(CultureInfo.InvariantCulture)).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["Added", "Modified"], audit.Select(a => a.Action));
        Assert.Contains("فرع الشمال الجديد", audit[1].Changes, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Branch_UppercaseOrDuplicateSlugOrUnknownZone_ErrorsInArabicAndKeepsValues()
    {
        var admin = await AdminAsync();
        var taken = Slug();
        await CreateBranchAsync(admin, taken);

        var upper = await admin.PostFormAsync("/admin/branches/edit",
            [P("Input.Code", "North"), P("Input.NameAr", "فرع"), P("Input.TimeZoneId", ""), P("Input.IsActive", "true")]);
        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        var doc = Http.Parse(await upper.Content.ReadAsStringAsync());
        Assert.Contains("الحروف اللاتينية الصغيرة", doc.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("North", doc.QuerySelector("#Input_Code")!.GetAttribute("value"));
        Assert.Equal("فرع", doc.QuerySelector("#Input_NameAr")!.GetAttribute("value"));

        var duplicate = await admin.PostFormAsync("/admin/branches/edit",
            [P("Input.Code", taken), P("Input.NameAr", "فرع"), P("Input.TimeZoneId", "Mars/Olympus"), P("Input.IsActive", "true")]);
        doc = Http.Parse(await duplicate.Content.ReadAsStringAsync());
        Assert.Contains("مستخدم لفرع آخر", doc.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("غير معروفة", doc.QuerySelector("[data-valmsg-for='Input.TimeZoneId']")!.TextContent, StringComparison.Ordinal);

        var missing = await admin.PostFormAsync("/admin/branches/edit", [P("Input.Code", Slug()), P("Input.NameAr", ""), P("Input.IsActive", "true")]);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal(1, await f.WithDbAsync(db => db.Branches.CountAsync(b => b.Code == taken)));
    }

    [Fact]
    public virtual async Task Counter_CreateWithServices_DuplicateNumberRejected()
    {
        var admin = await AdminAsync();
        var branch = await CreateBranchAsync(admin, Slug());
        var service = await f.WithDbAsync(async db =>
        {
            var s = new Service { Name = new LocalizedText("تجديد الرخصة", "Licence renewal"), TypicalMinutes = 5 };
            db.Services.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
        var form = await admin.GetPageAsync($"/admin/branches/{branch}/counters/edit");
        Assert.NotNull(form.QuerySelector($"input[name='Input.ServiceIds'][value='{service}']"));

        var created = await admin.PostFormAsync($"/admin/branches/{branch}/counters/edit",
            [P("Input.Number", "4"), P("Input.Name", "شباك كبار السن"), P("Input.IsOpen", "true"), P("Input.ServiceIds", service.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var desk = await f.WithDbAsync(db => db.CounterDesks.AsNoTracking().Include(d => d.Services).SingleAsync(d => d.BranchId == branch));
        Assert.Equal(("4", "شباك كبار السن", true), (desk.Number, desk.Name, desk.IsOpen));
        Assert.Equal([service], desk.Services.Select(s => s.ServiceId));

        var page = await admin.GetPageAsync($"/admin/branches/edit/{branch}");
        Assert.NotNull(page.QuerySelector($".counter-desks a[href='/admin/branches/{branch}/counters/edit/{desk.Id}']"));

        var duplicate = await admin.PostFormAsync($"/admin/branches/{branch}/counters/edit", [P("Input.Number", "4"), P("Input.IsOpen", "true")]);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("شباك آخر بهذا الرقم", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Closing it and serving every service: no service ticked.
        var closed = await admin.PostFormAsync($"/admin/branches/{branch}/counters/edit/{desk.Id}", [P("Input.Number", "4"), P("Input.Name", ""), P("Input.IsOpen", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        desk = await f.WithDbAsync(db => db.CounterDesks.AsNoTracking().Include(d => d.Services).SingleAsync(d => d.Id == desk.Id));
        Assert.Equal((false, 0), (desk.IsOpen, desk.Services.Count));
        await admin.GetPageAsync($"/admin/branches/{branch + 100000}/counters/edit", HttpStatusCode.NotFound);
    }

    [Fact]
    public virtual async Task Skills_Edit_SavedAndUsedByCallNext()
    {
        var admin = await AdminAsync();
        var agent = await f.CreateUserAsync(Roles.Agent);
        var (a, b) = await f.WithDbAsync(async db =>
        {
            var x = new Service { Name = new LocalizedText("خدمة أ", "Service A"), TypicalMinutes = 5 };
            var y = new Service { Name = new LocalizedText("خدمة ب", "Service B"), TypicalMinutes = 5 };
            db.Services.AddRange(x, y);
            await db.SaveChangesAsync();
            return (x.Id, y.Id);
        });
        var list = await admin.GetPageAsync("/admin/counter-skills");
        Assert.Contains("جميع خدمات الشباك", list.QuerySelector($"tr[data-user='{agent.Id}']")!.TextContent, StringComparison.Ordinal);

        var saved = await admin.PostFormAsync($"/admin/counter-skills/{agent.Id}", [P("ServiceIds", b.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([b], await f.WithDbAsync(db => db.Set<AgentSkill>().Where(s => s.UserId == agent.Id).Select(s => s.ServiceId).ToListAsync()));
        list = await admin.GetPageAsync("/admin/counter-skills");
        Assert.Contains("خدمة ب", list.QuerySelector($"tr[data-user='{agent.Id}']")!.TextContent, StringComparison.Ordinal);
        var edit = await admin.GetPageAsync($"/admin/counter-skills/{agent.Id}");
        Assert.NotNull(edit.QuerySelector($"input[name='ServiceIds'][value='{b}'][checked]"));
        Assert.Null(edit.QuerySelector($"input[name='ServiceIds'][value='{a}'][checked]"));

        saved = await admin.PostFormAsync($"/admin/counter-skills/{agent.Id}", [P("ServiceIds", a.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([a], await f.WithDbAsync(db => db.Set<AgentSkill>().Where(s => s.UserId == agent.Id).Select(s => s.ServiceId).ToListAsync()));
        await admin.GetPageAsync("/admin/counter-skills/nobody", HttpStatusCode.NotFound);
    }
}
