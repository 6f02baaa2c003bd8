using System.Security.Claims;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Customers.Domain;

/// <summary>
/// Which roles may see and edit a customer's background (education, work experience, region and origin,
/// customs, interests). Stored in <c>admin_settings</c> under the key <see cref="SettingKey"/>
/// ("customers.background.roles") as comma-separated role names, e.g. "admin,manager,supervisor".
/// When the key is absent the default is <see cref="DefaultRoles"/>; an empty value means no role at all.
/// The admin module's settings page writes the same key (through <see cref="SetRolesAsync"/> or directly).
/// </summary>
public sealed class BackgroundAccess(AppDbContext db)
{
    public const string SettingKey = "customers.background.roles";

    public static readonly IReadOnlyList<string> DefaultRoles = [Roles.Admin, Roles.Manager, Roles.Supervisor];

    private IReadOnlyList<string>? roles;

    public async Task<IReadOnlyList<string>> RolesAsync(CancellationToken ct = default)
    {
        if (roles is not null) return roles;
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return roles = value is null ? DefaultRoles : Parse(value);
    }

    public async Task<bool> AllowsAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        (await RolesAsync(ct)).Any(user.IsInRole);

    public async Task SetRolesAsync(IEnumerable<string> allowed, CancellationToken ct = default)
    {
        var value = Format(allowed);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == SettingKey, ct);
        if (setting is null) db.Settings.Add(new Setting { Key = SettingKey, Value = value });
        else setting.Value = value;
        await db.SaveChangesAsync(ct);
        roles = Parse(value);
    }

    // Only employee roles count: a customer never sees another customer's background, whatever is stored.
    public static IReadOnlyList<string> Parse(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant())
            .Where(r => Roles.Employees.Contains(r))
            .Distinct()
            .ToList();

    public static string Format(IEnumerable<string> allowed) => string.Join(',', Parse(string.Join(',', allowed)));
}
