using Khidma.Web.Areas.Counter.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Counter.Data;

internal sealed class BranchConfig : IEntityTypeConfiguration<Branch>
{
    public void Configure(EntityTypeBuilder<Branch> b)
    {
        b.ToTable("counter_branches");
        b.Property(x => x.Code).HasMaxLength(32);
        b.ComplexProperty(x => x.Name, n =>
        {
            n.Property(p => p.Ar).HasMaxLength(200);
            n.Property(p => p.En).HasMaxLength(200);
            n.Property(p => p.Fr).HasMaxLength(200);
        });
        b.Property(x => x.TimeZoneId).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class CounterDeskConfig : IEntityTypeConfiguration<CounterDesk>
{
    public void Configure(EntityTypeBuilder<CounterDesk> b)
    {
        b.ToTable("counter_desks");
        b.Property(x => x.Number).HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Services).WithOne().HasForeignKey(s => s.CounterDeskId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.BranchId, x.Number }).IsUnique();
    }
}

internal sealed class CounterDeskServiceConfig : IEntityTypeConfiguration<CounterDeskService>
{
    public void Configure(EntityTypeBuilder<CounterDeskService> b)
    {
        b.ToTable("counter_desk_services");
        b.HasKey(x => new { x.CounterDeskId, x.ServiceId });
        b.HasOne<Khidma.Web.Areas.Services.Domain.Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CounterTicketConfig : IEntityTypeConfiguration<CounterTicket>
{
    public void Configure(EntityTypeBuilder<CounterTicket> b)
    {
        b.ToTable("counter_tickets");
        b.Property(x => x.PublicId).HasMaxLength(32);
        b.Property(x => x.Label).HasMaxLength(16);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.HasIndex(x => x.PublicId).IsUnique();
        // One label per branch per day: a second kiosk taking the same number fails and retries. The label, not the
        // service, is unique because a transferred ticket keeps its number in its new service's queue.
        b.HasIndex(x => new { x.BranchId, x.Day, x.Label }).IsUnique();
        // The queue and the board: today's tickets of a branch by state in order of arrival or call.
        b.HasIndex(x => new { x.BranchId, x.Day, x.State, x.TakenAt });
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Khidma.Web.Areas.Services.Domain.Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CounterDesk>().WithMany().HasForeignKey(x => x.CounterDeskId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Khidma.Web.Areas.Customers.Domain.Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Khidma.Web.Areas.Interactions.Domain.Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AgentSkillConfig : IEntityTypeConfiguration<AgentSkill>
{
    public void Configure(EntityTypeBuilder<AgentSkill> b)
    {
        b.ToTable("counter_agent_skills");
        b.HasKey(x => new { x.UserId, x.ServiceId });
        b.HasOne<Khidma.Web.Areas.People.Domain.AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Khidma.Web.Areas.Services.Domain.Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
