using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Mail.Domain;

/// <summary>
/// Fetches new mail from one mailbox: every message is stored first, then the mailbox's position (IMAP last
/// UID, POP3 seen UIDLs) advances, then the stored messages are processed. A crash anywhere re-fetches at
/// worst, and the store's unique index makes a re-fetch harmless.
/// </summary>
public sealed partial class MailPolling(AppDbContext db, MailIngest ingest, MailSecrets secrets, IOptions<MailOptions> options,
    TimeProvider clock, ILogger<MailPolling> log)
{
    public async Task<int> PollAllAsync(CancellationToken ct = default)
    {
        var ids = await db.Mailboxes().AsNoTracking()
            .Where(m => m.IsEnabled && m.InboundKind != InboundKind.Pipe && m.Host != null)
            .Select(m => m.Id).ToListAsync(ct);
        var total = 0;
        foreach (var id in ids) total += await PollAsync(id, ct);
        return total;
    }

    /// <summary>Polls one mailbox and processes what arrived; the outcome is kept on the mailbox for the admin.</summary>
    public async Task<int> PollAsync(int mailboxId, CancellationToken ct = default)
    {
        var mailbox = await db.Mailboxes().FirstAsync(m => m.Id == mailboxId, ct);
        var stored = 0;
        string? error = null;
        try
        {
            stored = mailbox.InboundKind switch
            {
                InboundKind.Imap => await PollImapAsync(mailbox, ct),
                InboundKind.Pop3 => await PollPop3Async(mailbox, ct),
                _ => 0,
            };
        }
        catch (Exception e) when (e is MailProtocolException or IOException or System.Net.Sockets.SocketException or System.Security.Cryptography.CryptographicException)
        {
            error = MailIngest.Clip(e.Message, 1000);
            LogPollFailed(log, mailboxId, e.GetType().Name);
        }
        db.ChangeTracker.Clear();
        var fresh = await db.Mailboxes().FirstAsync(m => m.Id == mailboxId, ct);
        fresh.LastPollAt = clock.GetUtcNow().UtcDateTime;
        fresh.LastPollError = error;
        await db.SaveChangesAsync(ct);
        await ingest.ProcessPendingAsync(ct);
        return stored;
    }

    private async Task<int> PollImapAsync(Mailbox mailbox, CancellationToken ct)
    {
        await using var client = await ImapClient.ConnectAsync(mailbox.InboundEndpoint(MaxFetchBytes), ct);
        await client.LoginAsync(mailbox.Username ?? mailbox.Address, secrets.Unprotect(mailbox.PasswordProtected) ?? "", ct);
        var selected = await client.SelectAsync(string.IsNullOrWhiteSpace(mailbox.Folder) ? "INBOX" : mailbox.Folder, ct);
        if (selected.UidValidity != mailbox.ImapUidValidity)
        {
            // New UIDVALIDITY: old UIDs mean nothing now; start over (the store drops what it already has).
            mailbox.ImapUidValidity = selected.UidValidity;
            mailbox.ImapLastUid = 0;
            await db.SaveChangesAsync(ct);
        }
        var stored = 0;
        while (true)
        {
            var batch = await client.FetchNewAsync((uint)mailbox.ImapLastUid, options.Value.FetchBatch, ct);
            if (batch.Count == 0) break;
            foreach (var message in batch)
            {
                var result = await ingest.StoreAsync(mailbox.Id, message.Raw, ct);
                if (result.IsNew) stored++;
            }
            mailbox.ImapLastUid = batch.Max(m => m.Uid);
            await db.SaveChangesAsync(ct);
        }
        await client.LogoutAsync(ct);
        return stored;
    }

    private async Task<int> PollPop3Async(Mailbox mailbox, CancellationToken ct)
    {
        await using var client = await Pop3Client.ConnectAsync(mailbox.InboundEndpoint(MaxFetchBytes), ct);
        await client.LoginAsync(mailbox.Username ?? mailbox.Address, secrets.Unprotect(mailbox.PasswordProtected) ?? "", ct);
        var uids = await client.ListUidsAsync(ct);
        var seen = (await db.SeenUidls().AsNoTracking().Where(s => s.MailboxId == mailbox.Id).Select(s => s.Uidl).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var stored = 0;
        foreach (var uid in uids)
        {
            if (seen.Contains(uid.Uid))
            {
                if (mailbox.DeleteAfterStore) await client.DeleteAsync(uid.Number, ct);
                continue;
            }
            var raw = await client.RetrieveAsync(uid.Number, ct);
            var result = await ingest.StoreAsync(mailbox.Id, raw, ct);
            if (result.IsNew) stored++;
            db.SeenUidls().Add(new SeenUidl { MailboxId = mailbox.Id, Uidl = MailIngest.Clip(uid.Uid, 100), SeenAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
            if (mailbox.DeleteAfterStore) await client.DeleteAsync(uid.Number, ct);
        }
        await client.QuitAsync(ct);
        return stored;
    }

    // Over-size messages must still arrive whole so they can be kept (as Failed); beyond this the server misbehaves.
    private int MaxFetchBytes => Math.Max(options.Value.MaxMessageBytes * 2, 64 * 1024 * 1024);

    /// <summary>Connects and logs in (inbound and SMTP); null when both work, else the servers' answers.</summary>
    public async Task<IReadOnlyList<string>> TestAsync(Mailbox mailbox, CancellationToken ct)
    {
        var problems = new List<string>();
        try
        {
            switch (mailbox.InboundKind)
            {
                case InboundKind.Imap:
                    await using (var imap = await ImapClient.ConnectAsync(mailbox.InboundEndpoint(MaxFetchBytes), ct))
                    {
                        await imap.LoginAsync(mailbox.Username ?? mailbox.Address, secrets.Unprotect(mailbox.PasswordProtected) ?? "", ct);
                        await imap.SelectAsync(string.IsNullOrWhiteSpace(mailbox.Folder) ? "INBOX" : mailbox.Folder, ct, readOnly: true);
                        await imap.LogoutAsync(ct);
                    }
                    break;
                case InboundKind.Pop3:
                    await using (var pop = await Pop3Client.ConnectAsync(mailbox.InboundEndpoint(MaxFetchBytes), ct))
                    {
                        await pop.LoginAsync(mailbox.Username ?? mailbox.Address, secrets.Unprotect(mailbox.PasswordProtected) ?? "", ct);
                        await pop.QuitAsync(ct);
                    }
                    break;
            }
        }
        catch (Exception e) when (e is MailProtocolException or IOException or System.Net.Sockets.SocketException or ArgumentException)
        {
            problems.Add("in:" + e.Message);
        }
        if (!string.IsNullOrWhiteSpace(mailbox.SmtpHost))
        {
            try
            {
                await using var smtp = await SmtpClient.ConnectAsync(mailbox.SmtpEndpoint(), options.Value.EhloName, ct);
                if (!string.IsNullOrEmpty(mailbox.SmtpUsername))
                    await smtp.AuthenticateAsync(mailbox.SmtpUsername, secrets.Unprotect(mailbox.SmtpPasswordProtected) ?? "", ct);
                await smtp.QuitAsync(ct);
            }
            catch (Exception e) when (e is MailProtocolException or IOException or System.Net.Sockets.SocketException or ArgumentException)
            {
                problems.Add("out:" + e.Message);
            }
        }
        return problems;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling mailbox {MailboxId} failed ({Error})")]
    private static partial void LogPollFailed(ILogger logger, int mailboxId, string error);
}

// The hosted loop: send what is due, poll mailboxes, finish stored messages left Pending (after a crash).
public sealed partial class MailWorker(IServiceScopeFactory scopes, IOptions<MailOptions> options, ILogger<MailWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundEnabled) return;
        var sinceLastPoll = TimeSpan.MaxValue;
        var send = TimeSpan.FromSeconds(Math.Max(1, options.Value.SendSeconds));
        var poll = TimeSpan.FromSeconds(Math.Max(5, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                await sp.GetRequiredService<MailIngest>().ProcessPendingAsync(stoppingToken);
                await sp.GetRequiredService<MailOutbox>().SendDueAsync(stoppingToken);
                if (sinceLastPoll >= poll)
                {
                    sinceLastPoll = TimeSpan.Zero;
                    await sp.GetRequiredService<MailPolling>().PollAllAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or IOException or System.Data.Common.DbException)
            {
                LogLoopFailed(log, e.GetType().Name);
            }
            try
            {
                await Task.Delay(send, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            sinceLastPoll = sinceLastPoll == TimeSpan.MaxValue ? send : sinceLastPoll + send;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail loop iteration failed ({Error}); next round continues")]
    private static partial void LogLoopFailed(ILogger logger, string error);
}
