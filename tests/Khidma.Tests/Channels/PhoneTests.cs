using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Phone.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Channels;

public sealed class PhoneSqliteTests(KhidmaFactory f) : PhoneTests(f), IClassFixture<KhidmaFactory>;

public sealed class PhonePostgresTests(PostgresKhidmaFactory f) : PhoneTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task Ringing_KnownNumber_PopShowsCustomerAndOpenInteractions() => base.Ringing_KnownNumber_PopShowsCustomerAndOpenInteractions();
    [PostgresFact] public override Task Ringing_UnknownNumber_PopShowsNewCallerForm() => base.Ringing_UnknownNumber_PopShowsNewCallerForm();
    [PostgresFact] public override Task AnsweredEnded_KnownCaller_WritesCallEntryWithWaitAndTalk() => base.AnsweredEnded_KnownCaller_WritesCallEntryWithWaitAndTalk();
    [PostgresFact] public override Task RingingEnded_NoAnswer_OpensMissedCallInteraction() => base.RingingEnded_NoAnswer_OpensMissedCallInteraction();
    [PostgresFact] public override Task Events_BadInput_Return400ProblemDetails() => base.Events_BadInput_Return400ProblemDetails();
    [PostgresFact] public override Task Events_RepeatedRinging_IsRecognised() => base.Events_RepeatedRinging_IsRecognised();
}

