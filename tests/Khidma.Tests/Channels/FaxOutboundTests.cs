using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Khidma.Tests.MailChannel;
using Khidma.Tests.MailProtocols;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Fax.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Channels;

public sealed class FaxOutboundSqliteTests(MailFactory f) : FaxOutboundTests(f), IClassFixture<MailFactory>;

public sealed class FaxOutboundPostgresTests(PostgresMailFactory f) : FaxOutboundTests(f), IClassFixture<PostgresMailFactory>
{
    [PostgresFact] public override Task SendHttp_GatewayAccepts_SentWithGatewayIdTokenAndNumbers() => base.SendHttp_GatewayAccepts_SentWithGatewayIdTokenAndNumbers();
    [PostgresFact] public override Task SendHttp_Gateway500_RetriesWithBackoffThenFailsVisiblyAndRetryWorks() => base.SendHttp_Gateway500_RetriesWithBackoffThenFailsVisiblyAndRetryWorks();
    [PostgresFact] public override Task Send_NotPdf_RefusedWithClearError() => base.Send_NotPdf_RefusedWithClearError();
    [PostgresFact] public override Task Send_InteractionNotVisible_Returns404AndQueuesNothing() => base.Send_InteractionNotVisible_Returns404AndQueuesNothing();
    [PostgresFact] public override Task SendEmail_QueuesMailWithPdfToNumberAddressAndFollowsIt() => base.SendEmail_QueuesMailWithPdfToNumberAddressAndFollowsIt();
    [PostgresFact] public override Task FaxMailbox_MessageWithPdf_BecomesFaxInteractionWithDocument() => base.FaxMailbox_MessageWithPdf_BecomesFaxInteractionWithDocument();
    [PostgresFact] public override Task Send_ExistingReceivedFax_IsForwarded() => base.Send_ExistingReceivedFax_IsForwarded();
}

public abstract class FaxOutboundTests(MailFactory f)
{
    public static byte[] Pdf(string marker) =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n% {marker}\n1 0 obj << /Type /Pages /Count 2 >> endobj\n2 0 obj << /Type /Page >> endobj\n3 0 obj << /Type/Page >> endobj\ntrailer << >>\n%%EOF\n");

    private static string NewNational() => "011" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpClient> SignedInAsync(string role, params int[] teams)
    {
        var user = await f.CreateUserAsync(role, teams: teams);
        var client = f.NewClient();
        await client.SignInAsync(user.Email!);
        return client;
    }

    private Task<int> TeamAsync() => f.WithDbAsync(async db =>
    {
        var t = new Team { Name = "فريق " + Guid.NewGuid().ToString("N")[..6] };
        db.Teams.Add(t);
        await db.SaveChangesAsync();
        return t.Id;
    });

