using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Khidma.Tests.MailProtocols;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Chat.Domain;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.MailChannel;

// How Khidma writes to customers: acknowledgments with the realistic estimate (T3), open promises (T2) in every
// message, replies emailed from the API, the console's "send by email" tick, and chat messages answered by email.
public abstract class MailFollowTestsBase(MailFactory f)
{
    protected MailFactory Factory => f;

    private static string Unique(string local) => $"{local}-{Guid.NewGuid():N}"[..(local.Length + 9)] + "@example.test";

    private Task<long> CustomerAsync(string name, string language, string? email) => f.WithDbAsync(async db =>
    {
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var customer = new Customer { Name = name, Language = language, CreatedAt = now, UpdatedAt = now };
        if (email is not null)
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Email, Value = email, Normalized = ContactNormalizer.NormalizeEmail(email) });
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    });

    private Task<long> InteractionAsync(long customerId, Channel channel, string subject) => f.MailAsync(async sp =>
    {
        var outcome = await sp.GetRequiredService<CreateInteraction>().RunAsync(
            new CreateInteraction.Request(customerId, null, channel, subject, "What the customer asked.", null, Priority.Normal, null), null);
        Assert.True(outcome.Succeeded, string.Join(", ", outcome.Errors.Select(e => e.MessageKey)));
        return outcome.Interaction!.Id;
    });

    private Task<long> PromiseAsync(long interactionId, long customerId, string what, DateTime dueUtc) => f.WithDbAsync(async db =>
    {
        var promise = Promise.Make(interactionId, customerId, null, what, dueUtc, null, f.Clock.GetUtcNow().UtcDateTime);
        db.Set<Promise>().Add(promise);
        await db.SaveChangesAsync();
        return promise.Id;
    });

    private Task<ParsedMail> ReadAsync(OutboxMessage row) => f.MailAsync(async sp =>
        MimeParser.Parse(await File.ReadAllBytesAsync(sp.GetRequiredService<MailFiles>().Full(row.RawPath))));

    private async Task<List<OutboxMessage>> OutboxOfAsync(long interactionId) =>
        (await f.OutboxAsync()).Where(o => o.InteractionId == interactionId).ToList();

    private Task<MailIngest.Stored> StoreAsync(int mailbox, byte[] raw) =>
        f.MailAsync(sp => sp.GetRequiredService<MailIngest>().StoreAsync(mailbox, raw));

    private async Task<InboundMessage> IngestAsync(int mailbox, byte[] raw)
    {
        var stored = await StoreAsync(mailbox, raw);
        await f.MailAsync(sp => sp.GetRequiredService<MailIngest>().ProcessAsync(stored.Message.Id));
        return await f.WithDbAsync(db => db.Set<InboundMessage>().AsNoTracking().FirstAsync(m => m.Id == stored.Message.Id));
    }

    // Ten email interactions resolved in 1, 1, 2, 2, 2, 2, 3, 4, 4 and 5 working days: median 2 days, 80th percentile 4.
    private async Task SeedHistoryAsync()
    {
        await f.MailAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var calendar = await sp.GetRequiredService<CalendarProvider>().DefaultAsync(db);
            var day = calendar.WeeklyWorkingTime / Enum.GetValues<DayOfWeek>().Count(d => calendar.PeriodsOn(d).Count > 0);
            var resolved = await db.InteractionStatuses.FirstAsync(s => s.Category == StatusCategory.Resolved);
            var customer = await CustomerAsync("History", "ar", null);
            var start = f.Clock.GetUtcNow().UtcDateTime.AddDays(-60);
            int[] days = [1, 1, 2, 2, 2, 2, 3, 4, 4, 5];
            for (var i = 0; i < days.Length; i++)
            {
                var created = calendar.NextOpening(start.AddDays(i * 3)) ?? start;
                var done = calendar.AddBusinessTime(created, day * days[i]);
                db.Interactions.Add(new Interaction
                {
                    CustomerId = customer, Channel = Channel.Email, Subject = "Past request " + i, StatusId = resolved.Id,
                    StatusCategory = StatusCategory.Resolved, Priority = Priority.Normal,
                    CreatedAt = created, UpdatedAt = done, LastActivityAt = done, ResolvedAt = done,
                });
            }
            await db.SaveChangesAsync();
            return await sp.GetRequiredService<EstimateService>().RefreshAsync();
        });
    }

    [Fact]
    public virtual async Task Acknowledgment_SeededHistory_SaysMedianAndEightInTenInCustomerLanguage()
    {
        await SeedHistoryAsync();
        var (mailbox, _) = await f.AddMailboxAsync($"ack-{Guid.NewGuid():N}@khidma.test", m => m.ExpectedReplyDays = 7);

        // Arabic, through mail ingest: counts in Arabic forms, Arabic-Indic digits, the due time in the company's calendar.
        var row = await IngestAsync(mailbox, Mails.Build(Unique("huda"), "طلب شهادة", "أرجو إصدار شهادة.", fromName: "هدى"));
        var ack = Assert.Single(await OutboxOfAsync(row.InteractionId!.Value));
        var ar = (await ReadAsync(ack)).Text;
        Assert.Contains("يُردّ على معظم الطلبات المماثلة لطلبك خلال يومَي عمل، وعلى ثمانية من كل عشرة خلال ٤ أيام عمل.", ar, StringComparison.Ordinal);
        // From Sunday 12:00 in Riyadh (lunch break), 32 working hours end on Thursday 26 November at 12:00.
        Assert.Contains("٢٦", ar, StringComparison.Ordinal);
        Assert.Contains("١٢:٠٠", ar, StringComparison.Ordinal);
        Assert.Contains("UTC+٠٣:٠٠", ar, StringComparison.Ordinal);
        Assert.DoesNotContain("٧", ar, StringComparison.Ordinal);
        Assert.Contains($"KH-{row.InteractionId}", ar, StringComparison.Ordinal);

        // English, called directly as the web form does.
        var customer = await CustomerAsync("Sam", "en", Unique("sam"));
        var id = await InteractionAsync(customer, Channel.Email, "Certificate");
        var queued = await f.MailAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var box = await db.Set<Mailbox>().FirstAsync(m => m.Id == mailbox);
            var interaction = await db.Interactions.FirstAsync(i => i.Id == id);
            var who = await db.Customers.FirstAsync(c => c.Id == customer);
            var sent = await sp.GetRequiredService<MailAcknowledgments>().QueueAsync(box, interaction, who, new MailAddress("Sam", "sam@example.test"), null, default);
            await db.SaveChangesAsync();
            return sent;
        });
        var en = (await ReadAsync(queued!)).Text;
        Assert.Contains("Most requests like yours are answered within two working days; 8 in 10 within 4 working days.", en, StringComparison.Ordinal);
        Assert.Contains("by Thursday 26 November 2026 at 12:00", en, StringComparison.Ordinal);
        Assert.Contains("UTC+03:00", en, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Reply_OpenPromises_ListedInCustomerLanguageAndDigits()
    {
        await f.AddMailboxAsync($"p-{Guid.NewGuid():N}@khidma.test");
        var customer = await CustomerAsync("Amal", "ar", Unique("amal"));
        var id = await InteractionAsync(customer, Channel.Phone, "بطاقة");
        // Monday 23 November 2026, 14:30 in Riyadh.
        await PromiseAsync(id, customer, "نتصل بك بعد مراجعة الطلب", new DateTime(2026, 11, 23, 11, 30, 0, DateTimeKind.Utc));
        var kept = await PromiseAsync(id, customer, "وعد منجز", new DateTime(2026, 11, 24, 11, 30, 0, DateTimeKind.Utc));
        await f.WithDbAsync(async db =>
        {
            var p = await db.Set<Promise>().FirstAsync(x => x.Id == kept);
            p.MarkKept(null, f.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));
        var response = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/replies", new { body = "سنراجع طلبك اليوم.", sendByEmail = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mail = await ReadAsync(Assert.Single(await OutboxOfAsync(id)));
        Assert.StartsWith("سنراجع طلبك اليوم.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("ما وعدناك به ولم ننجزه بعد:", mail.Text, StringComparison.Ordinal);
        Assert.Contains("نتصل بك بعد مراجعة الطلب (في موعد أقصاه", mail.Text, StringComparison.Ordinal);
        Assert.Contains("٢٣", mail.Text, StringComparison.Ordinal);
        Assert.Contains("١٤:٣٠", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("وعد منجز", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"KH-{id}", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task ApiReply_EmailInteraction_QueuedThreadedLikeConsole()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"api-{Guid.NewGuid():N}@khidma.test", m => m.SendAcknowledgment = false);
        var messageId = Guid.NewGuid().ToString("N") + "@example.test";
        var row = await IngestAsync(mailbox, Mails.Build(Unique("omar"), "Invoice question", "Hello", messageId: messageId));
        var id = row.InteractionId!.Value;

        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));
        var response = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/replies", new { body = "Here is the answer." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var email = json.RootElement.GetProperty("email");
        Assert.Equal("queued", email.GetProperty("state").GetString());
        var outbox = Assert.Single(await OutboxOfAsync(id));
        Assert.Equal(OutboxKind.Reply, outbox.Kind);
        Assert.Equal(outbox.MessageId, email.GetProperty("messageId").GetString());
        var mail = await ReadAsync(outbox);
        Assert.Equal($"Re: Invoice question [KH-{id}]", mail.Subject);
        Assert.Equal(messageId, mail.InReplyTo);
        Assert.Equal("email:" + outbox.MessageId, json.RootElement.GetProperty("entry").GetProperty("data").GetString());

        // The generic entries endpoint sends a reply on an email interaction the same way.
        var entry = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/entries", new { kind = "reply", body = "And one more thing." });
        Assert.Equal(HttpStatusCode.Created, entry.StatusCode);
        Assert.Equal(2, (await OutboxOfAsync(id)).Count);
    }

    [Fact]
    public virtual async Task ApiReply_BadRequests_ProblemDetailsAndNothingAdded()
    {
        await f.AddMailboxAsync($"bad-{Guid.NewGuid():N}@khidma.test");
        var customer = await CustomerAsync("No Mail", "en", null);
        var id = await InteractionAsync(customer, Channel.Phone, "Walk-in question");
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));

        var noAddress = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/replies", new { body = "Hi", sendByEmail = true });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAddress.StatusCode);
        Assert.Equal("application/problem+json", noAddress.Content.Headers.ContentType?.MediaType);
        var empty = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/replies", new { body = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var missing = await client.PostAsJsonAsync("/api/v1/interactions/999999/replies", new { body = "Hi" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await f.WithDbAsync(db => db.TimelineEntries.CountAsync(e => e.InteractionId == id && e.Kind == TimelineKind.Reply)));

        // Without the flag a phone reply is only recorded.
        var plain = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/replies", new { body = "Noted." });
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
        Assert.Empty(await OutboxOfAsync(id));
    }

    [Fact]
    public virtual async Task ConsoleReply_TickOnPhoneInteraction_EmailedThreadedAndShownOnTimeline()
    {
        await f.AddMailboxAsync($"c-{Guid.NewGuid():N}@khidma.test");
        var address = Unique("nora");
        var customer = await CustomerAsync("Nora", "en", address);
        var id = await InteractionAsync(customer, Channel.Phone, "Card renewal");
        var agent = await f.CreateUserAsync(Roles.Agent);
        var client = f.NewClient();
        await client.SignInAsync(agent.Email!);

        var page = await client.GetPageAsync($"/interactions/{id}");
        Assert.NotNull(page.QuerySelector("input[type=checkbox][name='ReplyForm.SendByEmail']"));

        // Without the tick the reply stays on the timeline only.
        await client.PostFormAsync($"/interactions/{id}", [new("ReplyForm.Body", "Only noted.")], $"/interactions/{id}?handler=Reply", htmx: true);
        Assert.Empty(await OutboxOfAsync(id));

        var response = await client.PostFormAsync($"/interactions/{id}",
            [new("ReplyForm.Body", "Your card is ready."), new("ReplyForm.SendByEmail", "true")], $"/interactions/{id}?handler=Reply", htmx: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outbox = Assert.Single(await OutboxOfAsync(id));
        Assert.Equal(address, outbox.ToAddresses);
        var mail = await ReadAsync(outbox);
        Assert.Equal($"Re: Card renewal [KH-{id}]", mail.Subject);
        Assert.StartsWith("Your card is ready.", mail.Text, StringComparison.Ordinal);
        var fragment = Http.Parse(await response.Content.ReadAsStringAsync());
        var emailed = fragment.QuerySelectorAll(".entry-emailed");
        Assert.Single(emailed);
        Assert.Contains(address, emailed[0].TextContent, StringComparison.Ordinal);

        // The customer answers by email: it joins the same interaction, and later replies go by email on their own.
        var mailbox = outbox.MailboxId;
        await IngestAsync(mailbox, Mails.Build(address, "Re: " + mail.Subject, "Thank you!", inReplyTo: outbox.MessageId));
        Assert.Equal(2, await f.WithDbAsync(db => db.TimelineEntries.CountAsync(e => e.InteractionId == id && e.Kind == TimelineKind.CustomerMessage)));
        var again = await client.GetPageAsync($"/interactions/{id}");
        Assert.Null(again.QuerySelector("input[name='ReplyForm.SendByEmail']"));
        Assert.NotNull(again.QuerySelector(".reply-email"));
    }

    [Fact]
    public virtual async Task ConsoleReply_TickWithoutAddress_FormErrorNothingAdded()
    {
        await f.AddMailboxAsync($"n-{Guid.NewGuid():N}@khidma.test");
        var customer = await CustomerAsync("Walk In", "ar", null);
        var id = await InteractionAsync(customer, Channel.WalkIn, "Counter visit");
        var agent = await f.CreateUserAsync(Roles.Agent);
        var client = f.NewClient();
        await client.SignInAsync(agent.Email!);
        Assert.Null((await client.GetPageAsync($"/interactions/{id}")).QuerySelector("input[name='ReplyForm.SendByEmail']"));
        var response = await client.PostFormAsync($"/interactions/{id}",
            [new("ReplyForm.Body", "Hello"), new("ReplyForm.SendByEmail", "true")], $"/interactions/{id}?handler=Reply");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("لا يمكن إرسال هذا الرد بالبريد الإلكتروني", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await f.WithDbAsync(db => db.TimelineEntries.CountAsync(e => e.InteractionId == id && e.Kind == TimelineKind.Reply)));
    }

    [Fact]
    public virtual async Task ChatLeftMessage_AgentReply_EmailedToVisitorAndAnswerThreadsBack()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"chat-{Guid.NewGuid():N}@khidma.test");
        var visitor = Unique("visitor");
        var left = await f.NewClient().PostAsJsonAsync("/chat/leave-message",
            new { name = "Zaid", email = visitor, message = "Are you open on Saturday?", lang = "en" });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        var id = await f.WithDbAsync(db => db.Set<ChatConversation>().Where(c => c.VisitorEmail == visitor).Select(c => c.InteractionId).FirstAsync());

        var agent = await f.CreateUserAsync(Roles.Agent);
        var client = f.NewClient();
        await client.SignInAsync(agent.Email!);
        var page = await client.GetPageAsync($"/interactions/{id}");
        Assert.Contains(visitor, page.QuerySelector(".reply-email")?.TextContent ?? "", StringComparison.Ordinal);
        await client.PostFormAsync($"/interactions/{id}", [new("ReplyForm.Body", "We are closed on Saturdays.")], $"/interactions/{id}?handler=Reply", htmx: true);

        var outbox = Assert.Single(await OutboxOfAsync(id), o => o.Kind == OutboxKind.Reply);
        Assert.Equal(visitor, outbox.ToAddresses);
        var mail = await ReadAsync(outbox);
        Assert.Contains($"[KH-{id}]", mail.Subject, StringComparison.Ordinal);

        var answer = await IngestAsync(mailbox, Mails.Build(visitor, "Re: " + mail.Subject, "And on Friday?", inReplyTo: outbox.MessageId));
        Assert.Equal(id, answer.InteractionId);
        Assert.Equal(Channel.Chat, await f.WithDbAsync(db => db.Interactions.Where(i => i.Id == id).Select(i => i.Channel).FirstAsync()));
    }
}

