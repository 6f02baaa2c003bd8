using System.Globalization;
using System.Text.Json;
using Khidma.Web.Areas.Customers.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Customers.Pages.Export;

// The customer's data as JSON, handed over on their request (P1). Managers and administrators only.
[Authorize(Policy = "Managers")]
public sealed class ExportModel(CustomerExport export) : PageModel
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Arabic stays readable in the file instead of \u escapes; the file is a download, never inlined in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var document = await export.BuildAsync(id, User, ct);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, Json);
        return File(bytes, "application/json; charset=utf-8", $"customer-{id.ToString(CultureInfo.InvariantCulture)}.json");
    }
}
