using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Chat.Domain;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Tests.Realtime;

public class ChatTests(KhidmaFactory f) : IClassFixture<KhidmaFactory>
{
    [Fact]
    public async Task Start_AgentOnline_OpensChatInteractionWithVisitorsMessage()
    {
        var agent = await f.CreateUserAsync(Roles.Agent);
        await using var live = await HubClient.ConnectAsync(f, "/hubs/live", await HubClient.SignInCookieAsync(f, agent.Email!));
        await WaitOnlineAsync();
        var email = $"visitor-{Guid.NewGuid():N}@example.test";

        var started = await StartAsync(new { name = "ليلى", email, message = "مرحباً، أين طلبي؟", lang = "ar" });

        var (interactionId, channel, kinds, body, customerEmail) = await f.WithDbAsync(async db =>
        {
            var c = await db.Set<ChatConversation>().SingleAsync(x => x.Id == started.Conversation);
            var i = await db.Interactions.Include(x => x.Timeline).SingleAsync(x => x.Id == c.InteractionId);
            var contact = await db.CustomerContacts.SingleAsync(x => x.CustomerId == i.CustomerId);
            return (i.Id, i.Channel, i.Timeline.Select(t => t.Kind).ToList(), i.Timeline.Single().Body, contact.Normalized);
        });
        Assert.Equal(Channel.Chat, channel);
        Assert.Equal([TimelineKind.CustomerMessage], kinds);
        Assert.Equal("مرحباً، أين طلبي؟", body);
        Assert.Equal(email, customerEmail);
        await live.WaitForAsync("inbox-changed", e => LiveTests.Id(e) == interactionId);

        // A second chat with the same email lands on the same customer.
        var again = await StartAsync(new { name = "ليلى", email = email.ToUpperInvariant(), message = "سؤال آخر", lang = "ar" });
        var customers = await f.WithDbAsync(db => db.Set<ChatConversation>().Where(c => c.Id == started.Conversation || c.Id == again.Conversation)
            .Join(db.Interactions, c => c.InteractionId, i => i.Id, (c, i) => i.CustomerId).Distinct().CountAsync());
        Assert.Equal(1, customers);
    }

    [Fact]
    public async Task Conversation_VisitorAndAgent_MessagesAndTypingReachTheOtherSide()
    {
        var agent = await f.CreateUserAsync(Roles.Agent);
        await using var live = await HubClient.ConnectAsync(f, "/hubs/live", await HubClient.SignInCookieAsync(f, agent.Email!));
        await WaitOnlineAsync();
        var started = await StartAsync(new { name = "Sam", message = "Hello", lang = "en" });
        var interactionId = await f.WithDbAsync(db => db.Set<ChatConversation>().Where(c => c.Id == started.Conversation).Select(c => c.InteractionId).SingleAsync());
        await using var visitor = await HubClient.ConnectAsync(f, $"/hubs/chat?c={started.Conversation}&t={Uri.EscapeDataString(started.Token)}");
        Assert.True((await live.InvokeAsync("Watch", interactionId))!.Value.GetBoolean());

        // Visitor → agent: typing, then a line on the timeline.
        await visitor.InvokeAsync("Typing", true);
        await live.WaitForAsync("visitor-typing", e => LiveTests.Id(e) == interactionId && e.GetProperty("on").GetBoolean());
        await visitor.InvokeAsync("Send", "هل من أحد هنا؟");
        await live.WaitForAsync("interaction-changed", e => LiveTests.Id(e) == interactionId);
        Assert.Contains("هل من أحد هنا؟", await f.WithDbAsync(db => db.TimelineEntries
            .Where(t => t.InteractionId == interactionId && t.Kind == TimelineKind.CustomerMessage).Select(t => t.Body).ToListAsync()));

        // Agent → visitor: typing (presence "replying"), then the reply form's Reply entry.
        await live.InvokeAsync("Presence", interactionId, "replying");
        await visitor.WaitForAsync("agent-typing", e => e.GetProperty("on").GetBoolean());
        var http = f.NewClient();
        await http.SignInAsync(agent.Email!);
        var reply = await http.PostFormAsync($"/interactions/{interactionId}", [new("ReplyForm.Body", "نعم، كيف أخدمك؟")], $"/interactions/{interactionId}?handler=Reply", htmx: true);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        await visitor.WaitForAsync("chat-changed", e => LiveTests.Id(e) == interactionId);

        var transcript = await MessagesAsync(started, 0);
        Assert.Equal(["visitor:Hello", "visitor:هل من أحد هنا؟", "agent:نعم، كيف أخدمك؟"],
            transcript.Select(l => l.GetProperty("from").GetString() + ":" + l.GetProperty("body").GetString()));
        Assert.Equal("agent user", transcript[^1].GetProperty("name").GetString());

        // Notes stay inside the company.
        await http.PostFormAsync($"/interactions/{interactionId}", [new("NoteForm.Body", "ملاحظة داخلية")], $"/interactions/{interactionId}?handler=Note", htmx: true);
        Assert.DoesNotContain(await MessagesAsync(started, 0), l => l.GetProperty("body").GetString() == "ملاحظة داخلية");
    }

