using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Counter.Pages;

// Small reads the counter pages share.
public static class CounterReads
{
    public sealed record BranchRow(int Id, string Code, LocalizedText Name, string? TimeZoneId);

    public sealed record ServiceRow(int Id, LocalizedText Name);

    public static async Task<BranchRow> BranchAsync(AppDbContext db, string code, CancellationToken ct)
    {
        var row = await db.Branches.AsNoTracking().Where(b => b.Code == code && b.IsActive)
            .Select(b => new { b.Id, b.Code, b.Name.Ar, b.Name.En, b.Name.Fr, b.TimeZoneId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException();
        return new BranchRow(row.Id, row.Code, new LocalizedText(row.Ar, row.En, row.Fr), row.TimeZoneId);
    }

    public static async Task<Dictionary<int, LocalizedText>> ServiceNamesAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Services.AsNoTracking().Select(s => new { s.Id, s.Name.Ar, s.Name.En, s.Name.Fr }).ToListAsync(ct))
        .ToDictionary(s => s.Id, s => new LocalizedText(s.Ar, s.En, s.Fr));

    /// <summary>The active services the branch's counters serve (a counter with no list serves them all).</summary>
    public static async Task<List<ServiceRow>> BranchServicesAsync(AppDbContext db, int branchId, CancellationToken ct)
    {
        var desks = await db.CounterDesks.AsNoTracking().Where(d => d.BranchId == branchId)
            .Select(d => d.Services.Select(s => s.ServiceId).ToList()).ToListAsync(ct);
        var all = desks.Count == 0 || desks.Any(d => d.Count == 0);
        var ids = desks.SelectMany(d => d).ToHashSet();
        var services = await db.Services.AsNoTracking().Where(s => s.IsActive)
            .Select(s => new { s.Id, s.Name.Ar, s.Name.En, s.Name.Fr }).ToListAsync(ct);
        return services.Where(s => all || ids.Contains(s.Id))
            .Select(s => new ServiceRow(s.Id, new LocalizedText(s.Ar, s.En, s.Fr)))
            .OrderBy(s => s.Id).ToList();
    }
}
