using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Khidma.Web.Areas.Charter.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Domain;

// Publishing freezes the active goals, in every language, as the next numbered version of the charter (C1).
public sealed class CharterPublisher(AppDbContext db, CharterReader reader, TimeProvider clock)
{
    public sealed record Text(string Ar, string? En, string? Fr);

    public sealed record SnapshotGoal(int Id, int Position, Text Title, Text Body, IReadOnlyList<SnapshotGoal> Special);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Arabic stays readable in the stored snapshot instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public async Task<CharterVersion> PublishAsync(string? note, string? publishedBy, CancellationToken ct = default)
    {
        var goals = await db.CharterGoals.AsNoTracking()
            .Where(g => g.IsActive)
            .OrderBy(g => g.Position).ThenBy(g => g.Id)
            .ToListAsync(ct);
        var snapshot = goals.Where(g => g.ParentId is null)
            .Select(g => Snap(g, goals.Where(s => s.ParentId == g.Id).Select(s => Snap(s, [])).ToList()))
            .ToList();
        if (snapshot.Count == 0) throw new DomainException("There are no active goals to publish.");

        var last = await db.CharterVersions.MaxAsync(v => (int?)v.Number, ct) ?? 0;
        var version = new CharterVersion
        {
            Number = last + 1,
            PublishedAt = clock.GetUtcNow().UtcDateTime,
            PublishedBy = publishedBy,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            SnapshotJson = JsonSerializer.Serialize(snapshot, Json),
        };
        db.CharterVersions.Add(version);
        await db.SaveChangesAsync(ct);
        reader.Invalidate();
        return version;
    }

    public static IReadOnlyList<SnapshotGoal> ReadSnapshot(string json) =>
        JsonSerializer.Deserialize<List<SnapshotGoal>>(json, Json) ?? [];

    private static SnapshotGoal Snap(CharterGoal g, IReadOnlyList<SnapshotGoal> special) =>
        new(g.Id, g.Position, new Text(g.Title.Ar, g.Title.En, g.Title.Fr), new Text(g.Body.Ar, g.Body.En, g.Body.Fr), special);

    // Goals are two levels deep: general goals and the special goals derived from one of them (seed 000).
    public static void EnsureParent(CharterGoal goal, CharterGoal? parent, bool hasSpecialGoals)
    {
        if (parent is null) return;
        if (parent.Id == goal.Id || parent.ParentId is not null)
            throw new DomainException("A special goal must be derived from a general goal.");
        if (hasSpecialGoals)
            throw new DomainException("This goal has special goals of its own, so it must stay a general goal.");
    }
}
