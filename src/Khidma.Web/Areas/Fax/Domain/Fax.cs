namespace Khidma.Web.Areas.Fax.Domain;

// A received fax (K4): the file lives under {DataDir}/fax/<sha256>.<ext>; the row links it to its interaction.
public sealed class FaxDocument
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public string Sha256 { get; set; } = "";
    public FaxFormat Format { get; set; }
    public long Size { get; set; }
    public int Pages { get; set; }
    public string From { get; set; } = "";
    public string To { get; set; } = "";
    public DateTime ReceivedAt { get; set; }

    public string FileName => $"{Sha256}.{FaxFiles.Extension(Format)}";
}

public enum FaxFormat { Pdf, Tiff }

// Pending: waiting for its turn (first try or a retry after backoff). Sending: leased by one sender until
// NextAttemptAt, or handed to the mail outbox (MailOutboxId) and waiting for its verdict.
public enum FaxOutboxState { Pending, Sending, Sent, Failed }

// An outgoing fax waiting for the gateway: kept and retried until it is sent or runs out of attempts.
public sealed class FaxOutboxItem
{
    public const int DocumentNameMaxLength = 255;

    public long Id { get; set; }
    public long InteractionId { get; set; }
    public string To { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public FaxFormat Format { get; set; }
    public string? DocumentName { get; set; }
    public FaxOutboxState State { get; set; } = FaxOutboxState.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    // What the gateway calls this fax: the HTTP gateway's id, or the Message-ID of the email-to-fax mail.
    public string? GatewayReference { get; set; }
    public long? MailOutboxId { get; set; }
    public string? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }

    public string FileName => $"{Sha256}.{FaxFiles.Extension(Format)}";

    // Backoff doubles from one minute; after the last attempt the item stays Failed on record.
    public void RecordFailure(string error, DateTime at, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        MailOutboxId = null;
        if (Attempts >= maxAttempts) State = FaxOutboxState.Failed;
        else
        {
            State = FaxOutboxState.Pending;
            NextAttemptAt = at + Backoff(Attempts);
        }
    }

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Pow(2, Math.Max(0, attempts - 1)));

    public void RecordSent(DateTime at, string? reference)
    {
        Attempts++;
        State = FaxOutboxState.Sent;
        SentAt = at;
        LastError = null;
        GatewayReference = reference is { Length: > 200 } r ? r[..200] : reference;
    }

    // The mail outbox has the message now; the fax is sent when that message is.
    public void RecordHandedToMail(long mailOutboxId, string messageId, DateTime checkAt)
    {
        State = FaxOutboxState.Sending;
        MailOutboxId = mailOutboxId;
        GatewayReference = messageId.Length > 200 ? messageId[..200] : messageId;
        NextAttemptAt = checkAt;
    }

    // The mail outbox gave up: that was its own series of retries, so the fax fails at once.
    public void RecordMailFailed(string? error)
    {
        Attempts++;
        State = FaxOutboxState.Failed;
        var text = "mail: " + (error ?? "not delivered");
        LastError = text.Length > 500 ? text[..500] : text;
    }

    /// <summary>An employee's retry of a failed fax: a fresh series of attempts from now.</summary>
    public void Retry(DateTime now)
    {
        if (State != FaxOutboxState.Failed) throw new Platform.Errors.DomainException("Only a failed fax can be sent again.");
        State = FaxOutboxState.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        MailOutboxId = null;
    }
}

public enum FaxGatewayKind { None, Http, Email }

// How outgoing faxes leave (one row, id 1), set by an administrator. The bearer token is kept encrypted with
// Data Protection (FaxSecrets) and never shown back.
public sealed class FaxGateway : Platform.Data.IVersioned
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public FaxGatewayKind Kind { get; set; }
    // HTTP gateway: multipart POST of document, to, from with "Authorization: Bearer <token>".
    public string? Url { get; set; }
    public string? TokenProtected { get; set; }
    // The company's own fax number, sent as "from" (HTTP) and shown in the mail (email-to-fax).
    public string? FromNumber { get; set; }
    // Email-to-fax: the mail leaves from this mailbox to {number}@EmailDomain, or to AddressPattern with {number} replaced.
    public int? MailboxId { get; set; }
    public string? EmailDomain { get; set; }
    public string? AddressPattern { get; set; }
    public int Version { get; set; }

    public const string NumberPlaceholder = "{number}";

    public string? AddressFor(string number)
    {
        if (!string.IsNullOrWhiteSpace(AddressPattern)) return AddressPattern.Trim().Replace(NumberPlaceholder, number, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(EmailDomain)) return $"{number}@{EmailDomain.Trim().TrimStart('@')}";
        return null;
    }
}

// A mailbox that receives a fax-to-email service's mail: each message becomes a Fax interaction with its document.
public sealed class FaxMailbox
{
    public int MailboxId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class FaxFiles
{
    // The magic bytes decide, never the name or the declared content type.
    public static FaxFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return FaxFormat.Pdf;
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return FaxFormat.Tiff;
        return null;
    }

    public static string Extension(FaxFormat format) => format == FaxFormat.Pdf ? "pdf" : "tif";

    public static string ContentType(FaxFormat format) => format == FaxFormat.Pdf ? "application/pdf" : "image/tiff";

    // A page count for display when the sender does not give one: PDF page objects, or TIFF image directories.
    public static int CountPages(ReadOnlySpan<byte> bytes, FaxFormat format) =>
        format == FaxFormat.Pdf ? CountPdfPages(bytes) : CountTiffPages(bytes);

    private static int CountPdfPages(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        var marker = "/Type"u8;
        for (var i = bytes.IndexOf(marker); i >= 0;)
        {
            var rest = bytes[(i + marker.Length)..];
            var j = 0;
            while (j < rest.Length && rest[j] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t') j++;
            var value = rest[j..];
            if (value.StartsWith("/Page"u8) && (value.Length == 5 || !IsNameChar(value[5]))) count++;
            var next = rest.IndexOf(marker);
            i = next < 0 ? -1 : i + marker.Length + next;
        }
        return count;
    }

    private static bool IsNameChar(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9';

    private static int CountTiffPages(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8) return 0;
        var little = bytes[0] == (byte)'I';
        uint U32(ReadOnlySpan<byte> b, long at) => little
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b.Slice((int)at, 4))
            : System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b.Slice((int)at, 4));
        int U16(ReadOnlySpan<byte> b, long at) => little
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(b.Slice((int)at, 2))
            : System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(b.Slice((int)at, 2));
        var pages = 0;
        long offset = U32(bytes, 4);
        var seen = new HashSet<long>();
        // Each directory links to the next; a damaged or looping chain ends the count.
        while (offset >= 8 && offset + 2 <= bytes.Length && seen.Add(offset) && pages < 10000)
        {
            var entries = U16(bytes, offset);
            var next = offset + 2 + (12L * entries);
            if (next + 4 > bytes.Length) { pages++; break; }
            pages++;
            offset = U32(bytes, next);
        }
        return pages;
    }
}

public static class FaxStates
{
    // Resource keys for the states as staff read them.
    public static string Name(FaxOutboxState state) => state switch
    {
        FaxOutboxState.Pending => "Queued",
        FaxOutboxState.Sending => "Sending",
        FaxOutboxState.Sent => "Sent",
        _ => "Failed",
    };
}
