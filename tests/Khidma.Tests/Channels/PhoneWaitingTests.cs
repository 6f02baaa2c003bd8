using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Khidma.Tests.Realtime;
using Khidma.Tests.Support;
using Khidma.Tests.Timeliness;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Phone.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Tests.Channels;

public sealed class PhoneWaitingSqliteTests(KhidmaFactory f) : PhoneWaitingTests(f), IClassFixture<KhidmaFactory>;

public sealed class PhoneWaitingPostgresTests(PostgresKhidmaFactory f) : PhoneWaitingTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task Wait_LiveCalls_EstimatesFromAnswerRates() => base.Wait_LiveCalls_EstimatesFromAnswerRates();
    [PostgresFact] public override Task Wait_BadInputOrNoToken_IsRefused() => base.Wait_BadInputOrNoToken_IsRefused();
    [PostgresFact] public override Task Callback_WaitingCall_EndsUnmissedWithPromiseKeptByTheCallBack() => base.Callback_WaitingCall_EndsUnmissedWithPromiseKeptByTheCallBack();
    [PostgresFact] public override Task Callback_CallLoggedOnInteraction_KeepsPromise() => base.Callback_CallLoggedOnInteraction_KeepsPromise();
    [PostgresFact] public override Task Callback_BadInputUnknownOrOverCall_ReturnsProblems() => base.Callback_BadInputUnknownOrOverCall_ReturnsProblems();
    [PostgresFact] public override Task Settings_AdminSetsThreshold_WaitUsesIt() => base.Settings_AdminSetsThreshold_WaitUsesIt();
    [PostgresFact] public override Task QueuePage_RingingCall_ShowsLiveAndSupervisorFigure() => base.QueuePage_RingingCall_ShowsLiveAndSupervisorFigure();
}

public abstract class PhoneWaitingTests(KhidmaFactory f)
{
    private static string NewNumber() => "5" + Random.Shared.Next(10000000, 99999999).ToString(CultureInfo.InvariantCulture);

