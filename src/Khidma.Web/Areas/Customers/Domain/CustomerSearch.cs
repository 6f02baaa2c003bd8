using System.Text;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Customers.Domain;

public enum CustomerSort { Name, Newest }

public sealed record CustomerQuery(
    string? Q = null,
    string? Phone = null,
    string? Email = null,
    CustomerType? Type = null,
    Lifecycle? Lifecycle = null,
    CustomerSort Sort = CustomerSort.Name,
    string? After = null,
    string? Before = null,
    int Limit = 25);

public sealed record CustomerHit(long Id, string Name, string Language, string? Organization, CustomerType Type, Lifecycle Lifecycle, DateTime CreatedAt);

public sealed record CustomerPage(IReadOnlyList<CustomerHit> Items, string? Next, string? Previous);

public sealed class InvalidCursorException() : Exception("The paging cursor is not valid.");

// The customer list for the page and the API: filters, then keyset paging on (name, id) or on id for "newest".
// Never counts the matching rows: a page is drawn from at most limit + 1 rows, whatever the table holds.
public sealed class CustomerSearch(AppDbContext db, IOptions<KhidmaOptions> options)
{
    public const int MaxLimit = 200;

    public async Task<CustomerPage> PageAsync(CustomerQuery q, CancellationToken ct = default)
    {
        var limit = Math.Clamp(q.Limit, 1, MaxLimit);
        var backward = q.After is null && q.Before is not null;
        var cursor = Decode(backward ? q.Before : q.After, q.Sort);
        var query = Filter(q);

        if (q.Sort == CustomerSort.Newest)
        {
            if (cursor is { } k) query = backward ? query.Where(c => c.Id > k.Id) : query.Where(c => c.Id < k.Id);
            query = backward ? query.OrderBy(c => c.Id) : query.OrderByDescending(c => c.Id);
        }
        else
        {
            if (cursor is { } k)
            {
                var (name, id) = (k.Name, k.Id);
                query = backward
                    ? query.Where(c => string.Compare(c.Name, name) < 0 || (c.Name == name && c.Id < id))
                    : query.Where(c => string.Compare(c.Name, name) > 0 || (c.Name == name && c.Id > id));
            }
            query = backward ? query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id) : query.OrderBy(c => c.Name).ThenBy(c => c.Id);
        }

        var rows = await query
            .Select(c => new CustomerHit(c.Id, c.Name, c.Language, c.Organization, c.Type, c.Lifecycle, c.CreatedAt))
            .Take(limit + 1)
            .ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (backward) rows.Reverse();
        if (rows.Count == 0) return new CustomerPage(rows, null, null);

        var hasNext = backward || more;
        var hasPrevious = backward ? more : cursor is not null;
        return new CustomerPage(rows,
            hasNext ? Encode(rows[^1], q.Sort) : null,
            hasPrevious ? Encode(rows[0], q.Sort) : null);
    }

    public IQueryable<Customer> Filter(CustomerQuery q)
    {
        var query = db.Customers.AsNoTracking();
        var cc = options.Value.DefaultCountryCode;
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            var text = q.Q.Trim();
            if (LooksLikePhone(text))
            {
                // Either the whole number in international form, or a part of it as typed (without trunk zeros).
                var full = ContactNormalizer.NormalizePhone(text, cc);
                var part = ContactNormalizer.DigitsOnly(text).TrimStart('0');
                if (full.Length == 0 && part.Length == 0) return query.Where(_ => false);
                if (full.Length == 0) full = part;
                if (part.Length == 0) part = full;
                query = query.Where(c => c.Contacts.Any(k => (k.Kind == ContactKind.Phone || k.Kind == ContactKind.Fax)
                    && (k.Normalized.Contains(full) || k.Normalized.Contains(part))));
            }
            else
            {
                var lower = text.ToLowerInvariant();
#pragma warning disable CA1862 // Translated to SQL lower(name) LIKE '%…%' on both providers; the StringComparison overloads do not translate.
                query = query.Where(c => c.Name.ToLower().Contains(lower)
                    || c.Contacts.Any(k => k.Kind == ContactKind.Email && k.Normalized.Contains(lower)));
#pragma warning restore CA1862
            }
        }
        if (!string.IsNullOrWhiteSpace(q.Phone))
        {
            var phone = ContactNormalizer.NormalizePhone(q.Phone, cc);
            query = query.Where(c => c.Contacts.Any(k => (k.Kind == ContactKind.Phone || k.Kind == ContactKind.Fax) && k.Normalized == phone));
        }
        if (!string.IsNullOrWhiteSpace(q.Email))
        {
            var email = ContactNormalizer.NormalizeEmail(q.Email);
            query = query.Where(c => c.Contacts.Any(k => k.Kind == ContactKind.Email && k.Normalized == email));
        }
        if (q.Type is { } type) query = query.Where(c => c.Type == type);
        if (q.Lifecycle is { } lifecycle) query = query.Where(c => c.Lifecycle == lifecycle);
        return query;
    }

    public async Task<ILookup<long, CustomerContact>> ContactsOfAsync(IEnumerable<long> customerIds, CancellationToken ct = default)
    {
        var ids = customerIds.Distinct().ToList();
        if (ids.Count == 0) return Array.Empty<CustomerContact>().ToLookup(c => c.CustomerId);
        var contacts = await db.CustomerContacts.AsNoTracking()
            .Where(c => ids.Contains(c.CustomerId))
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
        return contacts.ToLookup(c => c.CustomerId);
    }

    // Digits and phone punctuation only: "055 123", "+966-55", "٠٥٥١٢٣". A name never looks like this.
    public static bool LooksLikePhone(string text) =>
        !text.Any(char.IsLetter) && ContactNormalizer.DigitsOnly(text).Length >= 3;

    private sealed record Key(long Id, string Name);

    private static string Encode(CustomerHit hit, CustomerSort sort)
    {
        var raw = sort == CustomerSort.Newest
            ? hit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : hit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + hit.Name;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static Key? Decode(string? cursor, CustomerSort sort)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        string raw;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            raw = Encoding.UTF8.GetString(Convert.FromBase64String(b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=')));
        }
        catch (FormatException)
        {
            throw new InvalidCursorException();
        }
        var colon = raw.IndexOf(':', StringComparison.Ordinal);
        var idText = colon < 0 ? raw : raw[..colon];
        if (!long.TryParse(idText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            throw new InvalidCursorException();
        if (sort == CustomerSort.Name && colon < 0) throw new InvalidCursorException();
        return new Key(id, colon < 0 ? "" : raw[(colon + 1)..]);
    }
}
