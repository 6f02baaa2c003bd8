using System.Collections.Concurrent;
using System.Text;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Platform.Auth;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Khidma.Tests.MailChannel;

// The app with the mail loops off (tests drive polling and sending) and a recording SMTP transport.
public class MailFactory : KhidmaFactory
{
    public FakeSmtp Smtp { get; } = new();

    public bool RealSmtp { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Khidma:Mail:BackgroundEnabled", "false");
        builder.UseSetting("Khidma:Mail:MaxMessageBytes", "300000");
        builder.ConfigureServices(services =>
        {
            if (RealSmtp) return;
            services.RemoveAll<ISmtpTransport>();
            services.AddSingleton<ISmtpTransport>(Smtp);
        });
    }

    public async Task<(int Id, string Token)> AddMailboxAsync(string address = "support@khidma.test", Action<Mailbox>? configure = null)
    {
        var token = AuthSetup.NewToken();
        var id = await WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var mailbox = new Mailbox
            {
                Address = address,
                FromName = "Khidma Support",
                InboundKind = InboundKind.Pipe,
                SmtpHost = "127.0.0.1",
                SmtpPort = 10025,
                SmtpSecurity = MailSecurity.None,
                PipeTokenHash = AuthSetup.HashToken(token),
            };
            configure?.Invoke(mailbox);
            db.Set<Mailbox>().Add(mailbox);
            await db.SaveChangesAsync();
            return mailbox.Id;
        });
        return (id, token);
    }

    public Task<T> MailAsync<T>(Func<IServiceProvider, Task<T>> work) => WithScopeAsync(work);
}

public sealed class PostgresMailFactory : MailFactory
{
    public override bool Postgres => true;
}

public sealed class FakeSmtp : ISmtpTransport
{
    public ConcurrentQueue<Exception> Failures { get; } = new();
    public ConcurrentQueue<(string From, IReadOnlyCollection<string> To, byte[] Raw)> Sent { get; } = new();

    public Task<SmtpSendResult> SendAsync(Mailbox mailbox, string? password, string envelopeFrom, IReadOnlyCollection<string> recipients, byte[] raw, CancellationToken ct)
    {
        if (Failures.TryDequeue(out var e)) throw e;
        Sent.Enqueue((envelopeFrom, recipients, raw));
        return Task.FromResult(new SmtpSendResult(recipients.ToList(), [], new SmtpReply(250, ["OK"])));
    }
}

public static class Mails
{
    public static byte[] Build(string from, string subject, string body, string? messageId = null, string? inReplyTo = null,
        string? to = "support@khidma.test", string? cc = null, IEnumerable<string>? extraHeaders = null, string? fromName = null)
    {
        var sb = new StringBuilder();
        sb.Append("From: ").Append(fromName is null ? from : $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(fromName))}?= <{from}>").Append("\r\n");
        sb.Append("To: ").Append(to).Append("\r\n");
        if (cc is not null) sb.Append("Cc: ").Append(cc).Append("\r\n");
        sb.Append("Subject: =?UTF-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(subject))).Append("?=\r\n");
        sb.Append("Date: Mon, 02 Jun 2025 10:00:00 +0300\r\n");
        sb.Append("Message-ID: <").Append(messageId ?? Guid.NewGuid().ToString("N") + "@example.test").Append(">\r\n");
        if (inReplyTo is not null) sb.Append("In-Reply-To: <").Append(inReplyTo).Append(">\r\nReferences: <").Append(inReplyTo).Append(">\r\n");
        foreach (var h in extraHeaders ?? []) sb.Append(h).Append("\r\n");
        sb.Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        sb.Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(body), Base64FormattingOptions.InsertLineBreaks)).Append("\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    public static async Task<List<InboundMessage>> InboundAsync(this KhidmaFactory f) =>
        await f.WithDbAsync(db => db.Set<InboundMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public static async Task<List<OutboxMessage>> OutboxAsync(this KhidmaFactory f) =>
        await f.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync());
}
