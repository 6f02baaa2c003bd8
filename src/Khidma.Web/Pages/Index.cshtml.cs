using Khidma.Web.Areas.People.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Pages;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        Roles.Employees.Any(User.IsInRole) ? Redirect("/interactions") : Page();
}
