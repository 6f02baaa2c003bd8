using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Khidma.Web.Areas.People.Domain;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

// The top bar's search box: hits drop down as the agent types, with Arabic spelling variants (no hamza, ه for
// ة) and a half-typed word, in Arabic and in English. The writes go through the API, so the hits also show
// the background indexer picking them up.
public sealed class SearchBoxBrowserTests(LiveFixture app) : IClassFixture<LiveFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Patience = new() { Timeout = 15000 };

    [Fact]
    public async Task SearchBox_TypingSpellingVariants_DropsDownCustomerAndInteractionInArabicAndEnglish()
    {
        IPage? agent = null;
        await LiveFixture.JourneyAsync("search-box", async () =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync());
            var created = await http.PostAsJsonAsync("/api/v1/customers", new { name = "أحمد الزهراني", phones = new[] { "0551239876" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var customerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            var interaction = await http.PostAsJsonAsync("/api/v1/interactions",
                new { customerId, channel = "web", subject = "تأخر توصيل الثلاجة", body = "طلبت ثلاجة قبل أسبوعين ولم تصل بعد" });
            Assert.Equal(HttpStatusCode.Created, interaction.StatusCode);

            agent = await app.SignedInPageAsync(await app.CreateUserAsync(Roles.Agent, "سلمى"));
            await agent.GotoAsync("/interactions");
            var box = agent.Locator("form.search-box input[name=q]");
            var dropdown = agent.Locator("#search-dropdown");

            // ه for ة, and the start of a word still being typed.
            await box.PressSequentiallyAsync("الثلاجه توص", new() { Delay = 30 });
            await Assertions.Expect(dropdown.Locator("li.interaction")).ToContainTextAsync("تأخر توصيل الثلاجة", Patience);
            await Assertions.Expect(dropdown.Locator("li.interaction mark").First).ToBeVisibleAsync();

            // No hamza on أحمد, and half of the family name.
            await box.FillAsync("");
            await box.PressSequentiallyAsync("احمد الزهر", new() { Delay = 30 });
            await Assertions.Expect(dropdown.Locator("li.customer")).ToContainTextAsync("أحمد الزهراني", Patience);
            await Assertions.Expect(dropdown.Locator("li.customer .badge")).ToContainTextAsync("عميل");
            await dropdown.Locator("li.customer a").First.ClickAsync();
            await agent.WaitForURLAsync($"**/customers/{customerId}");

            // The same box in English, left to right; the last digits of the phone find the customer.
            await agent.GotoAsync("/culture/en?returnUrl=%2Finteractions");
            Assert.Equal("ltr", await agent.GetAttributeAsync("html", "dir"));
            await Assertions.Expect(box).ToHaveAttributeAsync("placeholder", "Search…");
            await box.PressSequentiallyAsync("9876", new() { Delay = 30 });
            await Assertions.Expect(dropdown.Locator("li.customer")).ToContainTextAsync("أحمد الزهراني", Patience);
            await Assertions.Expect(dropdown.Locator("li.customer .badge")).ToContainTextAsync("Customer");
        }, () => agent);
    }
}
