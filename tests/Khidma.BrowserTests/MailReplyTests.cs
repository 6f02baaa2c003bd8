using Khidma.BrowserTests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

// An agent in Arabic answers a phone interaction and ticks "send by email": the timeline says it was emailed.
[Collection(BrowserCollection.Name)]
public sealed class MailReplyTests(BrowserFixture browser)
{
    private const string Password = "Mail-Reply-2026";

    [Fact]
    public async Task PhoneReply_SendByEmailTickedInArabic_TimelineShowsEmailed()
    {
        var email = $"mail-agent-{Guid.NewGuid():N}@khidma.local";
        var address = $"caller-{Guid.NewGuid():N}"[..15] + "@example.test";
        long id;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Bootstrap>().CreateUserAsync(email, "منى العتيبي", Password, Roles.Agent);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!await db.Set<Mailbox>().AnyAsync(m => m.IsEnabled && m.SmtpHost != null))
            {
                // Nothing listens there: the reply stays queued, which is all this test looks at.
                db.Set<Mailbox>().Add(new Mailbox { Address = "browser-support@khidma.test", InboundKind = InboundKind.Pipe, SmtpHost = "127.0.0.1", SmtpPort = 9, SmtpSecurity = MailSecurity.None });
            }
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var customer = new Customer { Name = "خالد الشهري", Language = "ar", CreatedAt = now, UpdatedAt = now };
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Email, Value = address, Normalized = address });
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var outcome = await scope.ServiceProvider.GetRequiredService<CreateInteraction>().RunAsync(
                new CreateInteraction.Request(customer.Id, null, Channel.Phone, "استفسار عن موعد التسليم", "اتصل العميل يسأل عن موعد التسليم", null, Priority.Normal, null), null);
            id = outcome.Interaction!.Id;
        }

        await browser.RunAsync("ar", async page =>
        {
            await browser.SignInAsync(page, email, Password);
            await page.GotoAsync($"/interactions/{id}");
            Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
            var tick = page.Locator("#ReplyForm_SendByEmail");
            await Assertions.Expect(page.Locator(".reply-email")).ToContainTextAsync(address);
            await page.Locator("#ReplyForm_Body").FillAsync("سيُسلَّم طلبك يوم الأحد.");
            await tick.CheckAsync();
            await page.Locator("#ReplyForm_Body").Locator("xpath=ancestor::form").Locator("button[type=submit]").ClickAsync();
            var emailed = page.Locator("#interaction-timeline .entry-emailed");
            await Assertions.Expect(emailed).ToHaveCountAsync(1);
            await Assertions.Expect(emailed).ToContainTextAsync("أُرسل بالبريد الإلكتروني إلى");
            await Assertions.Expect(emailed).ToContainTextAsync(address);
        });
    }
}
