using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Chat.Pages.Demo;

// A stand-in for a customer's website: it embeds the widget exactly as another site would.
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
        // Shown in Arabic whatever the visitor's cookie says: the demo site is an Arabic site.
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("ar");
    }
}
