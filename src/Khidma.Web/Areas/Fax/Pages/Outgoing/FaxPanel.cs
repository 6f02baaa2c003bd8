using System.Security.Claims;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Fax.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Fax.Pages.Outgoing;

// What the _Fax fragment shows, built in one place for the page handlers and the view component.
public sealed class FaxPanel(AppDbContext db, MailFiles mailFiles, ReceiveFax store)
{
    public const string View = "~/Areas/Fax/Pages/Outgoing/_Fax.cshtml";

    public sealed record OutgoingRow(long Id, string To, string? DocumentName, FaxOutboxState State, int Attempts, DateTime NextAttemptAt,
        string? LastError, string? GatewayReference, DateTime CreatedAt, DateTime? SentAt, string? CreatedByName);

    public sealed record ReceivedRow(long Id, string From, int Pages, FaxFormat Format, DateTime ReceivedAt);

    // A PDF already on the interaction that can be faxed instead of an upload: "mail-12" or "fax-3".
    public sealed record ExistingRow(string Key, string Name);

    public sealed class Model
    {
        public long InteractionId { get; init; }
        public FaxGatewayKind Gateway { get; init; }
        public IReadOnlyList<OutgoingRow> Outgoing { get; init; } = [];
        public IReadOnlyList<ReceivedRow> Received { get; init; } = [];
        public IReadOnlyList<ExistingRow> Existing { get; init; } = [];
        public string? ReturnUrl { get; set; }

        public string? To { get; set; }
        public string? ExistingKey { get; set; }
        public string? Saved { get; set; }
        public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The interaction as the user may see it (404 otherwise), tracked for a write.</summary>
    public async Task<Interaction> InteractionAsync(ClaimsPrincipal user, long interactionId, CancellationToken ct) =>
        await db.Interactions.VisibleTo(user).FirstOrDefaultAsync(i => i.Id == interactionId, ct) ?? throw new NotFoundException();

    public async Task<Model> LoadAsync(ClaimsPrincipal user, long interactionId, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsNoTracking().VisibleTo(user).Where(i => i.Id == interactionId)
            .Select(i => new { i.Id, i.CustomerId }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        var outgoing = await (from o in db.FaxOutbox.AsNoTracking()
                              where o.InteractionId == interactionId
                              join u in db.Users on o.CreatedById equals u.Id into users
                              from u in users.DefaultIfEmpty()
                              orderby o.Id descending
                              select new OutgoingRow(o.Id, o.To, o.DocumentName, o.State, o.Attempts, o.NextAttemptAt, o.LastError,
                                  o.GatewayReference, o.CreatedAt, o.SentAt, u != null ? u.DisplayName : null))
            .Take(50).ToListAsync(ct);
        var received = await db.FaxDocuments.AsNoTracking().Where(d => d.InteractionId == interactionId).OrderBy(d => d.Id)
            .Select(d => new ReceivedRow(d.Id, d.From, d.Pages, d.Format, d.ReceivedAt)).ToListAsync(ct);
        var attachments = await db.Set<MailAttachmentFile>().AsNoTracking()
            .Where(a => a.InteractionId == interactionId && a.ContentType == "application/pdf").OrderBy(a => a.Id)
            .Select(a => new ExistingRow("mail-" + a.Id, a.FileName)).Take(50).ToListAsync(ct);
        var faxNumber = await db.CustomerContacts.AsNoTracking()
            .Where(c => c.CustomerId == interaction.CustomerId && c.Kind == ContactKind.Fax).OrderBy(c => c.Id)
            .Select(c => c.Value).FirstOrDefaultAsync(ct);
        var gateway = await db.Set<FaxGateway>().AsNoTracking().Where(g => g.Id == FaxGateway.SingletonId)
            .Select(g => (FaxGatewayKind?)g.Kind).FirstOrDefaultAsync(ct);
        return new Model
        {
            InteractionId = interactionId,
            Gateway = gateway ?? FaxGatewayKind.None,
            Outgoing = outgoing,
            Received = received,
            Existing = received.Where(r => r.Format == FaxFormat.Pdf).Select(r => new ExistingRow("fax-" + r.Id, $"fax-{r.Id}.pdf"))
                .Concat(attachments).ToList(),
            To = faxNumber,
        };
    }

    /// <summary>The bytes and name of a PDF already on this interaction, or null when the key names nothing here.</summary>
    public async Task<(byte[] Bytes, string Name)?> ReadExistingAsync(long interactionId, string key, CancellationToken ct)
    {
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || !long.TryParse(key.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return null;
        string path, name;
        switch (key[..dash])
        {
            case "mail":
                var a = await db.Set<MailAttachmentFile>().AsNoTracking().Where(x => x.Id == id && x.InteractionId == interactionId)
                    .Select(x => new { x.Sha256, x.FileName }).FirstOrDefaultAsync(ct);
                if (a is null) return null;
                (path, name) = (mailFiles.Full(MailFiles.AttachmentRelative(a.Sha256)), a.FileName);
                break;
            case "fax":
                var d = await db.FaxDocuments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.InteractionId == interactionId, ct);
                if (d is null) return null;
                (path, name) = (store.PathOf(d.FileName), $"fax-{d.Id}.{FaxFiles.Extension(d.Format)}");
                break;
            default:
                return null;
        }
        return File.Exists(path) ? (await File.ReadAllBytesAsync(path, ct), name) : null;
    }
}
