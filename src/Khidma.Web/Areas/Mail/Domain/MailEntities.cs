using Khidma.Web.Areas.Mail.Protocols;
using Khidma.Web.Platform.Data;

namespace Khidma.Web.Areas.Mail.Domain;

public enum InboundKind { Imap, Pop3, Pipe }

public enum InboundState { Pending, Processed, Failed, Ignored }

public enum OutboxState { Queued, Sent, Failed }

public enum OutboxKind { Reply, Acknowledgment, SignInLink, Fax }

public enum ParticipantRole { To, Cc }

// One support address of one team: where its mail comes from and how answers leave. Passwords are kept
// encrypted with Data Protection; the pipe token only as a hash.
public sealed class Mailbox : IVersioned
{
    public int Id { get; set; }
    public int? TeamId { get; set; }
    public string Address { get; set; } = "";
    public string? FromName { get; set; }
    public InboundKind InboundKind { get; set; }
    public string? Host { get; set; }
    public int Port { get; set; }
    public MailSecurity Security { get; set; } = MailSecurity.Tls;
    public string? Username { get; set; }
    public string? PasswordProtected { get; set; }
    public string Folder { get; set; } = "INBOX";
    public bool DeleteAfterStore { get; set; }
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public MailSecurity SmtpSecurity { get; set; } = MailSecurity.StartTls;
    public string? SmtpUsername { get; set; }
    public string? SmtpPasswordProtected { get; set; }
    // Pinned certificate for servers with a self-signed one (same thumbprint for inbound and outbound).
    public string? CertificateThumbprint { get; set; }
    public string? PipeTokenHash { get; set; }
    public bool SendAcknowledgment { get; set; } = true;
    public int ExpectedReplyDays { get; set; } = 1;
    public bool IsEnabled { get; set; } = true;
    public long ImapUidValidity { get; set; }
    public long ImapLastUid { get; set; }
    public DateTime? LastPollAt { get; set; }
    public string? LastPollError { get; set; }
    public int Version { get; set; }

    public MailEndpoint InboundEndpoint(int maxBytes) =>
        new(Host ?? "", Port, Security) { AcceptedCertificateThumbprint = CertificateThumbprint, MaxMessageBytes = maxBytes };

    public MailEndpoint SmtpEndpoint() =>
        new(SmtpHost ?? "", SmtpPort, SmtpSecurity) { AcceptedCertificateThumbprint = CertificateThumbprint };
}

// POP3 has no "after this UID": the UIDLs already taken are remembered one row each.
public sealed class SeenUidl
{
    public int MailboxId { get; set; }
    public string Uidl { get; set; } = "";
    public DateTime SeenAt { get; set; }
}

// Every raw message as received, before anything else happens to it: nothing is lost, nothing twice.
public sealed class InboundMessage : IVersioned
{
    public long Id { get; set; }
    public int MailboxId { get; set; }
    public string MessageId { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public string RawPath { get; set; } = "";
    public long Size { get; set; }
    public DateTime ReceivedAt { get; set; }
    public InboundState State { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public long? InteractionId { get; set; }
    public long? TimelineEntryId { get; set; }
    public string? FromAddress { get; set; }
    public string? Subject { get; set; }
    // Why no acknowledgment went out: auto-reply, bounce, loop (empty for ordinary mail).
    public string? Automatic { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public int Version { get; set; }
}

// Every Message-ID we know, inbound and outbound, mapped to its interaction: replies thread by these.
public sealed class MailMessageId
{
    public string MessageId { get; set; } = "";
    public long InteractionId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class MailParticipant
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public string Address { get; set; } = "";
    public string? Name { get; set; }
    public ParticipantRole Role { get; set; }
}

public sealed class MailAttachmentFile
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public long? TimelineEntryId { get; set; }
    public long InboundId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string? ContentId { get; set; }
}

public sealed class OutboxMessage : IVersioned
{
    public long Id { get; set; }
    public int MailboxId { get; set; }
    public long? InteractionId { get; set; }
    public OutboxKind Kind { get; set; }
    public string MessageId { get; set; } = "";
    public string ToAddresses { get; set; } = "";
    public string? CcAddresses { get; set; }
    public string Subject { get; set; } = "";
    // Empty for the null reverse-path (automatic messages must not draw bounces back to a robot).
    public string EnvelopeFrom { get; set; } = "";
    public string RawPath { get; set; } = "";
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public int Version { get; set; }
}
