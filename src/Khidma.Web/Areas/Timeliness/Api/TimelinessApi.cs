using System.Security.Claims;
using System.Xml;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Timeliness.Api;

public static class TimelinessApi
{
    /// <summary>A promise's due time is ISO 8601 with an offset (or Z), or a local time in the company's zone.</summary>
    public sealed record PromiseRequest(string? What, string? Due);

    /// <summary>
    /// Median and 80th percentile of recent resolution times in business time, as ISO 8601 durations
    /// (<c>PT4H30M</c>) and as whole minutes; <c>realisticDue</c> is now plus the 80th percentile in business time.
    /// </summary>
    public sealed record EstimateJson(string Median, string P80, int MedianMinutes, int P80Minutes, int Samples, string Level, DateTimeOffset? RealisticDue);

    public sealed record PromiseJson(long Id, string What, DateTimeOffset Due, string Status, int? TeamId, DateTimeOffset CreatedAt, long? RenegotiatedFromId, string? Reason);

    public sealed record PromiseCreatedJson(long Id, string What, DateTimeOffset Due, string Status, EstimateJson? Estimate, string? Warning);

    public static RouteGroupBuilder MapTimelinessApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/interactions/{id:long}").WithTags("Timeliness");

        group.MapGet("/sla", async (long id, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                if (!await db.Interactions.VisibleTo(user).AnyAsync(i => i.Id == id, ct)) throw new NotFoundException();
                return Results.Ok(await SlaJson.ForAsync(db, id, clock, ct));
            })
            .WithSummary("The interaction's SLA clocks: due times (company offset), paused and breached flags.")
            .Produces<SlaJson>();

        group.MapGet("/promises", async (long id, ClaimsPrincipal user, AppDbContext db, IOptions<KhidmaOptions> options, CancellationToken ct) =>
            {
                if (!await db.Interactions.VisibleTo(user).AnyAsync(i => i.Id == id, ct)) throw new NotFoundException();
                var zone = Formatter.FindZone(options.Value.TimeZone);
                var rows = await db.Set<Promise>().AsNoTracking().Where(p => p.InteractionId == id).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
                    .Select(p => new { p.Id, p.What, p.DueAt, p.Status, p.TeamId, p.CreatedAt, p.RenegotiatedFromId, p.Reason })
                    .ToListAsync(ct);
                return Results.Ok(rows.Select(p => new PromiseJson(p.Id, p.What, Local(p.DueAt, zone), p.Status.ToString(), p.TeamId, Local(p.CreatedAt, zone), p.RenegotiatedFromId, p.Reason)));
            })
            .WithSummary("The interaction's promises, oldest first.")
            .Produces<PromiseJson[]>();

        group.MapPost("/promises", async (long id, PromiseRequest? body, ClaimsPrincipal user, AppDbContext db, RecordPromise record,
                IStringLocalizer<TimelinessText> text, IOptions<KhidmaOptions> options, TimeProvider clock, CancellationToken ct) =>
            {
                var target = await record.FindAsync(db.Interactions.VisibleTo(user), id, ct) ?? throw new NotFoundException();
                var zone = Formatter.FindZone(options.Value.TimeZone);
                var errors = new Dictionary<string, string[]>();
                var what = body?.What?.Trim();
                if (string.IsNullOrEmpty(what)) errors["what"] = [text["Say what was promised."].Value];
                else if (what.Length > Promise.WhatMaxLength) errors["what"] = [text["The promise is too long."].Value];
                if (!RecordPromise.TryParseDue(body?.Due, zone, out var due)) errors["due"] = [text["Give the due date and time."].Value];
                else if (due <= clock.GetUtcNow().UtcDateTime) errors["due"] = [text["The due time must be in the future."].Value];
                if (errors.Count > 0) return Results.ValidationProblem(errors, title: text["The promise was not recorded."]);

                Promise promise;
                try
                {
                    promise = await record.RunAsync(target, what, due, user.FindFirstValue(ClaimTypes.NameIdentifier), ct);
                }
                catch (DomainException e)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["due"] = [text[e.ResourceKey, e.Args].Value] });
                }
                var advice = await record.AdviseAsync(target, ct);
                var estimate = advice.Estimate is { } e2
                    ? new EstimateJson(XmlConvert.ToString(e2.Median), XmlConvert.ToString(e2.P80), (int)e2.Median.TotalMinutes, (int)e2.P80.TotalMinutes,
                        e2.Samples, e2.Level.ToString(), advice.RealisticDue is { } r ? Local(r, zone) : null)
                    : null;
                string? warning = advice.IsEarlierThanEstimate(due)
                    ? text["This promise is earlier than most similar requests take (80% are resolved by {0}). Tell the customer only what can be delivered.", Local(advice.RealisticDue!.Value, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)].Value
                    : null;
                return Results.Created($"/api/v1/interactions/{id}/promises/{promise.Id}",
                    new PromiseCreatedJson(promise.Id, promise.What, Local(promise.DueAt, zone), promise.Status.ToString(), estimate, warning));
            })
            .WithSummary("Records a promise. The answer carries the realistic estimate and a warning when the due time beats it.")
            .Produces<PromiseCreatedJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        return api;
    }

    private static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero), zone);
}
