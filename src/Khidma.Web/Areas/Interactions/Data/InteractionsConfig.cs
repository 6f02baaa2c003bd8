using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Interactions.Data;

internal sealed class InteractionStatusConfig : IEntityTypeConfiguration<InteractionStatus>
{
    public void Configure(EntityTypeBuilder<InteractionStatus> b)
    {
        b.ToTable("interactions_statuses");
        b.ComplexProperty(x => x.Name);
    }
}

internal sealed class InteractionConfig : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b)
    {
        b.ToTable("interactions_interactions");
        b.Ignore(x => x.Reference);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InteractionStatus>().WithMany().HasForeignKey(x => x.StatusId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Khidma.Web.Areas.Services.Domain.Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Khidma.Web.Areas.People.Domain.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
        // A new interaction's stages and first message are audited in the interaction's own row.
        b.HasMany(x => x.Timeline).WithOne().HasForeignKey(t => t.InteractionId).OnDelete(DeleteBehavior.Cascade)
            .HasAnnotation(Khidma.Web.Platform.Auditing.AuditInterceptor.WithPrincipal, true);
        b.HasMany(x => x.Stages).WithOne().HasForeignKey(s => s.InteractionId).OnDelete(DeleteBehavior.Cascade)
            .HasAnnotation(Khidma.Web.Platform.Auditing.AuditInterceptor.WithPrincipal, true);
        // The inbox sorts by last activity and pages by (last_activity_at, id); each filter gets a leading column.
        b.HasIndex(x => new { x.LastActivityAt, x.Id });
        // The estimates refresh (T3) reads recent resolutions; without it, a scan of every interaction (0015).
        b.HasIndex(x => x.ResolvedAt);
        b.HasIndex(x => new { x.StatusCategory, x.LastActivityAt, x.Id });
        b.HasIndex(x => new { x.TeamId, x.StatusCategory, x.LastActivityAt, x.Id });
        b.HasIndex(x => new { x.HandlerId, x.StatusCategory, x.LastActivityAt, x.Id });
        b.HasIndex(x => new { x.CustomerId, x.CreatedAt });
        b.HasIndex(x => new { x.Channel, x.LastActivityAt, x.Id });
        b.HasIndex(x => new { x.ServiceId, x.LastActivityAt, x.Id });
    }
}

internal sealed class TimelineEntryConfig : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> b)
    {
        b.ToTable("interactions_timeline");
        b.Property(x => x.Data).HasMaxLength(500);
        b.HasIndex(x => new { x.InteractionId, x.CreatedAt });
    }
}

internal sealed class InteractionStageConfig : IEntityTypeConfiguration<InteractionStage>
{
    public void Configure(EntityTypeBuilder<InteractionStage> b)
    {
        b.ToTable("interactions_stages");
        b.Ignore(x => x.IsDone);
        b.Property(x => x.Key).HasMaxLength(64);
        b.ComplexProperty(x => x.Name);
        b.HasIndex(x => x.InteractionId);
    }
}
