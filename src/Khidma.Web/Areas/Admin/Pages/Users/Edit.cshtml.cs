using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Admin.Pages.Users;

public sealed class EditModel(AppDbContext db, UserManager<AppUser> users, UserAccounts accounts, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record TeamOption(int Id, string Name);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";
    public bool LockedOut { get; private set; }
    public int FailedAttempts { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public IReadOnlyList<TeamOption> Teams { get; private set; } = [];
    public string? Done { get; private set; }
    public string? NewPassword { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "The {0} field is required.")]
        [Display(Name = "Role")]
        public string Role { get; set; } = Roles.Agent;

        [Display(Name = "Teams")]
        public List<int> TeamIds { get; set; } = [];

        [Required(ErrorMessage = "The {0} field is required.")]
        [Display(Name = "Language")]
        public string Culture { get; set; } = LocalizationSetup.DefaultCulture;

        [Display(Name = "Active (may sign in)")]
        public bool IsActive { get; set; } = true;
    }

    public async Task OnGetAsync(string id, string? done = null)
    {
        var user = await FindAsync(id);
        Input = new InputModel
        {
            DisplayName = user.DisplayName,
            Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Agent,
            TeamIds = await db.TeamMembers.Where(m => m.UserId == id).Select(m => m.TeamId).ToListAsync(),
            Culture = user.Culture,
            IsActive = user.IsActive,
        };
        Done = done;
        await LoadAsync(user);
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var user = await FindAsync(id);
        if (!UserAccounts.IsAssignable(Input.Role)) ModelState.AddModelError("Input.Role", text["Choose one of the roles."]);
        if (!LocalizationSetup.IsSupported(Input.Culture)) ModelState.AddModelError("Input.Culture", text["Choose one of the languages."]);
        if (ModelState.IsValid)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            try
            {
                await accounts.EnsureAnAdminRemainsAsync(user, Input.Role, Input.IsActive);
                var roleChanged = !await users.IsInRoleAsync(user, Input.Role);
                var deactivated = user.IsActive && !Input.IsActive;
                user.DisplayName = Input.DisplayName.Trim();
                user.Culture = Input.Culture;
                user.IsActive = Input.IsActive;
                UserAccounts.Check(await users.UpdateAsync(user));
                await accounts.SetRoleAsync(user, Input.Role);
                await accounts.SetTeamsAsync(user.Id, Input.TeamIds);
                await db.SaveChangesAsync();
                // Open sessions pick up the new role, teams or deactivation when the stamp is next validated.
                if (roleChanged || deactivated) UserAccounts.Check(await users.UpdateSecurityStampAsync(user));
                await tx.CommitAsync();
                return Redirect($"/admin/users/{Uri.EscapeDataString(id)}?done=saved");
            }
            catch (DomainException e)
            {
                await tx.RollbackAsync();
                db.ChangeTracker.Clear();
                ModelState.AddModelError("", text[e.ResourceKey, e.Args]);
                user = await FindAsync(id);
            }
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        var user = await FindAsync(id);
        UserAccounts.Check(await users.SetLockoutEndDateAsync(user, null));
        UserAccounts.Check(await users.ResetAccessFailedCountAsync(user));
        return Redirect($"/admin/users/{Uri.EscapeDataString(id)}?done=unlocked");
    }

    // The new password is shown in this response only; it is never stored or sent anywhere else.
    public async Task<IActionResult> OnPostResetPasswordAsync(string id)
    {
        var user = await FindAsync(id);
        var password = Bootstrap.NewPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        UserAccounts.Check(await users.ResetPasswordAsync(user, token, password));
        await OnGetAsync(id);
        NewPassword = password;
        return Page();
    }

    private async Task<AppUser> FindAsync(string id) =>
        await users.FindByIdAsync(id) is { } user && !await users.IsInRoleAsync(user, Roles.Customer)
            ? user
            : throw new NotFoundException();

    private async Task LoadAsync(AppUser user)
    {
        Email = user.Email ?? "";
        LockedOut = await users.IsLockedOutAsync(user);
        FailedAttempts = user.AccessFailedCount;
        CreatedAt = user.CreatedAt;
        Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name)).ToListAsync();
    }
}