public sealed class MailFollowTests(MailFactory f) : MailFollowTestsBase(f), IClassFixture<MailFactory>
{
    private static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");

    [Fact]
    public void When_FrenchAndEnglish_CompanyZoneWeekdayAndTime()
    {
        var due = new DateTime(2026, 11, 23, 11, 30, 0, DateTimeKind.Utc);
        Assert.Equal("lundi 23 novembre 2026 à 14h30", MailFacts.When(due, Riyadh, "fr"));
        Assert.Equal("Monday 23 November 2026 at 14:30", MailFacts.When(due, Riyadh, "en"));
        var ar = MailFacts.When(due, Riyadh, "ar");
        Assert.Contains("٢٣", ar, StringComparison.Ordinal);
        Assert.Contains("٢٠٢٦", ar, StringComparison.Ordinal);
        Assert.Contains("١٤:٣٠", ar, StringComparison.Ordinal);
        Assert.DoesNotContain("2026", ar, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoHistory_MailboxDaysInCustomerLanguage()
    {
        using var scope = Factory.Services.CreateScope();
        var acks = scope.ServiceProvider.GetRequiredService<MailAcknowledgments>();
        MailFacts.Facts Thin(int days) => new(null, days, [], Riyadh, Factory.Clock.GetUtcNow().UtcDateTime);
        var ar = acks.Render("ar", "KH-9", ["الاحترام"], Thin(2));
        Assert.Contains("يومَي عمل", ar.Body, StringComparison.Ordinal);
        Assert.Contains("- الاحترام", ar.Body, StringComparison.Ordinal);
        Assert.Contains("١٢ يوم عمل", acks.Render("ar", "KH-9", [], Thin(12)).Body, StringComparison.Ordinal);
        Assert.Contains("within 12 business days.", acks.Render("en", "KH-9", [], Thin(12)).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", acks.Render("en", "KH-9", [], Thin(3)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_RepliesEndpoint_DescribedWithProblemResponses()
    {
        using var client = Factory.NewClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var post = json.RootElement.GetProperty("paths").GetProperty("/api/v1/interactions/{id}/replies").GetProperty("post");
        Assert.Equal("AddInteractionReply", post.GetProperty("operationId").GetString());
        var responses = post.GetProperty("responses");
        foreach (var code in new[] { "201", "400", "404", "422" }) Assert.True(responses.TryGetProperty(code, out _), code);
        Assert.True(responses.GetProperty("422").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public void ExpectationLines_HoursAndManyDays_RoundedUpInEachLanguage()
    {
        using var scope = Factory.Services.CreateScope();
        var facts = scope.ServiceProvider.GetRequiredService<MailFacts>();
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var day = TimeSpan.FromHours(8);
        var hours = new MailFacts.Facts(new MailFacts.Expectation(TimeSpan.FromHours(2.5), TimeSpan.FromHours(6), day, null), 1, [], Riyadh, now);
        using (CustomerCulture.Use("en"))
            Assert.Equal("Most requests like yours are answered within 3 working hours; 8 in 10 within 6 working hours.", Assert.Single(facts.ExpectationLines(hours, "en")));
        var many = new MailFacts.Facts(new MailFacts.Expectation(TimeSpan.FromHours(8), TimeSpan.FromHours(8 * 11 + 1), day, null), 1, [], Riyadh, now);
        using (CustomerCulture.Use("ar"))
            Assert.Equal("يُردّ على معظم الطلبات المماثلة لطلبك خلال يوم عمل واحد، وعلى ثمانية من كل عشرة خلال ١٢ يوم عمل.", Assert.Single(facts.ExpectationLines(many, "ar")));
        using (CustomerCulture.Use("fr"))
            Assert.Equal("La plupart des demandes comme la vôtre reçoivent une réponse sous un jour ouvré ; 8 sur 10 sous 12 jours ouvrés.", Assert.Single(facts.ExpectationLines(many, "fr")));
    }
}

public sealed class MailFollowPostgresTests(PostgresMailFactory f) : MailFollowTestsBase(f), IClassFixture<PostgresMailFactory>
{
    [PostgresFact] public override Task Acknowledgment_SeededHistory_SaysMedianAndEightInTenInCustomerLanguage() => base.Acknowledgment_SeededHistory_SaysMedianAndEightInTenInCustomerLanguage();
    [PostgresFact] public override Task Reply_OpenPromises_ListedInCustomerLanguageAndDigits() => base.Reply_OpenPromises_ListedInCustomerLanguageAndDigits();
    [PostgresFact] public override Task ApiReply_EmailInteraction_QueuedThreadedLikeConsole() => base.ApiReply_EmailInteraction_QueuedThreadedLikeConsole();
    [PostgresFact] public override Task ApiReply_BadRequests_ProblemDetailsAndNothingAdded() => base.ApiReply_BadRequests_ProblemDetailsAndNothingAdded();
    [PostgresFact] public override Task ConsoleReply_TickOnPhoneInteraction_EmailedThreadedAndShownOnTimeline() => base.ConsoleReply_TickOnPhoneInteraction_EmailedThreadedAndShownOnTimeline();
    [PostgresFact] public override Task ConsoleReply_TickWithoutAddress_FormErrorNothingAdded() => base.ConsoleReply_TickWithoutAddress_FormErrorNothingAdded();
    [PostgresFact] public override Task ChatLeftMessage_AgentReply_EmailedToVisitorAndAnswerThreadsBack() => base.ChatLeftMessage_AgentReply_EmailedToVisitorAndAnswerThreadsBack();
}

// The whole path against the private dovecot + postfix of scripts/mailserver.sh: a phone interaction, the agent
// ticks "send by email" in the console, postfix delivers to the customer, the customer answers and IMAP brings the
// answer back into the same interaction.
public sealed class MailFollowServerTests(RealSmtpMailFactory f) : IClassFixture<RealSmtpMailFactory>
{
    private const string Support = "support@khidma.test";
    private const string Customer = "customer@example.test";

    [MailServerFact]
    public async Task ConsoleReply_TickOnPhoneInteraction_ArrivesOverSmtpAndAnswerThreadsBackOverImap()
    {
        var mailbox = await f.MailAsync(async sp =>
        {
            var secrets = sp.GetRequiredService<MailSecrets>();
            var (id, _) = await f.AddMailboxAsync($"phone-{Guid.NewGuid():N}@khidma.test", m =>
                MailTestServer.UseFor(m, InboundKind.Imap, Support, secrets.Protect(MailTestServer.Password)));
            return id;
        });
        // Whatever earlier runs left in the support inbox is taken now, so the answer below is the only new mail.
        await f.MailAsync(sp => sp.GetRequiredService<MailPolling>().PollAsync(mailbox));

        var subject = "Phone " + Guid.NewGuid().ToString("N")[..8];
        var id = await f.MailAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = f.Clock.GetUtcNow().UtcDateTime;
            var customer = new Customer { Name = "Phone Caller", Language = "en", CreatedAt = now, UpdatedAt = now };
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Email, Value = Customer, Normalized = Customer });
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var outcome = await sp.GetRequiredService<CreateInteraction>().RunAsync(
                new CreateInteraction.Request(customer.Id, null, Channel.Phone, subject, "Called about a refund.", null, Priority.Normal, null), null);
            return outcome.Interaction!.Id;
        });

        var agent = await f.CreateUserAsync(Roles.Agent);
        var client = f.NewClient();
        await client.SignInAsync(agent.Email!);
        var response = await client.PostFormAsync($"/interactions/{id}",
            [new("ReplyForm.Body", "Your refund was approved."), new("ReplyForm.SendByEmail", "true")], $"/interactions/{id}?handler=Reply");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var outbox = Assert.Single(await f.OutboxAsync(), o => o.InteractionId == id);
        Assert.Equal(1, await f.MailAsync(sp => sp.GetRequiredService<MailOutbox>().SendDueAsync()));

        var received = await MailTestServer.WaitForMessageAsync(Customer, outbox.MessageId);
        Assert.NotNull(received);
        var parsed = MimeParser.Parse(received);
        Assert.Equal($"Re: {subject} [KH-{id}]", parsed.Subject);
        Assert.StartsWith("Your refund was approved.", parsed.Text, StringComparison.Ordinal);

        MailTestServer.DeliverToMaildir(Support, Mails.Build(Customer, "Re: " + parsed.Subject, "Thank you, received.", inReplyTo: parsed.MessageId, to: Support));
        await f.MailAsync(sp => sp.GetRequiredService<MailPolling>().PollAsync(mailbox));
        var messages = await f.WithDbAsync(db => db.TimelineEntries.AsNoTracking()
            .Where(e => e.InteractionId == id && e.Kind == TimelineKind.CustomerMessage).Select(e => e.Body).ToListAsync());
        Assert.Contains(messages, b => b != null && b.Contains("Thank you, received.", StringComparison.Ordinal));
    }
}
