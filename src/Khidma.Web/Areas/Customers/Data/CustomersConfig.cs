using Khidma.Web.Areas.Customers.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Customers.Data;

internal sealed class CustomerConfig : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("customers_customers");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Language).HasMaxLength(8);
        b.Property(x => x.Organization).HasMaxLength(200);
        b.HasMany(x => x.Contacts).WithOne().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.Background);
        // The list sorts and pages by (name, id).
        b.HasIndex(x => new { x.Name, x.Id });
        b.HasIndex(x => x.CreatedAt);
    }
}

internal sealed class CustomerContactConfig : IEntityTypeConfiguration<CustomerContact>
{
    public void Configure(EntityTypeBuilder<CustomerContact> b)
    {
        b.ToTable("customers_contacts");
        b.Property(x => x.Value).HasMaxLength(320);
        b.Property(x => x.Normalized).HasMaxLength(320);
        b.Property(x => x.Label).HasMaxLength(100);
        b.HasIndex(x => new { x.Kind, x.Normalized });
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class CustomerNoteConfig : IEntityTypeConfiguration<CustomerNote>
{
    public void Configure(EntityTypeBuilder<CustomerNote> b)
    {
        b.ToTable("customers_notes");
        b.Property(x => x.Body).HasMaxLength(4000);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CustomerId, x.CreatedAt });
    }
}
