using System.Net;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Tests.Channels;

public sealed class CounterSqliteTests(KhidmaFactory f) : CounterTests(f), IClassFixture<KhidmaFactory>;

public sealed class CounterPostgresTests(PostgresKhidmaFactory f) : CounterTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task Kiosk_TwoServices_NumbersPerServiceWithLetters() => base.Kiosk_TwoServices_NumbersPerServiceWithLetters();
    [PostgresFact] public override Task Kiosk_AfterMidnightRiyadh_NumbersRestart() => base.Kiosk_AfterMidnightRiyadh_NumbersRestart();
    [PostgresFact] public override Task Kiosk_ArabicDigitsPhoneOfKnownCustomer_MatchesCustomer() => base.Kiosk_ArabicDigitsPhoneOfKnownCustomer_MatchesCustomer();
    [PostgresFact] public override Task Ticket_Waiting_ShowsPeopleAheadEstimateAndQr() => base.Ticket_Waiting_ShowsPeopleAheadEstimateAndQr();
    [PostgresFact] public override Task CallNext_ServicesOfCounter_PicksLongestWaitingAmongThem() => base.CallNext_ServicesOfCounter_PicksLongestWaitingAmongThem();
    [PostgresFact] public override Task RecallNoShowTransfer_KeepTheRightOrder() => base.RecallNoShowTransfer_KeepTheRightOrder();
    [PostgresFact] public override Task StartServing_CalledTicket_CreatesWalkInInteractionWithSixStages() => base.StartServing_CalledTicket_CreatesWalkInInteractionWithSixStages();
    [PostgresFact] public override Task Board_CalledTicket_ShowsNumberAndCounterInArabic() => base.Board_CalledTicket_ShowsNumberAndCounterInArabic();
    [PostgresFact] public override Task Console_Anonymous_IsRedirectedToSignIn() => base.Console_Anonymous_IsRedirectedToSignIn();
}

