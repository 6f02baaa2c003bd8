using System.Globalization;
using Khidma.Web.Platform.Auditing;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Domain;

/// <summary>What to read from the audit log: all filters optional; <c>After</c> is the cursor of the previous page.</summary>
public sealed record AuditFilter(string? Entity, string? EntityId, string? UserName, DateTime? FromUtc, DateTime? ToUtc, string? After);

// Reads the audit log newest first, paged by the key (at, id) and never counted: the log only grows,
// and a count would get slower every day. Used by the audit page and the REST API.
public static class AuditLog
{
    public static async Task<(IReadOnlyList<AuditEntry> Entries, string? Next)> PageAsync(AppDbContext db, AuditFilter filter, int size, CancellationToken ct = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Entity)) query = query.Where(a => a.Entity == filter.Entity.Trim());
        if (!string.IsNullOrWhiteSpace(filter.EntityId)) query = query.Where(a => a.EntityId == filter.EntityId.Trim());
        if (!string.IsNullOrWhiteSpace(filter.UserName)) query = query.Where(a => a.UserName == filter.UserName.Trim());
        if (filter.FromUtc is { } from) query = query.Where(a => a.At >= from);
        if (filter.ToUtc is { } to) query = query.Where(a => a.At < to);
        if (ParseCursor(filter.After) is { } cursor)
        {
            var (at, id) = cursor;
            query = query.Where(a => a.At < at || (a.At == at && a.Id < id));
        }
        var entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(size + 1).ToListAsync(ct);
        if (entries.Count <= size) return (entries, null);
        entries.RemoveAt(size);
        var last = entries[^1];
        return (entries, $"{last.At.Ticks.ToString(CultureInfo.InvariantCulture)}-{last.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    public static (DateTime At, long Id)? ParseCursor(string? cursor)
    {
        if (cursor is null) return null;
        var dash = cursor.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0) return null;
        return long.TryParse(cursor.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && long.TryParse(cursor.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && ticks <= DateTime.MaxValue.Ticks
            ? (new DateTime(ticks, DateTimeKind.Utc), id)
            : null;
    }
}
