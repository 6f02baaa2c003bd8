using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

public sealed class LiveConsoleTests(LiveFixture app) : IClassFixture<LiveFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Patience = new() { Timeout = 15000 };

    [Fact]
    public async Task Chat_VisitorOnArabicDemoAndSignedInAgent_MessagesAndTypingOnBothSides()
    {
        IPage? agent = null, visitor = null;
        await LiveFixture.JourneyAsync("chat", async () =>
        {
            var user = await app.CreateUserAsync(Roles.Agent, "سارة");
            agent = await app.SignedInPageAsync(user);
            await agent.GotoAsync("/interactions");
            await Assertions.Expect(agent.Locator("body[data-live=connected]")).ToHaveCountAsync(1);

            var visitorContext = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
            visitor = await visitorContext.NewPageAsync();
            await visitor.GotoAsync("/chat/demo");
            Assert.Equal("rtl", await visitor.GetAttributeAsync("html", "dir"));
            await visitor.ClickAsync("button.launcher");
            Assert.Equal("rtl", await visitor.GetAttributeAsync(".root", "dir"));
            await Assertions.Expect(visitor.Locator("form.intro p.lead")).ToContainTextAsync("سيجيبك", Patience);
            await visitor.FillAsync("#khidma-chat-name", "ليلى");
            await visitor.FillAsync("#khidma-chat-message", "مرحباً، أريد تعديل موعدي");
            await visitor.ClickAsync("form.intro button.primary");
            await Assertions.Expect(visitor.Locator("ol.messages li.visitor")).ToContainTextAsync("أريد تعديل موعدي", Patience);

            var id = await app.WithDbAsync(db => db.Interactions.Where(i => i.Channel == Channel.Chat).OrderByDescending(i => i.Id).Select(i => i.Id).FirstAsync());
            await agent.GotoAsync($"/interactions/{id}");
            await Assertions.Expect(agent.Locator("#interaction-timeline")).ToContainTextAsync("أريد تعديل موعدي", Patience);
            await Assertions.Expect(agent.Locator("body[data-live=connected]")).ToHaveCountAsync(1);

            // Visitor types → the agent sees it; the agent types → the visitor sees it.
            await visitor.Locator("form.compose textarea").PressSequentiallyAsync("هل");
            await Assertions.Expect(agent.Locator("#interaction-presence .visitor-typing")).ToContainTextAsync("الزائر يكتب", Patience);
            await agent.Locator("#ReplyForm_Body").PressSequentiallyAsync("أهلاً ليلى");
            await Assertions.Expect(visitor.Locator("p.typing")).ToContainTextAsync("يكتب فريقنا", Patience);

            await agent.ClickAsync("form[hx-post$='handler=Reply'] button[type=submit]");
            await Assertions.Expect(visitor.Locator("ol.messages li.agent")).ToContainTextAsync("أهلاً ليلى", Patience);
            await Assertions.Expect(visitor.Locator("ol.messages li.agent .who")).ToContainTextAsync("سارة", Patience);

            await visitor.Locator("form.compose textarea").FillAsync("هل يمكن يوم الأحد؟");
            await visitor.Locator("form.compose button").ClickAsync();
            await Assertions.Expect(agent.Locator("#interaction-timeline")).ToContainTextAsync("هل يمكن يوم الأحد؟", Patience);
        }, () => agent, () => visitor);
    }

    [Fact]
    public async Task Presence_TwoAgentsOnOneInteraction_EachSeesTheOtherViewingAndReplying()
    {
        IPage? sara = null, ahmed = null;
        await LiveFixture.JourneyAsync("presence", async () =>
        {
            var id = await CreateInteractionAsync("طلب للمتابعة المشتركة");
            sara = await app.SignedInPageAsync(await app.CreateUserAsync(Roles.Agent, "سارة"));
            ahmed = await app.SignedInPageAsync(await app.CreateUserAsync(Roles.Agent, "أحمد"));
            await sara.GotoAsync($"/interactions/{id}");
            await ahmed.GotoAsync($"/interactions/{id}");
            Assert.Equal("rtl", await sara.GetAttributeAsync("html", "dir"));

            await Assertions.Expect(sara.Locator("#interaction-presence .viewing")).ToContainTextAsync("أحمد", Patience);
            await Assertions.Expect(ahmed.Locator("#interaction-presence .viewing")).ToContainTextAsync("سارة", Patience);
            await Assertions.Expect(sara.Locator("#interaction-presence")).Not.ToContainTextAsync("سارة");

            await ahmed.Locator("#ReplyForm_Body").PressSequentiallyAsync("سنتصل بك");
            await Assertions.Expect(sara.Locator("#interaction-presence .replying")).ToContainTextAsync("أحمد", Patience);
            await Assertions.Expect(sara.Locator("#interaction-presence .replying")).ToContainTextAsync("يكتب رداً", Patience);
        }, () => sara, () => ahmed);
    }

    [Fact]
    public async Task Inbox_InteractionCreatedThroughApi_AppearsWithoutReload()
    {
        IPage? agent = null;
        await LiveFixture.JourneyAsync("inbox", async () =>
        {
            agent = await app.SignedInPageAsync(await app.CreateUserAsync(Roles.Agent, "خالد"));
            await agent.GotoAsync("/interactions");
            await Assertions.Expect(agent.Locator("body[data-live=connected]")).ToHaveCountAsync(1);
            var subject = "طلب جديد " + Guid.NewGuid().ToString("N")[..6];

            await CreateInteractionAsync(subject);

            await Assertions.Expect(agent.Locator("#interaction-list")).ToContainTextAsync(subject, Patience);
        }, () => agent);
    }

    private async Task<long> CreateInteractionAsync(string subject)
    {
        var customer = await app.WithDbAsync(async db =>
        {
            var c = new Customer { Name = "عميل المتصفح", CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch };
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync());
        var response = await http.PostAsJsonAsync("/api/v1/interactions", new { customerId = customer, channel = "Phone", subject, body = "التفاصيل" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
