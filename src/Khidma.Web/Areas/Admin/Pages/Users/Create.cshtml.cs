using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Admin.Pages.Users;

public sealed class CreateModel(AppDbContext db, UserManager<AppUser> users, UserAccounts accounts, TimeProvider clock,
    IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record TeamOption(int Id, string Name);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<TeamOption> Teams { get; private set; } = [];

    // Set once the account exists: the page then shows the generated password, once, and nothing is kept.
    public string? CreatedId { get; private set; }
    public string? GeneratedPassword { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "The {0} field is required.")]
        [EmailAddress(ErrorMessage = "The {0} field is not a valid e-mail address.")]
        [StringLength(256, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [StringLength(100, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [DataType(DataType.Password)]
        [Display(Name = "Initial password (leave empty to generate one)")]
        public string? Password { get; set; }

        [Required(ErrorMessage = "The {0} field is required.")]
        [Display(Name = "Role")]
        public string Role { get; set; } = Roles.Agent;

        [Display(Name = "Teams")]
        public List<int> TeamIds { get; set; } = [];

        [Required(ErrorMessage = "The {0} field is required.")]
        [Display(Name = "Language")]
        public string Culture { get; set; } = LocalizationSetup.DefaultCulture;
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!UserAccounts.IsAssignable(Input.Role)) ModelState.AddModelError("Input.Role", text["Choose one of the roles."]);
        if (!LocalizationSetup.IsSupported(Input.Culture)) ModelState.AddModelError("Input.Culture", text["Choose one of the languages."]);
        // Identity checks the password before the email, so a taken email is reported here, beside the field.
        if (!string.IsNullOrWhiteSpace(Input.Email) && await users.FindByEmailAsync(Input.Email.Trim()) is not null)
            ModelState.AddModelError("Input.Email", text["This email is already used by another account."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var generated = string.IsNullOrEmpty(Input.Password);
        var password = generated ? Bootstrap.NewPassword() : Input.Password!;
        var email = Input.Email.Trim();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = Input.DisplayName.Trim(),
            Culture = Input.Culture,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var (field, key) = UserAccounts.Describe(error);
                ModelState.AddModelError(field.Length == 0 ? "" : "Input." + field, text[key]);
            }
            await tx.RollbackAsync();
            await LoadAsync();
            return Page();
        }
        await accounts.SetRoleAsync(user, Input.Role);
        await accounts.SetTeamsAsync(user.Id, Input.TeamIds);
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        CreatedId = user.Id;
        GeneratedPassword = generated ? password : null;
        return Page();
    }

    private async Task LoadAsync() =>
        Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name)).ToListAsync();
}
