using System.Globalization;
using System.Security.Claims;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Timeliness.Pages.Promises;

// What the _Promises fragment shows, built in one place for the page handlers and the view component.
public sealed class PromisesPanel(AppDbContext db, RecordPromise record, Formatter format, TimeProvider clock)
{
    public const string View = "~/Areas/Timeliness/Pages/Promises/_Promises.cshtml";

    public sealed record Row(long Id, string What, DateTime DueAt, PromiseStatus Status, string? Reason, DateTime CreatedAt,
        string? CreatedByName, string? TeamName, long? RenegotiatedFromId, DateTime? ClosedAt);

    public sealed class Model
    {
        public long InteractionId { get; init; }
        public RecordPromise.Target Target { get; init; } = null!;
        public IReadOnlyList<Row> Rows { get; init; } = [];
        public RecordPromise.Advice Advice { get; init; } = new(null, null);
        public DateTime Now { get; init; }
        public string MinDue { get; init; } = "";
        public string? ReturnUrl { get; set; }

        // The record form, with what was posted when it comes back.
        public string? What { get; set; }
        public string? Due { get; set; }
        public bool AskConfirm { get; set; }
        public string? Saved { get; set; }
        public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

        // Which row's action failed, so its form opens with the message.
        public long? ActionPromiseId { get; set; }
        public string? ActionReason { get; set; }
        public string? ActionNewDue { get; set; }
    }

    public async Task<Model> LoadAsync(ClaimsPrincipal user, long interactionId, CancellationToken ct)
    {
        var target = await record.FindAsync(db.Interactions.VisibleTo(user), interactionId, ct) ?? throw new NotFoundException();
        var rows = await (from p in db.Set<Promise>().AsNoTracking()
                          where p.InteractionId == interactionId
                          join u in db.Users on p.CreatedById equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          join t in db.Teams on p.TeamId equals t.Id into teams
                          from t in teams.DefaultIfEmpty()
                          orderby p.Status == PromiseStatus.Open descending, p.DueAt
                          select new Row(p.Id, p.What, p.DueAt, p.Status, p.Reason, p.CreatedAt, u != null ? u.DisplayName : null,
                              t != null ? t.Name : null, p.RenegotiatedFromId, p.ClosedAt))
                         .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return new Model
        {
            InteractionId = interactionId,
            Target = target,
            Rows = rows,
            Advice = await record.AdviseAsync(target, ct),
            Now = now,
            MinDue = LocalInput(now),
        };
    }

    public string LocalInput(DateTime utc) => format.Local(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
