using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Timeliness.Data;

internal sealed class CalendarDefinitionConfig : IEntityTypeConfiguration<CalendarDefinition>
{
    public void Configure(EntityTypeBuilder<CalendarDefinition> b)
    {
        b.ToTable("timeliness_calendars");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TimeZoneId).HasMaxLength(100);
        b.Property(x => x.WeeklyPeriods).HasMaxLength(2000);
        b.HasMany(x => x.Holidays).WithOne().HasForeignKey(h => h.CalendarId).OnDelete(DeleteBehavior.Cascade);
        // At most one default calendar, also when two nodes install the defaults at the same moment.
        b.HasIndex(x => x.IsDefault, "ux_timeliness_calendars_default").IsUnique().HasFilter("is_default = TRUE");
    }
}

internal sealed class CalendarHolidayConfig : IEntityTypeConfiguration<CalendarHoliday>
{
    public void Configure(EntityTypeBuilder<CalendarHoliday> b)
    {
        b.ToTable("timeliness_holidays");
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.CalendarId);
    }
}

internal sealed class SlaPolicyConfig : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> b)
    {
        b.ToTable("timeliness_sla_policies");
        b.Ignore(x => x.Specificity);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasOne<CalendarDefinition>().WithMany().HasForeignKey(x => x.CalendarId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Khidma.Web.Areas.People.Domain.Team>().WithMany().HasForeignKey(x => x.EscalateToTeamId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SlaTimerConfig : IEntityTypeConfiguration<SlaTimer>
{
    public void Configure(EntityTypeBuilder<SlaTimer> b)
    {
        b.ToTable("timeliness_sla_clocks");
        b.Ignore(x => x.Target);
        b.Ignore(x => x.IsRunning);
        b.HasOne(x => x.Interaction).WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade)
            .HasAnnotation(Khidma.Web.Platform.Auditing.AuditInterceptor.WithPrincipal, true);
        b.HasOne<SlaPolicy>().WithMany().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.InteractionId, x.Kind });
        // The job's two questions, answered from small partial indexes however many clocks are finished.
        b.HasIndex(x => x.DueAt, "ix_timeliness_sla_clocks_running_due").HasFilter("satisfied_at IS NULL AND breached_at IS NULL");
        b.HasIndex(x => x.WarnAt, "ix_timeliness_sla_clocks_running_warn").HasFilter("satisfied_at IS NULL AND warned_at IS NULL");
        // The dashboard: clocks by the week they fell due.
        b.HasIndex(x => x.DueAt, "IX_timeliness_sla_clocks_due_at");
    }
}

internal sealed class PromiseConfig : IEntityTypeConfiguration<Promise>
{
    public void Configure(EntityTypeBuilder<Promise> b)
    {
        b.ToTable("timeliness_promises");
        b.Ignore(x => x.IsOpen);
        b.Property(x => x.What).HasMaxLength(Promise.WhatMaxLength);
        b.Property(x => x.Reason).HasMaxLength(Promise.ReasonMaxLength);
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Khidma.Web.Areas.Customers.Domain.Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Khidma.Web.Areas.People.Domain.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Promise>().WithMany().HasForeignKey(x => x.RenegotiatedFromId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.InteractionId, x.CreatedAt });
        b.HasIndex(x => new { x.Status, x.DueAt });
        b.HasIndex(x => new { x.Status, x.ClosedAt });
        b.HasIndex(x => x.RenegotiatedFromId);
    }
}

internal sealed class NotificationConfig : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("timeliness_notifications");
        b.Property(x => x.Detail).HasMaxLength(100);
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Promise>().WithMany().HasForeignKey(x => x.PromiseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.CreatedAt });
        b.HasIndex(x => new { x.TeamId, x.CreatedAt });
    }
}

internal sealed class EstimateRowConfig : IEntityTypeConfiguration<EstimateRow>
{
    public void Configure(EntityTypeBuilder<EstimateRow> b)
    {
        b.ToTable("timeliness_estimates");
    }
}
