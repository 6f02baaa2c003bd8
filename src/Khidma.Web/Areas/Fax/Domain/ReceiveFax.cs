using System.Globalization;
using System.Security.Cryptography;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Fax.Domain;

public sealed class FaxOptions
{
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    // Attempts at the HTTP gateway before a fax is marked failed (backoff 1, 2, 4, 8, 16 minutes between them).
    public int MaxAttempts { get; set; } = 6;

    // The team whose inbox receives faxes; none: unassigned, which every agent sees.
    public int? TeamId { get; set; }
}

/// <summary>Stores files by content and opens the Fax interaction of an inbound fax (K4).</summary>
public sealed class ReceiveFax(AppDbContext db, CreateInteraction create, TimeProvider clock, IOptions<KhidmaOptions> options,
    IOptions<FaxOptions> faxOptions, IStringLocalizer<FaxText> text)
{
    public sealed record Result(FaxDocument Document, bool Duplicate);

    public string Directory => Path.Combine(Path.GetFullPath(options.Value.DataDir), "fax");

    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>Writes the bytes once under their SHA-256; the same document twice is one file.</summary>
    public async Task<string> StoreAsync(byte[] bytes, FaxFormat format, CancellationToken ct)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf($"{sha}.{FaxFiles.Extension(format)}");
        if (!File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, path, overwrite: true);
        }
        return sha;
    }

    public async Task<Result> RunAsync(byte[] bytes, FaxFormat format, string? from, string? to, int pages, CancellationToken ct)
    {
        var sha = await StoreAsync(bytes, format, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var fromNumber = ContactNormalizer.NormalizePhone(from, options.Value.DefaultCountryCode);
        var toNumber = ContactNormalizer.NormalizePhone(to, options.Value.DefaultCountryCode);

        // A gateway that retries after a lost response sends the same fax again: the first delivery stands.
        var since = now.AddDays(-1);
        var earlier = await db.FaxDocuments.AsNoTracking()
            .Where(d => d.Sha256 == sha && d.From == fromNumber && d.ReceivedAt >= since)
            .OrderBy(d => d.Id).FirstOrDefaultAsync(ct);
        if (earlier is not null) return new Result(earlier, true);

        var display = fromNumber.Length > 0 ? "+" + fromNumber : text["an unknown number"].Value;
        long customerId;
        var known = fromNumber.Length == 0 ? null : await CustomerContacts.CustomerIdByAsync(db.CustomerContacts, ContactKind.Fax, fromNumber, ct);
        // The mail intake calls this inside its own processing transaction: join it rather than open a second one.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (known is { } k) customerId = k;
        else
        {
            var customer = new Customer { Name = "Fax " + display, CreatedAt = now, UpdatedAt = now };
            if (fromNumber.Length > 0)
                customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Fax, Value = display, Normalized = fromNumber });
            db.Customers.Add(customer);
            await db.SaveChangesAsync(ct);
            customerId = customer.Id;
        }
        var language = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Language).FirstAsync(ct);
        var subject = InLanguage(language, "Fax from {0} ({1} pages)", display, pages);
        var body = InLanguage(language, "A fax of {0} pages was received.", pages);
        var outcome = await create.RunAsync(new CreateInteraction.Request(customerId, null, Channel.Fax, subject, body, null, Priority.Normal,
            faxOptions.Value.TeamId), null, ct);
        var interaction = outcome.Interaction
            ?? throw new InvalidOperationException("The fax's interaction could not be opened: " + string.Join(", ", outcome.Errors.Select(x => x.MessageKey)));
        var document = new FaxDocument
        {
            InteractionId = interaction.Id,
            Sha256 = sha,
            Format = format,
            Size = bytes.LongLength,
            Pages = pages,
            From = fromNumber,
            To = toNumber,
            ReceivedAt = now,
        };
        db.FaxDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return new Result(document, false);
    }

    private string InLanguage(string language, string key, params object[] args) => text.InLanguage(language, key, args);
}
