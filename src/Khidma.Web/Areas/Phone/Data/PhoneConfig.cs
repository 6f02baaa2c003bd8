using Khidma.Web.Areas.Phone.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Phone.Data;

internal sealed class PhoneExtensionConfig : IEntityTypeConfiguration<PhoneExtension>
{
    public void Configure(EntityTypeBuilder<PhoneExtension> b)
    {
        b.ToTable("phone_extensions");
        b.Property(x => x.Extension).HasMaxLength(32);
        b.HasIndex(x => x.Extension).IsUnique();
        b.HasOne<Khidma.Web.Areas.People.Domain.AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PhoneCallConfig : IEntityTypeConfiguration<PhoneCall>
{
    public void Configure(EntityTypeBuilder<PhoneCall> b)
    {
        b.ToTable("phone_calls");
        b.Ignore(x => x.CustomerNumber);
        b.Ignore(x => x.WaitSeconds);
        b.Ignore(x => x.TalkSeconds);
        b.Property(x => x.CallId).HasMaxLength(128);
        b.Property(x => x.From).HasMaxLength(32);
        b.Property(x => x.To).HasMaxLength(32);
        b.Property(x => x.Extension).HasMaxLength(32);
        b.HasIndex(x => x.CallId).IsUnique();
        // The screen pop: the agent's latest ringing or live call.
        b.HasIndex(x => new { x.AgentId, x.RingingAt });
        // The live queue: calls ringing now, and the answer rates of the last hour.
        b.HasIndex(x => x.RingingAt);
        b.HasIndex(x => x.AnsweredAt);
        b.HasOne<Khidma.Web.Areas.Customers.Domain.Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Khidma.Web.Areas.Interactions.Domain.Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.SetNull);
    }
}
