using System.Text.RegularExpressions;
using Khidma.BrowserTests.Support;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

// The first slice a company uses at the counter: an agent, in Arabic, records a walk-in customer, walks the
// interaction through the six stages, resolves it and finds it on the customer's 360 page.
[Collection(BrowserCollection.Name)]
public sealed partial class AgentJourneyTests(BrowserFixture browser)
{
    private const string Password = "Agent-Journey-2026";

    [Fact]
    public async Task WalkIn_AgentInArabic_CreatesCustomerServesThroughStagesResolvesAndFindsItOn360()
    {
        var email = $"agent-{Guid.NewGuid():N}@khidma.local";
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<Bootstrap>().CreateUserAsync(email, "سارة المطيري", Password, Roles.Agent);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var team = await db.Teams.OrderBy(t => t.Id).FirstAsync();
            db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = user.Id });
            await db.SaveChangesAsync();
        }
        var customerName = "فاطمة الزهراني " + Random.Shared.Next(1000, 9999);
        var subject = "استبدال بطاقة الصراف التالفة";

        await browser.RunAsync("ar", async page =>
        {
            await browser.SignInAsync(page, email, Password);
            Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
            Assert.Equal("ar", await page.Locator("html").GetAttributeAsync("lang"));

            // A new customer with an Arabic name and a phone typed in Arabic-Indic digits.
            await page.GotoAsync("/customers/new");
            await page.Locator("#Input_Name").FillAsync(customerName);
            await page.Locator("button[value='add:Phones']").ClickAsync();
            await page.Locator("input[name='Input.Phones[0].Value']").FillAsync("٠٥٥٩٨٧" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("main form button.button[type=submit]:not([name])").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/customers/\d+$"));
            var customerUrl = new Uri(page.Url).AbsolutePath;
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(customerName);

            // A walk-in interaction for that customer, started from the 360 page.
            await page.Locator($"a[href^='/interactions/new?customerId=']").First.ClickAsync();
            await page.Locator("#Input_Channel").SelectOptionAsync("WalkIn");
            await page.Locator("#Input_Subject").FillAsync(subject);
            await page.Locator("#Input_Body").FillAsync("حضر العميل إلى الفرع يطلب استبدال بطاقته التالفة");
            await page.Locator("#new-interaction > button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/interactions/\d+$"));
            await Assertions.Expect(page.Locator("main h1, main header").First).ToContainTextAsync(subject);

            // The six stages of the seeds, ticked one by one through htmx.
            var stages = page.Locator("#interaction-stages li");
            Assert.Equal(6, await stages.CountAsync());
            Assert.Contains("الترحيب", await stages.First.InnerTextAsync());
            for (var done = 1; done <= 6; done++)
            {
                await page.Locator("#interaction-stages li.todo input[type=checkbox]").First.CheckAsync();
                await Assertions.Expect(page.Locator("#interaction-stages li.done")).ToHaveCountAsync(done);
            }

            // Resolve: every stage is done, so no reason is asked for.
            var resolved = await page.Locator("#StatusForm_StatusId option[data-category=Resolved]").First.GetAttributeAsync("value");
            await page.Locator("#StatusForm_StatusId").SelectOptionAsync(resolved!);
            await page.Locator("#change-status button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("main .badge.resolved").First).ToBeVisibleAsync();

            // The customer's 360 page lists it, resolved.
            await page.GotoAsync(customerUrl);
            var row = page.Locator("main").GetByText(subject);
            await Assertions.Expect(row.First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("تم الحل");
        });
    }
}
