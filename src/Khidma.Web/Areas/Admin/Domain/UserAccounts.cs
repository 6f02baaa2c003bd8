using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Domain;

// What the administrator changes on an employee's account, beside what UserManager already does.
public sealed class UserAccounts(UserManager<AppUser> users, AppDbContext db)
{
    // An employee has one of these roles; customers get their accounts through the portal, not here.
    public static IReadOnlyList<string> AssignableRoles => Roles.Employees;

    public static bool IsAssignable(string? role) => role is not null && Roles.Employees.Contains(role);

    // Nobody could administer the installation any more (not even to undo this) without an active admin.
    public async Task EnsureAnAdminRemainsAsync(AppUser user, string newRole, bool newActive)
    {
        if (newRole == Roles.Admin && newActive) return;
        if (!user.IsActive || !await users.IsInRoleAsync(user, Roles.Admin)) return;
        var others = (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => u.IsActive && u.Id != user.Id);
        if (others == 0) throw new DomainException("At least one active administrator must remain.");
    }

    public async Task SetRoleAsync(AppUser user, string role)
    {
        var current = await users.GetRolesAsync(user);
        var remove = current.Where(r => r != role).ToList();
        if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove));
        if (!current.Contains(role)) Check(await users.AddToRoleAsync(user, role));
    }

    // Changes the memberships in the context; the caller saves.
    public async Task SetTeamsAsync(string userId, IReadOnlyCollection<int> teamIds)
    {
        var existing = await db.TeamMembers.Where(m => m.UserId == userId).ToListAsync();
        db.TeamMembers.RemoveRange(existing.Where(m => !teamIds.Contains(m.TeamId)));
        var valid = await db.Teams.Where(t => teamIds.Contains(t.Id)).Select(t => t.Id).ToListAsync();
        foreach (var teamId in valid.Where(id => existing.All(m => m.TeamId != id)))
            db.TeamMembers.Add(new TeamMember { TeamId = teamId, UserId = userId });
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
    }

    // Identity's own messages are English only; each known code gets a field and a message in the user's language.
    public static (string Field, string MessageKey) Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
            ("Email", "This email is already used by another account."),
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) =>
            ("Email", "This email address is not valid."),
        nameof(IdentityErrorDescriber.PasswordTooShort) => ("Password", "The password must be at least 8 characters long."),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => ("Password", "The password must contain at least one digit."),
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => ("Password", "The password must contain at least one lowercase Latin letter."),
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => ("Password", "The password must contain at least one uppercase Latin letter."),
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => ("Password", "The password must contain at least one symbol."),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => ("Password", "The password must use more different characters."),
        _ => ("", "The account could not be saved."),
    };
}
