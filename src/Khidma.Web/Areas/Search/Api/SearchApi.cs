using System.Security.Claims;
using Khidma.Web.Areas.Search.Domain;
using Khidma.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Search.Api;

public static class SearchApi
{
    /// <summary>A search hit. <c>snippet</c> is HTML: encoded text with the matched words in &lt;mark&gt;.</summary>
    public sealed record Hit(string Type, long Id, string Title, string Snippet, string Url);

    /// <summary>The search response: the query as received and the hits, best first.</summary>
    public sealed record Response(string Query, IReadOnlyList<Hit> Hits);

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchAsync)
            .WithName("Search")
            .WithTags("Search")
            .WithSummary("Arabic-aware search over customers and interactions")
            .WithDescription("q: words, a phone number (any digits, Arabic-Indic included) or a reference (KH-123). "
                + "scope: customers, interactions or all (default). limit: 1-50 (default 20). Interactions are "
                + "limited to those the caller may see.")
            .Produces<Response>()
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> SearchAsync(string? q, string? scope, int? limit, ClaimsPrincipal user,
        SearchService search, IStringLocalizer<SearchStrings> text, IStringLocalizer<SharedResource> shared, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(q)) errors["q"] = [text["Type something to search for."]];
        if (!SearchService.TryParseScope(scope, out var parsed)) errors["scope"] = [text["The scope must be customers, interactions or all."]];
        if (limit is < 1 or > SearchService.MaxLimit) errors["limit"] = [text["The limit must be between 1 and 50."]];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: shared["The request is not valid."]);

        var result = await search.SearchAsync(user, q, parsed, limit ?? SearchService.DefaultLimit, ct);
        return Results.Ok(new Response(q!, result.Hits.Select(h => new Hit(h.Type, h.Id, h.Title, h.Snippet, h.Url)).ToList()));
    }
}
