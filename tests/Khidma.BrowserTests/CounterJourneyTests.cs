using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Phone.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

// Several browsers at once: a kiosk, a branch's display board and an agent's counter console (K1, X7); and an
// agent's screen popping for a CTI call (K2).
public sealed class CounterJourneyTests(LiveFixture app) : IClassFixture<LiveFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Patience = new() { Timeout = 15000 };
    // Well under the 30 s fallback poll: what arrives within this came through the hub.
    private static readonly LocatorAssertionsToContainTextOptions AtOnce = new() { Timeout = 8000 };

    [Fact]
    public async Task Counter_KioskBoardAndConsole_CallAppearsOnBoardAtOnceThenServedThroughStages()
    {
        IPage? kiosk = null, board = null, agent = null;
        await LiveFixture.JourneyAsync("counter", async () =>
        {
            var code = "j" + Guid.NewGuid().ToString("N")[..6];
            var (serviceId, deskId) = await app.WithDbAsync(async db =>
            {
                var service = new Service { Name = new LocalizedText("تجديد الهوية", "ID renewal", "Renouvellement"), TypicalMinutes = 5 };
                db.Services.Add(service);
                var branch = new Branch { Code = code, Name = new LocalizedText("فرع الرحلة", "Journey branch") };
                db.Branches.Add(branch);
                await db.SaveChangesAsync();
                var desk = new CounterDesk { BranchId = branch.Id, Number = "7" };
                desk.Services.Add(new CounterDeskService { ServiceId = service.Id });
                db.CounterDesks.Add(desk);
                await db.SaveChangesAsync();
                return (service.Id, desk.Id);
            });

            // The agent's console is open first: it must hear the new ticket without a reload.
            agent = await app.SignedInPageAsync(await app.CreateUserAsync(Roles.Agent, "هند"));
            await agent.GotoAsync("/counter");
            await agent.SelectOptionAsync("#deskId", deskId.ToString(CultureInfo.InvariantCulture));
            await agent.ClickAsync("form[action='/counter?handler=Choose'] button[type=submit]");
            await Assertions.Expect(agent.Locator("body[data-counter-live=connected]")).ToHaveCountAsync(1, new() { Timeout = 15000 });
            await Assertions.Expect(agent.Locator(".counter-skills")).ToContainTextAsync("جميع خدمات هذا الشباك");

            var boardContext = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "ar" });
            board = await boardContext.NewPageAsync();
            await board.GotoAsync($"/board/{code}");
            Assert.Equal("rtl", await board.GetAttributeAsync("html", "dir"));
            await Assertions.Expect(board.Locator("body[data-counter-live=connected]")).ToHaveCountAsync(1, new() { Timeout = 15000 });

            var kioskContext = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "ar" });
            kiosk = await kioskContext.NewPageAsync();
            await kiosk.GotoAsync($"/kiosk/{code}");
            Assert.Equal("rtl", await kiosk.GetAttributeAsync("html", "dir"));
            await Assertions.Expect(kiosk.Locator("h1")).ToContainTextAsync("فرع الرحلة");
            await kiosk.ClickAsync($"button.kiosk-service[value='{serviceId}']");
            await kiosk.WaitForURLAsync(u => u.Contains("/queue/ticket/", StringComparison.Ordinal));
            var label = (await kiosk.Locator(".ticket-number").TextContentAsync())!.Trim();
            Assert.Equal(CounterTicket.FormatLabel(CounterTicket.LetterFor(serviceId), 1), label);
            await Assertions.Expect(kiosk.Locator(".ticket-ahead")).ToContainTextAsync("0");

            await Assertions.Expect(board.Locator(".board-next")).ToContainTextAsync(label, AtOnce);
            await Assertions.Expect(agent.Locator("#counter-queue")).ToContainTextAsync(label, AtOnce);

            await agent.ClickAsync("button.counter-call");
            await Assertions.Expect(agent.Locator("#counter-current .ticket-number")).ToContainTextAsync(label, Patience);

            // The board shows the number and the counter without a reload, and chimes (the flash marks the new call).
            await Assertions.Expect(board.Locator("tr.latest .board-number")).ToContainTextAsync(label, AtOnce);
            await Assertions.Expect(board.Locator("tr.latest .board-counter")).ToContainTextAsync("7", AtOnce);
            await Assertions.Expect(board.Locator("#counter-board.flash")).ToHaveCountAsync(1);
            await Assertions.Expect(board.Locator(".board-next")).Not.ToContainTextAsync(label, AtOnce);
            await Assertions.Expect(kiosk.Locator(".ticket-called")).ToContainTextAsync("7", AtOnce);

            // Starting to serve opens the walk-in interaction with its stages.
            await agent.FillAsync("#Start_Name", "ليلى المطيري");
            await agent.ClickAsync("form.counter-start button[type=submit]");
            await agent.WaitForURLAsync(u => u.Contains("/interactions/", StringComparison.Ordinal));
            Assert.Equal("rtl", await agent.GetAttributeAsync("html", "dir"));
            await Assertions.Expect(agent.Locator("#interaction-stages li")).ToHaveCountAsync(6);
            await agent.Locator("#interaction-stages li").First.Locator("input[type=checkbox]").CheckAsync();
            await Assertions.Expect(agent.Locator("#interaction-stages li.done")).ToHaveCountAsync(1, new() { Timeout = 15000 });

            await agent.GotoAsync("/counter");
            await agent.ClickAsync("form[action='/counter?handler=Finish'] button[type=submit]");
            await Assertions.Expect(agent.Locator("#counter-current .counter-call")).ToHaveCountAsync(1, new() { Timeout = 15000 });

            var ticket = await app.WithDbAsync(db => db.CounterTickets.AsNoTracking().SingleAsync(t => t.Label == label && t.CounterDeskId == deskId));
            Assert.Equal(TicketState.Done, ticket.State);
            var interaction = await app.WithDbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == ticket.InteractionId));
            Assert.Equal(Channel.WalkIn, interaction.Channel);
            await Assertions.Expect(board.Locator(".board-called")).Not.ToContainTextAsync(label, AtOnce);
        }, () => kiosk, () => board, () => agent);
    }

    [Fact]
    public async Task Cti_RingingForSignedInAgentsExtension_PopsProfileLiveThenNewCallerForUnknownNumber()
    {
        IPage? agent = null;
        await LiveFixture.JourneyAsync("cti", async () =>
        {
            var user = await app.CreateUserAsync(Roles.Agent, "ماجد");
            var extension = Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
            var digits = "5" + Random.Shared.Next(10000000, 99999999).ToString(CultureInfo.InvariantCulture);
            var customerId = await app.WithDbAsync(async db =>
            {
                db.PhoneExtensions.Add(new PhoneExtension { Extension = extension, UserId = user.Id });
                var c = new Customer { Name = "منيرة القحطاني", CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch };
                c.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = "0" + digits, Normalized = "966" + digits });
                db.Customers.Add(c);
                await db.SaveChangesAsync();
                return c.Id;
            });

            agent = await app.SignedInPageAsync(user);
            await agent.GotoAsync("/interactions");
            Assert.Equal("rtl", await agent.GetAttributeAsync("html", "dir"));
            await Assertions.Expect(agent.Locator("#phone-pop")).ToHaveCountAsync(1);
            await Assertions.Expect(agent.Locator("#phone-pop .phone-pop-customer")).ToHaveCountAsync(0);
            // The pop comes through the live hub (its poll is a 30 s fallback), so the page must be connected first.
            await Assertions.Expect(agent.Locator("body")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = 15000 });

            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync());
            var callId = "b-" + Guid.NewGuid().ToString("N")[..10];
            var ringing = await http.PostAsJsonAsync("/api/v1/cti/events", new { @event = "ringing", callId, direction = "in", from = "+966" + digits, to = "8001", extension });
            Assert.Equal(HttpStatusCode.OK, ringing.StatusCode);

            // No reload: the pop appears on the page the agent is on.
            await Assertions.Expect(agent.Locator("#phone-pop .phone-pop-customer")).ToContainTextAsync("منيرة القحطاني", Patience);
            Assert.Equal($"/customers/{customerId}", await agent.GetAttributeAsync("#phone-pop .phone-pop-customer a", "href"));
            await Assertions.Expect(agent.Locator("#phone-pop h2")).ToContainTextAsync("يرن");

            var ended = await http.PostAsJsonAsync("/api/v1/cti/events", new { @event = "ended", callId, extension });
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            await Assertions.Expect(agent.Locator("#phone-pop .phone-pop-customer")).ToHaveCountAsync(0, new() { Timeout = 15000 });

            var unknown = "5" + Random.Shared.Next(10000000, 99999999).ToString(CultureInfo.InvariantCulture);
            var second = await http.PostAsJsonAsync("/api/v1/cti/events",
                new { @event = "ringing", callId = "u-" + Guid.NewGuid().ToString("N")[..10], from = "0" + unknown, extension });
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            await Assertions.Expect(agent.Locator("#phone-pop .phone-pop-new")).ToContainTextAsync("متصل جديد", Patience);
            await Assertions.Expect(agent.Locator("#phone-pop #NewCaller_Name")).ToHaveCountAsync(1);
        }, () => agent);
    }
}
