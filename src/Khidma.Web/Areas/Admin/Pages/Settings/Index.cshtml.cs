using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Pages.Settings;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Saved { get; private set; }

    public bool IsDefault { get; private set; }

    public sealed class InputModel
    {
        public List<string> BackgroundRoles { get; set; } = [];
    }

    public async Task OnGetAsync(bool saved = false)
    {
        Input.BackgroundRoles = (await AdminSettings.BackgroundRolesAsync(db)).ToList();
        IsDefault = !await db.Settings.AnyAsync(s => s.Key == AdminSettings.BackgroundRolesKey);
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Unknown role names are dropped rather than stored; the order is the roles' own.
        var value = string.Join(',', Roles.Employees.Where(r => Input.BackgroundRoles.Contains(r)));
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == AdminSettings.BackgroundRolesKey);
        if (setting is null) db.Settings.Add(new Setting { Key = AdminSettings.BackgroundRolesKey, Value = value });
        else setting.Value = value;
        await db.SaveChangesAsync();
        return Redirect("/admin/settings?saved=true");
    }
}
