using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Pages.Account;

public sealed class PreferencesModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Saved { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Language")]
        public string Culture { get; set; } = "ar";

        [Display(Name = "Digits")]
        public DigitStyle Digits { get; set; }

        [Display(Name = "Calendar")]
        public CalendarStyle Calendar { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        var user = await users.GetUserAsync(User) ?? throw new Platform.Errors.NotFoundException();
        Input = new InputModel { Culture = user.Culture, Digits = user.Digits, Calendar = user.Calendar };
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new Platform.Errors.NotFoundException();
        if (!LocalizationSetup.IsSupported(Input.Culture)) ModelState.AddModelError("Input.Culture", "The supplied value is invalid.");
        if (!ModelState.IsValid) return Page();
        user.Culture = Input.Culture;
        user.Digits = Input.Digits;
        user.Calendar = Input.Calendar;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new(user.Culture)));
        return RedirectToPage(new { saved = true });
    }
}
