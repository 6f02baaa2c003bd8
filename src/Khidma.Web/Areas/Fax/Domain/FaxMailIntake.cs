using System.Globalization;
using System.Text.RegularExpressions;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Fax.Domain;

/// <summary>
/// Mail arriving at a fax-to-email mailbox: the first PDF or TIFF attachment becomes a received fax (ReceiveFax),
/// the sender's number read from the subject, else from the From name or address. Runs inside the mail intake's
/// processing transaction, so a failure leaves the message in the mail module's failed list for a retry.
/// </summary>
public sealed partial class FaxMailIntake(AppDbContext db, ReceiveFax receive) : IInboundMailHandler
{
    public async Task<(long InteractionId, long? TimelineEntryId)?> HandleAsync(Mailbox mailbox, InboundMessage row, ParsedMail mail, CancellationToken ct)
    {
        if (!await db.Set<FaxMailbox>().AsNoTracking().AnyAsync(m => m.MailboxId == mailbox.Id, ct)) return null;

        foreach (var attachment in mail.Attachments)
        {
            if (FaxFiles.Detect(attachment.Content.Span) is not { } format) continue;
            var bytes = attachment.Content.ToArray();
            var pages = PagesIn(mail.Subject) ?? FaxFiles.CountPages(bytes, format);
            var result = await receive.RunAsync(bytes, format, SenderNumber(mail), null, pages, ct);
            return (result.Document.InteractionId, null);
        }
        throw new InvalidOperationException("The message reached a fax mailbox without a PDF or TIFF attachment.");
    }

    // "Fax from +966 11 222 3333", "FAX: 0112223333 (3 pages)", a From of "+966112223333@fax.example" or "0112223333 <noreply@…>".
    public static string? SenderNumber(ParsedMail mail)
    {
        if (NumberIn(mail.Subject) is { } inSubject) return inSubject;
        foreach (var from in mail.From)
        {
            if (NumberIn(from.Name) is { } inName) return inName;
            var local = from.Address.Split('@')[0];
            if (NumberIn(local) is { } inAddress) return inAddress;
        }
        return null;
    }

    public static string? NumberIn(string? text)
    {
        // The longest run of digits wins: a date or a page count in the same subject is shorter than a fax number.
        if (string.IsNullOrEmpty(text)) return null;
        return NumberPattern().Matches(text)
            .Select(m => (m.Value, Digits: m.Value.Count(char.IsDigit)))
            .Where(x => x.Digits is >= 6 and <= 15 && !DatePattern().IsMatch(x.Value.Trim()))
            .OrderByDescending(x => x.Digits)
            .Select(x => x.Value.Trim())
            .FirstOrDefault();
    }

    private static int? PagesIn(string? subject)
    {
        if (string.IsNullOrEmpty(subject)) return null;
        var m = PagesPattern().Match(subject);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pages) && pages <= 10000 ? pages : null;
    }

    [GeneratedRegex(@"(?:\+|00)?[0-9٠-٩][0-9٠-٩ ./-]{4,22}[0-9٠-٩]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NumberPattern();

    // 2025-06-02, 02/06/2025, 2025.06.02: dates that fax services put in subjects, not numbers.
    [GeneratedRegex(@"^(?:[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4})$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b([0-9]{1,5})\s*(?:pages?|pp?\.)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex PagesPattern();
}
