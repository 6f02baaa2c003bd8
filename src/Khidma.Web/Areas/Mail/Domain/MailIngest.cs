using System.Text.RegularExpressions;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Mail.Domain;

// Test seam for crash simulation: runs right after a raw message is stored and before it is processed.
public sealed class MailFaults
{
    public Action<long>? AfterStore { get; set; }
}

/// <summary>
/// Another module's claim on the mail of some mailboxes (the Fax module's fax-to-email mailboxes). Runs inside the
/// processing transaction; returns the interaction and entry it created, or null to leave the message to mail.
/// </summary>
public interface IInboundMailHandler
{
    Task<(long InteractionId, long? TimelineEntryId)?> HandleAsync(Mailbox mailbox, InboundMessage row, ParsedMail mail, CancellationToken ct);
}

/// <summary>
/// Inbound mail in two steps. <see cref="StoreAsync"/> keeps the raw bytes (file + <c>mail_inbound</c> row,
/// unique per mailbox and Message-ID); <see cref="ProcessAsync"/> turns a stored message into an interaction
/// entry in one transaction that also marks the row Processed, so a crash in between leaves it Pending and
/// the next run completes it exactly once.
/// </summary>
public sealed partial class MailIngest(
    AppDbContext db, MailFiles files, IOptions<MailOptions> options, TimeProvider clock,
    CreateInteraction create, MailAcknowledgments acknowledgments, MailFaults faults, ILogger<MailIngest> log,
    IEnumerable<IInboundMailHandler> handlers)
{
    public const string HashedIdPrefix = "sha256:";

    public sealed record Stored(InboundMessage Message, bool IsNew);

    public async Task<Stored> StoreAsync(int mailboxId, byte[] raw, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var sha = MailFiles.Sha256Hex(raw);
        var tooLarge = raw.Length > options.Value.MaxMessageBytes;
        ParsedMail? mail = tooLarge ? null : MimeParser.Parse(raw);
        var messageId = MessageIdFor(mail?.MessageId ?? HeaderMessageId(raw), sha);

        var existing = await db.Inbound().AsNoTracking().FirstOrDefaultAsync(m => m.MailboxId == mailboxId && m.MessageId == messageId, ct);
        if (existing is not null) return new Stored(existing, false);

        var now = clock.GetUtcNow().UtcDateTime;
        var relative = files.RawRelative(now, sha);
        await files.WriteOnceAsync(relative, raw, ct);
        var from = mail is { From.Count: > 0 } ? mail.From[0].Address : null;
        var row = new InboundMessage
        {
            MailboxId = mailboxId,
            MessageId = messageId,
            Sha256 = sha,
            RawPath = relative,
            Size = raw.Length,
            ReceivedAt = now,
            State = tooLarge ? InboundState.Failed : InboundState.Pending,
            LastError = tooLarge ? $"The message is {raw.Length / (1024 * 1024)} MB, above the limit of {options.Value.MaxMessageBytes / (1024 * 1024)} MB: kept, not processed." : null,
            FromAddress = from is null ? null : Clip(ContactNormalizer.NormalizeEmail(from), 320),
            Subject = mail is null ? null : Clip(mail.Subject, 300),
        };
        db.Inbound().Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another poller stored the same message a moment ago: the unique index decided, keep theirs.
            db.ChangeTracker.Clear();
            var theirs = await db.Inbound().AsNoTracking().FirstOrDefaultAsync(m => m.MailboxId == mailboxId && m.MessageId == messageId, ct);
            if (theirs is null) throw;
            return new Stored(theirs, false);
        }
        db.Entry(row).State = EntityState.Detached;
        LogStored(log, row.Id, mailboxId, raw.Length);
        faults.AfterStore?.Invoke(row.Id);
        if (string.Equals(options.Value.FaultAfterStore, "exit", StringComparison.OrdinalIgnoreCase))
            Environment.Exit(137);
        return new Stored(row, true);
    }

    public async Task<int> ProcessPendingAsync(CancellationToken ct = default)
    {
        var ids = await db.Inbound().AsNoTracking()
            .Where(m => m.State == InboundState.Pending)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(200).ToListAsync(ct);
        var done = 0;
        foreach (var id in ids)
            if (await ProcessAsync(id, ct)) done++;
        return done;
    }

    /// <summary>Processes one stored message; false when it was not Pending (already done by someone) or failed.</summary>
    public async Task<bool> ProcessAsync(long id, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // The claim: only one run moves the row on; a concurrent run waits for the lock, then finds it done.
                var claimed = await db.Inbound()
                    .Where(m => m.Id == id && m.State == InboundState.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
                if (claimed == 0)
                {
                    await transaction.RollbackAsync(ct);
                    return false;
                }
                var row = await db.Inbound().FirstAsync(m => m.Id == id, ct);
                await ProcessRowAsync(row, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                var state = row.State;
                LogProcessed(log, id, state);
                return state != InboundState.Failed;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 2)
            {
                // An agent changed the interaction meanwhile; read it again and add the message then.
            }
            catch (Exception e) when (e is not OperationCanceledException && !IsBusy(e))
            {
                db.ChangeTracker.Clear();
                var error = Clip(e.Message, 1000);
                await db.Inbound().Where(m => m.Id == id && m.State == InboundState.Pending)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.State, InboundState.Failed)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastError, error), ct);
                LogFailed(log, id, e.GetType().Name);
                return false;
            }
        }
    }

    /// <summary>Puts a Failed message back to Pending and processes it again (the admin's Retry).</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken ct = default)
    {
        var row = await db.Inbound().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new Platform.Errors.NotFoundException();
        if (row.State != InboundState.Failed) return false;
        if (row.Size > options.Value.MaxMessageBytes) return false;
        row.State = InboundState.Pending;
        row.LastError = null;
        await db.SaveChangesAsync(ct);
        return await ProcessAsync(id, ct);
    }

    private async Task ProcessRowAsync(InboundMessage row, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mailbox = await db.Mailboxes().AsNoTracking().FirstAsync(m => m.Id == row.MailboxId, ct);
        var raw = await files.ReadAsync(row.RawPath, ct);
        var mail = MimeParser.Parse(raw);
        var sender = mail.From.Count > 0 ? mail.From[0] : null;
        var kind = AutoDetection.Classify(mail);
        if (kind == AutomaticKind.None && row.FromAddress is { } fromAddress && await IsBurstAsync(fromAddress, row, ct))
            kind = AutomaticKind.Loop;
        row.Automatic = kind == AutomaticKind.None ? null : kind.ToString();
        row.ProcessedAt = now;

        foreach (var handler in handlers)
        {
            if (await handler.HandleAsync(mailbox, row, mail, ct) is not { } handled) continue;
            row.State = InboundState.Processed;
            row.InteractionId = handled.InteractionId;
            row.TimelineEntryId = handled.TimelineEntryId;
            return;
        }

        // The same message delivered to two of our addresses: one interaction, one entry.
        var known = await db.MessageIds().AsNoTracking().Where(x => x.MessageId == row.MessageId)
            .Select(x => (long?)x.InteractionId).FirstOrDefaultAsync(ct);
        if (known is not null)
        {
            row.State = InboundState.Processed;
            row.InteractionId = known;
            return;
        }

        var threadId = await ThreadAsync(mail, row.FromAddress, ct);
        if (threadId is null && kind == AutomaticKind.Bounce)
        {
            row.State = InboundState.Ignored;
            return;
        }
        if (sender is null || row.FromAddress is null || row.FromAddress.Length == 0)
            throw new InvalidOperationException("The message has no sender address.");

        var body = BodyOf(mail);
        Interaction interaction;
        TimelineEntry entry;
        Customer customer;
        var isNew = threadId is null;
        if (threadId is { } existingId)
        {
            interaction = await db.Interactions.FirstAsync(i => i.Id == existingId, ct);
            customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == interaction.CustomerId, ct);
            entry = interaction.AddEntry(TimelineKind.CustomerMessage, body, null, now, $"mail:{row.Id}");
            if (InteractionStatus.IsFinished(interaction.StatusCategory) && kind == AutomaticKind.None)
            {
                var open = await db.InteractionStatuses.Where(s => s.IsActive && s.Category == StatusCategory.Open)
                    .OrderByDescending(s => s.IsDefault).ThenBy(s => s.Position).FirstOrDefaultAsync(ct);
                if (open is not null) interaction.ChangeStatus(open, null, null, now);
            }
            await db.SaveChangesAsync(ct);
        }
        else
        {
            customer = await CustomerForAsync(sender, mail, now, ct);
            var subject = string.IsNullOrWhiteSpace(mail.Subject) ? "(no subject)" : Clip(mail.Subject.Trim(), CreateInteraction.SubjectMaxLength);
            var outcome = await create.RunAsync(new CreateInteraction.Request(
                customer.Id, null, Channel.Email, subject, body, null, Priority.Normal, mailbox.TeamId), null, ct);
            if (!outcome.Succeeded)
                throw new InvalidOperationException("The interaction could not be created: " + string.Join("; ", outcome.Errors.Select(e => e.MessageKey)));
            interaction = outcome.Interaction!;
            entry = interaction.Timeline[0];
            entry.Data = $"mail:{row.Id}";
            await db.SaveChangesAsync(ct);
        }

        await AddParticipantsAsync(interaction.Id, mail, customer.Id, ct);
        await KeepAttachmentsAsync(interaction, entry, row, mail, now, ct);
        db.MessageIds().Add(new MailMessageId { MessageId = row.MessageId, InteractionId = interaction.Id, CreatedAt = now });

        row.State = InboundState.Processed;
        row.InteractionId = interaction.Id;
        row.TimelineEntryId = entry.Id;

        if (isNew && kind == AutomaticKind.None && mailbox.SendAcknowledgment)
            await acknowledgments.QueueAsync(mailbox, interaction, customer, sender, mail.MessageId, ct);
    }

    private async Task<bool> IsBurstAsync(string from, InboundMessage row, CancellationToken ct)
    {
        var since = row.ReceivedAt.AddMinutes(-options.Value.BurstWindowMinutes);
        var count = await db.Inbound().AsNoTracking()
            .CountAsync(m => m.FromAddress == from && m.ReceivedAt >= since && m.Id <= row.Id, ct);
        return count > options.Value.BurstLimit;
    }

    // In-Reply-To and References against every Message-ID we know; then "[KH-123]" in the subject, trusted only
    // from the interaction's own customer or participants (a guessed number must not open someone else's thread).
    private async Task<long?> ThreadAsync(ParsedMail mail, string? from, CancellationToken ct)
    {
        var ids = new List<string>();
        if (mail.InReplyTo is { } irt) ids.Add(irt);
        ids.AddRange(mail.References.Reverse());
        ids = ids.Where(i => i.Length <= 500).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > 0)
        {
            var matches = await db.MessageIds().AsNoTracking().Where(x => ids.Contains(x.MessageId))
                .Select(x => new { x.MessageId, x.InteractionId }).ToListAsync(ct);
            foreach (var id in ids)
                if (matches.FirstOrDefault(m => m.MessageId == id) is { } hit) return hit.InteractionId;
        }
        if (ReferenceIn(mail.Subject) is { } reference && from is not null)
        {
            var interaction = await db.Interactions.AsNoTracking().Where(i => i.Id == reference)
                .Select(i => new { i.Id, i.CustomerId }).FirstOrDefaultAsync(ct);
            if (interaction is null) return null;
            var isCustomer = await db.CustomerContacts.AnyAsync(c => c.CustomerId == interaction.CustomerId && c.Kind == ContactKind.Email && c.Normalized == from, ct);
            var isParticipant = await db.Participants().AnyAsync(p => p.InteractionId == interaction.Id && p.Address == from, ct);
            if (isCustomer || isParticipant) return interaction.Id;
        }
        return null;
    }

    public static long? ReferenceIn(string? subject)
    {
        if (string.IsNullOrEmpty(subject)) return null;
        var m = ReferencePattern().Match(subject);
        return m.Success ? Interaction.ParseReference(m.Value) : null;
    }

    private async Task<Customer> CustomerForAsync(MailAddress sender, ParsedMail mail, DateTime now, CancellationToken ct)
    {
        var normalized = ContactNormalizer.NormalizeEmail(sender.Address);
        var customerId = await CustomerContacts.CustomerIdByAsync(db.CustomerContacts, ContactKind.Email, normalized, ct);
        if (customerId is { } id) return await db.Customers.AsNoTracking().FirstAsync(c => c.Id == id, ct);

        var name = string.IsNullOrWhiteSpace(sender.Name) ? normalized[..Math.Max(1, normalized.IndexOf('@', StringComparison.Ordinal))] : sender.Name.Trim();
        var customer = new Customer
        {
            Name = Clip(name, Customer.MaxNameLength),
            Language = GuessLanguage(sender.Name, mail.Subject, mail.Text),
            CreatedAt = now,
            UpdatedAt = now,
        };
        customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Email, Value = Clip(sender.Address.Trim(), 320), Normalized = Clip(normalized, 320) });
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return customer;
    }

    public static string GuessLanguage(params string?[] texts) =>
        texts.Any(t => t is not null && t.Any(IsArabicLetter)) ? "ar" : "en";

    private static bool IsArabicLetter(char c) => c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';

    private async Task AddParticipantsAsync(long interactionId, ParsedMail mail, long customerId, CancellationToken ct)
    {
        var ours = await db.Mailboxes().AsNoTracking().Select(m => m.Address.ToLower()).ToListAsync(ct);
        var customerEmails = await db.CustomerContacts.AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.Kind == ContactKind.Email).Select(c => c.Normalized).ToListAsync(ct);
        var existing = await db.Participants().AsNoTracking().Where(p => p.InteractionId == interactionId).Select(p => p.Address).ToListAsync(ct);
        var seen = new HashSet<string>(existing.Concat(ours).Concat(customerEmails), StringComparer.OrdinalIgnoreCase);
        var candidates = mail.To.Select(a => (a, ParticipantRole.To))
            .Concat(mail.Cc.Select(a => (a, ParticipantRole.Cc)))
            .Concat(mail.From.Select(a => (a, ParticipantRole.Cc)));
        foreach (var (address, role) in candidates)
        {
            var normalized = ContactNormalizer.NormalizeEmail(address.Address);
            if (!ContactNormalizer.IsValidEmail(normalized) || !seen.Add(normalized)) continue;
            db.Participants().Add(new MailParticipant
            {
                InteractionId = interactionId,
                Address = normalized,
                Name = address.Name is { Length: > 0 } n ? Clip(n, 200) : null,
                Role = role,
            });
        }
    }

    private static readonly string[] BlockedExtensions = [".exe", ".bat", ".cmd", ".js", ".vbs", ".scr", ".msi", ".com", ".pif", ".jse", ".wsf", ".ps1", ".hta", ".cpl"];
    private static readonly string[] BlockedTypes = ["application/x-msdownload", "application/x-msdos-program", "application/x-ms-installer", "application/javascript", "application/x-sh"];

    public static string? AttachmentRefusal(string fileName, string contentType, long size, int maxBytes)
    {
        var extension = Path.GetExtension(fileName.Trim().TrimEnd('.')).ToLowerInvariant();
        if (BlockedExtensions.Contains(extension) || BlockedTypes.Contains(contentType.ToLowerInvariant()))
            return "blocked type";
        return size > maxBytes ? "too large" : null;
    }

    private async Task KeepAttachmentsAsync(Interaction interaction, TimelineEntry entry, InboundMessage row, ParsedMail mail, DateTime now, CancellationToken ct)
    {
        var refused = new List<string>();
        foreach (var a in mail.Attachments)
        {
            var name = string.IsNullOrWhiteSpace(a.FileName) ? "attachment" : Path.GetFileName(a.FileName.Replace('\\', '/'));
            var reason = AttachmentRefusal(name, a.ContentType, a.Size, options.Value.MaxAttachmentBytes);
            if (reason is not null)
            {
                refused.Add($"{name} ({reason}, {a.Size} bytes)");
                continue;
            }
            await files.WriteOnceAsync(MailFiles.AttachmentRelative(a.Sha256), a.Content, ct);
            db.Attachments().Add(new MailAttachmentFile
            {
                InteractionId = interaction.Id,
                TimelineEntryId = entry.Id,
                InboundId = row.Id,
                FileName = Clip(name, 255),
                ContentType = Clip(a.ContentType, 127),
                Size = a.Size,
                Sha256 = a.Sha256,
                ContentId = a.ContentId is { } cid ? Clip(cid, 255) : null,
            });
        }
        // Never silently lost: the agent sees what was held back, and the raw message still has it.
        if (refused.Count > 0)
            interaction.AddEntry(TimelineKind.System, string.Join("\n", refused), null, now, $"mail-refused:{row.Id}");
    }

    private static string BodyOf(ParsedMail mail)
    {
        var text = mail.Text.Trim();
        if (text.Length > 0) return text;
        return mail.Attachments.Count > 0 ? string.Join(", ", mail.Attachments.Select(a => a.FileName)) : "(no text)";
    }

    private static string MessageIdFor(string? headerId, string sha)
    {
        var id = headerId?.Trim().Trim('<', '>');
        return string.IsNullOrEmpty(id) || id.Length > 500 ? HashedIdPrefix + sha : id;
    }

    // For messages too large to parse: the Message-ID from the header block only.
    private static string? HeaderMessageId(byte[] raw)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0) end = raw.AsSpan().IndexOf("\n\n"u8);
        if (end < 0) end = Math.Min(raw.Length, 64 * 1024);
        return MimeParser.Parse(raw.AsMemory(0, end).ToArray()).MessageId;
    }

    private static bool IsBusy(Exception e) => e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 };

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    [GeneratedRegex(@"KH-\d{1,18}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReferencePattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored inbound mail {Id} for mailbox {MailboxId} ({Bytes} bytes)")]
    private static partial void LogStored(ILogger logger, long id, int mailboxId, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processed inbound mail {Id}: {State}")]
    private static partial void LogProcessed(ILogger logger, long id, InboundState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound mail {Id} failed to process ({Error})")]
    private static partial void LogFailed(ILogger logger, long id, string error);
}
