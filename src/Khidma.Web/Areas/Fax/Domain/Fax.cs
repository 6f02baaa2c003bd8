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

public enum FaxOutboxState { Pending, Sent, Failed }

// An outgoing fax waiting for the gateway: kept and retried until it is sent or runs out of attempts.
public sealed class FaxOutboxItem
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public string To { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public FaxFormat Format { get; set; }
    public FaxOutboxState State { get; set; } = FaxOutboxState.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public string? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }

    public string FileName => $"{Sha256}.{FaxFiles.Extension(Format)}";

    // Backoff doubles from one minute; after the last attempt the item stays Failed on record.
    public void RecordFailure(string error, DateTime at, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts >= maxAttempts) State = FaxOutboxState.Failed;
        else NextAttemptAt = at.AddMinutes(Math.Pow(2, Attempts - 1));
    }

    public void RecordSent(DateTime at)
    {
        Attempts++;
        State = FaxOutboxState.Sent;
        SentAt = at;
        LastError = null;
    }
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
}
