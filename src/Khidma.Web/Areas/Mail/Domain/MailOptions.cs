using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Mail.Domain;

// Bound from "Khidma:Mail"; environment variables (Khidma__Mail__MaxMessageBytes) override.
public sealed class MailOptions
{
    public int MaxMessageBytes { get; set; } = 25 * 1024 * 1024;
    public int MaxAttachmentBytes { get; set; } = 20 * 1024 * 1024;
    // More than this many messages from one sender inside the window is a loop: stored, never answered.
    public int BurstLimit { get; set; } = 5;
    public int BurstWindowMinutes { get; set; } = 10;
    public int PollSeconds { get; set; } = 60;
    public int SendSeconds { get; set; } = 15;
    public int MaxSendAttempts { get; set; } = 10;
    public int FetchBatch { get; set; } = 50;
    // Off in tests that drive polling and sending themselves.
    public bool BackgroundEnabled { get; set; } = true;
    // Crash testing only: "exit" ends the process right after a raw message is stored, before processing.
    public string? FaultAfterStore { get; set; }
    public string EhloName { get; set; } = "khidma.local";
}

internal static class MailSets
{
    public static DbSet<Mailbox> Mailboxes(this AppDbContext db) => db.Set<Mailbox>();
    public static DbSet<SeenUidl> SeenUidls(this AppDbContext db) => db.Set<SeenUidl>();
    public static DbSet<InboundMessage> Inbound(this AppDbContext db) => db.Set<InboundMessage>();
    public static DbSet<MailMessageId> MessageIds(this AppDbContext db) => db.Set<MailMessageId>();
    public static DbSet<MailParticipant> Participants(this AppDbContext db) => db.Set<MailParticipant>();
    public static DbSet<MailAttachmentFile> Attachments(this AppDbContext db) => db.Set<MailAttachmentFile>();
    public static DbSet<OutboxMessage> Outbox(this AppDbContext db) => db.Set<OutboxMessage>();
}

// Where mail files live: raw messages by month, attachments by content hash, outgoing messages by hash.
public sealed class MailFiles(Microsoft.Extensions.Options.IOptions<KhidmaOptions> khidma)
{
    private readonly string root = Path.Combine(Path.GetFullPath(khidma.Value.DataDir), "mail");

    public string Root => root;

    public string RawRelative(DateTime at, string sha) =>
        Path.Combine("raw", at.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture),
            at.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), sha + ".eml");

    public static string AttachmentRelative(string sha) => Path.Combine("attachments", sha);

    public static string OutboxRelative(string sha) => Path.Combine("outbox", sha + ".eml");

    public string Full(string relative) => Path.Combine(root, relative);

    // Temp file then rename: a crash never leaves a half-written file under the final name.
    public async Task WriteOnceAsync(string relative, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = Full(relative);
        if (File.Exists(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.WriteThrough))
        {
            await stream.WriteAsync(content, ct);
            await stream.FlushAsync(ct);
        }
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }

    public Task<byte[]> ReadAsync(string relative, CancellationToken ct) => File.ReadAllBytesAsync(Full(relative), ct);

    public static string Sha256Hex(ReadOnlySpan<byte> content) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
