using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Customers.Pages.Erase;

// Erase on request (P1): administrators only, confirmed by typing the customer's number.
[Authorize(Policy = "Admins")]
public sealed class EraseModel(AppDbContext db, EraseCustomer erase, IStringLocalizerFactory localizers) : PageModel
{
    private readonly IStringLocalizer text = ModuleLocalizer.For(typeof(CustomersText), localizers);

    [BindProperty(SupportsGet = true, Name = "id")]
    public long Id { get; set; }

    [BindProperty]
    [Display(Name = "Customer number")]
    [Required(ErrorMessage = "The {0} field is required.")]
    public string? Confirmation { get; set; }

    public string Name { get; private set; } = "";
    public bool AlreadyErased { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (ModelState.IsValid && ContactNormalizer.DigitsOnly(Confirmation) != Id.ToString(CultureInfo.InvariantCulture))
            ModelState.AddModelError(nameof(Confirmation), text["Type the customer number {0} to confirm.", Id]);
        if (!ModelState.IsValid || AlreadyErased) return Page();
        await erase.RunAsync(Id, ct);
        TempData["customers.saved"] = "The customer's personal data was erased.";
        return Redirect($"/customers/{Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Name = await db.Customers.AsNoTracking().Where(c => c.Id == Id).Select(c => c.Name).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException();
        AlreadyErased = Name == Customer.ErasedName(Id);
    }
}
