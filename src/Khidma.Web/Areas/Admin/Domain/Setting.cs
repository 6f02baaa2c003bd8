using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Domain;

public sealed class Setting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>Settings the administrator chooses on /admin/settings, read by other modules.</summary>
public static class AdminSettings
{
    /// <summary>Comma-separated roles that may see customers' background information (P1).</summary>
    public const string BackgroundRolesKey = "customers.background.roles";

    /// <summary>The roles used while the administrator has not chosen any.</summary>
    public static readonly string[] DefaultBackgroundRoles = [Roles.Admin, Roles.Manager, Roles.Supervisor];

    /// <summary>The roles that may see customers' background information.</summary>
    public static async Task<IReadOnlyList<string>> BackgroundRolesAsync(AppDbContext db, CancellationToken ct = default)
    {
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == BackgroundRolesKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return value is null ? DefaultBackgroundRoles : ParseRoles(value);
    }

    public static IReadOnlyList<string> ParseRoles(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(r => Roles.Employees.Contains(r))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
