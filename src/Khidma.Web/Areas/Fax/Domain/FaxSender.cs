using System.Net.Http.Headers;
using System.Text.Json;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Jobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Khidma.Web.Areas.Interactions.Domain;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Fax.Domain;

// The fax gateway's bearer token at rest: encrypted with the app's Data Protection keys, like mailbox passwords.
public sealed class FaxSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Khidma.Fax.Gateway");

    public string? Protect(string? secret) => string.IsNullOrEmpty(secret) ? null : protector.Protect(secret);

    public string? Unprotect(string? stored) => string.IsNullOrEmpty(stored) ? null : protector.Unprotect(stored);
}

/// <summary>
/// Sends due outbox items through the configured gateway. Runs as the leased "fax-send" job; each item is also
/// leased on its own (Pending → Sending until a deadline) so two nodes never post the same fax. HTTP failures are
/// retried with backoff, never dropped; email-to-fax hands the message to the mail outbox and follows its verdict.
/// </summary>
public sealed partial class FaxSender(AppDbContext db, IHttpClientFactory http, TimeProvider clock, IOptions<FaxOptions> options,
    FaxSecrets secrets, MailOutbox mailOutbox, ReceiveFax store, IStringLocalizer<FaxText> text, ILogger<FaxSender> log) : IJob
{
    public const string JobName = "fax-send";
    public const string HttpClientName = "fax-gateway";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MailCheck = TimeSpan.FromMinutes(1);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var sent = await SendDueAsync(ct);
        return $"{sent} sent";
    }

    /// <summary>One pass over the due items; returns how many were sent (or handed to the mail outbox and delivered).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var gateway = await db.Set<FaxGateway>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == FaxGateway.SingletonId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // Sending and overdue: a node died mid-send (its lease ran out), or a mail handed over is due a check.
        var due = await db.FaxOutbox.AsNoTracking()
            .Where(o => (o.State == FaxOutboxState.Pending || o.State == FaxOutboxState.Sending) && o.NextAttemptAt <= now)
            .OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id)
            .Select(o => new { o.Id, o.State, o.NextAttemptAt, o.MailOutboxId })
            .Take(20).ToListAsync(ct);
        var sent = 0;
        foreach (var item in due)
        {
            if (item.MailOutboxId is null && (gateway is null || gateway.Kind == FaxGatewayKind.None)) continue;
            var lease = now + Lease;
            var taken = await db.FaxOutbox
                .Where(o => o.Id == item.Id && o.State == item.State && o.NextAttemptAt == item.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, FaxOutboxState.Sending).SetProperty(o => o.NextAttemptAt, lease), ct);
            if (taken == 0) continue;
            db.ChangeTracker.Clear();
            var row = await db.FaxOutbox.FirstAsync(o => o.Id == item.Id, ct);
            row.MailOutboxId = item.MailOutboxId;
            if (item.MailOutboxId is { } mailId) await FollowMailAsync(row, mailId, ct);
            else if (gateway!.Kind == FaxGatewayKind.Http) await PostAsync(row, gateway, ct);
            else await HandToMailAsync(row, gateway, ct);
            if (row.State is FaxOutboxState.Sent or FaxOutboxState.Failed) await RecordOutcomeAsync(row, ct);
            await db.SaveChangesAsync(ct);
            if (row.State == FaxOutboxState.Sent) sent++;
        }
        return sent;
    }

    // The end of a fax's journey belongs on the interaction's timeline, next to the "queued" line SendFax wrote.
    private async Task RecordOutcomeAsync(FaxOutboxItem row, CancellationToken ct)
    {
        var interaction = await db.Interactions.FirstOrDefaultAsync(i => i.Id == row.InteractionId, ct);
        if (interaction is null) return;
        var body = row.State == FaxOutboxState.Sent
            ? text["Fax to {0} sent", "+" + row.To].Value
            : text["Fax to {0} failed: {1}", "+" + row.To, row.LastError ?? ""].Value;
        interaction.AddEntry(TimelineKind.System, body, null, clock.GetUtcNow().UtcDateTime, "fax-out");
    }

    private async Task PostAsync(FaxOutboxItem row, FaxGateway gateway, CancellationToken ct)
    {
        try
        {
            if (!Uri.TryCreate(gateway.Url, UriKind.Absolute, out var url))
                throw new InvalidOperationException("the gateway URL is not set");
            var bytes = await File.ReadAllBytesAsync(store.PathOf(row.FileName), ct);
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(FaxFiles.ContentType(row.Format));
            form.Add(file, "document", row.DocumentName ?? row.FileName);
            form.Add(new StringContent("+" + row.To), "to");
            if (!string.IsNullOrWhiteSpace(gateway.FromNumber)) form.Add(new StringContent(gateway.FromNumber.Trim()), "from");
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
            if (secrets.Unprotect(gateway.TokenProtected) is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            var body = await ReadSomeAsync(response, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (response.IsSuccessStatusCode)
            {
                row.RecordSent(now, GatewayId(body) ?? response.Headers.Location?.ToString());
                LogSent(log, row.Id, row.Attempts);
            }
            else
            {
                var error = $"gateway answered {(int)response.StatusCode} {response.ReasonPhrase}";
                if (body.Trim() is { Length: > 0 } detail) error += ": " + detail;
                row.RecordFailure(error, now, options.Value.MaxAttempts);
                LogSendFailed(log, row.Id, row.Attempts);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or System.Security.Cryptography.CryptographicException
                                  || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            row.RecordFailure(e.Message, clock.GetUtcNow().UtcDateTime, options.Value.MaxAttempts);
            LogSendFailed(log, row.Id, row.Attempts);
        }
    }

    private async Task HandToMailAsync(FaxOutboxItem row, FaxGateway gateway, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mailbox = gateway.MailboxId is { } mailboxId
            ? await db.Set<Mailbox>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == mailboxId, ct)
            : null;
        var address = gateway.AddressFor(row.To);
        if (mailbox is null || address is null)
        {
            row.RecordFailure("email-to-fax needs a mailbox and a domain or address pattern", now, options.Value.MaxAttempts);
            return;
        }
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(store.PathOf(row.FileName), ct);
        }
        catch (IOException e)
        {
            row.RecordFailure(e.Message, now, options.Value.MaxAttempts);
            return;
        }
        var number = "+" + row.To;
        var message = new OutgoingMessage
        {
            From = new MailboxAddress(mailbox.Address, mailbox.FromName),
            To = [new MailboxAddress(address)],
            // Services that take the number from the subject find it here; the others ignore the subject.
            Subject = number,
            TextBody = string.IsNullOrWhiteSpace(gateway.FromNumber) ? $"Fax to {number}" : $"Fax to {number} from {gateway.FromNumber.Trim()}",
            Attachments = [new OutgoingAttachment(row.DocumentName ?? row.FileName, FaxFiles.ContentType(row.Format), bytes)],
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var queued = await mailOutbox.QueueAsync(mailbox, row.InteractionId, OutboxKind.Fax, message, mailbox.Address, ct);
            await db.SaveChangesAsync(ct);
            row.RecordHandedToMail(queued.Id, queued.MessageId, now + MailCheck);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            LogHandedToMail(log, row.Id, queued.Id);
        }
        catch (ArgumentException e)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            db.FaxOutbox.Attach(row);
            row.RecordFailure(e.Message, now, options.Value.MaxAttempts);
        }
    }

    private async Task FollowMailAsync(FaxOutboxItem row, long mailId, CancellationToken ct)
    {
        var mail = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Id == mailId)
            .Select(m => new { m.State, m.LastError, m.SentAt, m.MessageId }).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        switch (mail?.State)
        {
            case OutboxState.Sent:
                row.RecordSent(mail.SentAt ?? now, mail.MessageId);
                break;
            case OutboxState.Failed:
            case null:
                row.RecordMailFailed(mail?.LastError);
                break;
            default:
                row.NextAttemptAt = now + MailCheck;
                break;
        }
    }

    // The start of the answer, on one line, as the gateway's own words; an HTML error page says nothing useful.
    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentType?.MediaType is "text/html") return "";
        var text = string.Join(' ', (await response.Content.ReadAsStringAsync(ct)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 300 ? text[..300] : text;
    }

    // {"id": "…"} (or faxId / fax_id) from a JSON answer; a gateway that answers otherwise may set Location.
    public static string? GatewayId(string body)
    {
        if (!body.TrimStart().StartsWith('{')) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var name in new[] { "id", "faxId", "fax_id" })
            {
                if (!json.RootElement.TryGetProperty(name, out var value)) continue;
                return value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                };
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fax outbox item {Id} accepted by the gateway on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fax outbox item {Id} failed (attempt {Attempt})")]
    private static partial void LogSendFailed(ILogger logger, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fax outbox item {Id} handed to mail outbox message {MailId}")]
    private static partial void LogHandedToMail(ILogger logger, long id, long mailId);
}