    [Fact]
    public async Task Messages_WrongToken_Unauthorized()
    {
        var response = await f.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/chat/messages?c=1") { Headers = { { "X-Chat-Token", "kh_nope" } } });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ChatHub_WrongToken_ConnectionClosed()
    {
        await using var visitor = await HubClient.ConnectAsync(f, "/hubs/chat?c=1&t=kh_nope");
        await visitor.Closed.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Strings_Arabic_ComeFromTheModuleResources()
    {
        var strings = await f.CreateClient().GetFromJsonAsync<Dictionary<string, string>>("/chat/strings?lang=ar");
        Assert.Equal("تحدّث معنا", strings!["open"]);
        var fr = await f.CreateClient().GetFromJsonAsync<Dictionary<string, string>>("/chat/strings?lang=fr");
        Assert.Equal("Discutez avec nous", fr!["open"]);
    }

    [Fact]
    public async Task WidgetAndDemo_Anonymous_ServedWithCors()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/chat/widget.js") { Headers = { { "Origin", "https://shop.example" } } };
        var widget = await f.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.Equal("*", widget.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var english = f.CreateClient();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var demo = await english.GetPageAsync("/chat/demo");
        Assert.Equal("rtl", demo.DocumentElement.GetAttribute("dir"));
        Assert.Equal("موقع شركة للتجربة", demo.QuerySelector("h1")!.TextContent);
        Assert.NotNull(demo.QuerySelector("script[data-khidma-chat][data-lang=ar][src$='/chat/widget.js']"));
    }

    [Fact]
    public async Task Preflight_FromAnotherSite_AllowedForStartAndHubNegotiation()
    {
        foreach (var path in new[] { "/chat/start", "/hubs/chat/negotiate?negotiateVersion=1" })
        {
            var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", "https://shop.example");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type,x-requested-with,x-signalr-user-agent");
            var response = await f.CreateClient().SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, path + ": " + (int)response.StatusCode);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }
    }

    [Fact]
    public async Task Start_InvalidEmail_ValidationProblemInVisitorsLanguage()
    {
        var response = await f.CreateClient().PostAsJsonAsync("/chat/start", new { name = "", email = "nope", message = "x", lang = "ar" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("اكتب اسمك.", problem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal("يبدو أن هذا البريد الإلكتروني غير صحيح.", problem.GetProperty("errors").GetProperty("email")[0].GetString());
    }

    internal sealed record Started(long Conversation, string Token);

    private async Task<Started> StartAsync(object body)
    {
        var response = await f.CreateClient().PostAsJsonAsync("/chat/start", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Started(json.GetProperty("conversation").GetInt64(), json.GetProperty("token").GetString()!);
    }

    private async Task<List<JsonElement>> MessagesAsync(Started s, long after)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/chat/messages?c={s.Conversation}&after={after}") { Headers = { { "X-Chat-Token", s.Token } } };
        var response = await f.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<JsonElement>>())!;
    }

    // Presence travels through the event queue: the agent counts as online once it has been applied.
    private async Task WaitOnlineAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            var status = await f.CreateClient().GetFromJsonAsync<JsonElement>("/chat/status");
            if (status.GetProperty("agentsOnline").GetBoolean()) return;
            await Task.Delay(100);
        }
        Assert.Fail("the agent never counted as online");
    }
}

// Its own factory: no employee is connected to its live hub.
public class ChatOfflineTests(KhidmaFactory f) : IClassFixture<KhidmaFactory>
{
    [Fact]
    public async Task Start_NoAgentOnline_ConflictAndLeaveMessageRecordsEmailAnswer()
    {
        var status = await f.CreateClient().GetFromJsonAsync<JsonElement>("/chat/status");
        Assert.False(status.GetProperty("agentsOnline").GetBoolean());
        var start = await f.CreateClient().PostAsJsonAsync("/chat/start", new { name = "Nadia", message = "Bonjour", lang = "fr" });
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);

        var noEmail = await f.CreateClient().PostAsJsonAsync("/chat/leave-message", new { name = "Nadia", message = "Bonjour", lang = "fr" });
        Assert.Equal(HttpStatusCode.BadRequest, noEmail.StatusCode);
        Assert.Contains("adresse e-mail", await noEmail.Content.ReadAsStringAsync());

        var left = await f.CreateClient().PostAsJsonAsync("/chat/leave-message", new { name = "Nadia", email = "nadia@example.test", message = "Bonjour, une question.", lang = "fr" });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);

        var (conversation, interaction, kinds, language) = await f.WithDbAsync(async db =>
        {
            var c = await db.Set<ChatConversation>().SingleAsync();
            var i = await db.Interactions.Include(x => x.Timeline).SingleAsync(x => x.Id == c.InteractionId);
            var customer = await db.Customers.SingleAsync(x => x.Id == i.CustomerId);
            return (c, i, i.Timeline.OrderBy(t => t.Id).Select(t => t.Kind).ToList(), customer.Language);
        });
        Assert.True(conversation.AnswerByEmail);
        Assert.Null(conversation.TokenHash);
        Assert.Equal(Channel.Chat, interaction.Channel);
        Assert.Equal([TimelineKind.CustomerMessage, TimelineKind.System], kinds);
        Assert.Contains("nadia@example.test", interaction.Timeline.Single(t => t.Kind == TimelineKind.System).Body);
        Assert.Equal("fr", language);
    }
}
