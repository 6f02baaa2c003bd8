using Khidma.Web.Platform.Data;

namespace Khidma.Web.Areas.Portal.Domain;

// A one-time sign-in link sent to a customer's email. Only a SHA-256 of the token is stored; the row is
// versioned so two clicks racing each other cannot both use it.
public sealed class SignInLink : IVersioned
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string Email { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public int Version { get; set; }

    public bool CanBeUsed(DateTime now) => UsedAt is null && now < ExpiresAt;

    public void Use(DateTime now) => UsedAt = now;
}

// A file a customer sent through the web form or the portal, kept with the mail channel's attachments on disk
// (content-addressed) and listed here against the timeline entry it came with.
public sealed class PortalAttachment
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public long TimelineEntryId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
