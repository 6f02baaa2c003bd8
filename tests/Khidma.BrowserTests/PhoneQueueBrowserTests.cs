using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Khidma.Web.Areas.People.Domain;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

public sealed class PhoneQueueBrowserTests(LiveFixture app) : IClassFixture<LiveFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Patience = new() { Timeout = 15000 };

    [Fact]
    public async Task PhoneQueue_CallRingsAndEnds_SupervisorSeesItLiveInArabic()
    {
        IPage? supervisor = null;
        await LiveFixture.JourneyAsync("phone-queue", async () =>
        {
            supervisor = await app.SignedInPageAsync(await app.CreateUserAsync(Roles.Supervisor, "نورة"));
            await supervisor.GotoAsync("/phone/queue");
            Assert.Equal("rtl", await supervisor.GetAttributeAsync("html", "dir"));
            await Assertions.Expect(supervisor.Locator("h1")).ToContainTextAsync("قائمة انتظار الهاتف");
            await Assertions.Expect(supervisor.Locator("#phone-queue")).ToContainTextAsync("لا أحد ينتظر");
            await Assertions.Expect(supervisor.Locator("body[data-live=connected]")).ToHaveCountAsync(1, new() { Timeout = 15000 });

            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync());
            var callId = "browser-" + Guid.NewGuid().ToString("N")[..8];
            var ringing = await http.PostAsJsonAsync("/api/v1/cti/events", new { @event = "ringing", callId, from = "0551234567" });
            Assert.Equal(HttpStatusCode.OK, ringing.StatusCode);

            // Without reloading: the queue lists the caller and the top bar shows one on hold.
            await Assertions.Expect(supervisor.Locator("#phone-queue tr[data-call]")).ToContainTextAsync("+966551234567", Patience);
            await Assertions.Expect(supervisor.Locator("#phone-waiting .phone-waiting-count")).ToContainTextAsync("1", Patience);

            var callback = await http.PostAsJsonAsync("/api/v1/cti/callbacks", new { callId });
            Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
            await Assertions.Expect(supervisor.Locator("#phone-queue")).ToContainTextAsync("لا أحد ينتظر", Patience);
            await Assertions.Expect(supervisor.Locator("#phone-waiting .phone-waiting-count")).ToContainTextAsync("0", Patience);
        }, () => supervisor);
    }
}
