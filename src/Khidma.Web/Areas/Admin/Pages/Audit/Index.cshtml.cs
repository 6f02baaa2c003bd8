using System.Globalization;
using System.Text.Json;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Admin.Pages.Audit;

// Every change the audit interceptor recorded, newest first (see AuditLog for the paging).
[Authorize(Policy = "Managers")]
public sealed class IndexModel(AppDbContext db, Formatter format) : PageModel
{
    public const int PageSize = 50;

    public sealed record Change(string Property, string? Before, string? After);

    public sealed record Row(long Id, DateTime At, string UserName, string? DisplayName, string Entity, string EntityId, string Action, IReadOnlyList<Change> Changes);

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    // "ticks-id" of the last row of the previous page.
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public IReadOnlyList<string> Entities { get; private set; } = [];
    public IReadOnlyList<string> People { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Entities = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        People = await db.Users.AsNoTracking().Where(u => u.UserName != null).OrderBy(u => u.UserName).Select(u => u.UserName!).Take(500).ToListAsync();
        await LoadAsync();
    }

    public async Task<IActionResult> OnGetListAsync()
    {
        if (!Request.Headers.ContainsKey("HX-Request"))
        {
            await OnGetAsync();
            return Page();
        }
        await LoadAsync();
        return Partial("_List", this);
    }

    public string Link(string? after = null, string? handler = null)
    {
        var q = new QueryBuilder();
        if (handler is not null) q.Add("handler", handler);
        if (!string.IsNullOrWhiteSpace(Entity)) q.Add("entity", Entity);
        if (!string.IsNullOrWhiteSpace(EntityId)) q.Add("entityId", EntityId);
        if (!string.IsNullOrWhiteSpace(Actor)) q.Add("user", Actor);
        if (From is { } from) q.Add("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } to) q.Add("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (after is not null) q.Add("after", after);
        return "/admin/audit" + q.ToQueryString();
    }

    private async Task LoadAsync()
    {
        // Dates are the company's calendar days, turned into UTC instants.
        DateTime? from = From is { } f ? TimeZoneInfo.ConvertTimeToUtc(f.ToDateTime(TimeOnly.MinValue), format.Zone) : null;
        DateTime? to = To is { } t ? TimeZoneInfo.ConvertTimeToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue), format.Zone) : null;
        var (page, next) = await AuditLog.PageAsync(db, new AuditFilter(Entity, EntityId, Actor, from, to, After), PageSize);
        NextCursor = next;
        var userIds = page.Select(e => e.UserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        Rows = page.Select(e => new Row(e.Id, e.At, e.UserName, e.UserId is not null && names.TryGetValue(e.UserId, out var n) ? n : null,
            e.Entity, e.EntityId, e.Action, ParseChanges(e.Changes))).ToList();
    }

    // {"Property": [before, after]} as written by the audit interceptor.
    internal static IReadOnlyList<Change> ParseChanges(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [new Change("", json, null)];
            var list = new List<Change>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 2)
                    list.Add(new Change(p.Name, Text(p.Value[0]), Text(p.Value[1])));
                else
                    list.Add(new Change(p.Name, null, Text(p.Value)));
            }
            return list;
        }
        catch (JsonException)
        {
            return [new Change("", json, null)];
        }
    }

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => e.GetString(),
        _ => e.GetRawText(),
    };
}
