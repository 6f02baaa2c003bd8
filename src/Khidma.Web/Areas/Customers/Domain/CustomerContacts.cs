using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Customers.Domain;

/// <summary>What is wrong with a typed contact: a resource key, the field it belongs to (Value or Label) and a length limit.</summary>
public sealed record ContactError(string Key, string Field, int Max = 0);

public sealed record Duplicate(long CustomerId, string CustomerName, ContactKind Kind, string Value);

// Turning typed contacts into stored ones, and finding other customers who already have them.
public sealed class CustomerContacts(AppDbContext db)
{
    public const int MaxValueLength = 320;
    public const int MaxLabelLength = 100;

    /// <summary>The customer who holds this normalized contact (the oldest, when several share it), or null.
    /// Every channel that recognises a person by their address or number asks this.</summary>
    public static Task<long?> CustomerIdByAsync(IQueryable<CustomerContact> contacts, ContactKind kind, string normalized, CancellationToken ct) =>
        contacts.AsNoTracking()
            .Where(c => c.Kind == kind && c.Normalized == normalized)
            .OrderBy(c => c.CustomerId).Select(c => (long?)c.CustomerId).FirstOrDefaultAsync(ct);

    /// <summary>A stored contact for a typed value, or what is wrong with it; neither when the value is blank.</summary>
    public static (CustomerContact? Contact, ContactError? Error) Build(ContactKind kind, string? value, string? label, string countryCode)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, null);
        var trimmed = value.Trim();
        var normalized = ContactNormalizer.Normalize(kind, trimmed, countryCode);
        const string TooLong = "The field {0} must be a string with a maximum length of {1}.";
        if (trimmed.Length > MaxValueLength) return (null, new ContactError(TooLong, "Value", MaxValueLength));
        if (kind == ContactKind.Email && !ContactNormalizer.IsValidEmail(normalized))
            return (null, new ContactError("The {0} field is not a valid e-mail address.", "Value"));
        if (kind != ContactKind.Email && !ContactNormalizer.IsValidPhone(normalized))
            return (null, new ContactError("The {0} field is not a valid phone number.", "Value"));
        var cleanLabel = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        if (cleanLabel is { Length: > MaxLabelLength }) return (null, new ContactError(TooLong, "Label", MaxLabelLength));
        return (new CustomerContact { Kind = kind, Value = kind == ContactKind.Email ? normalized : trimmed, Normalized = normalized, Label = cleanLabel }, null);
    }

    // Phones and emails identify a person; a shared office fax does not, so faxes are not checked.
    public async Task<IReadOnlyList<Duplicate>> FindDuplicatesAsync(IEnumerable<CustomerContact> contacts, long? exceptCustomerId, CancellationToken ct = default)
    {
        var list = contacts.ToList();
        var phones = list.Where(c => c.Kind == ContactKind.Phone).Select(c => c.Normalized).Distinct().ToList();
        var emails = list.Where(c => c.Kind == ContactKind.Email).Select(c => c.Normalized).Distinct().ToList();
        if (phones.Count == 0 && emails.Count == 0) return [];
        var except = exceptCustomerId ?? 0;
        return await (
                from c in db.CustomerContacts.AsNoTracking()
                join cu in db.Customers on c.CustomerId equals cu.Id
                where cu.Id != except
                      && ((c.Kind == ContactKind.Phone && phones.Contains(c.Normalized))
                          || (c.Kind == ContactKind.Email && emails.Contains(c.Normalized)))
                orderby cu.Id, c.Id
                select new Duplicate(cu.Id, cu.Name, c.Kind, c.Value))
            .Take(20)
            .ToListAsync(ct);
    }
}
