using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Khidma.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Interactions.Pages.Inbox;

// Every row the inbox's filters show (all pages), streamed as they are read: memory stays flat however
// many rows there are. UTF-8 with a BOM so Excel shows Arabic; headers in the reader's language.
public sealed class ExportModel(
    AppDbContext db,
    InteractionLookups lookups,
    Formatter formatter,
    TimeProvider clock,
    IStringLocalizer<InteractionsText> t,
    IStringLocalizer<SharedResource> s) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery] InboxFilter filter, CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var rows = InteractionQuery.Rows(db, db.Interactions.VisibleTo(User), filter.ToCriteria(userId, paged: false));
        var names = await lookups.RefreshAsync(ct);

        var stamp = formatter.Local(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"interactions-{stamp}.csv\"";
        Response.Headers.CacheControl = "no-store";

        // Customers write the subjects: a cell starting with = + - @ must not become a spreadsheet formula.
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(Response.Body, options, leaveOpen: true);
        foreach (var header in new[]
        {
            t["Reference"].Value, s["Subject"].Value, t["Customer"].Value, t["Customer number"].Value, s["Channel"].Value, s["Service"].Value,
            s["Status"].Value, s["Priority"].Value, s["Team"].Value, t["Handler"].Value, t["Created"].Value, t["Last activity"].Value,
        })
            csv.WriteField(header);
        await csv.EndRecordAsync(ct);

        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.WriteField(r.Reference);
            csv.WriteField(r.Subject);
            csv.WriteField(r.CustomerName);
            csv.WriteField(r.CustomerId.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(s[r.Channel.ToString()].Value);
            csv.WriteField(names.ServiceName(r.ServiceId));
            csv.WriteField(names.Status(r.StatusId)?.Name.InCurrentCulture() ?? t[r.StatusCategory.ToString()].Value);
            csv.WriteField(s[r.Priority.ToString()].Value);
            csv.WriteField(names.TeamName(r.TeamId));
            csv.WriteField(r.HandlerName ?? "");
            csv.WriteField(Local(r.CreatedAt));
            csv.WriteField(Local(r.LastActivityAt));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
        return new EmptyResult();
    }

    // Spreadsheets read "2026-11-22 12:00" as a date; the company's time zone, Latin digits, Gregorian.
    private string Local(DateTime utc) => formatter.Local(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
