using Khidma.Web.Areas.Fax.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Fax.Data;

internal sealed class FaxDocumentConfig : IEntityTypeConfiguration<FaxDocument>
{
    public void Configure(EntityTypeBuilder<FaxDocument> b)
    {
        b.ToTable("fax_documents");
        b.Ignore(x => x.FileName);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.From).HasMaxLength(32);
        b.Property(x => x.To).HasMaxLength(32);
        b.HasIndex(x => x.InteractionId);
        b.HasOne<Khidma.Web.Areas.Interactions.Domain.Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FaxOutboxConfig : IEntityTypeConfiguration<FaxOutboxItem>
{
    public void Configure(EntityTypeBuilder<FaxOutboxItem> b)
    {
        b.ToTable("fax_outbox");
        b.Ignore(x => x.FileName);
        b.Property(x => x.To).HasMaxLength(32);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.LastError).HasMaxLength(500);
        b.Property(x => x.DocumentName).HasMaxLength(FaxOutboxItem.DocumentNameMaxLength);
        b.Property(x => x.GatewayReference).HasMaxLength(200);
        b.HasIndex(x => new { x.State, x.NextAttemptAt });
        b.HasOne<Khidma.Web.Areas.Interactions.Domain.Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FaxGatewayConfig : IEntityTypeConfiguration<FaxGateway>
{
    public void Configure(EntityTypeBuilder<FaxGateway> b)
    {
        b.ToTable("fax_gateways");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Url).HasMaxLength(500);
        b.Property(x => x.FromNumber).HasMaxLength(32);
        b.Property(x => x.EmailDomain).HasMaxLength(255);
        b.Property(x => x.AddressPattern).HasMaxLength(320);
    }
}

internal sealed class FaxMailboxConfig : IEntityTypeConfiguration<FaxMailbox>
{
    public void Configure(EntityTypeBuilder<FaxMailbox> b)
    {
        b.ToTable("fax_mailboxes");
        b.HasKey(x => x.MailboxId);
        b.Property(x => x.MailboxId).ValueGeneratedNever();
        b.HasOne<Khidma.Web.Areas.Mail.Domain.Mailbox>().WithMany().HasForeignKey(x => x.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }
}
