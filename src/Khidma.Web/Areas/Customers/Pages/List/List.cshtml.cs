using Khidma.Web.Areas.Customers.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Khidma.Web.Areas.Customers.Pages.List;

public sealed class ListModel(CustomerSearch search) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public CustomerType? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "lifecycle")]
    public Lifecycle? Lifecycle { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public CustomerSort Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true, Name = "before")]
    public string? Before { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Next { get; private set; }
    public string? Previous { get; private set; }

    public sealed record Row(long Id, string Name, string? Organization, CustomerType Type, Lifecycle Lifecycle, string? Phone, string? Email, DateTime CreatedAt);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    // The results fragment for search-as-you-type; the address bar shows the full page's URL.
    public async Task<IActionResult> OnGetListAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.Headers["HX-Push-Url"] = PageUrl(After, Before);
        return Partial("_List", this);
    }

    public string PageUrl(string? after = null, string? before = null) => BuildUrl("/customers", after, before);

    public string ListUrl(string? after = null, string? before = null) => BuildUrl("/customers?handler=List", after, before);

    private string BuildUrl(string path, string? after, string? before)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(Q)) query["q"] = Q;
        if (Type is { } t) query["type"] = t.ToString();
        if (Lifecycle is { } l) query["lifecycle"] = l.ToString();
        if (Sort != CustomerSort.Name) query["sort"] = Sort.ToString();
        if (after is not null) query["after"] = after;
        if (before is not null) query["before"] = before;
        return QueryHelpers.AddQueryString(path, query);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CustomerPage page;
        try
        {
            page = await search.PageAsync(new CustomerQuery(Q, Type: Type, Lifecycle: Lifecycle, Sort: Sort, After: After, Before: Before, Limit: PageSize), ct);
        }
        catch (InvalidCursorException)
        {
            // A mangled link starts again at the first page rather than failing.
            After = Before = null;
            page = await search.PageAsync(new CustomerQuery(Q, Type: Type, Lifecycle: Lifecycle, Sort: Sort, Limit: PageSize), ct);
        }
        var contacts = await search.ContactsOfAsync(page.Items.Select(h => h.Id), ct);
        Rows = page.Items.Select(h => new Row(h.Id, h.Name, h.Organization, h.Type, h.Lifecycle,
                contacts[h.Id].FirstOrDefault(c => c.Kind == ContactKind.Phone)?.Value,
                contacts[h.Id].FirstOrDefault(c => c.Kind == ContactKind.Email)?.Value,
                h.CreatedAt))
            .ToList();
        Next = page.Next;
        Previous = page.Previous;
    }
}
