using System.Net;
using System.Net.Http.Headers;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.MailChannel;

public abstract class MailIngestTestsBase(MailFactory f)
{
    protected MailFactory F => f;

    private Task<MailIngest.Stored> StoreAsync(int mailbox, byte[] raw) =>
        f.MailAsync(sp => sp.GetRequiredService<MailIngest>().StoreAsync(mailbox, raw));

    private Task<bool> ProcessAsync(long id) =>
        f.MailAsync(sp => sp.GetRequiredService<MailIngest>().ProcessAsync(id));

    private async Task<InboundMessage> IngestAsync(int mailbox, byte[] raw)
    {
        var stored = await StoreAsync(mailbox, raw);
        await ProcessAsync(stored.Message.Id);
        return await f.WithDbAsync(db => db.Set<InboundMessage>().AsNoTracking().FirstAsync(m => m.Id == stored.Message.Id));
    }

    private static string Unique(string local) => $"{local}-{Guid.NewGuid():N}"[..(local.Length + 9)] + "@example.test";

    [Fact]
    public virtual async Task Process_NewArabicSender_CreatesCustomerInteractionAndAcknowledgment()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"s-{Guid.NewGuid():N}@khidma.test");
        var from = Unique("layla");
        var row = await IngestAsync(mailbox, Mails.Build(from, "استفسار عن الفاتورة", "السلام عليكم، لدي سؤال.", fromName: "ليلى أحمد"));

        Assert.Equal(InboundState.Processed, row.State);
        var (interaction, customer, email) = await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.AsNoTracking().Include(x => x.Timeline).FirstAsync(x => x.Id == row.InteractionId);
            var c = await db.Customers.AsNoTracking().Include(x => x.Contacts).FirstAsync(x => x.Id == i.CustomerId);
            return (i, c, c.Contacts.Single(x => x.Kind == ContactKind.Email).Normalized);
        });
        Assert.Equal(Channel.Email, interaction.Channel);
        Assert.Equal("استفسار عن الفاتورة", interaction.Subject);
        Assert.Contains(interaction.Timeline, e => e.Kind == TimelineKind.CustomerMessage && e.Body!.Contains("لدي سؤال", StringComparison.Ordinal));
        Assert.Equal("ليلى أحمد", customer.Name);
        Assert.Equal("ar", customer.Language);
        Assert.Equal(from, email);
        var ack = Assert.Single(await f.OutboxAsync(), o => o.InteractionId == interaction.Id);
        Assert.Equal(OutboxKind.Acknowledgment, ack.Kind);
        Assert.Equal("", ack.EnvelopeFrom);
        Assert.Contains(interaction.Reference, ack.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Process_ReplyByInReplyToOrSubjectReference_JoinsThread()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"s-{Guid.NewGuid():N}@khidma.test");
        var from = Unique("omar");
        var firstId = $"{Guid.NewGuid():N}@example.test";
        var first = await IngestAsync(mailbox, Mails.Build(from, "Order late", "Where is my order?", firstId));
        var byHeader = await IngestAsync(mailbox, Mails.Build(from, "Re: Order late", "Any news?", inReplyTo: firstId));
        var bySubject = await IngestAsync(mailbox, Mails.Build(from, $"Still waiting [KH-{first.InteractionId}]", "Hello again"));
        var stranger = await IngestAsync(mailbox, Mails.Build(Unique("eve"), $"About KH-{first.InteractionId}", "Let me in"));

        Assert.Equal(first.InteractionId, byHeader.InteractionId);
        Assert.Equal(first.InteractionId, bySubject.InteractionId);
        Assert.NotEqual(first.InteractionId, stranger.InteractionId);
        var acks = (await f.OutboxAsync()).Count(o => o.InteractionId == first.InteractionId && o.Kind == OutboxKind.Acknowledgment);
        Assert.Equal(1, acks);
    }

    [Fact]
    public virtual async Task Process_CcAddresses_KeptAsParticipantsAndCopiedOnReply()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"s-{Guid.NewGuid():N}@khidma.test");
        var from = Unique("sara");
        var row = await IngestAsync(mailbox, Mails.Build(from, "Invoice", "Please see", cc: "Boss <boss@example.test>, other@example.test"));
        var participants = await f.WithDbAsync(db => db.Set<MailParticipant>().AsNoTracking().Where(p => p.InteractionId == row.InteractionId).Select(p => p.Address).ToListAsync());
        Assert.Contains("boss@example.test", participants);
        Assert.Contains("other@example.test", participants);

        var reply = await f.MailAsync(async sp =>
        {
            var db = sp.GetRequiredService<Khidma.Web.Platform.Data.AppDbContext>();
            var interaction = await db.Interactions.FirstAsync(i => i.Id == row.InteractionId);
            var entry = interaction.AddEntry(TimelineKind.Reply, "We are on it.", null, f.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            return await sp.GetRequiredService<MailReplies>().QueueReplyAsync(interaction, entry);
        });
        Assert.NotNull(reply);
        Assert.Contains("boss@example.test", reply.CcAddresses, StringComparison.Ordinal);
        Assert.Equal(from, reply.ToAddresses);
        Assert.Equal($"Re: Invoice [KH-{row.InteractionId}]", reply.Subject);
        var raw = await File.ReadAllTextAsync(f.Services.GetRequiredService<MailFiles>().Full(reply.RawPath));
        Assert.Contains($"In-Reply-To: <{row.MessageId}>", raw, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Store_SameMessageIdTwice_OneRowOneInteraction()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"s-{Guid.NewGuid():N}@khidma.test");
        var raw = Mails.Build(Unique("dup"), "Twice", "Same message");
        var a = await StoreAsync(mailbox, raw);
        var b = await StoreAsync(mailbox, raw);
        Assert.True(a.IsNew);
        Assert.False(b.IsNew);
        Assert.Equal(a.Message.Id, b.Message.Id);
        Assert.True(await ProcessAsync(a.Message.Id));
        Assert.False(await ProcessAsync(a.Message.Id));
        var count = await f.WithDbAsync(db => db.Set<InboundMessage>().CountAsync(m => m.MailboxId == mailbox));
        Assert.Equal(1, count);
    }

    [Fact]
    public virtual async Task Process_CrashAfterStore_NextRunCompletesExactlyOnce()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"s-{Guid.NewGuid():N}@khidma.test");
        var raw = Mails.Build(Unique("crash"), "Crash", "Before processing");
        var faults = f.Services.GetRequiredService<MailFaults>();
        faults.AfterStore = _ => throw new InvalidOperationException("simulated crash");
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => StoreAsync(mailbox, raw));
        }
        finally
        {
            faults.AfterStore = null;
        }
        var pending = Assert.Single(await f.InboundAsync(), m => m.MailboxId == mailbox);
        Assert.Equal(InboundState.Pending, pending.State);

        // The mail server delivers again (it never got an answer), and the pending run finishes it.
        var again = await StoreAsync(mailbox, raw);
        Assert.False(again.IsNew);
        await f.MailAsync(sp => sp.GetRequiredService<MailIngest>().ProcessPendingAsync());
        await f.MailAsync(sp => sp.GetRequiredService<MailIngest>().ProcessPendingAsync());
        var done = Assert.Single(await f.InboundAsync(), m => m.MailboxId == mailbox);
        Assert.Equal(InboundState.Processed, done.State);
        Assert.Equal(1, await f.WithDbAsync(db => db.Interactions.CountAsync(i => i.Id == done.InteractionId)));
    }

    [Fact]
    public virtual async Task Process_TwoRunsConcurrently_OneInteraction()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"s-{Guid.NewGuid():N}@khidma.test");
        var subject = "Concurrent " + Guid.NewGuid().ToString("N");
        var stored = await StoreAsync(mailbox, Mails.Build(Unique("race"), subject, "Both at once"));
        var results = await Task.WhenAll(ProcessAsync(stored.Message.Id), ProcessAsync(stored.Message.Id));
        Assert.Single(results, r => r);
        Assert.Equal(1, await f.WithDbAsync(db => db.Interactions.CountAsync(i => i.Subject == subject)));
        Assert.Equal(1, await f.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(o => o.Subject.Contains("KH-") && o.MailboxId == mailbox)));
    }

    [Fact]
    public virtual async Task Process_AutoReplyBounceOrBurst_NeverAcknowledged()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"s-{Guid.NewGuid():N}@khidma.test");
        await IngestAsync(mailbox, Mails.Build(Unique("ooo"), "Out of office", "I am away", extraHeaders: ["Auto-Submitted: auto-replied"]));
        await IngestAsync(mailbox, Mails.Build(Unique("list"), "Newsletter", "News", extraHeaders: ["Precedence: bulk"]));
        await IngestAsync(mailbox, Mails.Build(Unique("xar"), "Away", "Away", extraHeaders: ["X-Autoreply: yes"]));
        var bounce = await IngestAsync(mailbox, Mails.Build("MAILER-DAEMON@example.test", "Undelivered Mail", "failed", extraHeaders: ["Return-Path: <>"]));
        Assert.Equal(InboundState.Ignored, bounce.State);
        var burster = Unique("burst");
        for (var i = 0; i < 7; i++) await IngestAsync(mailbox, Mails.Build(burster, $"Burst {i}", "again"));

        var rows = (await f.InboundAsync()).Where(m => m.MailboxId == mailbox).ToList();
        Assert.All(rows, r => Assert.NotEqual(InboundState.Failed, r.State));
        var acks = (await f.OutboxAsync()).Where(o => o.MailboxId == mailbox).ToList();
        Assert.Equal(5, acks.Count); // the first five of the burst only
        Assert.Equal(2, rows.Count(r => r.Automatic == nameof(AutomaticKind.Loop)));
    }

    [Fact]
    public virtual async Task Process_AttachmentBlockedOrTooLarge_RecordedNotLost()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"s-{Guid.NewGuid():N}@khidma.test");
        var boundary = "b1";
        var raw = System.Text.Encoding.ASCII.GetBytes(
            $"From: {Unique("att")}\r\nTo: support@khidma.test\r\nSubject: Files\r\nMessage-ID: <{Guid.NewGuid():N}@x.test>\r\nMIME-Version: 1.0\r\n" +
            $"Content-Type: multipart/mixed; boundary={boundary}\r\n\r\n--{boundary}\r\nContent-Type: text/plain\r\n\r\nSee files\r\n" +
            $"--{boundary}\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=invoice.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n" +
            $"--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=run.exe\r\nContent-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n" +
            $"--{boundary}--\r\n");
        var row = await IngestAsync(mailbox, raw);
        var files = await f.WithDbAsync(db => db.Set<MailAttachmentFile>().AsNoTracking().Where(a => a.InboundId == row.Id).ToListAsync());
        var kept = Assert.Single(files);
        Assert.Equal("invoice.pdf", kept.FileName);
        Assert.True(File.Exists(f.Services.GetRequiredService<MailFiles>().Full(MailFiles.AttachmentRelative(kept.Sha256))));
        var note = await f.WithDbAsync(db => db.TimelineEntries.AsNoTracking().FirstAsync(e => e.InteractionId == row.InteractionId && e.Kind == TimelineKind.System));
        Assert.Contains("run.exe", note.Body, StringComparison.Ordinal);
        Assert.Equal("blocked type", MailIngest.AttachmentRefusal("x.JS", "text/plain", 1, 100));
        Assert.Equal("too large", MailIngest.AttachmentRefusal("a.pdf", "application/pdf", 101, 100));
        Assert.Null(MailIngest.AttachmentRefusal("a.pdf", "application/pdf", 100, 100));
    }

    [Fact]
    public virtual async Task Pipe_WithToken_StoresAndProcesses_WrongToken401()
    {
        var (mailbox, token) = await f.AddMailboxAsync($"s-{Guid.NewGuid():N}@khidma.test");
        var client = f.NewClient();
        var raw = Mails.Build(Unique("pipe"), "Piped", "Through postfix");
        Task<HttpResponseMessage> Post(string t)
        {
            var content = new ByteArrayContent(raw);
            content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/mail/inbound/{mailbox}") { Content = content };
            request.Headers.Add("X-Khidma-Mailbox-Token", t);
            return client.SendAsync(request);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post("kh_wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Post(token)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Post(token)).StatusCode);
        var row = Assert.Single(await f.InboundAsync(), m => m.MailboxId == mailbox);
        Assert.Equal(InboundState.Processed, row.State);
    }

    [Fact]
    public virtual async Task Store_OverSizeLimit_KeptAsFailedWithReason()
    {
        var (mailbox, _) = await f.AddMailboxAsync($"s-{Guid.NewGuid():N}@khidma.test");
        var options = f.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value;
        var body = new string('a', options.MaxMessageBytes + 10);
        var raw = System.Text.Encoding.ASCII.GetBytes($"From: big@example.test\r\nSubject: Big\r\nMessage-ID: <{Guid.NewGuid():N}@x.test>\r\n\r\n{body}\r\n");
        var stored = await StoreAsync(mailbox, raw);
        Assert.Equal(InboundState.Failed, stored.Message.State);
        Assert.Contains("limit", stored.Message.LastError, StringComparison.Ordinal);
        Assert.True(File.Exists(f.Services.GetRequiredService<MailFiles>().Full(stored.Message.RawPath)));
    }
}

public sealed class MailIngestTests(MailFactory f) : MailIngestTestsBase(f), IClassFixture<MailFactory>;

public sealed class MailIngestPostgresTests(PostgresMailFactory f) : MailIngestTestsBase(f), IClassFixture<PostgresMailFactory>
{
    [PostgresFact] public override Task Process_NewArabicSender_CreatesCustomerInteractionAndAcknowledgment() => base.Process_NewArabicSender_CreatesCustomerInteractionAndAcknowledgment();
    [PostgresFact] public override Task Process_ReplyByInReplyToOrSubjectReference_JoinsThread() => base.Process_ReplyByInReplyToOrSubjectReference_JoinsThread();
    [PostgresFact] public override Task Process_CcAddresses_KeptAsParticipantsAndCopiedOnReply() => base.Process_CcAddresses_KeptAsParticipantsAndCopiedOnReply();
    [PostgresFact] public override Task Store_SameMessageIdTwice_OneRowOneInteraction() => base.Store_SameMessageIdTwice_OneRowOneInteraction();
    [PostgresFact] public override Task Process_CrashAfterStore_NextRunCompletesExactlyOnce() => base.Process_CrashAfterStore_NextRunCompletesExactlyOnce();
    [PostgresFact] public override Task Process_TwoRunsConcurrently_OneInteraction() => base.Process_TwoRunsConcurrently_OneInteraction();
    [PostgresFact] public override Task Process_AutoReplyBounceOrBurst_NeverAcknowledged() => base.Process_AutoReplyBounceOrBurst_NeverAcknowledged();
    [PostgresFact] public override Task Process_AttachmentBlockedOrTooLarge_RecordedNotLost() => base.Process_AttachmentBlockedOrTooLarge_RecordedNotLost();
    [PostgresFact] public override Task Pipe_WithToken_StoresAndProcesses_WrongToken401() => base.Pipe_WithToken_StoresAndProcesses_WrongToken401();
    [PostgresFact] public override Task Store_OverSizeLimit_KeptAsFailedWithReason() => base.Store_OverSizeLimit_KeptAsFailedWithReason();
}
