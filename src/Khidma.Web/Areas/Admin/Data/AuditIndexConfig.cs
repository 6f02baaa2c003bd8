using Khidma.Web.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Admin.Data;

// The audit page filters by table or by person and pages newest first by (at, id); each filter gets an
// index that leads with it and ends with the paging key, so a page reads 51 index entries, not the log.
internal sealed class AuditIndexConfig : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(x => new { x.Entity, x.At, x.Id });
        b.HasIndex(x => new { x.UserName, x.At, x.Id });
    }
}
