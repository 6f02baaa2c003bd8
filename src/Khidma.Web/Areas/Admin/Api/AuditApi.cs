using System.Text.Json;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Platform.Data;

namespace Khidma.Web.Areas.Admin.Api;

public static class AuditApi
{
    /// <summary>One recorded change: <c>changes</c> maps each changed property to <c>[before, after]</c>.</summary>
    public sealed record AuditEntryDto(long Id, DateTime At, string? UserId, string UserName, string Entity, string EntityId, string Action, JsonElement Changes);

    /// <summary>A page of the audit log, newest first; pass <c>next</c> as <c>after</c> for the following page.</summary>
    public sealed record AuditPage(IReadOnlyList<AuditEntryDto> Items, string? Next);

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync)
            .RequireAuthorization("Managers")
            .WithName("ListAuditEntries")
            .WithSummary("Lists the audit log newest first, filtered by table, record id, user name and time, paged by cursor.")
            .WithTags("Audit");
        return api;
    }

    /// <summary>Lists audit entries (admins and managers).</summary>
    private static async Task<AuditPage> ListAsync(AppDbContext db, string? entity, string? entityId, string? user,
        DateTime? from, DateTime? to, string? after, int? limit, CancellationToken ct)
    {
        var size = Math.Clamp(limit ?? 100, 1, 500);
        var (entries, next) = await AuditLog.PageAsync(db, new AuditFilter(entity, entityId, user,
            from?.ToUniversalTime(), to?.ToUniversalTime(), after), size, ct);
        return new AuditPage(entries.Select(e => new AuditEntryDto(e.Id, e.At, e.UserId, e.UserName, e.Entity, e.EntityId, e.Action, Parse(e.Changes))).ToList(), next);
    }

    private static JsonElement Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