public abstract class PhoneTests(KhidmaFactory f)
{
    private static string NewNumber() => "5" + Random.Shared.Next(10000000, 99999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string NewExtension() => Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpClient> ApiAsync() => f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));

    private async Task<(AppUser User, HttpClient Client, string Extension)> AgentWithExtensionAsync(params int[] teams)
    {
        var user = await f.CreateUserAsync(Roles.Agent, teams: teams);
        var ext = NewExtension();
        await f.WithDbAsync(async db =>
        {
            db.PhoneExtensions.Add(new PhoneExtension { Extension = ext, UserId = user.Id });
            await db.SaveChangesAsync();
        });
        var client = f.NewClient();
        await client.SignInAsync(user.Email!);
        return (user, client, ext);
    }

    private async Task<long> CustomerWithPhoneAsync(string name, string digits) =>
        await f.WithDbAsync(async db =>
        {
            var now = f.Clock.GetUtcNow().UtcDateTime;
            var c = new Customer { Name = name, CreatedAt = now, UpdatedAt = now };
            c.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = "0" + digits, Normalized = "966" + digits });
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

    private static async Task<HttpResponseMessage> EventAsync(HttpClient api, object body) =>
        await api.PostAsJsonAsync("/api/v1/cti/events", body);

    private async Task<long> OpenInteractionAsync(long customerId, string subject) =>
        await f.WithScopeAsync(async sp =>
        {
            var outcome = await sp.GetRequiredService<CreateInteraction>().RunAsync(
                new CreateInteraction.Request(customerId, null, Channel.Email, subject, "نص", null, Priority.Normal, null), null);
            return outcome.Interaction!.Id;
        });

    [Fact]
    public virtual async Task Ringing_KnownNumber_PopShowsCustomerAndOpenInteractions()
    {
        var digits = NewNumber();
        var customer = await CustomerWithPhoneAsync("منى الشهري", digits);
        var open = await OpenInteractionAsync(customer, "طلب بطاقة");
        var (_, agent, ext) = await AgentWithExtensionAsync();
        var api = await ApiAsync();

        var quiet = Http.Parse(await (await agent.HtmxGetAsync("/phone/pop?handler=Pop")).Content.ReadAsStringAsync());
        Assert.Null(quiet.QuerySelector(".phone-pop-customer"));

        var response = await EventAsync(api, new { @event = "ringing", callId = "c-" + digits, direction = "in", from = "+966 " + digits, to = "8001", extension = ext });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var pop = Http.Parse(await (await agent.HtmxGetAsync("/phone/pop?handler=Pop")).Content.ReadAsStringAsync());
        var root = pop.QuerySelector("#phone-pop")!;
        Assert.Contains("call-changed", root.GetAttribute("hx-trigger"), StringComparison.Ordinal);
        var link = pop.QuerySelector(".phone-pop-customer a")!;
        Assert.Equal($"/customers/{customer}", link.GetAttribute("href"));
        Assert.Equal("منى الشهري", link.TextContent.Trim());
        Assert.Contains(pop.QuerySelectorAll(".phone-pop-open a"), a => a.GetAttribute("href") == $"/interactions/{open}");

        // Another agent's screen stays quiet.
        var (_, other, _) = await AgentWithExtensionAsync();
        var otherPop = Http.Parse(await (await other.HtmxGetAsync("/phone/pop?handler=Pop")).Content.ReadAsStringAsync());
        Assert.Null(otherPop.QuerySelector(".phone-pop-customer"));

        // The layout carries the pop slot for employees.
        var home = await agent.GetPageAsync("/interactions");
        Assert.Equal("/phone/pop?handler=Pop", home.QuerySelector("#phone-pop")!.GetAttribute("hx-get"));
    }

    [Fact]
    public virtual async Task Ringing_UnknownNumber_PopShowsNewCallerForm()
    {
        var digits = NewNumber();
        var (user, agent, ext) = await AgentWithExtensionAsync();
        var api = await ApiAsync();
        Assert.Equal(HttpStatusCode.OK, (await EventAsync(api, new { @event = "ringing", callId = "u-" + digits, from = "0" + digits, extension = ext })).StatusCode);

        var pop = Http.Parse(await (await agent.HtmxGetAsync("/phone/pop?handler=Pop")).Content.ReadAsStringAsync());
        Assert.NotNull(pop.QuerySelector(".phone-pop-new"));
        Assert.Equal("+966" + digits, pop.QuerySelector("input[name='NewCaller.Phone']")!.GetAttribute("value"));

        var callId = await f.WithDbAsync(db => db.PhoneCalls.Where(c => c.CallId == "u-" + digits).Select(c => c.Id).SingleAsync());
        var response = await agent.PostFormAsync("/phone/pop", [new("callId", callId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("NewCaller.Name", "ياسر"),
            new("NewCaller.Phone", "+966" + digits)], "/phone/pop?handler=NewCaller");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var call = await f.WithDbAsync(db => db.PhoneCalls.AsNoTracking().SingleAsync(c => c.Id == callId));
        Assert.NotNull(call.InteractionId);
        var interaction = await f.WithDbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == call.InteractionId));
        Assert.Equal((Channel.Phone, call.CustomerId!.Value, user.Id), (interaction.Channel, interaction.CustomerId, interaction.HandlerId));
    }

    [Fact]
    public virtual async Task AnsweredEnded_KnownCaller_WritesCallEntryWithWaitAndTalk()
    {
        var digits = NewNumber();
        var customer = await CustomerWithPhoneAsync("فهد", digits);
        var (user, _, ext) = await AgentWithExtensionAsync();
        var api = await ApiAsync();
        var id = "a-" + digits;
        await EventAsync(api, new { @event = "ringing", callId = id, from = "966" + digits, extension = ext });
        f.Clock.Advance(TimeSpan.FromSeconds(12));
        var answered = await EventAsync(api, new { @event = "answered", callId = id });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        f.Clock.Advance(TimeSpan.FromSeconds(150));
        var ended = await EventAsync(api, new { @event = "ended", callId = id });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var json = await ended.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(12, json.GetProperty("waitSeconds").GetInt32());
        Assert.Equal(150, json.GetProperty("talkSeconds").GetInt32());

        var call = await f.WithDbAsync(db => db.PhoneCalls.AsNoTracking().SingleAsync(c => c.CallId == id));
        Assert.False(call.Missed);
        Assert.Equal(customer, call.CustomerId);
        var (interaction, entry) = await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.AsNoTracking().SingleAsync(x => x.Id == call.InteractionId);
            var e = await db.TimelineEntries.AsNoTracking().SingleAsync(x => x.InteractionId == i.Id && x.Kind == TimelineKind.Call);
            return (i, e);
        });
        Assert.Equal((Channel.Phone, customer, user.Id), (interaction.Channel, interaction.CustomerId, interaction.HandlerId));
        Assert.Equal("in|3", entry.Data);
        Assert.Equal("wait 12s, talk 150s", entry.Body);
    }

    [Fact]
    public virtual async Task RingingEnded_NoAnswer_OpensMissedCallInteraction()
    {
        var team = await f.WithDbAsync(async db =>
        {
            var t = new Team { Name = "هاتف " + Guid.NewGuid().ToString("N")[..6] };
            db.Teams.Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });
        var digits = NewNumber();
        var (_, _, ext) = await AgentWithExtensionAsync(team);
        var api = await ApiAsync();
        var id = "m-" + digits;
        await EventAsync(api, new { @event = "ringing", callId = id, from = "0" + digits, extension = ext });
        f.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(HttpStatusCode.OK, (await EventAsync(api, new { @event = "ended", callId = id })).StatusCode);

        var call = await f.WithDbAsync(db => db.PhoneCalls.AsNoTracking().SingleAsync(c => c.CallId == id));
        Assert.True(call.Missed);
        var interaction = await f.WithDbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == call.InteractionId));
        Assert.Equal((Channel.Phone, Priority.High, (int?)team), (interaction.Channel, interaction.Priority, interaction.TeamId));
        Assert.Equal($"مكالمة فائتة من +966{digits}", interaction.Subject);
        Assert.False(await f.WithDbAsync(db => db.TimelineEntries.AnyAsync(e => e.InteractionId == interaction.Id && e.Kind == TimelineKind.Call)));
    }

    [Fact]
    public virtual async Task Events_BadInput_Return400ProblemDetails()
    {
        var api = await ApiAsync();
        async Task<JsonElement> Bad(object body)
        {
            var response = await EventAsync(api, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }

        Assert.True((await Bad(new { @event = "hangup", callId = "x1" })).TryGetProperty("event", out _));
        Assert.True((await Bad(new { @event = "ringing", from = "0551234567" })).TryGetProperty("callId", out _));
        Assert.True((await Bad(new { @event = "answered", callId = "never-rang-" + Guid.NewGuid() })).TryGetProperty("callId", out _));
        Assert.True((await Bad(new { @event = "ended", callId = "never-rang-" + Guid.NewGuid() })).TryGetProperty("callId", out _));
        Assert.True((await Bad(new { @event = "ringing", callId = "nofrom-" + Guid.NewGuid() })).TryGetProperty("from", out _));
        Assert.True((await Bad(new { @event = "ringing", callId = "d-" + Guid.NewGuid(), from = "0551234567", direction = "sideways" })).TryGetProperty("direction", out _));

        var anonymous = await f.NewClient().PostAsJsonAsync("/api/v1/cti/events", new { @event = "ringing", callId = "z" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public virtual async Task Events_RepeatedRinging_IsRecognised()
    {
        var api = await ApiAsync();
        var id = "r-" + Guid.NewGuid().ToString("N");
        await EventAsync(api, new { @event = "ringing", callId = id, from = "0551234567" });
        Assert.Equal(HttpStatusCode.OK, (await EventAsync(api, new { @event = "ringing", callId = id, from = "0551234567" })).StatusCode);
        Assert.Equal(1, await f.WithDbAsync(db => db.PhoneCalls.CountAsync(c => c.CallId == id)));
    }
}