    // A customer with a fax number and an open interaction of theirs in the team.
    private Task<long> InteractionAsync(int teamId, string faxNumber) => f.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var c = new Customer { Name = "شركة الأفق", CreatedAt = now, UpdatedAt = now };
        c.Contacts.Add(new CustomerContact { Kind = ContactKind.Fax, Value = faxNumber, Normalized = ContactNormalizer.NormalizePhone(faxNumber, "966") });
        db.Customers.Add(c);
        await db.SaveChangesAsync();
        var outcome = await sp.GetRequiredService<CreateInteraction>().RunAsync(
            new CreateInteraction.Request(c.Id, null, Channel.Email, "طلب عرض سعر", "أرسلوا العرض بالفاكس", null, Priority.Normal, teamId), null);
        return outcome.Interaction!.Id;
    });

    private async Task ConfigureAsync(params (string Key, string Value)[] fields)
    {
        var admin = await SignedInAsync(Roles.Admin);
        var response = await admin.PostFormAsync("/fax/gateway", fields.Select(x => new KeyValuePair<string, string>(x.Key, x.Value)));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostSendAsync(HttpClient client, long id, string to, byte[]? document, string name = "letter.pdf",
        string? existing = null)
    {
        var token = Http.Token(await client.GetPageAsync("/interactions"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(to), "Input.To" },
            { new StringContent($"/interactions/{id}"), "returnUrl" },
        };
        if (document is not null)
        {
            var file = new ByteArrayContent(document);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "Input.Document", name);
        }
        if (existing is not null) form.Add(new StringContent(existing), "Input.Existing");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/fax/interactions/{id}?handler=Send") { Content = form };
        request.Headers.Add("HX-Request", "true");
        return await client.SendAsync(request);
    }

    private Task<int> SendDueAsync() => f.WithScopeAsync(sp => sp.GetRequiredService<FaxSender>().SendDueAsync());

    private Task<FaxOutboxItem> ItemAsync(long interactionId) =>
        f.WithDbAsync(db => db.FaxOutbox.AsNoTracking().Where(o => o.InteractionId == interactionId).OrderByDescending(o => o.Id).FirstAsync());

    [Fact]
    public virtual async Task SendHttp_GatewayAccepts_SentWithGatewayIdTokenAndNumbers()
    {
        await using var gateway = await FakeFaxGateway.StartAsync();
        await ConfigureAsync(("Input.Kind", "Http"), ("Input.Url", gateway.Url), ("Input.Token", "tok-Az9.~+/123"), ("Input.FromNumber", "+966 11 000 0000"));
        var stored = await f.WithDbAsync(db => db.Set<FaxGateway>().AsNoTracking().SingleAsync());
        var admin = await SignedInAsync(Roles.Admin);
        var refused = await admin.PostFormAsync("/fax/gateway", [new("Input.Kind", "Http"), new("Input.Url", gateway.Url), new("Input.Token", "رمز سري")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("لا يقبل الرمز", await refused.Content.ReadAsStringAsync());
        Assert.NotNull(stored.TokenProtected);
        Assert.DoesNotContain("tok-", stored.TokenProtected);

        var team = await TeamAsync();
        var national = NewNational();
        var id = await InteractionAsync(team, national);
        var agent = await SignedInAsync(Roles.Agent, team);

        // The section on the interaction page, the customer's fax number already filled in.
        var page = await agent.GetPageAsync($"/interactions/{id}");
        Assert.Equal(national, page.QuerySelector("#interaction-fax input[name='Input.To']")!.GetAttribute("value"));

        var pdf = Pdf(Guid.NewGuid().ToString());
        var response = await PostSendAsync(agent, id, national, pdf, "عرض السعر.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(fragment.QuerySelector("#interaction-fax li.fax-out.pending"));
        var queued = await ItemAsync(id);
        Assert.Equal((FaxOutboxState.Pending, "966" + national[1..], "عرض السعر.pdf"), (queued.State, queued.To, queued.DocumentName));
        var timeline = await f.WithDbAsync(db => db.TimelineEntries.AsNoTracking().Where(e => e.InteractionId == id && e.Data == "fax-out").CountAsync());
        Assert.Equal(1, timeline);

        Assert.True(await SendDueAsync() >= 1);
        var sent = await ItemAsync(id);
        Assert.Equal(FaxOutboxState.Sent, sent.State);
        var received = Assert.Single(gateway.Requests, r => r.To == "+966" + national[1..]);
        Assert.StartsWith("gw-", sent.GatewayReference);
        Assert.Equal("Bearer tok-Az9.~+/123", received.Authorization);
        Assert.Equal("+966 11 000 0000", received.From);
        Assert.Equal("application/pdf", received.ContentType);
        Assert.Equal(pdf, received.Document);

        var after = await agent.GetPageAsync($"/interactions/{id}");
        var row = after.QuerySelector($"#fax-out-{sent.Id}")!;
        Assert.Contains("sent", row.ClassList);
        Assert.Contains(sent.GatewayReference!, row.TextContent);
        var lines = await f.WithDbAsync(db => db.TimelineEntries.AsNoTracking().Where(e => e.InteractionId == id && e.Data == "fax-out").OrderBy(e => e.Id).Select(e => e.Body).ToListAsync());
        Assert.Equal(2, lines.Count);
        Assert.Contains(national[1..], lines[1]);
    }

    [Fact]
    public virtual async Task SendHttp_Gateway500_RetriesWithBackoffThenFailsVisiblyAndRetryWorks()
    {
        await using var gateway = await FakeFaxGateway.StartAsync();
        await ConfigureAsync(("Input.Kind", "Http"), ("Input.Url", gateway.Url));
        var team = await TeamAsync();
        var national = NewNational();
        var international = "+966" + national[1..];
        gateway.FailFor[international] = true;
        var id = await InteractionAsync(team, national);
        var agent = await SignedInAsync(Roles.Agent, team);
        Assert.Equal(HttpStatusCode.OK, (await PostSendAsync(agent, id, national, Pdf("busy"))).StatusCode);

        int Calls() => gateway.Requests.Count(r => r.To == international);
        await SendDueAsync();
        var item = await ItemAsync(id);
        Assert.Equal((FaxOutboxState.Pending, 1, 1), (item.State, item.Attempts, Calls()));
        Assert.Contains("500", item.LastError);
        Assert.Contains("line busy", item.LastError);
        Assert.Equal(f.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), item.NextAttemptAt);

        // Not yet due: nothing is posted before the backoff is over.
        await SendDueAsync();
        Assert.Equal(1, Calls());

        // 1, 2, 4, 8, 16 minutes apart; the sixth failure is the last.
        for (var attempt = 1; attempt < 6; attempt++)
        {
            f.Clock.Advance(TimeSpan.FromMinutes(Math.Pow(2, attempt - 1)));
            await SendDueAsync();
            item = await ItemAsync(id);
            Assert.Equal(attempt + 1, item.Attempts);
            if (attempt < 5) Assert.Equal(f.Clock.GetUtcNow().UtcDateTime.AddMinutes(Math.Pow(2, attempt)), item.NextAttemptAt);
        }
        Assert.Equal((FaxOutboxState.Failed, 6), (item.State, Calls()));
        f.Clock.Advance(TimeSpan.FromHours(2));
        await SendDueAsync();
        Assert.Equal(6, Calls());
        var failedLine = await f.WithDbAsync(db => db.TimelineEntries.AsNoTracking().Where(e => e.InteractionId == id && e.Data == "fax-out").OrderByDescending(e => e.Id).Select(e => e.Body).FirstAsync());
        Assert.Contains("line busy", failedLine);

        // Visible on the interaction with the gateway's error and a retry button, and on the admin list.
        var page = await agent.GetPageAsync($"/interactions/{id}");
        var row = page.QuerySelector($"#fax-out-{item.Id}")!;
        Assert.Contains("failed", row.ClassList);
        Assert.Contains("line busy", row.QuerySelector(".fax-error")!.TextContent);
        Assert.NotNull(row.QuerySelector("form[action$='handler=Retry'] button"));
        var admin = await SignedInAsync(Roles.Admin);
        var failed = await admin.GetPageAsync("/fax/failed");
        Assert.Contains("line busy", failed.QuerySelector($"#fax-failed-{item.Id}")!.TextContent);
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync("/fax/failed")).StatusCode);

        // The agent retries once the line is free: a fresh series, sent at once.
        gateway.FailFor.TryRemove(international, out _);
        var retry = await agent.PostFormAsync($"/interactions/{id}", [new("faxId", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            $"/fax/interactions/{id}?handler=Retry", htmx: true);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal((FaxOutboxState.Pending, 0), ((await ItemAsync(id)).State, (await ItemAsync(id)).Attempts));
        await SendDueAsync();
        Assert.Equal(FaxOutboxState.Sent, (await ItemAsync(id)).State);
    }

    [Fact]
    public virtual async Task Send_NotPdf_RefusedWithClearError()
    {
        var team = await TeamAsync();
        var id = await InteractionAsync(team, NewNational());
        var agent = await SignedInAsync(Roles.Agent, team);
        var png = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0 };
        var response = await PostSendAsync(agent, id, "0112223333", png, "scan.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("لا يمكن إرسال غير مستندات PDF بالفاكس.", fragment.QuerySelector("#interaction-fax .field-error")!.TextContent.Trim());
        // The number typed comes back with the error.
        Assert.Equal("0112223333", fragment.QuerySelector("input[name='Input.To']")!.GetAttribute("value"));

        var bad = Http.Parse(await (await PostSendAsync(agent, id, "12", Pdf("x"))).Content.ReadAsStringAsync());
        Assert.Contains("أدخل رقم الفاكس مع رمز المنطقة.", bad.QuerySelector("#interaction-fax")!.TextContent);
        Assert.False(await f.WithDbAsync(db => db.FaxOutbox.AnyAsync(o => o.InteractionId == id)));
    }

    [Fact]
    public virtual async Task Send_InteractionNotVisible_Returns404AndQueuesNothing()
    {
        var teamA = await TeamAsync();
        var teamB = await TeamAsync();
        var id = await InteractionAsync(teamA, NewNational());
        var outsider = await SignedInAsync(Roles.Agent, teamB);
        Assert.Equal(HttpStatusCode.NotFound, (await PostSendAsync(outsider, id, "0112223333", Pdf("secret"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/fax/interactions/{id}")).StatusCode);
        Assert.False(await f.WithDbAsync(db => db.FaxOutbox.AnyAsync(o => o.InteractionId == id)));

        // Nor can they retry someone else's fax, nor open the admin pages.
        var member = await SignedInAsync(Roles.Agent, teamA);
        Assert.Equal(HttpStatusCode.OK, (await PostSendAsync(member, id, "0112223333", Pdf("mine"))).StatusCode);
        var item = await ItemAsync(id);
        await f.WithDbAsync(db => db.FaxOutbox.Where(o => o.Id == item.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, FaxOutboxState.Failed)));
        var retry = await outsider.PostFormAsync("/interactions", [new("faxId", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            $"/fax/interactions/{id}?handler=Retry");
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.Equal(FaxOutboxState.Failed, (await ItemAsync(id)).State);
        Assert.NotEqual(HttpStatusCode.OK, (await outsider.GetAsync("/fax/gateway")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await f.NewClient().GetAsync($"/fax/interactions/{id}")).StatusCode);
    }

    [Fact]
    public virtual async Task SendEmail_QueuesMailWithPdfToNumberAddressAndFollowsIt()
    {
        var (mailboxId, _) = await f.AddMailboxAsync($"fax-out-{Guid.NewGuid():N}@khidma.test");
        await ConfigureAsync(("Input.Kind", "Email"), ("Input.MailboxId", mailboxId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.EmailDomain", "fax.example.test"));
        var team = await TeamAsync();
        var national = NewNational();
        var id = await InteractionAsync(team, national);
        var agent = await SignedInAsync(Roles.Agent, team);
        var pdf = Pdf(Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, (await PostSendAsync(agent, id, national, pdf, "quote.pdf")).StatusCode);

        await SendDueAsync();
        var item = await ItemAsync(id);
        Assert.Equal(FaxOutboxState.Sending, item.State);
        var mail = await f.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == item.MailOutboxId));
        var address = $"966{national[1..]}@fax.example.test";
        Assert.Equal((OutboxKind.Fax, address, mailboxId, id), (mail.Kind, mail.ToAddresses, mail.MailboxId, mail.InteractionId));
        var raw = await f.MailAsync(sp => sp.GetRequiredService<MailFiles>().ReadAsync(mail.RawPath, default));
        var parsed = MimeParser.Parse(raw);
        var attachment = Assert.Single(parsed.Attachments);
        Assert.Equal(("quote.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType));
        Assert.Equal(pdf, attachment.Content.ToArray());
        Assert.Contains("+966" + national[1..], parsed.Subject);

        // The mail outbox delivers it; the fax follows the mail's verdict on the next round.
        Assert.Equal(1, await f.MailAsync(sp => sp.GetRequiredService<MailOutbox>().SendDueAsync()));
        Assert.Contains(f.Smtp.Sent, s => s.To.Contains(address));
        await SendDueAsync();
        Assert.Equal(FaxOutboxState.Sending, (await ItemAsync(id)).State);
        f.Clock.Advance(TimeSpan.FromMinutes(1));
        await SendDueAsync();
        item = await ItemAsync(id);
        Assert.Equal((FaxOutboxState.Sent, mail.MessageId), (item.State, item.GatewayReference));
    }

    [Fact]
    public virtual async Task Send_ExistingReceivedFax_IsForwarded()
    {
        await using var gateway = await FakeFaxGateway.StartAsync();
        await ConfigureAsync(("Input.Kind", "Http"), ("Input.Url", gateway.Url));
        var pdf = Pdf(Guid.NewGuid().ToString());
        var document = await f.WithScopeAsync(sp => sp.GetRequiredService<ReceiveFax>().RunAsync(pdf, FaxFormat.Pdf, NewNational(), null, 1, default));
        var admin = await SignedInAsync(Roles.Admin);
        var national = NewNational();
        var response = await PostSendAsync(admin, document.Document.InteractionId, national, null, existing: $"fax-{document.Document.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await SendDueAsync();
        Assert.Equal(FaxOutboxState.Sent, (await ItemAsync(document.Document.InteractionId)).State);
        Assert.Equal(pdf, Assert.Single(gateway.Requests, r => r.To == "+966" + national[1..]).Document);

        var missing = Http.Parse(await (await PostSendAsync(admin, document.Document.InteractionId, national, null, existing: "fax-999999")).Content.ReadAsStringAsync());
        Assert.NotNull(missing.QuerySelector("#interaction-fax .field-error"));
    }

    [Fact]
    public virtual async Task FaxMailbox_MessageWithPdf_BecomesFaxInteractionWithDocument()
    {
        var (mailboxId, _) = await f.AddMailboxAsync($"fax-in-{Guid.NewGuid():N}@khidma.test");
        await ConfigureAsync(("Input.Kind", "None"), ("Input.FaxMailboxIds", mailboxId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(await f.WithDbAsync(db => db.Set<FaxMailbox>().AnyAsync(m => m.MailboxId == mailboxId)));

        var national = NewNational();
        var pdf = Pdf(Guid.NewGuid().ToString());
        var raw = FaxMail($"Fax from +966 {national[1..3]} {national[3..]} (2 pages)", pdf);
        var interactionId = await f.MailAsync(async sp =>
        {
            var ingest = sp.GetRequiredService<MailIngest>();
            var stored = await ingest.StoreAsync(mailboxId, raw);
            Assert.True(await ingest.ProcessAsync(stored.Message.Id));
            var db = sp.GetRequiredService<AppDbContext>();
            var row = await db.Set<InboundMessage>().AsNoTracking().SingleAsync(m => m.Id == stored.Message.Id);
            Assert.Equal(InboundState.Processed, row.State);
            return row.InteractionId!.Value;
        });
        var (interaction, document, acks) = await f.WithDbAsync(async db => (
            await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == interactionId),
            await db.FaxDocuments.AsNoTracking().SingleAsync(d => d.InteractionId == interactionId),
            await db.Set<OutboxMessage>().CountAsync(m => m.InteractionId == interactionId)));
        Assert.Equal(Channel.Fax, interaction.Channel);
        Assert.Equal(("966" + national[1..], 2), (document.From, document.Pages));
        Assert.Equal(0, acks);

        // Viewed like the intake endpoint's documents, and listed on the interaction's fax section.
        var admin = await SignedInAsync(Roles.Admin);
        var download = await admin.GetAsync($"/fax/documents/{document.Id}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        var page = await admin.GetPageAsync($"/interactions/{interactionId}");
        Assert.NotNull(page.QuerySelector($"#fax-document-{document.Id} a[href='/fax/documents/{document.Id}']"));

        // A message there without a fax document is kept as failed, not turned into mail.
        var failed = await f.MailAsync(async sp =>
        {
            var ingest = sp.GetRequiredService<MailIngest>();
            var stored = await ingest.StoreAsync(mailboxId, Mails.Build("service@faxes.example.test", "Fax from 0112223333", "no document", to: "fax@khidma.test"));
            Assert.False(await ingest.ProcessAsync(stored.Message.Id));
            return await sp.GetRequiredService<AppDbContext>().Set<InboundMessage>().AsNoTracking().SingleAsync(m => m.Id == stored.Message.Id);
        });
        Assert.Equal(InboundState.Failed, failed.State);
        Assert.Contains("PDF or TIFF", failed.LastError);
    }

    public static byte[] FaxMail(string subject, byte[] pdf, string to = "fax@khidma.test")
    {
        var sb = new StringBuilder();
        sb.Append("From: Fax Service <noreply@faxes.example.test>\r\nTo: ").Append(to).Append("\r\n");
        sb.Append("Subject: ").Append(subject).Append("\r\nDate: Mon, 02 Jun 2025 10:00:00 +0300\r\n");
        sb.Append("Message-ID: <").Append(Guid.NewGuid().ToString("N")).Append("@faxes.example.test>\r\n");
        sb.Append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n");
        sb.Append("--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYou have received a fax.\r\n");
        sb.Append("--b1\r\nContent-Type: application/pdf; name=\"fax.pdf\"\r\nContent-Disposition: attachment; filename=\"fax.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        sb.Append(Convert.ToBase64String(pdf, Base64FormattingOptions.InsertLineBreaks)).Append("\r\n--b1--\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}

// Email-to-fax through the private postfix of scripts/mailserver.sh: the mail with the PDF arrives.
public sealed class FaxMailServerTests(RealSmtpMailFactory f) : IClassFixture<RealSmtpMailFactory>
{
    private const string Customer = "customer@example.test";

    [MailServerFact]
    public async Task SendEmail_RealMailServer_MailArrivesWithPdf()
    {
        var (mailboxId, _) = await f.AddMailboxAsync("sales@khidma.test", m =>
        {
            var smtp = MailTestServer.Smtp(MailSecurity.None);
            m.SmtpHost = smtp.Host;
            m.SmtpPort = smtp.Port;
            m.SmtpSecurity = MailSecurity.None;
        });
        // The test server has no fax domain: the pattern without {number} sends every fax to one address, the number in the subject.
        await f.WithDbAsync(async db =>
        {
            db.Set<FaxGateway>().Add(new FaxGateway { Kind = FaxGatewayKind.Email, MailboxId = mailboxId, AddressPattern = Customer });
            await db.SaveChangesAsync();
        });
        var pdf = FaxOutboundTests.Pdf(Guid.NewGuid().ToString());
        var interactionId = await f.WithScopeAsync(async sp =>
        {
            var received = await sp.GetRequiredService<ReceiveFax>().RunAsync(FaxOutboundTests.Pdf("in"), FaxFormat.Pdf, "0112223333", null, 1, default);
            var db = sp.GetRequiredService<AppDbContext>();
            var interaction = await db.Interactions.FirstAsync(i => i.Id == received.Document.InteractionId);
            await sp.GetRequiredService<SendFax>().QueueAsync(interaction, "0114445555", pdf, "reply.pdf", null, default);
            return interaction.Id;
        });
        await f.WithScopeAsync(sp => sp.GetRequiredService<FaxSender>().SendDueAsync());
        var item = await f.WithDbAsync(db => db.FaxOutbox.AsNoTracking().SingleAsync(o => o.InteractionId == interactionId));
        Assert.Equal(FaxOutboxState.Sending, item.State);
        Assert.Equal(1, await f.MailAsync(sp => sp.GetRequiredService<MailOutbox>().SendDueAsync()));

        var arrived = await MailTestServer.WaitForMessageAsync(Customer, item.GatewayReference!);
        Assert.NotNull(arrived);
        var mail = MimeParser.Parse(arrived);
        Assert.Equal("+966114445555", mail.Subject);
        Assert.Equal(pdf, Assert.Single(mail.Attachments).Content.ToArray());

        f.Clock.Advance(TimeSpan.FromMinutes(1));
        await f.WithScopeAsync(sp => sp.GetRequiredService<FaxSender>().SendDueAsync());
        Assert.Equal(FaxOutboxState.Sent, (await f.WithDbAsync(db => db.FaxOutbox.AsNoTracking().SingleAsync(o => o.InteractionId == interactionId))).State);
    }
}

public sealed class FaxParsingTests
{
    [Theory]
    [InlineData("Fax from +966 11 222 3333 (3 pages)", "+966 11 222 3333")]
    [InlineData("FAX received 2025-06-02 from 0112223333", "0112223333")]
    [InlineData("فاكس من ٠١١٢٢٢٣٣٣٣", "٠١١٢٢٢٣٣٣٣")]
    [InlineData("New fax", null)]
    public void NumberIn_Subjects_FindsTheFaxNumber(string subject, string? expected) =>
        Assert.Equal(expected, FaxMailIntake.NumberIn(subject));

    [Fact]
    public void SenderNumber_NoNumberInSubject_TakesFromAddress()
    {
        var raw = Encoding.ASCII.GetBytes("From: 966112223333@fax.example.test\r\nTo: fax@khidma.test\r\nSubject: New fax 2025-06-02\r\n\r\nfax\r\n");
        Assert.Equal("966112223333", FaxMailIntake.SenderNumber(MimeParser.Parse(raw)));
        var named = Encoding.ASCII.GetBytes("From: \"+966 11 222 4444\" <noreply@fax.example.test>\r\nSubject: New fax\r\n\r\nfax\r\n");
        Assert.Equal("+966 11 222 4444", FaxMailIntake.SenderNumber(MimeParser.Parse(named)));
    }

    [Fact]
    public void CountPages_PdfAndTiff_CountsPages()
    {
        Assert.Equal(2, FaxFiles.CountPages(FaxOutboundTests.Pdf("x"), FaxFormat.Pdf));
        // Two image directories chained: header → IFD at 8 (0 entries, next 14) → IFD at 14 (0 entries, next 0).
        var tiff = new byte[] { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0, 0, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        Assert.Equal(2, FaxFiles.CountPages(tiff, FaxFormat.Tiff));
    }

    [Theory]
    [InlineData("{\"id\":\"abc-1\"}", "abc-1")]
    [InlineData("{\"faxId\":42}", "42")]
    [InlineData("accepted", null)]
    public void GatewayId_Answers_ReadsTheId(string body, string? expected) => Assert.Equal(expected, FaxSender.GatewayId(body));

    [Theory]
    [InlineData(null, "fax.example.com", "966112223333@fax.example.com")]
    [InlineData("fax+{number}@relay.example.com", "ignored.example.com", "fax+966112223333@relay.example.com")]
    [InlineData(null, null, null)]
    public void AddressFor_Settings_BuildsAddress(string? pattern, string? domain, string? expected) =>
        Assert.Equal(expected, new FaxGateway { AddressPattern = pattern, EmailDomain = domain }.AddressFor("966112223333"));
}
