using Khidma.Web.Areas.People.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Portal.Pages.Access;

// What both ways in (password and link) do once the account is known: the customer's language becomes the
// culture cookie, so every page and message follows their preference from the first page on.
internal static class PortalSignIn
{
    public static void UseCustomerLanguage(HttpResponse response, AppUser user) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(user.Culture)),
            new CookieOptions { Expires = DateTimeOffset.UnixEpoch.AddYears(100), IsEssential = true, SameSite = SameSiteMode.Lax });

    public static string BaseUrl(HttpRequest request, IOptions<PortalOptions> options) =>
        options.Value.PublicUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
}
