using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Portal.Pages.Contact;

// The confirmation after the web form: the reference and an honest expected time. Read with Peek so a reload
// shows it again; a visit without a sent message goes back to the form.
public sealed class SentModel : PageModel
{
    public IndexModel.Sent? Sent { get; private set; }

    public IActionResult OnGet()
    {
        if (TempData.Peek(IndexModel.SentKey) is not string json) return Redirect("/contact");
        Sent = JsonSerializer.Deserialize<IndexModel.Sent>(json);
        return Sent is null ? Redirect("/contact") : Page();
    }
}
