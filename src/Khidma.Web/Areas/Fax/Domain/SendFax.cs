using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Fax.Domain;

/// <summary>
/// Queues a PDF to be faxed from an interaction: the file is stored by content, an outbox row is written and the
/// interaction's timeline records it, in one save. Sending happens later in <see cref="FaxSender"/>.
/// </summary>
public sealed class SendFax(AppDbContext db, ReceiveFax store, TimeProvider clock, IOptions<KhidmaOptions> khidma,
    IOptions<FaxOptions> options, IStringLocalizer<FaxText> text)
{
    /// <summary>The number in international digits, or a DomainException the form shows.</summary>
    public string CheckNumber(string? number)
    {
        var normalized = ContactNormalizer.NormalizePhone(number, khidma.Value.DefaultCountryCode);
        if (!ContactNormalizer.IsValidPhone(normalized)) throw new DomainException("Enter the fax number with its area code.");
        return normalized;
    }

    public void CheckDocument(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) throw new DomainException("Choose the PDF to send.");
        if (bytes.Length > options.Value.MaxBytes) throw new DomainException("A fax may be at most {0} MB.", options.Value.MaxBytes / (1024 * 1024));
        if (FaxFiles.Detect(bytes) != FaxFormat.Pdf) throw new DomainException("Only PDF documents can be faxed.");
    }

    /// <summary>Queues the fax; <paramref name="interaction"/> must come from a query scoped with VisibleTo.</summary>
    public async Task<FaxOutboxItem> QueueAsync(Interaction interaction, string number, byte[] pdf, string? documentName, string? userId, CancellationToken ct)
    {
        var to = CheckNumber(number);
        CheckDocument(pdf);
        var name = CleanName(documentName);
        var sha = await store.StoreAsync(pdf, FaxFormat.Pdf, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new FaxOutboxItem
        {
            InteractionId = interaction.Id,
            To = to,
            Sha256 = sha,
            Format = FaxFormat.Pdf,
            DocumentName = name,
            State = FaxOutboxState.Pending,
            NextAttemptAt = now,
            CreatedById = userId,
            CreatedAt = now,
        };
        db.FaxOutbox.Add(item);
        interaction.AddEntry(TimelineKind.System, text["Fax to {0} queued: {1}", "+" + to, name].Value, userId, now, "fax-out");
        await db.SaveChangesAsync(ct);
        return item;
    }

    public static string CleanName(string? name)
    {
        var clean = Path.GetFileName((name ?? "").Replace('\\', '/')).Trim();
        if (clean.Length == 0) clean = "document.pdf";
        return clean.Length > FaxOutboxItem.DocumentNameMaxLength ? clean[^FaxOutboxItem.DocumentNameMaxLength..] : clean;
    }
}
