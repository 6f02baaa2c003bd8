using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Auth;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Admin.Pages.Tokens;

public sealed class IndexModel(AppDbContext db, TimeProvider clock, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record Row(int Id, string Name, string Prefix, string Role, DateTime CreatedAt, string? CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    // The token itself exists only in the response to its creation; the database keeps its hash.
    public string? NewToken { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "What the token is for")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "The {0} field is required.")]
        [Display(Name = "Role")]
        public string Role { get; set; } = Roles.Agent;
    }

    public async Task OnGetAsync() => Rows = await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!UserAccounts.IsAssignable(Input.Role)) ModelState.AddModelError("Input.Role", text["Choose one of the roles."]);
        if (ModelState.IsValid)
        {
            var token = AuthSetup.NewToken();
            db.ApiTokens.Add(new ApiToken
            {
                Name = Input.Name.Trim(),
                Role = Input.Role,
                TokenHash = AuthSetup.HashToken(token),
                Prefix = token[..8],
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                CreatedBy = User.Identity?.Name,
            });
            await db.SaveChangesAsync();
            NewToken = token;
            Input = new InputModel();
            ModelState.Clear();
        }
        Rows = await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id) ?? throw new NotFoundException();
        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return Redirect("/admin/tokens");
    }

    private Task<List<Row>> LoadAsync() =>
        db.ApiTokens.AsNoTracking()
            .OrderBy(t => t.RevokedAt != null).ThenByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new Row(t.Id, t.Name, t.Prefix, t.Role, t.CreatedAt, t.CreatedBy, t.LastUsedAt, t.RevokedAt))
            .ToListAsync();
}
