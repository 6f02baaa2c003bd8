using Khidma.Web.Areas.Services.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Services.Data;

internal sealed class ServiceConfig : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.ToTable("services_services");
        b.ComplexProperty(x => x.Name);
        b.ComplexProperty(x => x.Description);
        b.ComplexProperty(x => x.Benefits);
        b.ComplexProperty(x => x.Conditions);
        b.Property(x => x.RequiredSkills).HasMaxLength(500);
        b.HasOne<Khidma.Web.Areas.People.Domain.Team>().WithMany().HasForeignKey(x => x.DefaultTeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Stages).WithOne().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StageDefinitionConfig : IEntityTypeConfiguration<StageDefinition>
{
    public void Configure(EntityTypeBuilder<StageDefinition> b)
    {
        b.ToTable("services_stage_definitions");
        b.Property(x => x.Key).HasMaxLength(64);
        b.HasIndex(x => x.Key).IsUnique();
        b.ComplexProperty(x => x.Name);
        b.ComplexProperty(x => x.Hint);
    }
}

internal sealed class ServiceStageConfig : IEntityTypeConfiguration<ServiceStage>
{
    public void Configure(EntityTypeBuilder<ServiceStage> b)
    {
        b.ToTable("services_service_stages");
        b.HasKey(x => new { x.ServiceId, x.StageDefinitionId });
        b.HasOne(x => x.Stage).WithMany().HasForeignKey(x => x.StageDefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
