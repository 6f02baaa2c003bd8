using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Portal.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Portal.Pages.Access;

// The page a sign-in link opens. Opening it only shows a button: mail scanners that fetch every link in a
// message must not use up the customer's single-use link; the click (a post) signs in.
public sealed class LinkModel(SignInLinks links, CustomerAccounts accounts, SignInManager<AppUser> signIn) : PageModel
{
    public enum State { Ready, Unusable, Refused }

    public State Status { get; private set; }

    public string Token { get; private set; } = "";

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        Status = await links.IsUsableAsync(token, ct) ? State.Ready : State.Unusable;
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        Token = token;
        var link = await links.RedeemAsync(token, ct);
        if (link is null)
        {
            Status = State.Unusable;
            return Page();
        }
        var user = await accounts.ForLinkAsync(link, ct);
        if (user is null)
        {
            Status = State.Refused;
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        PortalSignIn.UseCustomerLanguage(Response, user);
        return Redirect(await signIn.UserManager.HasPasswordAsync(user) ? "/portal" : "/portal/profile?welcome=true");
    }
}
