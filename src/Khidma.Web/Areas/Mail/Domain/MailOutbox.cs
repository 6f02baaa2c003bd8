using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Mail.Domain;

// Mailbox passwords at rest: encrypted with the app's Data Protection keys, never shown back.
public sealed class MailSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Khidma.Mail.Mailbox");

    public string? Protect(string? secret) => string.IsNullOrEmpty(secret) ? null : protector.Protect(secret);

    public string? Unprotect(string? stored) => string.IsNullOrEmpty(stored) ? null : protector.Unprotect(stored);
}

/// <summary>How the outbox hands a message to an SMTP server; replaced in tests.</summary>
public interface ISmtpTransport
{
    Task<SmtpSendResult> SendAsync(Mailbox mailbox, string? password, string envelopeFrom, IReadOnlyCollection<string> recipients, byte[] raw, CancellationToken ct);
}

public sealed class SmtpTransport(IOptions<MailOptions> options) : ISmtpTransport
{
    public async Task<SmtpSendResult> SendAsync(Mailbox mailbox, string? password, string envelopeFrom, IReadOnlyCollection<string> recipients, byte[] raw, CancellationToken ct)
    {
        await using var client = await SmtpClient.ConnectAsync(mailbox.SmtpEndpoint(), options.Value.EhloName, ct);
        if (!string.IsNullOrEmpty(mailbox.SmtpUsername)) await client.AuthenticateAsync(mailbox.SmtpUsername, password ?? "", ct);
        var result = await client.SendAsync(envelopeFrom, recipients, raw, ct);
        await client.QuitAsync(ct);
        return result;
    }
}

/// <summary>
/// The durable outbox: a message is built and written to disk when queued (its Message-ID is known and
/// recorded at once, so answers thread back), then sent by <see cref="SendDueAsync"/> with exponential
/// backoff on transient failures.
/// </summary>
public sealed partial class MailOutbox(AppDbContext db, MailFiles files, MailSecrets secrets, ISmtpTransport transport,
    IOptions<MailOptions> options, TimeProvider clock, ILogger<MailOutbox> log)
{
    /// <summary>Adds the message to the outbox (and its Message-ID to the interaction); the caller saves.</summary>
    public async Task<OutboxMessage> QueueAsync(Mailbox mailbox, long? interactionId, OutboxKind kind, OutgoingMessage message, string envelopeFrom, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var built = message.Build(now);
        var sha = MailFiles.Sha256Hex(built.Raw);
        var relative = MailFiles.OutboxRelative(sha);
        await files.WriteOnceAsync(relative, built.Raw, ct);
        var bareId = built.MessageId.Trim('<', '>');
        var row = new OutboxMessage
        {
            MailboxId = mailbox.Id,
            InteractionId = interactionId,
            Kind = kind,
            MessageId = bareId,
            ToAddresses = MailIngest.Clip(string.Join(", ", message.To.Select(a => a.Address)), 2000),
            CcAddresses = message.Cc.Count == 0 ? null : MailIngest.Clip(string.Join(", ", message.Cc.Select(a => a.Address)), 2000),
            Subject = MailIngest.Clip(message.Subject, 400),
            EnvelopeFrom = envelopeFrom,
            RawPath = relative,
            State = OutboxState.Queued,
            NextAttemptAt = now.UtcDateTime,
            CreatedAt = now.UtcDateTime,
        };
        db.Outbox().Add(row);
        if (interactionId is { } id)
            db.MessageIds().Add(new MailMessageId { MessageId = bareId, InteractionId = id, CreatedAt = now.UtcDateTime });
        return row;
    }

    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox().AsNoTracking()
            .Where(m => m.State == OutboxState.Queued && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.NextAttemptAt })
            .Take(50).ToListAsync(ct);
        var sent = 0;
        foreach (var item in due)
        {
            // A short lease: a second sender (another instance) skips what this one has taken.
            var lease = now.AddMinutes(10);
            var taken = await db.Outbox()
                .Where(m => m.Id == item.Id && m.State == OutboxState.Queued && m.NextAttemptAt == item.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, lease), ct);
            if (taken == 0) continue;
            if (await SendOneAsync(item.Id, ct)) sent++;
        }
        return sent;
    }

    public async Task<bool> RetryAsync(long id, CancellationToken ct = default)
    {
        var row = await db.Outbox().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new Platform.Errors.NotFoundException();
        if (row.State == OutboxState.Sent) return false;
        row.State = OutboxState.Queued;
        row.NextAttemptAt = clock.GetUtcNow().UtcDateTime;
        row.Attempts = 0;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<bool> SendOneAsync(long id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var row = await db.Outbox().FirstAsync(m => m.Id == id, ct);
        var mailbox = await db.Mailboxes().AsNoTracking().FirstAsync(m => m.Id == row.MailboxId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        row.Attempts++;
        try
        {
            var raw = await files.ReadAsync(row.RawPath, ct);
            var recipients = Split(row.ToAddresses).Concat(Split(row.CcAddresses)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var result = await transport.SendAsync(mailbox, secrets.Unprotect(mailbox.SmtpPasswordProtected), row.EnvelopeFrom, recipients, raw, ct);
            row.State = OutboxState.Sent;
            row.SentAt = now;
            row.LastError = result.Rejected.Count == 0 ? null
                : MailIngest.Clip("Refused by the server: " + string.Join("; ", result.Rejected.Select(r => $"{r.Address} {r.Reply}")), 1000);
            LogSent(log, id, row.Attempts);
        }
        catch (MailProtocolException e) when (e.IsTransient && row.Attempts < options.Value.MaxSendAttempts)
        {
            row.LastError = MailIngest.Clip(e.Message, 1000);
            row.NextAttemptAt = now + Backoff(row.Attempts);
            LogRetry(log, id, row.Attempts);
        }
        catch (Exception e) when (e is MailProtocolException or IOException or System.Net.Sockets.SocketException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            row.State = OutboxState.Failed;
            row.LastError = MailIngest.Clip(e.Message, 1000);
            LogGaveUp(log, id, row.Attempts);
        }
        await db.SaveChangesAsync(ct);
        return row.State == OutboxState.Sent;
    }

    // 1, 2, 4, 8 … minutes, at most six hours between attempts.
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Max(0, attempts - 1))));

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} sent on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed transiently on attempt {Attempt}; will retry")]
    private static partial void LogRetry(ILogger logger, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed permanently after {Attempt} attempts")]
    private static partial void LogGaveUp(ILogger logger, long id, int attempt);
}