public abstract class CounterTests(KhidmaFactory f)
{
    private async Task<(int A, int B)> ServicesAsync()
    {
        return await f.WithDbAsync(async db =>
        {
            var a = new Service { Name = new LocalizedText("فتح حساب " + Guid.NewGuid().ToString("N")[..4], "Open account", "Ouvrir"), TypicalMinutes = 6 };
            var b = new Service { Name = new LocalizedText("استفسار " + Guid.NewGuid().ToString("N")[..4], "Enquiry", "Demande"), TypicalMinutes = 4 };
            db.Services.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
    }

    // A branch of its own per test, so tests sharing the factory do not see each other's queues.
    private async Task<(string Code, int BranchId, int[] Desks)> BranchAsync(params int[][] deskServices)
    {
        var code = "b" + Guid.NewGuid().ToString("N")[..8];
        return await f.WithDbAsync(async db =>
        {
            var branch = new Branch { Code = code, Name = new LocalizedText("فرع الاختبار", "Test branch", "Agence de test") };
            db.Branches.Add(branch);
            await db.SaveChangesAsync();
            var desks = new List<CounterDesk>();
            for (var i = 0; i < deskServices.Length; i++)
            {
                var desk = new CounterDesk { BranchId = branch.Id, Number = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                desk.Services.AddRange(deskServices[i].Select(s => new CounterDeskService { ServiceId = s }));
                desks.Add(desk);
            }
            db.CounterDesks.AddRange(desks);
            await db.SaveChangesAsync();
            return (code, branch.Id, desks.Select(d => d.Id).ToArray());
        });
    }

    private static async Task<string> TakeAsync(HttpClient client, string code, int serviceId, string phone = "")
    {
        var response = await client.PostFormAsync($"/kiosk/{code}", [new("serviceId", serviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Phone", phone)],
            $"/kiosk/{code}?handler=Take");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/queue/ticket/", location, StringComparison.Ordinal);
        return location["/queue/ticket/".Length..].Split('?')[0];
    }

    private Task<CounterTicket> TicketAsync(string publicId) =>
        f.WithDbAsync(db => db.CounterTickets.AsNoTracking().SingleAsync(t => t.PublicId == publicId));

    private async Task<HttpClient> AgentAtDeskAsync(int deskId)
    {
        var user = await f.CreateUserAsync(Roles.Agent);
        var client = f.NewClient();
        await client.SignInAsync(user.Email!);
        var response = await client.PostFormAsync("/counter", [new("deskId", deskId.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/counter?handler=Choose");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, string handler, params KeyValuePair<string, string>[] fields)
    {
        var response = await client.PostFormAsync("/counter", fields, $"/counter?handler={handler}");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode} {Http.Trim(await response.Content.ReadAsStringAsync())}");
        return response;
    }

    private static KeyValuePair<string, string> Id(CounterTicket t) => new("ticketId", t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public virtual async Task Kiosk_TwoServices_NumbersPerServiceWithLetters()
    {
        var (a, b) = await ServicesAsync();
        var (code, _, _) = await BranchAsync([]);
        var kiosk = f.NewClient();
        var page = await kiosk.GetPageAsync($"/kiosk/{code}");
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.NotNull(page.QuerySelector($"button[name=serviceId][value='{a}']"));

        var a1 = await TicketAsync(await TakeAsync(kiosk, code, a));
        var a2 = await TicketAsync(await TakeAsync(kiosk, code, a));
        var b1 = await TicketAsync(await TakeAsync(kiosk, code, b));

        Assert.Equal((1, 2, 1), (a1.Number, a2.Number, b1.Number));
        Assert.Equal($"{CounterTicket.LetterFor(a)}-001", a1.Label);
        Assert.Equal($"{CounterTicket.LetterFor(a)}-002", a2.Label);
        Assert.Equal($"{CounterTicket.LetterFor(b)}-001", b1.Label);
        Assert.Equal(TicketState.Waiting, a2.State);
    }

    [Fact]
    public virtual async Task Kiosk_AfterMidnightRiyadh_NumbersRestart()
    {
        var (a, _) = await ServicesAsync();
        var (code, _, _) = await BranchAsync([]);
        var kiosk = f.NewClient();
        // 20:59 UTC is 23:59 in Riyadh; two minutes later it is the next day there.
        f.Clock.Set(new DateTimeOffset(2026, 11, 22, 20, 59, 0, TimeSpan.Zero));
        try
        {
            var late = await TicketAsync(await TakeAsync(kiosk, code, a));
            var late2 = await TicketAsync(await TakeAsync(kiosk, code, a));
            f.Clock.Advance(TimeSpan.FromMinutes(2));
            var early = await TicketAsync(await TakeAsync(kiosk, code, a));

            Assert.Equal(new DateOnly(2026, 11, 22), late.Day);
            Assert.Equal(2, late2.Number);
            Assert.Equal(new DateOnly(2026, 11, 23), early.Day);
            Assert.Equal(1, early.Number);
        }
        finally
        {
            f.Clock.Set(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        }
    }

    [Fact]
    public virtual async Task Kiosk_ArabicDigitsPhoneOfKnownCustomer_MatchesCustomer()
    {
        var (a, _) = await ServicesAsync();
        var (code, _, _) = await BranchAsync([]);
        var digits = "5" + Random.Shared.Next(10000000, 99999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var customerId = await f.WithDbAsync(async db =>
        {
            var c = new Khidma.Web.Areas.Customers.Domain.Customer { Name = "سارة", CreatedAt = f.Clock.GetUtcNow().UtcDateTime, UpdatedAt = f.Clock.GetUtcNow().UtcDateTime };
            c.Contacts.Add(new Khidma.Web.Areas.Customers.Domain.CustomerContact { Kind = Khidma.Web.Areas.Customers.Domain.ContactKind.Phone, Value = "0" + digits, Normalized = "966" + digits });
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var arabic = new string(("0" + digits).Select(ch => (char)('\u0660' + (ch - '0'))).ToArray());
        var ticket = await TicketAsync(await TakeAsync(f.NewClient(), code, a, arabic));
        Assert.Equal(customerId, ticket.CustomerId);
        Assert.Equal("966" + digits, ticket.Phone);
    }

    [Fact]
    public virtual async Task Ticket_Waiting_ShowsPeopleAheadEstimateAndQr()
    {
        var (a, _) = await ServicesAsync();
        var (code, _, _) = await BranchAsync([a], [a]);
        var kiosk = f.NewClient();
        await TakeAsync(kiosk, code, a);
        await TakeAsync(kiosk, code, a);
        var third = await TakeAsync(kiosk, code, a);

        var page = await kiosk.GetPageAsync($"/queue/ticket/{third}?kiosk={code}");
        Assert.Equal("2", page.QuerySelector(".ticket-ahead")!.TextContent.Trim());
        // Two ahead × 6 typical minutes ÷ 2 counters = 6 minutes.
        Assert.Contains("6", page.QuerySelector(".ticket-wait")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector(".ticket-qr img")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Contains($"/queue/ticket/{third}", page.QuerySelector(".ticket-url")!.TextContent, StringComparison.Ordinal);

        var fragment = await kiosk.HtmxGetAsync($"/queue/ticket/{third}?handler=Status");
        var doc = Http.Parse(await fragment.Content.ReadAsStringAsync());
        Assert.NotNull(doc.QuerySelector("#queue-ticket"));
        Assert.Null(doc.QuerySelector("header"));
        await kiosk.GetPageAsync("/queue/ticket/doesnotexist", HttpStatusCode.NotFound);
    }

    [Fact]
    public virtual async Task CallNext_ServicesOfCounter_PicksLongestWaitingAmongThem()
    {
        var (a, b) = await ServicesAsync();
        var other = (await ServicesAsync()).A;
        var (code, _, desks) = await BranchAsync([a, b], [other]);
        var kiosk = f.NewClient();
        var first = await TakeAsync(kiosk, code, other);
        f.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = await TakeAsync(kiosk, code, b);
        f.Clock.Advance(TimeSpan.FromSeconds(10));
        var third = await TakeAsync(kiosk, code, a);

        var agent = await AgentAtDeskAsync(desks[0]);
        await ActAsync(agent, "CallNext");
        var called = await TicketAsync(second);
        Assert.Equal(TicketState.Called, called.State);
        Assert.Equal(desks[0], called.CounterDeskId);
        Assert.Equal(TicketState.Waiting, (await TicketAsync(first)).State);

        await ActAsync(agent, "NoShow", Id(called));
        await ActAsync(agent, "CallNext");
        Assert.Equal(TicketState.Called, (await TicketAsync(third)).State);
        Assert.Equal(TicketState.Waiting, (await TicketAsync(first)).State);
    }

    [Fact]
    public virtual async Task RecallNoShowTransfer_KeepTheRightOrder()
    {
        var (a, b) = await ServicesAsync();
        var (code, _, desks) = await BranchAsync([a], [b]);
        var kiosk = f.NewClient();
        var t1 = await TakeAsync(kiosk, code, a);
        f.Clock.Advance(TimeSpan.FromSeconds(5));
        var t2 = await TakeAsync(kiosk, code, b);
        f.Clock.Advance(TimeSpan.FromSeconds(5));
        var t3 = await TakeAsync(kiosk, code, a);

        var deskA = await AgentAtDeskAsync(desks[0]);
        var deskB = await AgentAtDeskAsync(desks[1]);
        await ActAsync(deskA, "CallNext");
        var first = await TicketAsync(t1);
        Assert.Equal(TicketState.Called, first.State);

        f.Clock.Advance(TimeSpan.FromSeconds(30));
        await ActAsync(deskA, "Recall", Id(first));
        var recalled = await TicketAsync(t1);
        Assert.Equal(1, recalled.Recalls);
        Assert.True(recalled.CalledAt > first.CalledAt);

        // Transferred to service B, the first ticket keeps its original place: ahead of t2.
        await ActAsync(deskA, "Transfer", Id(recalled), new("serviceId", b.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var transferred = await TicketAsync(t1);
        Assert.Equal((TicketState.Waiting, b, first.TakenAt), (transferred.State, transferred.ServiceId, transferred.TakenAt));
        Assert.Null(transferred.CounterDeskId);

        await ActAsync(deskB, "CallNext");
        Assert.Equal(TicketState.Called, (await TicketAsync(t1)).State);
        Assert.Equal(TicketState.Waiting, (await TicketAsync(t2)).State);

        await ActAsync(deskA, "CallNext");
        var third = await TicketAsync(t3);
        Assert.Equal(TicketState.Called, third.State);
        await ActAsync(deskA, "NoShow", Id(third));
        Assert.Equal(TicketState.NoShow, (await TicketAsync(t3)).State);
    }

    [Fact]
    public virtual async Task StartServing_CalledTicket_CreatesWalkInInteractionWithSixStages()
    {
        var (a, _) = await ServicesAsync();
        var (code, _, desks) = await BranchAsync([a]);
        var publicId = await TakeAsync(f.NewClient(), code, a, "0551112233");
        var agent = await AgentAtDeskAsync(desks[0]);
        await ActAsync(agent, "CallNext");
        var ticket = await TicketAsync(publicId);

        var response = await ActAsync(agent, "Start", Id(ticket), new("Start.Name", "خالد العتيبي"));
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/interactions/", location, StringComparison.Ordinal);
        var interactionId = long.Parse(location["/interactions/".Length..], System.Globalization.CultureInfo.InvariantCulture);

        var (interaction, stages, customer) = await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.AsNoTracking().SingleAsync(x => x.Id == interactionId);
            var s = await db.InteractionStages.CountAsync(x => x.InteractionId == interactionId);
            var c = await db.Customers.AsNoTracking().Include(x => x.Contacts).SingleAsync(x => x.Id == i.CustomerId);
            return (i, s, c);
        });
        Assert.Equal(Channel.WalkIn, interaction.Channel);
        Assert.Equal(a, interaction.ServiceId);
        Assert.Equal(6, stages);
        Assert.Equal("خالد العتيبي", customer.Name);
        Assert.Equal("966551112233", Assert.Single(customer.Contacts).Normalized);
        var serving = await TicketAsync(publicId);
        Assert.Equal((TicketState.Serving, interactionId, (long?)customer.Id), (serving.State, serving.InteractionId, serving.CustomerId));
        await agent.GetPageAsync(location);

        f.Clock.Advance(TimeSpan.FromMinutes(7));
        await ActAsync(agent, "Finish", Id(serving));
        var done = await TicketAsync(publicId);
        Assert.Equal(TicketState.Done, done.State);
        Assert.Equal(TimeSpan.FromMinutes(7), done.DoneAt - done.ServedAt);
    }

    [Fact]
    public virtual async Task Board_CalledTicket_ShowsNumberAndCounterInArabic()
    {
        var (a, _) = await ServicesAsync();
        var (code, _, desks) = await BranchAsync([a], [a]);
        var kiosk = f.NewClient();
        var first = await TicketAsync(await TakeAsync(kiosk, code, a));
        var second = await TicketAsync(await TakeAsync(kiosk, code, a));
        var board = f.NewClient();

        var before = await board.GetPageAsync($"/board/{code}");
        Assert.Equal("rtl", before.DocumentElement.GetAttribute("dir"));
        Assert.Equal(code, before.QuerySelector("script[src^='/js/counter-live.js']")!.GetAttribute("data-branch"));
        Assert.Empty(before.QuerySelectorAll(".board-number"));
        Assert.Equal([first.Label, second.Label], before.QuerySelectorAll(".board-next li").Select(li => li.TextContent.Trim()));

        var agent = await AgentAtDeskAsync(desks[1]);
        await ActAsync(agent, "CallNext");

        var response = await board.HtmxGetAsync($"/board/{code}?handler=Board");
        var fragment = Http.Parse(await response.Content.ReadAsStringAsync());
        var root = fragment.QuerySelector("#counter-board")!;
        // The hub's "queue-changed" refreshes the board at once; the slow poll is only the fallback of a lost connection.
        Assert.Contains("every 30s", root.GetAttribute("hx-trigger"), StringComparison.Ordinal);
        Assert.Contains("queue-changed from:body", root.GetAttribute("hx-trigger"), StringComparison.Ordinal);
        Assert.Equal(first.Label, fragment.QuerySelector("tr.latest .board-number")!.TextContent.Trim());
        Assert.Equal("2", fragment.QuerySelector("tr.latest .board-counter")!.TextContent.Trim());
        Assert.Equal([second.Label], fragment.QuerySelectorAll(".board-next li").Select(li => li.TextContent.Trim()));
        Assert.Equal($"{first.Id}:0", root.GetAttribute("data-latest-call"));
    }

    [Fact]
    public virtual async Task Console_Anonymous_IsRedirectedToSignIn()
    {
        var response = await f.NewClient().GetAsync("/counter");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
