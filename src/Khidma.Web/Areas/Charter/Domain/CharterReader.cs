using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Khidma.Web.Areas.Charter.Domain;

// The goals as published, read on every staff page and in customer messages, so they are cached briefly
// and the cache is dropped whenever the admin changes them.
public sealed class CharterReader(AppDbContext db, IMemoryCache cache)
{
    public sealed record Goal(int Id, string Title, string Body, IReadOnlyList<Goal> Special);

    private const string CacheKey = "charter:";

    public async Task<IReadOnlyList<Goal>> GoalsAsync(string language, CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey + language, out IReadOnlyList<Goal>? goals) && goals is not null) return goals;
        var rows = await db.CharterGoals.AsNoTracking()
            .Where(g => g.IsActive)
            .OrderBy(g => g.Position).ThenBy(g => g.Id)
            .ToListAsync(ct);
        goals = rows.Where(g => g.ParentId is null)
            .Select(g => new Goal(g.Id, g.Title.In(language), g.Body.In(language),
                rows.Where(s => s.ParentId == g.Id).Select(s => new Goal(s.Id, s.Title.In(language), s.Body.In(language), [])).ToList()))
            .ToList();
        cache.Set(CacheKey + language, goals, TimeSpan.FromMinutes(5));
        return goals;
    }

    public void Invalidate()
    {
        foreach (var language in Platform.Localization.LocalizationSetup.Cultures)
            cache.Remove(CacheKey + language);
    }
}
