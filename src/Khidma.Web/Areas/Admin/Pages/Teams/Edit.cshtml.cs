using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Admin.Pages.Teams;

public sealed class EditModel(AppDbContext db, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record PersonOption(string Id, string Name, string Email, bool Active);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<PersonOption> People { get; private set; } = [];

    public bool Saved { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Name")]
        public string Name { get; set; } = "";

        [StringLength(1000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Description")]
        public string? Description { get; set; }

        [Display(Name = "Active")]
        public bool IsActive { get; set; } = true;

        [Display(Name = "Members")]
        public List<string> MemberIds { get; set; } = [];
    }

    public async Task OnGetAsync(int? id, bool saved = false)
    {
        if (id is { } teamId)
        {
            var team = await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == teamId) ?? throw new NotFoundException();
            Input = new InputModel { Name = team.Name, Description = team.Description, IsActive = team.IsActive, MemberIds = team.Members.Select(m => m.UserId).ToList() };
        }
        Saved = saved;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var team = id is { } teamId
            ? await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == teamId) ?? throw new NotFoundException()
            : new Team();
        var name = Input.Name?.Trim() ?? "";
        if (name.Length > 0 && await db.Teams.AnyAsync(t => t.Name == name && t.Id != team.Id))
            ModelState.AddModelError("Input.Name", text["Another team already has this name."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        team.Name = name;
        team.Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim();
        team.IsActive = Input.IsActive;
        var wanted = await db.Users.Where(u => Input.MemberIds.Contains(u.Id)).Select(u => u.Id).ToListAsync();
        team.Members.RemoveAll(m => !wanted.Contains(m.UserId));
        foreach (var userId in wanted.Where(u => team.Members.All(m => m.UserId != u)))
            team.Members.Add(new TeamMember { UserId = userId });
        if (team.Id == 0) db.Teams.Add(team);
        await db.SaveChangesAsync();
        return Redirect($"/admin/teams/edit/{team.Id}?saved=true");
    }

    private async Task LoadAsync()
    {
        var customerRole = await db.Roles.Where(r => r.Name == Roles.Customer).Select(r => r.Id).FirstOrDefaultAsync();
        People = await db.Users.AsNoTracking()
            .Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == customerRole))
            .OrderBy(u => u.DisplayName)
            .Select(u => new PersonOption(u.Id, u.DisplayName, u.Email ?? "", u.IsActive))
            .ToListAsync();
    }
}
