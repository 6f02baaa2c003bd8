using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Protocols;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.MailChannel;

public sealed class MailOutboxTests(MailFactory f) : IClassFixture<MailFactory>
{
    private async Task<OutboxMessage> QueueAsync(string subject)
    {
        var (mailbox, _) = await f.AddMailboxAsync($"o-{Guid.NewGuid():N}@khidma.test");
        return await f.MailAsync(async sp =>
        {
            var db = sp.GetRequiredService<Khidma.Web.Platform.Data.AppDbContext>();
            var box = await db.Set<Mailbox>().FindAsync(mailbox);
            var row = await sp.GetRequiredService<MailOutbox>().QueueAsync(box!, null, OutboxKind.Reply,
                new OutgoingMessage { From = new MailboxAddress(box!.Address), To = [new MailboxAddress("c@example.test")], Subject = subject, TextBody = "hi" },
                box.Address, default);
            await db.SaveChangesAsync();
            return row;
        });
    }

    private Task<int> SendAsync() => f.MailAsync(sp => sp.GetRequiredService<MailOutbox>().SendDueAsync());

    private async Task<OutboxMessage> ReloadAsync(long id) => (await f.OutboxAsync()).Single(o => o.Id == id);

    [Fact]
    public async Task SendDue_TransientFailure_RetriedLaterThenSent()
    {
        var row = await QueueAsync("transient");
        f.Smtp.Failures.Enqueue(new SmtpTransientException("RCPT TO", new SmtpReply(451, ["try later"])));
        await SendAsync();
        var after = await ReloadAsync(row.Id);
        Assert.Equal(OutboxState.Queued, after.State);
        Assert.Equal(1, after.Attempts);
        Assert.Contains("451", after.LastError, StringComparison.Ordinal);
        Assert.True(after.NextAttemptAt > f.Clock.GetUtcNow().UtcDateTime);

        await SendAsync(); // not due yet
        Assert.Equal(OutboxState.Queued, (await ReloadAsync(row.Id)).State);
        f.Clock.Advance(TimeSpan.FromMinutes(2));
        await SendAsync();
        var sent = await ReloadAsync(row.Id);
        Assert.Equal(OutboxState.Sent, sent.State);
        Assert.Contains(f.Smtp.Sent, s => System.Text.Encoding.ASCII.GetString(s.Raw).Contains("Subject: transient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendDue_PermanentFailure_FailedThenRetryByAdminSends()
    {
        var row = await QueueAsync("permanent");
        f.Smtp.Failures.Enqueue(new SmtpPermanentException("RCPT TO", new SmtpReply(550, ["no such user"])));
        await SendAsync();
        Assert.Equal(OutboxState.Failed, (await ReloadAsync(row.Id)).State);
        await f.MailAsync(sp => sp.GetRequiredService<MailOutbox>().RetryAsync(row.Id));
        await SendAsync();
        Assert.Equal(OutboxState.Sent, (await ReloadAsync(row.Id)).State);
    }

    [Fact]
    public void Backoff_Attempts_DoublesUpToSixHours()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), MailOutbox.Backoff(1));
        Assert.Equal(TimeSpan.FromMinutes(8), MailOutbox.Backoff(4));
        Assert.Equal(TimeSpan.FromHours(6), MailOutbox.Backoff(30));
    }

    [Fact]
    public void Render_CustomerLanguage_ArabicFrenchEnglishTemplates()
    {
        var acks = f.Services.CreateScope().ServiceProvider.GetRequiredService<MailAcknowledgments>();
        MailFacts.Facts Days(int days) => new(null, days, [], TimeZoneInfo.Utc, f.Clock.GetUtcNow().UtcDateTime);
        var ar = acks.Render("ar", "KH-9", ["الاحترام"], Days(2));
        Assert.Contains("KH-9", ar.Body, StringComparison.Ordinal);
        Assert.Contains("يومَي عمل", ar.Body, StringComparison.Ordinal);
        Assert.Contains("- الاحترام", ar.Body, StringComparison.Ordinal);
        Assert.StartsWith("Nous avons reçu", acks.Render("fr", "KH-9", [], Days(1)).Subject, StringComparison.Ordinal);
        Assert.Contains("within 3 business days", acks.Render("en", "KH-9", [], Days(3)).Body, StringComparison.Ordinal);
    }
}