    // Every test starts on a later working morning than the last, so the calls of earlier tests have left the
    // queue's windows (the last hour's answers, calls still ringing) and the clock never runs backwards.
    private void NextMorning()
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(f.Clock.GetUtcNow().UtcDateTime, LocalTime.Riyadh).Date.AddDays(1);
        while (local.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday) local = local.AddDays(1);
        f.Clock.Set(LocalTime.InRiyadh(local.Year, local.Month, local.Day, 9, 0));
    }

    private async Task<HttpClient> ApiAsync() => f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));

    private async Task<(AppUser User, string Extension)> AgentWithExtensionAsync()
    {
        var user = await f.CreateUserAsync(Roles.Agent);
        var ext = Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        await f.WithDbAsync(async db =>
        {
            db.PhoneExtensions.Add(new PhoneExtension { Extension = ext, UserId = user.Id });
            await db.SaveChangesAsync();
        });
        return (user, ext);
    }

    private static async Task Event(HttpClient api, string kind, string callId, string? from = null, string? extension = null, string? direction = null, string? to = null)
    {
        var response = await api.PostAsJsonAsync("/api/v1/cti/events", new { @event = kind, callId, from, extension, direction, to });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient api, string query = "")
    {
        var response = await api.GetAsync("/api/v1/cti/wait" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<long> CustomerWithPhoneAsync(string digits) =>
        await f.WithDbAsync(async db =>
        {
            var now = f.Clock.GetUtcNow().UtcDateTime;
            var c = new Customer { Name = "سلمى العتيبي", CreatedAt = now, UpdatedAt = now };
            c.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = "0" + digits, Normalized = "966" + digits });
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

    [Fact]
    public virtual async Task Wait_LiveCalls_EstimatesFromAnswerRates()
    {
        NextMorning();
        var api = await ApiAsync();
        var (_, extA) = await AgentWithExtensionAsync();
        var (_, extB) = await AgentWithExtensionAsync();
        var run = NewNumber();

        // Agent A answered after 20 s and talked 200 s; agent B answered after 40 s and is still talking.
        await Event(api, "ringing", "w1-" + run, "05" + NewNumber()[1..], extA);
        f.Clock.Advance(TimeSpan.FromSeconds(20));
        await Event(api, "answered", "w1-" + run);
        f.Clock.Advance(TimeSpan.FromSeconds(200));
        await Event(api, "ended", "w1-" + run);
        await Event(api, "ringing", "w2-" + run, "05" + NewNumber()[1..], extB);
        f.Clock.Advance(TimeSpan.FromSeconds(40));
        await Event(api, "answered", "w2-" + run);
        // Two callers wait.
        await Event(api, "ringing", "w3-" + run, "05" + NewNumber()[1..]);
        f.Clock.Advance(TimeSpan.FromSeconds(10));
        await Event(api, "ringing", "w4-" + run, "05" + NewNumber()[1..]);
        f.Clock.Advance(TimeSpan.FromSeconds(5));

        var wait = await WaitAsync(api);
        Assert.Equal(2, wait.GetProperty("waiting").GetInt32());
        Assert.Equal(15, wait.GetProperty("longestWaitSeconds").GetInt32());
        Assert.Equal(1, wait.GetProperty("agentsOnCalls").GetInt32());
        Assert.Equal(1, wait.GetProperty("agentsFree").GetInt32());
        // Pickup median 30 s; a new caller is third with one agent free: 30 + 2 × 200 ÷ 2.
        Assert.Equal(230, wait.GetProperty("estimatedWaitSeconds").GetInt32());
        Assert.Equal(120, wait.GetProperty("thresholdSeconds").GetInt32());
        Assert.True(wait.GetProperty("offerCallback").GetBoolean());

        // The first waiting caller is next for the free agent.
        var first = await WaitAsync(api, "?callId=w3-" + run);
        Assert.Equal(30, first.GetProperty("estimatedWaitSeconds").GetInt32());
        Assert.False(first.GetProperty("offerCallback").GetBoolean());

        var csv = await api.GetAsync("/api/v1/cti/wait?format=csv");
        Assert.Equal("text/plain", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("1,230,2", await csv.Content.ReadAsStringAsync());

        // Answering one leaves one waiting.
        await Event(api, "answered", "w3-" + run, extension: extA);
        Assert.Equal(1, (await WaitAsync(api)).GetProperty("waiting").GetInt32());
    }

    [Fact]
    public virtual async Task Wait_BadInputOrNoToken_IsRefused()
    {
        var api = await ApiAsync();
        var longId = await api.GetAsync("/api/v1/cti/wait?callId=" + new string('x', 200));
        Assert.Equal(HttpStatusCode.BadRequest, longId.StatusCode);
        Assert.Equal("application/problem+json", longId.Content.Headers.ContentType!.MediaType);
        Assert.True((await longId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("callId", out _));
        var format = await api.GetAsync("/api/v1/cti/wait?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.True((await format.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("format", out _));

        Assert.Equal(HttpStatusCode.Unauthorized, (await f.NewClient().GetAsync("/api/v1/cti/wait")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.NewClient().WithBearer("kh_not-a-token").GetAsync("/api/v1/cti/wait")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.NewClient().PostAsJsonAsync("/api/v1/cti/callbacks", new { callId = "x", from = "0551234567" })).StatusCode);
        // A signed-in browser session is not a token.
        var agent = await f.CreateUserAsync(Roles.Agent);
        var browser = f.NewClient();
        await browser.SignInAsync(agent.Email!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/cti/wait")).StatusCode);
    }

    [Fact]
    public virtual async Task Callback_WaitingCall_EndsUnmissedWithPromiseKeptByTheCallBack()
    {
        NextMorning();
        var api = await ApiAsync();
        var (agent, ext) = await AgentWithExtensionAsync();
        var digits = NewNumber();
        var customer = await CustomerWithPhoneAsync(digits);
        var id = "cb-" + digits;
        await Event(api, "ringing", id, "0" + digits);
        f.Clock.Advance(TimeSpan.FromSeconds(90));
        var requestedAt = f.Clock.GetUtcNow().UtcDateTime;

        var response = await api.PostAsJsonAsync("/api/v1/cti/callbacks", new { callId = id, from = "+966 " + digits });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var interactionId = body.GetProperty("interactionId").GetInt64();
        var promiseId = body.GetProperty("promiseId").GetInt64();

        var call = await f.WithDbAsync(db => db.PhoneCalls.AsNoTracking().SingleAsync(c => c.CallId == id));
        Assert.False(call.Missed);
        Assert.Equal(requestedAt, call.EndedAt);
        Assert.Equal(requestedAt, call.CallbackRequestedAt);
        Assert.Equal((interactionId, promiseId), (call.InteractionId, call.CallbackPromiseId));

        var interaction = await f.WithDbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == interactionId));
        Assert.Equal((Channel.Phone, Priority.High, customer), (interaction.Channel, interaction.Priority, interaction.CustomerId));
        Assert.Equal($"طلب معاودة اتصال من +966{digits}", interaction.Subject);

        // Nobody to estimate from: twice the 120 s threshold is under the 15-minute floor; 09:01:30 on a working
        // morning plus 15 minutes of business time.
        var promise = await f.WithDbAsync(db => db.Set<Promise>().AsNoTracking().SingleAsync(p => p.Id == promiseId));
        Assert.Equal((PromiseStatus.Open, interactionId, customer), (promise.Status, promise.InteractionId, promise.CustomerId));
        Assert.Equal(requestedAt.AddMinutes(15), promise.DueAt);
        Assert.Equal($"معاودة الاتصال على الرقم +966{digits}", promise.What);
        Assert.Equal(promise.DueAt, body.GetProperty("dueAt").GetDateTime().ToUniversalTime());

        // The PBX then reports the hang-up: still not a missed call, and no second interaction.
        await Event(api, "ended", id);
        call = await f.WithDbAsync(db => db.PhoneCalls.AsNoTracking().SingleAsync(c => c.CallId == id));
        Assert.False(call.Missed);
        Assert.Equal(interactionId, call.InteractionId);
        Assert.Equal(1, await f.WithDbAsync(db => db.Interactions.CountAsync(i => i.CustomerId == customer)));
        // Asking again returns the same callback.
        var again = await (await api.PostAsJsonAsync("/api/v1/cti/callbacks", new { callId = id, from = "0" + digits })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(interactionId, again.GetProperty("interactionId").GetInt64());
        Assert.Equal(0, (await WaitAsync(api, "?callId=" + id)).GetProperty("waiting").GetInt32());

        // The promise shows on the agent's work: the interaction's promises and the ledger.
        var client = f.NewClient();
        await client.SignInAsync(agent.Email!);
        var ledger = await client.GetPageAsync("/timeliness/promises");
        Assert.Contains($"+966{digits}", ledger.Body!.TextContent, StringComparison.Ordinal);

        // The agent calls back through the PBX: the outgoing call lands on the callback and keeps the promise.
        f.Clock.Advance(TimeSpan.FromMinutes(5));
        var back = "back-" + digits;
        await Event(api, "ringing", back, extension: ext, direction: "out", to: "0" + digits);
        f.Clock.Advance(TimeSpan.FromSeconds(5));
        await Event(api, "answered", back);
        f.Clock.Advance(TimeSpan.FromSeconds(60));
        var keptAt = f.Clock.GetUtcNow().UtcDateTime;
        await Event(api, "ended", back);

        var outgoing = await f.WithDbAsync(db => db.PhoneCalls.AsNoTracking().SingleAsync(c => c.CallId == back));
        Assert.Equal(interactionId, outgoing.InteractionId);
        promise = await f.WithDbAsync(db => db.Set<Promise>().AsNoTracking().SingleAsync(p => p.Id == promiseId));
        Assert.Equal((PromiseStatus.Kept, agent.Id, (DateTime?)keptAt), (promise.Status, promise.ClosedById, promise.ClosedAt));
    }

    [Fact]
    public virtual async Task Callback_CallLoggedOnInteraction_KeepsPromise()
    {
        NextMorning();
        var api = await ApiAsync();
        var digits = NewNumber();
        var id = "log-" + digits;
        await Event(api, "ringing", id, "0" + digits);
        var body = await (await api.PostAsJsonAsync("/api/v1/cti/callbacks", new { callId = id })).Content.ReadFromJsonAsync<JsonElement>();
        var interactionId = body.GetProperty("interactionId").GetInt64();
        var promiseId = body.GetProperty("promiseId").GetInt64();
        var agent = await f.CreateUserAsync(Roles.Agent);

        // A note is not a call: the promise stays open.
        await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.FirstAsync(x => x.Id == interactionId);
            i.AddEntry(TimelineKind.Note, "حاولت الاتصال", agent.Id, f.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        Assert.Equal(PromiseStatus.Open, await f.WithDbAsync(db => db.Set<Promise>().Where(p => p.Id == promiseId).Select(p => p.Status).SingleAsync()));

        f.Clock.Advance(TimeSpan.FromMinutes(7));
        await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.FirstAsync(x => x.Id == interactionId);
            i.AddEntry(TimelineKind.Call, "تم الاتصال بالعميل", agent.Id, f.Clock.GetUtcNow().UtcDateTime, CallRecord.Format(CallDirection.Out, 3));
            await db.SaveChangesAsync();
        });
        var promise = await f.WithDbAsync(db => db.Set<Promise>().AsNoTracking().SingleAsync(p => p.Id == promiseId));
        Assert.Equal((PromiseStatus.Kept, agent.Id), (promise.Status, promise.ClosedById));
    }

    [Fact]
    public virtual async Task Callback_BadInputUnknownOrOverCall_ReturnsProblems()
    {
        var api = await ApiAsync();
        async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var noBody = await api.PostAsync("/api/v1/cti/callbacks", new StringContent("null", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.True((await Problem(await api.PostAsJsonAsync("/api/v1/cti/callbacks", new { from = "0551234567" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("callId", out _));
        Assert.True((await Problem(await api.PostAsJsonAsync("/api/v1/cti/callbacks", new { callId = "x", from = "abc" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("from", out _));

        var unknown = await Problem(await api.PostAsJsonAsync("/api/v1/cti/callbacks?culture=en", new { callId = "never-rang-" + Guid.NewGuid(), from = "0551234567" }), HttpStatusCode.NotFound);
        Assert.Equal("No call with this callId has rung.", unknown.GetProperty("detail").GetString());

        var digits = NewNumber();
        var (_, ext) = await AgentWithExtensionAsync();
        await Event(api, "ringing", "over-" + digits, "0" + digits, ext);
        await Event(api, "answered", "over-" + digits);
        var over = await Problem(await api.PostAsJsonAsync("/api/v1/cti/callbacks?culture=en", new { callId = "over-" + digits }), HttpStatusCode.Conflict);
        Assert.Equal("This call was already answered or has ended.", over.GetProperty("detail").GetString());
        Assert.Null(await f.WithDbAsync(db => db.PhoneCalls.Where(c => c.CallId == "over-" + digits).Select(c => c.CallbackRequestedAt).SingleAsync()));
    }

    [Fact]
    public virtual async Task Settings_AdminSetsThreshold_WaitUsesIt()
    {
        NextMorning();
        var admin = await f.CreateUserAsync(Roles.Admin);
        var client = f.NewClient();
        await client.SignInAsync(admin.Email!);
        var bad = await client.PostFormAsync("/phone/settings", [new("Input.CallbackThresholdSeconds", "5")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.NotNull(Http.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector(".field-error li"));

        var saved = await client.PostFormAsync("/phone/settings", [new("Input.CallbackThresholdSeconds", "30")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var api = await ApiAsync();
        try
        {
            var digits = NewNumber();
            await Event(api, "ringing", "th-" + digits, "0" + digits);
            f.Clock.Advance(TimeSpan.FromSeconds(45));
            // Nobody answering: no estimate, but a caller has waited 45 s, past the 30 s threshold.
            var wait = await WaitAsync(api);
            Assert.Equal(30, wait.GetProperty("thresholdSeconds").GetInt32());
            Assert.Equal(JsonValueKind.Null, wait.GetProperty("estimatedWaitSeconds").ValueKind);
            Assert.True(wait.GetProperty("offerCallback").GetBoolean());

            // An agent cannot change it.
            var agent = await f.CreateUserAsync(Roles.Agent);
            var agentClient = f.NewClient();
            await agentClient.SignInAsync(agent.Email!);
            Assert.NotEqual(HttpStatusCode.OK, (await agentClient.GetAsync("/phone/settings")).StatusCode);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/phone/settings", [new("Input.CallbackThresholdSeconds", "")])).StatusCode);
        }
        Assert.Equal(120, (await WaitAsync(api)).GetProperty("thresholdSeconds").GetInt32());
    }

    [Fact]
    public virtual async Task QueuePage_RingingCall_ShowsLiveAndSupervisorFigure()
    {
        NextMorning();
        var api = await ApiAsync();
        var supervisor = await f.CreateUserAsync(Roles.Supervisor);
        var agent = await f.CreateUserAsync(Roles.Agent);
        var digits = NewNumber();
        var customer = await CustomerWithPhoneAsync(digits);
        await using var live = await HubClient.ConnectAsync(f, "/hubs/live", await HubClient.SignInCookieAsync(f, supervisor.Email!));

        await Event(api, "ringing", "q-" + digits, "0" + digits);
        await live.WaitForAsync("phone-queue-changed");
        f.Clock.Advance(TimeSpan.FromSeconds(75));

        var client = f.NewClient();
        await client.SignInAsync(supervisor.Email!);
        var page = await client.GetPageAsync("/phone/queue");
        Assert.Equal("1", page.QuerySelector("#phone-queue .phone-queue-waiting")!.TextContent.Trim().Replace("١", "1", StringComparison.Ordinal));
        Assert.Contains("phone-queue-changed from:body", page.QuerySelector("#phone-queue")!.GetAttribute("hx-trigger"), StringComparison.Ordinal);
        var row = page.QuerySelector($"#phone-queue tr[data-call] a[href='/customers/{customer}']");
        Assert.NotNull(row);
        // The supervisor's top bar carries the compact figure, refreshed by the same live event.
        var figure = page.QuerySelector("#phone-waiting")!;
        Assert.Equal("/phone/queue?handler=Waiting", figure.GetAttribute("hx-get"));
        Assert.Contains("busy", figure.GetAttribute("class"), StringComparison.Ordinal);
        var fragment = Http.Parse(await (await client.HtmxGetAsync("/phone/queue?handler=Waiting")).Content.ReadAsStringAsync());
        Assert.NotNull(fragment.QuerySelector("#phone-waiting .phone-waiting-longest"));
        var queue = Http.Parse(await (await client.HtmxGetAsync("/phone/queue?handler=Queue")).Content.ReadAsStringAsync());
        Assert.NotNull(queue.QuerySelector("#phone-queue .phone-queue-estimate"));

        // Agents see the queue page, not the top-bar figure.
        var agentClient = f.NewClient();
        await agentClient.SignInAsync(agent.Email!);
        var agentPage = await agentClient.GetPageAsync("/phone/queue");
        Assert.NotNull(agentPage.QuerySelector("#phone-queue"));
        Assert.Null(agentPage.QuerySelector("#phone-waiting"));
        // Not for anonymous visitors.
        Assert.NotEqual(HttpStatusCode.OK, (await f.NewClient().GetAsync("/phone/queue")).StatusCode);

        await Event(api, "ended", "q-" + digits);
    }
}
