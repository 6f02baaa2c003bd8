using Khidma.Web.Areas.Search.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Search.Pages;

[Authorize(Policy = "Employees")]
public sealed class IndexModel(SearchService search) : PageModel
{
    // The drop-down under the top bar's box shows a few hits; the page shows a full list.
    public const int DropdownLimit = 8;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "scope")]
    public string? Scope { get; set; }

    public SearchScope ScopeValue { get; private set; }

    public SearchResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await RunAsync(SearchService.DefaultLimit, ct);
        if (Request.Headers.ContainsKey("HX-Request")) return Partial("_Results", this);
        // A reference such as KH-123 goes straight to the interaction, as a help desk's search box should.
        if (Result?.JumpUrl is { } jump) return LocalRedirect(jump);
        return Page();
    }

    public async Task<IActionResult> OnGetResultsAsync(CancellationToken ct)
    {
        await RunAsync(SearchService.DefaultLimit, ct);
        return Partial("_Results", this);
    }

    public async Task<IActionResult> OnGetDropdownAsync(CancellationToken ct)
    {
        await RunAsync(DropdownLimit, ct);
        return Partial("_Dropdown", this);
    }

    private async Task RunAsync(int limit, CancellationToken ct)
    {
        ScopeValue = SearchService.TryParseScope(Scope, out var scope) ? scope : SearchScope.All;
        if (string.IsNullOrWhiteSpace(Q)) return;
        Result = await search.SearchAsync(User, Q, ScopeValue, limit, ct);
    }
}
