using System.Globalization;
using System.Security.Claims;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Portal.Domain;

// The signed-in customer as the portal pages see them: every read is scoped by this customer id.
public static class PortalUser
{
    public static long CustomerId(ClaimsPrincipal user) =>
        user.FindFirstValue(KhidmaClaims.CustomerId) is { } value && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new NotFoundException();

    /// <summary>Status names in the reader's language: the admin's words, never the internal category.</summary>
    public static async Task<Dictionary<int, string>> StatusNamesAsync(AppDbContext db, CancellationToken ct)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var rows = await db.InteractionStatuses.AsNoTracking().Select(s => new { s.Id, s.Name.Ar, s.Name.En, s.Name.Fr }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new LocalizedText(r.Ar, r.En, r.Fr).In(language));
    }

    /// <summary>The status a StatusChange entry moved to ("from->to").</summary>
    public static int? NewStatusId(string? data)
    {
        var parts = (data ?? "").Split("->");
        return parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    public static bool IsFinished(StatusCategory category) => InteractionStatus.IsFinished(category);
}
