using System.Text;

namespace Khidma.Web.Areas.Customers.Domain;

// The keys that duplicate checks and look-ups compare: a phone as digits in international form, an email
// trimmed and lower-cased. Pure and idempotent: normalizing a normalized value changes nothing.
public static class ContactNormalizer
{
    public const int MaxEmailLength = 320;

    public static string Normalize(ContactKind kind, string? value, string defaultCountryCode) =>
        kind == ContactKind.Email ? NormalizeEmail(value) : NormalizePhone(value, defaultCountryCode);

    // "+966 55 123 4567", "00966551234567", "٠٥٥١٢٣٤٥٦٧" and "055-123-4567" (country 966) all become "966551234567".
    // One rule for the whole app: the search index normalizes phones the same way.
    public static string NormalizePhone(string? value, string defaultCountryCode) =>
        Search.Domain.PhoneNormalizer.Normalize(value, defaultCountryCode);

    public static string NormalizeEmail(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "" : value.Trim().ToLowerInvariant();

    // Deliberately simple: one @, something before it, a dotted domain after it, no spaces. The real test of an
    // address is a message that arrives; this only catches typing mistakes.
    public static bool IsValidEmail(string normalized)
    {
        if (normalized.Length is 0 or > MaxEmailLength) return false;
        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != normalized.LastIndexOf('@') || at == normalized.Length - 1) return false;
        if (normalized.Any(char.IsWhiteSpace)) return false;
        var domain = normalized[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal);
    }

    // E.164 allows at most 15 digits; fewer than 4 is not a number anyone can call back.
    public static bool IsValidPhone(string normalized) => normalized.Length is >= 4 and <= 15;

    // Folds Arabic-Indic and Persian digits to ASCII and drops everything else: for typed confirmations and ids.
    public static string DigitsOnly(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
            if (DigitOf(c) is var d and >= 0) sb.Append((char)('0' + d));
        return sb.ToString();
    }

    private static int DigitOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '\u0660' and <= '\u0669' => c - '\u0660',
        >= '\u06F0' and <= '\u06F9' => c - '\u06F0',
        >= '\uFF10' and <= '\uFF19' => c - '\uFF10',
        _ => -1,
    };
}
