using System.Text.RegularExpressions;
using Khidma.BrowserTests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

// A customer, in Arabic, asks for a sign-in link, follows it from the email (taken from the outbox, where the
// mail sender picks it up), opens their request and answers it.
[Collection(BrowserCollection.Name)]
public sealed partial class PortalJourneyTests(BrowserFixture browser)
{
    [Fact]
    public Task SignInLink_CustomerInArabic_OpensRequestAndReplies() => browser.RunAsync("ar", async page =>
    {
        var email = $"customer-{Guid.NewGuid():N}@example.test";
        long interactionId;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!await db.Set<Mailbox>().AnyAsync(m => m.IsEnabled && m.SmtpHost != null))
            {
                // Nothing listens on port 9 here: the sender fails and keeps the message, which is all this test reads.
                db.Set<Mailbox>().Add(new Mailbox { Address = "help@khidma.test", InboundKind = InboundKind.Pipe, SmtpHost = "127.0.0.1", SmtpPort = 9, SmtpSecurity = MailSecurity.None });
                await db.SaveChangesAsync();
            }
            var now = DateTime.SpecifyKind(DateTime.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
            var customer = new Customer { Name = "هند القحطاني", Language = "ar", CreatedAt = now, UpdatedAt = now };
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Email, Value = email, Normalized = email });
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var created = await scope.ServiceProvider.GetRequiredService<CreateInteraction>().RunAsync(
                new CreateInteraction.Request(customer.Id, null, Channel.Email, "تأخر وصول البطاقة", "لم تصلني البطاقة بعد", null, Priority.Normal, null), null);
            interactionId = created.Interaction!.Id;
        }

        await page.GotoAsync("/portal/sign-in");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await page.Locator("#Link_Email").FillAsync(email);
        await page.Locator("#link-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#link-sent")).ToBeVisibleAsync();

        var link = await LinkFromOutboxAsync(email);
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.Locator("#link-use button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/portal/profile");
        await Assertions.Expect(page.Locator("#portal-welcome")).ToBeVisibleAsync();

        await page.GotoAsync("/portal");
        await page.Locator("#portal-requests a", new() { HasTextString = "تأخر وصول البطاقة" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/portal/interactions/{interactionId}");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync($"KH-{interactionId}");
        await Assertions.Expect(page.Locator("#portal-timeline")).ToContainTextAsync("لم تصلني البطاقة بعد");

        await page.Locator("#Input_Body").FillAsync("ما زلت أنتظر البطاقة، شكرًا لكم");
        await page.Locator("#portal-reply button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#reply-sent")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#portal-timeline")).ToContainTextAsync("ما زلت أنتظر البطاقة، شكرًا لكم");
    });

    private async Task<string> LinkFromOutboxAsync(string email)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(o => o.Kind == OutboxKind.SignInLink && o.ToAddresses == email)
            .OrderByDescending(o => o.Id).FirstAsync();
        var raw = await scope.ServiceProvider.GetRequiredService<MailFiles>().ReadAsync(row.RawPath, default);
        var match = LinkPattern().Match(MimeParser.Parse(raw).Text);
        Assert.True(match.Success, "no sign-in link in the message");
        return match.Value;
    }

    [GeneratedRegex(@"https?://\S+/portal/link/\S+")]
    private static partial Regex LinkPattern();
}
