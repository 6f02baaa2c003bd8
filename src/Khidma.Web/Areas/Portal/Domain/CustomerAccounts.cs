using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Portal.Domain;

/// <summary>
/// The customer's own account: an <see cref="AppUser"/> in the customer role bound to one customer record,
/// created the first time the customer signs in by link. An address that already belongs to a staff account
/// (or to another customer's account) never signs in through a customer's link.
/// </summary>
public sealed class CustomerAccounts(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<AppUser?> ForLinkAsync(SignInLink link, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var user = await users.Users.FirstOrDefaultAsync(u => u.CustomerId == link.CustomerId, ct);
        if (user is null)
        {
            if (await users.FindByEmailAsync(link.Email) is not null) return null;
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == link.CustomerId)
                .Select(c => new { c.Name, c.Language }).FirstOrDefaultAsync(ct);
            if (customer is null) return null;
            user = new AppUser
            {
                UserName = link.Email,
                Email = link.Email,
                // The link arrived at this address: that is the confirmation.
                EmailConfirmed = true,
                DisplayName = customer.Name,
                Culture = customer.Language,
                CustomerId = link.CustomerId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) return null;
            await users.AddToRoleAsync(user, Roles.Customer);
        }
        return await IsCustomerAccountAsync(user) ? user : null;
    }

    public async Task<bool> IsCustomerAccountAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsActive || user.CustomerId is null) return false;
        var roles = await users.GetRolesAsync(user);
        return roles.Contains(Roles.Customer) && !roles.Any(r => Roles.Employees.Contains(r));
    }
}
