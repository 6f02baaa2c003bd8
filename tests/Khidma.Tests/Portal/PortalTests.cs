using System.Net;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Portal.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Portal;

public sealed class PortalSqliteTests(PortalFactory f) : PortalTests(f), IClassFixture<PortalFactory>;

public sealed class PortalPostgresTests(PostgresPortalFactory f) : PortalTests(f), IClassFixture<PostgresPortalFactory>
{
    [PostgresFact] public override Task ContactForm_Valid_CreatesInteractionCustomerAttachmentAndAcknowledgment() => base.ContactForm_Valid_CreatesInteractionCustomerAttachmentAndAcknowledgment();
    [PostgresFact] public override Task ContactForm_KnownPhone_UsesExistingCustomer() => base.ContactForm_KnownPhone_UsesExistingCustomer();
    [PostgresFact] public override Task ContactForm_HoneypotFilled_PretendsSuccessAndCreatesNothing() => base.ContactForm_HoneypotFilled_PretendsSuccessAndCreatesNothing();
    [PostgresFact] public override Task ContactForm_OverRateLimit_Returns429KeepingTypedText() => base.ContactForm_OverRateLimit_Returns429KeepingTypedText();
    [PostgresFact] public override Task ContactForm_NoEmailNorPhone_KeepsInputWithError() => base.ContactForm_NoEmailNorPhone_KeepsInputWithError();
    [PostgresFact] public override Task ContactForm_BlockedFileType_KeepsInputWithError() => base.ContactForm_BlockedFileType_KeepsInputWithError();
    [PostgresFact] public override Task SignInLink_KnownEmail_QueuedInCustomerLanguageAndWorksOnce() => base.SignInLink_KnownEmail_QueuedInCustomerLanguageAndWorksOnce();
    [PostgresFact] public override Task SignInLink_After15Minutes_Expired() => base.SignInLink_After15Minutes_Expired();
    [PostgresFact] public override Task SignInLink_UnknownEmail_SameAnswerNothingQueued() => base.SignInLink_UnknownEmail_SameAnswerNothingQueued();
    [PostgresFact] public override Task SignInLink_StaffAddress_DoesNotSignInAsStaff() => base.SignInLink_StaffAddress_DoesNotSignInAsStaff();
    [PostgresFact] public override Task PasswordSignIn_Customer_SeesOwnRequestsOnly() => base.PasswordSignIn_Customer_SeesOwnRequestsOnly();
    [PostgresFact] public override Task PasswordSignIn_StaffAccount_Refused() => base.PasswordSignIn_StaffAccount_Refused();
    [PostgresFact] public override Task Portal_OtherCustomersInteraction_Returns404ForReadReplyAndFile() => base.Portal_OtherCustomersInteraction_Returns404ForReadReplyAndFile();
    [PostgresFact] public override Task Portal_Customer_CannotReachStaffPages() => base.Portal_Customer_CannotReachStaffPages();
    [PostgresFact] public override Task Portal_SignedOut_RedirectsToPortalSignIn() => base.Portal_SignedOut_RedirectsToPortalSignIn();
    [PostgresFact] public override Task Interaction_NotesStagesAndAssignments_NotShown() => base.Interaction_NotesStagesAndAssignments_NotShown();
    [PostgresFact] public override Task Reply_WithAttachmentWhileWaitingOnCustomer_ReopensAndResumesClocks() => base.Reply_WithAttachmentWhileWaitingOnCustomer_ReopensAndResumesClocks();
    [PostgresFact] public override Task Reply_EmptyBody_KeepsPageWithError() => base.Reply_EmptyBody_KeepsPageWithError();
    [PostgresFact] public override Task Interaction_OpenPromise_ShownWithDueTimeKeptOneNot() => base.Interaction_OpenPromise_ShownWithDueTimeKeptOneNot();
    [PostgresFact] public override Task Profile_LanguageAndPassword_SavedOnUserAndCustomer() => base.Profile_LanguageAndPassword_SavedOnUserAndCustomer();
    [PostgresFact] public override Task StaffTimeline_WebFormFiles_ListedAndDownloadable() => base.StaffTimeline_WebFormFiles_ListedAndDownloadable();
    [PostgresFact] public override Task SignOut_Customer_PortalClosedAgain() => base.SignOut_Customer_PortalClosedAgain();
    [PostgresFact] public override Task EraseCustomer_WithPortalAccount_AccountClosedAndAddressGone() => base.EraseCustomer_WithPortalAccount_AccountClosedAndAddressGone();
}

