using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Phone.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Phone.Pages.Extensions;

// Which employee sits behind each PBX extension: ringing on an extension pops on that employee's screen.
[Authorize(Policy = "Admins")]
public sealed class ExtensionsModel(AppDbContext db, IStringLocalizer<PhoneText> text) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Person> People { get; private set; } = [];

    public sealed record Row(int Id, string Extension, string UserId, string UserName);

    public sealed record Person(string Id, string Name);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(32, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Extension")]
        public string Extension { get; set; } = "";

        [Required(ErrorMessage = "The {0} field is required.")]
        [Display(Name = "Employee")]
        public string UserId { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var extension = Input.Extension.Trim();
        if (ModelState.IsValid && !await db.Users.AnyAsync(u => u.Id == Input.UserId && u.IsActive, ct))
            ModelState.AddModelError("Input.UserId", text["Choose an active employee."]);
        if (ModelState.IsValid && await db.PhoneExtensions.AnyAsync(x => x.Extension == extension, ct))
            ModelState.AddModelError("Input.Extension", text["This extension is already mapped."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        db.PhoneExtensions.Add(new PhoneExtension { Extension = extension, UserId = Input.UserId });
        await db.SaveChangesAsync(ct);
        return Redirect("/phone/extensions");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var row = await db.PhoneExtensions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is not null)
        {
            db.PhoneExtensions.Remove(row);
            await db.SaveChangesAsync(ct);
        }
        return Redirect("/phone/extensions");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await db.PhoneExtensions.AsNoTracking()
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new Row(x.Id, x.Extension, u.Id, u.DisplayName))
            .OrderBy(r => r.Extension).ToListAsync(ct);
        People = await db.Users.AsNoTracking().Where(u => u.IsActive && u.CustomerId == null)
            .OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName)).ToListAsync(ct);
    }
}
