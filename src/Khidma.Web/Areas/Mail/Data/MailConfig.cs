using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.People.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Mail.Data;

internal sealed class MailboxConfig : IEntityTypeConfiguration<Mailbox>
{
    public void Configure(EntityTypeBuilder<Mailbox> b)
    {
        b.ToTable("mail_mailboxes");
        b.Property(x => x.Address).HasMaxLength(320);
        b.Property(x => x.FromName).HasMaxLength(200);
        b.Property(x => x.Host).HasMaxLength(255);
        b.Property(x => x.Username).HasMaxLength(320);
        b.Property(x => x.Folder).HasMaxLength(200);
        b.Property(x => x.SmtpHost).HasMaxLength(255);
        b.Property(x => x.SmtpUsername).HasMaxLength(320);
        b.Property(x => x.CertificateThumbprint).HasMaxLength(128);
        b.Property(x => x.PipeTokenHash).HasMaxLength(128);
        b.Property(x => x.LastPollError).HasMaxLength(1000);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.Address).IsUnique();
    }
}

internal sealed class SeenUidlConfig : IEntityTypeConfiguration<SeenUidl>
{
    public void Configure(EntityTypeBuilder<SeenUidl> b)
    {
        b.ToTable("mail_seen_uidls");
        b.HasKey(x => new { x.MailboxId, x.Uidl });
        b.Property(x => x.Uidl).HasMaxLength(100);
        b.HasOne<Mailbox>().WithMany().HasForeignKey(x => x.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboundMessageConfig : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> b)
    {
        b.ToTable("mail_inbound");
        b.Property(x => x.MessageId).HasMaxLength(500);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.RawPath).HasMaxLength(500);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.FromAddress).HasMaxLength(320);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.Automatic).HasMaxLength(32);
        b.HasOne<Mailbox>().WithMany().HasForeignKey(x => x.MailboxId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.SetNull);
        // A re-fetch, or a crash and a re-fetch, finds the row it already stored.
        b.HasIndex(x => new { x.MailboxId, x.MessageId }).IsUnique();
        b.HasIndex(x => new { x.State, x.Id });
        b.HasIndex(x => new { x.FromAddress, x.ReceivedAt });
        b.HasIndex(x => x.InteractionId);
    }
}

internal sealed class MailMessageIdConfig : IEntityTypeConfiguration<MailMessageId>
{
    public void Configure(EntityTypeBuilder<MailMessageId> b)
    {
        b.ToTable("mail_message_ids");
        b.HasKey(x => x.MessageId);
        b.Property(x => x.MessageId).HasMaxLength(500);
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.InteractionId, x.CreatedAt });
    }
}

internal sealed class MailParticipantConfig : IEntityTypeConfiguration<MailParticipant>
{
    public void Configure(EntityTypeBuilder<MailParticipant> b)
    {
        b.ToTable("mail_participants");
        b.Property(x => x.Address).HasMaxLength(320);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.InteractionId, x.Address }).IsUnique();
    }
}

internal sealed class MailAttachmentFileConfig : IEntityTypeConfiguration<MailAttachmentFile>
{
    public void Configure(EntityTypeBuilder<MailAttachmentFile> b)
    {
        b.ToTable("mail_attachments");
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(127);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.ContentId).HasMaxLength(255);
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<InboundMessage>().WithMany().HasForeignKey(x => x.InboundId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.InteractionId);
        b.HasIndex(x => x.InboundId);
    }
}

internal sealed class OutboxMessageConfig : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("mail_outbox");
        b.Property(x => x.MessageId).HasMaxLength(500);
        b.Property(x => x.ToAddresses).HasMaxLength(2000);
        b.Property(x => x.CcAddresses).HasMaxLength(2000);
        b.Property(x => x.Subject).HasMaxLength(400);
        b.Property(x => x.EnvelopeFrom).HasMaxLength(320);
        b.Property(x => x.RawPath).HasMaxLength(500);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.HasOne<Mailbox>().WithMany().HasForeignKey(x => x.MailboxId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.State, x.NextAttemptAt });
        b.HasIndex(x => x.InteractionId);
    }
}
