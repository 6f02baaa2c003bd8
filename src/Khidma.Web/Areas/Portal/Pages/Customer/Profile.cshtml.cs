using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Portal.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Portal.Pages.Customer;

// The customer's own settings: the language we write to them in (kept on the customer record too, so agents'
// replies and acknowledgments follow it) and a password for signing in without a link.
public sealed class ProfileModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn,
    IStringLocalizer<PortalText> text, TimeProvider clock) : PageModel
{
    public LanguageInput Language { get; private set; } = new();
    public PasswordInput Password { get; private set; } = new();
    public bool HasPassword { get; private set; }
    public string? Saved { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Welcome { get; set; }

    public sealed class LanguageInput
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [Display(Name = "Language")]
        public string Culture { get; set; } = "ar";
    }

    public sealed class PasswordInput
    {
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string? Current { get; set; }

        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(100, MinimumLength = 8, ErrorMessage = "The field {0} must be a string with a minimum length of {2} and a maximum length of {1}.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string New { get; set; } = "";

        [Compare(nameof(New), ErrorMessage = "The passwords do not match.")]
        [DataType(DataType.Password)]
        [Display(Name = "Repeat the new password")]
        public string? Repeat { get; set; }
    }

    public async Task OnGetAsync(string? saved)
    {
        var user = await UserAsync();
        Language.Culture = user.Culture;
        HasPassword = await users.HasPasswordAsync(user);
        Saved = saved;
    }

    public async Task<IActionResult> OnPostLanguageAsync([Bind(Prefix = "Language")] LanguageInput input, CancellationToken ct)
    {
        var user = await UserAsync();
        Language = input;
        HasPassword = await users.HasPasswordAsync(user);
        if (!Khidma.Web.Areas.Customers.Domain.Customer.Languages.Contains(input.Culture))
            ModelState.AddModelError("Language.Culture", text["Choose one of the languages in the list."]);
        if (!ModelState.IsValid) return Page();

        user.Culture = input.Culture;
        await users.UpdateAsync(user);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == user.CustomerId, ct) ?? throw new NotFoundException();
        customer.Language = input.Culture;
        customer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        // The claims carry the language; the cookie makes the switch immediate.
        await signIn.RefreshSignInAsync(user);
        Access.PortalSignIn.UseCustomerLanguage(Response, user);
        return Redirect("/portal/profile?saved=language");
    }

    public async Task<IActionResult> OnPostPasswordAsync([Bind(Prefix = "Password")] PasswordInput input)
    {
        var user = await UserAsync();
        Language.Culture = user.Culture;
        HasPassword = await users.HasPasswordAsync(user);
        Password = new PasswordInput();
        if (HasPassword && string.IsNullOrEmpty(input.Current))
            ModelState.AddModelError("Password.Current", text["Type your current password."]);
        if (!ModelState.IsValid) return Page();

        var result = HasPassword
            ? await users.ChangePasswordAsync(user, input.Current!, input.New)
            : await users.AddPasswordAsync(user, input.New);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Password.Current" : "Password.New", text[ErrorKey(e.Code)]);
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        return Redirect("/portal/profile?saved=password");
    }

    private static string ErrorKey(string code) => code switch
    {
        "PasswordMismatch" => "The current password is not correct.",
        "PasswordRequiresDigit" => "The password needs at least one digit.",
        "PasswordRequiresLower" => "The password needs at least one lower-case letter.",
        "PasswordTooShort" => "The password needs at least 8 characters.",
        _ => "The password could not be changed. Choose another one.",
    };

    private async Task<AppUser> UserAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new NotFoundException();
        if (user.CustomerId != PortalUser.CustomerId(User)) throw new NotFoundException();
        return user;
    }
}
