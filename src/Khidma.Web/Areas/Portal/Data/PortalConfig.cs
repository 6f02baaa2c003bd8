using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Portal.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Portal.Data;

internal sealed class SignInLinkConfig : IEntityTypeConfiguration<SignInLink>
{
    public void Configure(EntityTypeBuilder<SignInLink> b)
    {
        b.ToTable("portal_sign_in_links");
        b.Property(x => x.Email).HasMaxLength(320);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.CustomerId);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalAttachmentConfig : IEntityTypeConfiguration<PortalAttachment>
{
    public void Configure(EntityTypeBuilder<PortalAttachment> b)
    {
        b.ToTable("portal_attachments");
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(127);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TimelineEntry>().WithMany().HasForeignKey(x => x.TimelineEntryId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.InteractionId);
        b.HasIndex(x => x.TimelineEntryId);
    }
}
