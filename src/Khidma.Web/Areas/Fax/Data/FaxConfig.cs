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
        b.HasIndex(x => new { x.State, x.NextAttemptAt });
        b.HasOne<Khidma.Web.Areas.Interactions.Domain.Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
    }
}
