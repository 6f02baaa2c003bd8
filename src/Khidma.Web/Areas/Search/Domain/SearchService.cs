using System.Security.Claims;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Search.Data;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Search.Domain;

public enum SearchScope
{
    All,
    Customers,
    Interactions,
}

/// <summary>One search result. <see cref="Snippet"/> and <see cref="TitleHtml"/> are HTML: the text is
/// encoded and the matched words are wrapped in &lt;mark&gt;.</summary>
public sealed record SearchHit(string Type, long Id, string Title, string TitleHtml, string Snippet, string Url)
{
    public const string Customer = "customer";
    public const string Interaction = "interaction";
}

/// <summary>Hits, best first. <see cref="JumpUrl"/> is set when the query was an interaction reference
/// (KH-123) the user may see: the page goes straight there.</summary>
public sealed record SearchResult(SearchQuery Query, IReadOnlyList<SearchHit> Hits, string? JumpUrl);

/// <summary>Search over customers and interactions for the console and the API. Per kind: one query for the
/// ranked hits joined with permissions and titles, one for the text the snippets are cut from.</summary>
public sealed class SearchService(AppDbContext db, SearchIndex index)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    // Bounds the snippet text read for one page of hits (a few very long conversations could be thousands of entries).
    private const int MaxSnippetEntries = 1_000;

    public static bool TryParseScope(string? value, out SearchScope scope)
    {
        scope = SearchScope.All;
        if (string.IsNullOrWhiteSpace(value)) return true;
        switch (value.Trim().ToLowerInvariant())
        {
            case "all":
                return true;
            case "customers":
                scope = SearchScope.Customers;
                return true;
            case "interactions":
                scope = SearchScope.Interactions;
                return true;
            default:
                return false;
        }
    }

    public static string ScopeName(SearchScope scope) => scope switch
    {
        SearchScope.Customers => "customers",
        SearchScope.Interactions => "interactions",
        _ => "all",
    };

    public async Task<SearchResult> SearchAsync(ClaimsPrincipal user, string? q, SearchScope scope, int limit = DefaultLimit, CancellationToken ct = default)
    {
        var query = SearchQuery.Parse(q, index.CountryCode);
        limit = Math.Clamp(limit, 1, MaxLimit);
        if (query.IsEmpty) return new SearchResult(query, [], null);

        var ranked = new List<Ranked>();
        string? jump = null;
        if (scope != SearchScope.Customers)
        {
            var interactions = await InteractionHitsAsync(user, query, limit, ct);
            jump = interactions.Jump;
            ranked.AddRange(interactions.Hits);
        }
        if (scope != SearchScope.Interactions && IsEmployee(user))
            ranked.AddRange(await CustomerHitsAsync(query, limit, ct));

        var hits = ranked.OrderBy(h => h.Group).ThenByDescending(h => h.Score).Select(h => h.Hit).Take(limit).ToList();
        return new SearchResult(query, hits, jump);
    }

    // Scores of the two kinds are on different scales, so hits are merged in groups: an exact reference,
    // then phone matches, then names and subjects holding every term (customers first), then the rest.
    private readonly record struct Ranked(int Group, double Score, SearchHit Hit);

    private static int Group(SearchKind kind, double score) =>
        score >= SearchIndex.TitleTier ? (kind == SearchKind.Customer ? 2 : 3) : (kind == SearchKind.Customer ? 4 : 5);

    private static bool IsEmployee(ClaimsPrincipal user) => Roles.Employees.Any(user.IsInRole);

    private async Task<(List<Ranked> Hits, string? Jump)> InteractionHitsAsync(ClaimsPrincipal user, SearchQuery query, int limit, CancellationToken ct)
    {
        var visible = db.Interactions.AsNoTracking().VisibleTo(user);
        var rows = new List<(long Id, string Subject, double Score)>();
        string? jump = null;
        if (query.Reference is { } reference)
        {
            var found = await visible.Where(i => i.Id == reference).Select(i => new { i.Id, i.Subject }).FirstOrDefaultAsync(ct);
            if (found is not null)
            {
                rows.Add((found.Id, found.Subject, double.PositiveInfinity));
                jump = Url(SearchKind.Interaction, found.Id);
            }
        }
        if (query.Terms.Count > 0)
        {
            // The index (its own file on SQLite) gives ids and scores; the main database keeps those the user
            // may see, best first, a few pages of candidates at a time until the page is full.
            var candidates = (await index.CandidatesAsync(SearchKind.Interaction, query, limit, ct))
                .OrderByDescending(c => c.Score).ThenByDescending(c => c.Id).ToList();
            var chunk = Math.Max(limit * 5, 100);
            for (var at = 0; at < candidates.Count && rows.Count < limit + (jump is null ? 0 : 1); at += chunk)
            {
                var part = candidates.Skip(at).Take(chunk).ToList();
                var partIds = part.Select(c => c.Id).ToArray();
                var subjects = await visible.Where(i => partIds.Contains(i.Id)).Select(i => new { i.Id, i.Subject })
                    .ToDictionaryAsync(i => i.Id, i => i.Subject, ct);
                foreach (var c in part)
                {
                    if (rows.Count >= limit + (jump is null ? 0 : 1)) break;
                    if (subjects.TryGetValue(c.Id, out var subject) && rows.All(x => x.Id != c.Id)) rows.Add((c.Id, subject, c.Score));
                }
            }
        }
        if (rows.Count == 0) return ([], jump);

        // The text the snippets come from: newest entries first, bounded like the index.
        var ids = rows.Select(r => r.Id).ToArray();
        var bodies = (await db.TimelineEntries.AsNoTracking()
                .Where(t => ids.Contains(t.InteractionId) && t.Body != null)
                .OrderByDescending(t => t.Id).Take(MaxSnippetEntries)
                .Select(t => new { t.InteractionId, t.Body }).ToListAsync(ct))
            .ToLookup(t => t.InteractionId, t => t.Body);
        var hits = new List<Ranked>(rows.Count);
        foreach (var (id, subject, score) in rows)
        {
            var texts = SearchDocument.BoundedBodies(bodies[id]).ToList();
            var snippet = texts.Select(t => Snippets.Window(t, query, index.CountryCode)).FirstOrDefault(s => s is not null)
                ?? Snippets.Plain(texts.FirstOrDefault());
            hits.Add(new Ranked(double.IsPositiveInfinity(score) ? 0 : Group(SearchKind.Interaction, score), score,
                new SearchHit(SearchHit.Interaction, id, subject, Snippets.Highlight(subject, query, index.CountryCode), snippet, Url(SearchKind.Interaction, id))));
        }
        return (hits, jump);
    }

    private async Task<List<Ranked>> CustomerHitsAsync(SearchQuery query, int limit, CancellationToken ct)
    {
        var scores = new Dictionary<long, double>();
        if (query.PhoneDigits is { } digits)
        {
            // A phone number identifies a customer better than any word: these come first.
            foreach (var id in await index.CustomersByPhoneAsync(digits, limit, ct))
                scores[id] = double.MaxValue;
        }
        if (query.Terms.Count > 0)
        {
            var ranked = (await index.CandidatesAsync(SearchKind.Customer, query, limit, ct))
                .OrderByDescending(c => c.Score).ThenByDescending(c => c.Id)
                .Take(limit);
            foreach (var c in ranked) scores.TryAdd(c.Id, c.Score);
        }
        if (scores.Count == 0) return [];

        var ids = scores.Keys.ToArray();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.Organization,
                Contacts = c.Contacts.OrderBy(x => x.Id).Select(x => x.Value).ToList(),
            })
            .ToListAsync(ct);
        var hits = new List<Ranked>(customers.Count);
        foreach (var c in customers)
        {
            var details = string.Join(" · ", new[] { c.Organization }.Concat(c.Contacts).Where(s => !string.IsNullOrWhiteSpace(s)));
            var snippet = Snippets.Window(details, query, index.CountryCode) ?? Snippets.Plain(details);
            var score = scores[c.Id];
            hits.Add(new Ranked(score == double.MaxValue ? 1 : Group(SearchKind.Customer, score), score,
                new SearchHit(SearchHit.Customer, c.Id, c.Name, Snippets.Highlight(c.Name, query, index.CountryCode), snippet, Url(SearchKind.Customer, c.Id))));
        }
        return hits;
    }

    public static string Url(SearchKind kind, long id) =>
        kind == SearchKind.Customer ? $"/customers/{id}" : $"/interactions/{id}";
}
