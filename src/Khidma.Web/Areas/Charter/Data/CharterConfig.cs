using Khidma.Web.Areas.Charter.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Charter.Data;

internal sealed class CharterGoalConfig : IEntityTypeConfiguration<CharterGoal>
{
    public void Configure(EntityTypeBuilder<CharterGoal> b)
    {
        b.ToTable("charter_goals");
        b.ComplexProperty(x => x.Title);
        b.ComplexProperty(x => x.Body);
        b.HasOne<CharterGoal>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CharterVersionConfig : IEntityTypeConfiguration<CharterVersion>
{
    public void Configure(EntityTypeBuilder<CharterVersion> b)
    {
        b.ToTable("charter_versions");
        b.HasIndex(x => x.Number).IsUnique();
    }
}
