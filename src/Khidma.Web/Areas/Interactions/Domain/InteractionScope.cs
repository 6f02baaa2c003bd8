using System.Globalization;
using System.Security.Claims;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Localization;

namespace Khidma.Web.Areas.Interactions.Domain;

// Who sees which interactions (X3). Work belongs to teams, not to people (P3): agents and supervisors see
// their teams' work, unassigned work and what they handle; any employee sees what they logged.
public static class InteractionScope
{
    public static IQueryable<Interaction> VisibleTo(this IQueryable<Interaction> query, ClaimsPrincipal user)
    {
        if (SeesAll(user)) return query;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Agent))
        {
            var teams = Teams(user);
            return query.Where(i => i.TeamId == null || teams.Contains(i.TeamId.Value) || i.HandlerId == userId || i.CreatedById == userId);
        }
        if (user.IsInRole(Roles.Staff))
            return query.Where(i => i.CreatedById == userId || i.HandlerId == userId);
        if (user.IsInRole(Roles.Customer) && long.TryParse(user.FindFirstValue(KhidmaClaims.CustomerId), NumberStyles.None, CultureInfo.InvariantCulture, out var customerId))
            return query.Where(i => i.CustomerId == customerId);
        return query.Where(_ => false);
    }

    public static bool SeesAll(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Manager)
        || (user.HasClaim(c => c.Type == "khidma:token") && !user.IsInRole(Roles.Staff) && !user.IsInRole(Roles.Customer));

    public static List<int> Teams(ClaimsPrincipal user) =>
        user.FindAll(KhidmaClaims.Team)
            .Select(c => int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : -1)
            .Where(t => t > 0)
            .ToList();
}
