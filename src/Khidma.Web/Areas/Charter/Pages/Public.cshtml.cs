using System.Globalization;
using Khidma.Web.Areas.Charter.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Charter.Pages;

[AllowAnonymous]
public sealed class PublicModel(CharterReader charter) : PageModel
{
    public IReadOnlyList<CharterReader.Goal> Goals { get; private set; } = [];

    public async Task OnGetAsync() =>
        Goals = await charter.GoalsAsync(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}