public abstract class PortalTests(PortalFactory f)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% portal test\n"u8.ToArray();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public virtual async Task ContactForm_Valid_CreatesInteractionCustomerAttachmentAndAcknowledgment()
    {
        await f.AddMailboxAsync($"{Unique("web")}@khidma.test");
        var service = await f.AddServiceAsync();
        var email = $"{Unique("visitor")}@Example.test";
        var client = f.NewClient();

        var response = await client.PostMultipartAsync("/contact", "/contact",
            [("Input.ServiceId", service.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Name", "نورة العتيبي"), ("Input.Email", email),
             ("Input.Phone", ""), ("Input.Subject", ""), ("Input.Message", "أرغب في تجديد اشتراكي\nشكرًا"), ("Input.Homepage", "")],
            [("invoice.pdf", Pdf, "application/pdf"), ("photo.png", [0x89, 0x50, 0x4E, 0x47], "image/png")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/contact/sent", response.Headers.Location?.OriginalString);
        var interaction = await f.WithDbAsync(db => db.Interactions.AsNoTracking().Include(i => i.Timeline)
            .Where(i => i.Channel == Channel.Web && i.ServiceId == service).OrderByDescending(i => i.Id).FirstAsync());
        var page = await client.GetPageAsync("/contact/sent");
        Assert.Equal(interaction.Reference, page.QuerySelector("#contact-reference")!.TextContent.Trim());
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.NotNull(page.QuerySelector("#contact-expected"));

        Assert.Equal("أرغب في تجديد اشتراكي", interaction.Subject);
        var first = Assert.Single(interaction.Timeline);
        Assert.Equal(TimelineKind.CustomerMessage, first.Kind);
        Assert.Equal(PortalFiles.Marker, first.Data);
        var customer = await f.WithDbAsync(db => db.Customers.AsNoTracking().Include(c => c.Contacts).FirstAsync(c => c.Id == interaction.CustomerId));
        Assert.Equal("نورة العتيبي", customer.Name);
        Assert.Equal("ar", customer.Language);
        var normalized = email.ToLowerInvariant();
        Assert.Contains(customer.Contacts, c => c.Kind == ContactKind.Email && c.Normalized == normalized);
        var files = await f.WithDbAsync(db => db.Set<PortalAttachment>().AsNoTracking().Where(a => a.InteractionId == interaction.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["invoice.pdf", "photo.png"], files.Select(a => a.FileName));
        Assert.All(files, a => Assert.Equal(first.Id, a.TimelineEntryId));
        var stored = await f.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<PortalFiles>().FullPath(files[0].Sha256)));
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(stored));
        var ack = Assert.Single(await f.OutboxOfKindAsync(OutboxKind.Acknowledgment), o => o.InteractionId == interaction.Id);
        Assert.Equal(email.ToLowerInvariant(), ack.ToAddresses);
        Assert.Contains(interaction.Reference, ack.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task ContactForm_KnownPhone_UsesExistingCustomer()
    {
        var customerId = await f.AddCustomerAsync(null, "خالد");
        await f.WithDbAsync(async db =>
        {
            db.CustomerContacts.Add(new CustomerContact { CustomerId = customerId, Kind = ContactKind.Phone, Value = "0551234567", Normalized = "966551234567" });
            await db.SaveChangesAsync();
        });
        var client = f.NewClient();

        var response = await client.PostMultipartAsync("/contact", "/contact",
            [("Input.Name", "خالد"), ("Input.Phone", "+966 55 123 4567"), ("Input.Message", "اتصلوا بي من فضلكم")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var count = await f.WithDbAsync(db => db.Interactions.CountAsync(i => i.CustomerId == customerId && i.Channel == Channel.Web));
        Assert.Equal(1, count);
    }

    [Fact]
    public virtual async Task ContactForm_HoneypotFilled_PretendsSuccessAndCreatesNothing()
    {
        var before = await f.WithDbAsync(async db => (await db.Interactions.CountAsync(), await db.Customers.CountAsync()));
        var client = f.NewClient();

        var response = await client.PostMultipartAsync("/contact", "/contact",
            [("Input.Name", "Bot"), ("Input.Email", "bot@spam.test"), ("Input.Message", "cheap pills"), ("Input.Homepage", "http://spam.test")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/contact/sent", response.Headers.Location?.OriginalString);
        var page = await client.GetPageAsync("/contact/sent");
        Assert.StartsWith("KH-", page.QuerySelector("#contact-reference")!.TextContent.Trim(), StringComparison.Ordinal);
        var after = await f.WithDbAsync(async db => (await db.Interactions.CountAsync(), await db.Customers.CountAsync()));
        Assert.Equal(before, after);
    }

    [Fact]
    public virtual async Task ContactForm_OverRateLimit_Returns429KeepingTypedText()
    {
        using PortalFactory limited = f.Postgres ? new PostgresPortalFactory { ContactLimit = 2 } : new PortalFactory { ContactLimit = 2 };
        var client = limited.NewClient();
        (string, string)[] fields = [("Input.Name", "ليلى"), ("Input.Email", "not-an-email"), ("Input.Message", "رسالتي الطويلة المهمة")];

        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostMultipartAsync("/contact", "/contact", fields)).StatusCode);
        var refused = await client.PostMultipartAsync("/contact", "/contact", fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = Http.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("أرسلت عدة رسائل في وقت قصير", page.QuerySelector(".alert.error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("رسالتي الطويلة المهمة", page.QuerySelector("textarea[name='Input.Message']")!.TextContent.Trim());
        Assert.Equal("ليلى", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        Assert.Equal(0, await limited.WithDbAsync(db => db.Interactions.CountAsync()));
    }

    [Fact]
    public virtual async Task ContactForm_NoEmailNorPhone_KeepsInputWithError()
    {
        var before = await f.WithDbAsync(db => db.Interactions.CountAsync());
        var client = f.NewClient();

        var response = await client.PostMultipartAsync("/contact", "/contact",
            [("Input.Name", "فهد"), ("Input.Subject", "سؤال"), ("Input.Message", "ما مواعيد العمل؟")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("اكتب بريدًا إلكترونيًا أو رقم هاتف", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("فهد", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        Assert.Equal("سؤال", page.QuerySelector("input[name='Input.Subject']")!.GetAttribute("value"));
        Assert.Equal("ما مواعيد العمل؟", page.QuerySelector("textarea[name='Input.Message']")!.TextContent.Trim());
        Assert.Equal(before, await f.WithDbAsync(db => db.Interactions.CountAsync()));
    }

    [Fact]
    public virtual async Task ContactForm_BlockedFileType_KeepsInputWithError()
    {
        var client = f.NewClient();

        var response = await client.PostMultipartAsync("/contact", "/contact",
            [("Input.Name", "فهد"), ("Input.Email", "fahd@example.test"), ("Input.Message", "مرفق برنامج")],
            [("setup.exe", [0x4D, 0x5A], "application/octet-stream")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("setup.exe", page.QuerySelector("[data-valmsg-for='Files']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("fahd@example.test", page.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
        Assert.Equal("مرفق برنامج", page.QuerySelector("textarea[name='Input.Message']")!.TextContent.Trim());
    }

    private async Task<string> RequestLinkAsync(string email)
    {
        var client = f.NewClient();
        var response = await client.PostFormAsync("/portal/sign-in", [new("Link.Email", email)], "/portal/sign-in?handler=Link");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public virtual async Task SignInLink_KnownEmail_QueuedInCustomerLanguageAndWorksOnce()
    {
        await f.AddMailboxAsync($"{Unique("links")}@khidma.test");
        var email = $"{Unique("amal")}@example.test";
        var customerId = await f.AddCustomerAsync(email, "Amal", "fr");

        var location = await RequestLinkAsync(email.ToUpperInvariant());

        Assert.Equal("/portal/sign-in?sent=true", location);
        var row = Assert.Single(await f.OutboxOfKindAsync(OutboxKind.SignInLink), o => o.ToAddresses == email);
        Assert.Equal("Votre lien de connexion", row.Subject);
        var link = PortalHttp.LinkIn(await f.OutboxTextAsync(row));
        var path = new Uri(link).AbsolutePath;
        var hashes = await f.WithDbAsync(db => db.Set<SignInLink>().AsNoTracking().Where(l => l.CustomerId == customerId).Select(l => l.TokenHash).ToListAsync());
        Assert.DoesNotContain(hashes, h => path.Contains(h, StringComparison.Ordinal));

        var client = f.NewClient();
        var ready = await client.GetPageAsync(path);
        Assert.NotNull(ready.QuerySelector("#link-use"));
        var used = await client.PostFormAsync(path, []);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/portal/profile?welcome=true", used.Headers.Location?.OriginalString);
        var home = await client.GetPageAsync("/portal");
        Assert.Equal("fr", home.DocumentElement.GetAttribute("lang"));
        var account = await f.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.Users.SingleAsync(u => u.CustomerId == customerId);
            return (user, await users.GetRolesAsync(user));
        });
        Assert.Equal([Roles.Customer], account.Item2);
        Assert.Equal("fr", account.user.Culture);

        var again = await f.NewClient().PostFormAsync(path, []);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(Http.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("#link-unusable"));
    }

    [Fact]
    public virtual async Task SignInLink_After15Minutes_Expired()
    {
        await f.AddMailboxAsync($"{Unique("links")}@khidma.test");
        var email = $"{Unique("late")}@example.test";
        await f.AddCustomerAsync(email);
        await RequestLinkAsync(email);
        var row = Assert.Single(await f.OutboxOfKindAsync(OutboxKind.SignInLink), o => o.ToAddresses == email);
        var path = new Uri(PortalHttp.LinkIn(await f.OutboxTextAsync(row))).AbsolutePath;

        f.Clock.Advance(TimeSpan.FromMinutes(16));
        var client = f.NewClient();
        var response = await client.PostFormAsync(path, []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(Http.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#link-unusable"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/portal")).StatusCode);
    }

    [Fact]
    public virtual async Task SignInLink_UnknownEmail_SameAnswerNothingQueued()
    {
        await f.AddMailboxAsync($"{Unique("links")}@khidma.test");
        var known = $"{Unique("known")}@example.test";
        await f.AddCustomerAsync(known);
        var before = (await f.OutboxOfKindAsync(OutboxKind.SignInLink)).Count;

        var unknownAnswer = await RequestLinkAsync($"{Unique("nobody")}@example.test");
        Assert.Equal(before, (await f.OutboxOfKindAsync(OutboxKind.SignInLink)).Count);
        var knownAnswer = await RequestLinkAsync(known);

        Assert.Equal(knownAnswer, unknownAnswer);
        Assert.Equal(before + 1, (await f.OutboxOfKindAsync(OutboxKind.SignInLink)).Count);
        var page = await f.NewClient().GetPageAsync(unknownAnswer);
        Assert.NotNull(page.QuerySelector("#link-sent"));
    }

    [Fact]
    public virtual async Task SignInLink_StaffAddress_DoesNotSignInAsStaff()
    {
        await f.AddMailboxAsync($"{Unique("links")}@khidma.test");
        var email = $"{Unique("agent")}@example.test";
        await f.CreateUserAsync(Roles.Agent, email);
        await f.AddCustomerAsync(email);
        await RequestLinkAsync(email);
        var row = Assert.Single(await f.OutboxOfKindAsync(OutboxKind.SignInLink), o => o.ToAddresses == email);
        var path = new Uri(PortalHttp.LinkIn(await f.OutboxTextAsync(row))).AbsolutePath;

        var client = f.NewClient();
        var response = await client.PostFormAsync(path, []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/interactions")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/portal")).StatusCode);
    }

    [Fact]
    public virtual async Task PasswordSignIn_Customer_SeesOwnRequestsOnly()
    {
        var email = $"{Unique("mine")}@example.test";
        var mine = await f.AddCustomerAsync(email);
        var other = await f.AddCustomerAsync(null, "عميل آخر");
        var myId = await f.AddInteractionAsync(mine, "طلبي أنا");
        await f.AddInteractionAsync(other, "طلب غيري");

        var client = await f.SignedInCustomerAsync(mine, email);
        var page = await client.GetPageAsync("/portal");

        var rows = page.QuerySelectorAll("#portal-requests tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains(Interaction.FormatReference(myId), row.TextContent, StringComparison.Ordinal);
        Assert.Contains("طلبي أنا", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task PasswordSignIn_StaffAccount_Refused()
    {
        var email = $"{Unique("staff")}@example.test";
        await f.CreateUserAsync(Roles.Agent, email);

        var response = await f.NewClient().PostFormAsync("/portal/sign-in",
            [new("Password.Email", email), new("Password.Password", KhidmaFactory.Password)], "/portal/sign-in?handler=Password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("password-form", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Portal_OtherCustomersInteraction_Returns404ForReadReplyAndFile()
    {
        var emailA = $"{Unique("a")}@example.test";
        var a = await f.AddCustomerAsync(emailA);
        var b = await f.AddCustomerAsync($"{Unique("b")}@example.test");
        var mine = await f.AddInteractionAsync(a);
        var theirs = await f.AddInteractionAsync(b, "سري", "معلومات خاصة بالعميل ب");
        var theirFile = await f.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Khidma.Web.Platform.Data.AppDbContext>();
            var entry = await db.TimelineEntries.FirstAsync(e => e.InteractionId == theirs);
            await sp.GetRequiredService<PortalFiles>().AttachAsync([new PortalFiles.Upload("b.pdf", "application/pdf", Pdf)], theirs, entry.Id, f.Clock.GetUtcNow().UtcDateTime, default);
            await db.SaveChangesAsync();
            return await db.Set<PortalAttachment>().Where(x => x.InteractionId == theirs).Select(x => x.Id).FirstAsync();
        });
        var client = await f.SignedInCustomerAsync(a, emailA);

        await client.GetPageAsync($"/portal/interactions/{mine}");
        var read = await client.GetAsync($"/portal/interactions/{theirs}");
        var reply = await client.PostMultipartAsync($"/portal/interactions/{mine}", $"/portal/interactions/{theirs}?handler=Reply", [("Input.Body", "تسلل")]);
        var file = await client.GetAsync($"/portal/files/{theirFile}");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain("معلومات خاصة", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(0, await f.WithDbAsync(db => db.TimelineEntries.CountAsync(e => e.InteractionId == theirs && e.Body == "تسلل")));
    }

    [Fact]
    public virtual async Task Portal_Customer_CannotReachStaffPages()
    {
        var email = $"{Unique("c")}@example.test";
        var customer = await f.AddCustomerAsync(email);
        var interaction = await f.AddInteractionAsync(customer);
        var client = await f.SignedInCustomerAsync(customer, email);

        foreach (var url in new[] { "/interactions", $"/interactions/{interaction}", "/interactions/new", "/customers", "/admin", "/admin/audit", "/timeliness" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                $"{url}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
                Assert.Contains("/account/denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var api = await client.GetAsync("/api/v1/interactions");
        Assert.True(api.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"api: {(int)api.StatusCode}");
    }

    [Fact]
    public virtual async Task Portal_SignedOut_RedirectsToPortalSignIn()
    {
        var response = await f.NewClient().GetAsync("/portal");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/portal/sign-in?returnUrl=%2Fportal", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Interaction_NotesStagesAndAssignments_NotShown()
    {
        var email = $"{Unique("n")}@example.test";
        var customer = await f.AddCustomerAsync(email);
        var id = await f.AddInteractionAsync(customer, "طلب", "رسالتي الأولى");
        await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.Include(x => x.Stages).FirstAsync(x => x.Id == id);
            var now = f.Clock.GetUtcNow().UtcDateTime;
            i.AddEntry(TimelineKind.Note, "ملاحظة داخلية سرية", null, now);
            i.AddEntry(TimelineKind.System, "سجل النظام الداخلي", null, now);
            i.AddEntry(TimelineKind.Reply, "ردنا العلني على العميل", null, now);
            i.MarkStage(i.Stages[0].Id, true, null, now);
            var waiting = await db.InteractionStatuses.FirstAsync(s => s.Category == StatusCategory.WaitingOnCustomer);
            i.ChangeStatus(waiting, null, null, now);
            await db.SaveChangesAsync();
        });
        var client = await f.SignedInCustomerAsync(customer, email);

        var page = await client.GetPageAsync($"/portal/interactions/{id}");

        var timeline = page.QuerySelector("#portal-timeline")!;
        Assert.Contains("رسالتي الأولى", timeline.TextContent, StringComparison.Ordinal);
        Assert.Contains("ردنا العلني على العميل", timeline.TextContent, StringComparison.Ordinal);
        Assert.Contains("بانتظار العميل", timeline.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("ملاحظة داخلية", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("سجل النظام", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("#portal-timeline li.note, #portal-timeline li.system, #portal-timeline li.stagedone, #portal-timeline li.assignment"));
    }

    [Fact]
    public virtual async Task Reply_WithAttachmentWhileWaitingOnCustomer_ReopensAndResumesClocks()
    {
        var email = $"{Unique("r")}@example.test";
        var customer = await f.AddCustomerAsync(email);
        var id = await f.AddInteractionAsync(customer);
        await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.FirstAsync(x => x.Id == id);
            var now = f.Clock.GetUtcNow().UtcDateTime;
            i.AddEntry(TimelineKind.Reply, "نحتاج صورة الفاتورة", null, now);
            i.ChangeStatus(await db.InteractionStatuses.FirstAsync(s => s.Category == StatusCategory.WaitingOnCustomer), null, null, now);
            await db.SaveChangesAsync();
        });
        var paused = await f.WithDbAsync(db => db.Set<SlaTimer>().AsNoTracking().Where(t => t.InteractionId == id && t.SatisfiedAt == null).ToListAsync());
        Assert.NotEmpty(paused);
        Assert.All(paused, t => Assert.NotNull(t.PausedSince));
        var client = await f.SignedInCustomerAsync(customer, email);
        f.Clock.Advance(TimeSpan.FromMinutes(30));

        var response = await client.PostMultipartAsync($"/portal/interactions/{id}", $"/portal/interactions/{id}?handler=Reply",
            [("Input.Body", "أرفقت صورة الفاتورة")], [("invoice.pdf", Pdf, "application/pdf")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await f.WithDbAsync(db => db.Interactions.AsNoTracking().Include(i => i.Timeline).FirstAsync(i => i.Id == id));
        Assert.Equal(StatusCategory.Open, after.StatusCategory);
        var last = after.Timeline.Where(e => e.Kind == TimelineKind.CustomerMessage).OrderBy(e => e.Id).Last();
        Assert.Equal("أرفقت صورة الفاتورة", last.Body);
        Assert.Equal(PortalFiles.Marker, last.Data);
        Assert.Equal("invoice.pdf", (await f.WithDbAsync(db => db.Set<PortalAttachment>().AsNoTracking().SingleAsync(a => a.TimelineEntryId == last.Id))).FileName);
        var resumed = await f.WithDbAsync(db => db.Set<SlaTimer>().AsNoTracking().Where(t => t.InteractionId == id && t.Kind == SlaKind.Resolution).SingleAsync());
        Assert.Null(resumed.PausedSince);
        var page = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.NotNull(page.QuerySelector("#reply-sent"));
        Assert.NotNull(page.QuerySelector($"#entry-{last.Id} .portal-files a"));
    }

    [Fact]
    public virtual async Task Reply_EmptyBody_KeepsPageWithError()
    {
        var email = $"{Unique("e")}@example.test";
        var customer = await f.AddCustomerAsync(email);
        var id = await f.AddInteractionAsync(customer);
        var client = await f.SignedInCustomerAsync(customer, email);
        var before = await f.WithDbAsync(db => db.TimelineEntries.CountAsync(e => e.InteractionId == id));

        var response = await client.PostMultipartAsync($"/portal/interactions/{id}", $"/portal/interactions/{id}?handler=Reply", [("Input.Body", "")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='Input.Body']")!.TextContent));
        Assert.Equal(before, await f.WithDbAsync(db => db.TimelineEntries.CountAsync(e => e.InteractionId == id)));
    }

    [Fact]
    public virtual async Task Interaction_OpenPromise_ShownWithDueTimeKeptOneNot()
    {
        var email = $"{Unique("p")}@example.test";
        var customer = await f.AddCustomerAsync(email);
        var id = await f.AddInteractionAsync(customer);
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var due = now.AddDays(2);
        await f.WithDbAsync(async db =>
        {
            db.Set<Promise>().Add(Promise.Make(id, customer, null, "نتصل بك بعد مراجعة الفاتورة", due, null, now));
            var kept = Promise.Make(id, customer, null, "وعد قديم تم الوفاء به", now.AddHours(1), null, now);
            kept.MarkKept(null, now);
            db.Set<Promise>().Add(kept);
            await db.SaveChangesAsync();
        });
        var client = await f.SignedInCustomerAsync(customer, email);

        var page = await client.GetPageAsync($"/portal/interactions/{id}");
        var list = await client.GetPageAsync("/portal");

        var promises = page.QuerySelector("#portal-promises")!.TextContent;
        Assert.Contains("نتصل بك بعد مراجعة الفاتورة", promises, StringComparison.Ordinal);
        var formatted = await f.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Khidma.Web.Platform.Localization.Formatter>().DateTime(due)));
        Assert.Contains(formatted, promises, StringComparison.Ordinal);
        Assert.DoesNotContain("وعد قديم", promises, StringComparison.Ordinal);
        Assert.Contains("1", list.QuerySelector("#portal-requests tbody tr td:last-child")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Profile_LanguageAndPassword_SavedOnUserAndCustomer()
    {
        var email = $"{Unique("pr")}@example.test";
        var customer = await f.AddCustomerAsync(email);
        var client = await f.SignedInCustomerAsync(customer, email);

        var language = await client.PostFormAsync("/portal/profile", [new("Language.Culture", "en")], "/portal/profile?handler=Language");
        var wrong = await client.PostFormAsync("/portal/profile",
            [new("Password.Current", "wrong-password-1"), new("Password.New", "new-password-9"), new("Password.Repeat", "new-password-9")], "/portal/profile?handler=Password");
        var password = await client.PostFormAsync("/portal/profile",
            [new("Password.Current", KhidmaFactory.Password), new("Password.New", "new-password-9"), new("Password.Repeat", "new-password-9")], "/portal/profile?handler=Password");

        Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        Assert.Equal("en", (await client.GetPageAsync("/portal")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", await f.WithDbAsync(db => db.Customers.Where(c => c.Id == customer).Select(c => c.Language).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var fresh = await f.NewClient().PostFormAsync("/portal/sign-in",
            [new("Password.Email", email), new("Password.Password", "new-password-9")], "/portal/sign-in?handler=Password");
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public virtual async Task StaffTimeline_WebFormFiles_ListedAndDownloadable()
    {
        var client = f.NewClient();
        var response = await client.PostMultipartAsync("/contact", "/contact",
            [("Input.Name", "مها"), ("Input.Phone", "0509876543"), ("Input.Message", "صورة العقد مرفقة")], [("contract.pdf", Pdf, "application/pdf")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (interactionId, fileId) = await f.WithDbAsync(async db =>
        {
            var a = await db.Set<PortalAttachment>().AsNoTracking().Where(x => x.FileName == "contract.pdf").OrderByDescending(x => x.Id).FirstAsync();
            return (a.InteractionId, a.Id);
        });
        var admin = await f.CreateUserAsync(Roles.Admin);
        var staff = f.NewClient();
        await staff.SignInAsync(admin.Email!);

        var page = await staff.GetPageAsync($"/interactions/{interactionId}");
        var download = await staff.GetAsync($"/portal/files/{fileId}");
        var anonymous = await f.NewClient().GetAsync($"/portal/files/{fileId}");

        Assert.NotNull(page.QuerySelector($".portal-files a[href='/portal/files/{fileId}']"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public virtual async Task SignOut_Customer_PortalClosedAgain()
    {
        var email = $"{Unique("so")}@example.test";
        var customer = await f.AddCustomerAsync(email);
        var client = await f.SignedInCustomerAsync(customer, email);
        await client.GetPageAsync("/portal");

        var response = await client.PostFormAsync("/portal", [], "/account/sign-out");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/portal")).StatusCode);
    }

    [Fact]
    public virtual async Task EraseCustomer_WithPortalAccount_AccountClosedAndAddressGone()
    {
        var email = $"{Unique("erase")}@example.test";
        var customer = await f.AddCustomerAsync(email);
        await f.SignedInCustomerAsync(customer, email);

        await f.WithScopeAsync(async sp => { await sp.GetRequiredService<EraseCustomer>().RunAsync(customer); return 0; });

        var account = await f.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.CustomerId == customer));
        Assert.False(account.IsActive);
        Assert.Null(account.PasswordHash);
        Assert.DoesNotContain(email, account.Email!, StringComparison.OrdinalIgnoreCase);
        var again = await f.NewClient().PostFormAsync("/portal/sign-in",
            [new("Password.Email", email), new("Password.Password", KhidmaFactory.Password)], "/portal/sign-in?handler=Password");
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
        Assert.False(await f.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "people_users" && a.Changes.Contains(email))));
    }
}
