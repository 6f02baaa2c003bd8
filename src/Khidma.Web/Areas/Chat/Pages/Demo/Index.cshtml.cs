using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Chat.Pages.Demo;

// A stand-in for a customer's website: it embeds the widget exactly as another site would.
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
