using Khidma.Tests.MailProtocols;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Protocols;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.MailChannel;

public sealed class RealSmtpMailFactory : MailFactory
{
    public RealSmtpMailFactory() => RealSmtp = true;
}

// Against the private dovecot + postfix of scripts/mailserver.sh (export $(scripts/mailserver.sh start)).
public sealed class MailServerChannelTests(RealSmtpMailFactory f) : IClassFixture<RealSmtpMailFactory>
{
    private const string Support = "support@khidma.test";
    private const string Customer = "customer@example.test";

    private Task<int> AddAsync(InboundKind kind) => f.MailAsync(async sp =>
    {
        var secrets = sp.GetRequiredService<MailSecrets>();
        var (id, _) = await f.AddMailboxAsync($"{kind.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@khidma.test", m => MailTestServer.UseFor(m, kind, Support, secrets.Protect(MailTestServer.Password)));
        return id;
    });

    private Task<int> PollAsync(int mailbox) => f.MailAsync(sp => sp.GetRequiredService<MailPolling>().PollAsync(mailbox));

    private Task<Interaction?> InteractionAsync(string subject) =>
        f.WithDbAsync(db => db.Interactions.AsNoTracking().Include(i => i.Timeline).FirstOrDefaultAsync(i => i.Subject == subject));

    [MailServerFact]
    public async Task PollImap_MessageInMaildir_InteractionCreatedAndReplyThreadsBack()
    {
        var mailbox = await AddAsync(InboundKind.Imap);
        var subject = "IMAP " + Guid.NewGuid().ToString("N");
        MailTestServer.DeliverToMaildir(Support, Mails.Build(Customer, subject, "Hello over IMAP", to: Support));
        await PollAsync(mailbox);
        var interaction = await InteractionAsync(subject);
        Assert.NotNull(interaction);
        var lastError = await f.WithDbAsync(db => db.Set<Mailbox>().Where(m => m.Id == mailbox).Select(m => m.LastPollError).FirstAsync());
        Assert.Null(lastError);

        // The agent answers; the reply leaves through postfix and lands in the customer's mailbox.
        var reply = await f.MailAsync(async sp =>
        {
            var db = sp.GetRequiredService<Khidma.Web.Platform.Data.AppDbContext>();
            var tracked = await db.Interactions.FirstAsync(i => i.Id == interaction.Id);
            var entry = tracked.AddEntry(TimelineKind.Reply, "Here is your answer.", null, f.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            return await sp.GetRequiredService<MailReplies>().QueueReplyAsync(tracked, entry);
        });
        Assert.NotNull(reply);
        Assert.Equal(1, await f.MailAsync(sp => sp.GetRequiredService<MailOutbox>().SendDueAsync()));

        var received = await MailTestServer.WaitForMessageAsync(Customer, reply.MessageId);
        Assert.NotNull(received);
        var parsed = Khidma.Web.Areas.Mail.Mime.MimeParser.Parse(received);
        Assert.Contains($"[KH-{interaction.Id}]", parsed.Subject, StringComparison.Ordinal);

        // The customer answers that message; it threads into the same interaction.
        MailTestServer.DeliverToMaildir(Support, Mails.Build(Customer, "Re: " + parsed.Subject.Replace("KH-", "ref ", StringComparison.Ordinal), "Thanks!", inReplyTo: parsed.MessageId, to: Support));
        await PollAsync(mailbox);
        var after = await InteractionAsync(subject);
        Assert.Equal(2, after!.Timeline.Count(e => e.Kind == TimelineKind.CustomerMessage));
    }

    [MailServerFact]
    public async Task PollPop3_MessageInMaildir_InteractionCreatedOnce()
    {
        var mailbox = await AddAsync(InboundKind.Pop3);
        var subject = "POP3 " + Guid.NewGuid().ToString("N");
        MailTestServer.DeliverToMaildir(Support, Mails.Build(Customer, subject, "Hello over POP3", to: Support));
        await PollAsync(mailbox);
        await PollAsync(mailbox);
        Assert.NotNull(await InteractionAsync(subject));
        Assert.Equal(1, await f.WithDbAsync(db => db.Interactions.CountAsync(i => i.Subject == subject)));
    }
}
