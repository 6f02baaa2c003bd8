using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Portal.Domain;
using Khidma.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Portal.Pages.Access;

// The portal's door: a password, or a one-time link by email. The link form answers the same whether or not
// the address is known, so it cannot be used to find out who our customers are.
public sealed class SignInModel(SignInManager<AppUser> signIn, CustomerAccounts accounts, SignInLinks links, PortalRateLimits limits,
    IOptions<PortalOptions> options, IStringLocalizer<SharedResource> shared, IStringLocalizer<PortalText> text) : PageModel
{
    public PasswordInput Password { get; private set; } = new();
    public LinkInput Link { get; private set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public bool Limited { get; private set; }

    public int LinkMinutes => options.Value.LinkMinutes;

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(320, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "The {0} field is required.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";
    }

    public sealed class LinkInput
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(320, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [EmailAddress(ErrorMessage = "The {0} field is not a valid e-mail address.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";
    }

    public IActionResult OnGet() => IsCustomer ? Redirect("/portal") : Page();

    public async Task<IActionResult> OnPostPasswordAsync([Bind(Prefix = "Password")] PasswordInput input)
    {
        // Shown back without the password: a form that comes back never carries it.
        Password = new PasswordInput { Email = input.Email };
        if (!ModelState.IsValid) return Page();
        var user = await signIn.UserManager.FindByEmailAsync(input.Email.Trim());
        if (user is not null && !await accounts.IsCustomerAccountAsync(user)) user = null;
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("Password", shared["Too many failed attempts. The account is locked for 15 minutes."]);
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError("Password", shared["The email or password is not correct."]);
            return Page();
        }
        PortalSignIn.UseCustomerLanguage(Response, user!);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith("/portal", StringComparison.Ordinal) ? ReturnUrl : "/portal");
    }

    public async Task<IActionResult> OnPostLinkAsync([Bind(Prefix = "Link")] LinkInput input, CancellationToken ct)
    {
        Link = input;
        if (!limits.TryAcquire("link", HttpContext))
        {
            Limited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "600";
            ModelState.AddModelError("Link", text["You have asked for several links in a short time. Please wait a few minutes."]);
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        await links.RequestAsync(input.Email, PortalSignIn.BaseUrl(Request, options), ct);
        return Redirect("/portal/sign-in?sent=true");
    }

    private bool IsCustomer => User.IsInRole(Roles.Customer) && User.HasClaim(c => c.Type == Platform.Localization.KhidmaClaims.CustomerId);
}
