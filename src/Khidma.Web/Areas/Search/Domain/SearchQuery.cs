using System.Globalization;
using System.Text.RegularExpressions;

namespace Khidma.Web.Areas.Search.Domain;

/// <summary>A user's search text, read once: its terms (<see cref="SearchText.ForQuery"/>, the last one a
/// prefix), a phone number when the text is mostly digits, and an interaction reference such as KH-123.</summary>
public sealed partial record SearchQuery(string Text, IReadOnlyList<string> Terms, string? PhoneDigits, long? Reference)
{
    // Longer input is cut before any work is done on it; MaxQueryTerms then bounds the FTS work.
    public const int MaxLength = 500;
    private const int MinPhoneDigits = 4;
    private const int MaxPhoneDigits = 17;

    public bool IsEmpty => Terms.Count == 0 && PhoneDigits is null && Reference is null;

    public string Fts5Match => SearchText.BuildFts5Match(Terms);

    public string TsQuery => SearchText.BuildTsQuery(Terms);

    /// <summary>The FTS5 query without the prefix on the last term.</summary>
    public string Fts5ExactMatch => SearchText.BuildFts5Match(Terms, prefixLast: false);

    public static SearchQuery Parse(string? text, string? countryCode)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length > MaxLength) trimmed = trimmed[..MaxLength];
        var terms = SearchText.ForQuery(trimmed);
        long? reference = null;
        var match = ReferencePattern().Match(ArabicNormalizer.Normalize(trimmed));
        if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            reference = id;
        return new SearchQuery(trimmed, terms, reference is null ? PhoneDigitsOf(trimmed, countryCode) : null, reference);
    }

    // "0551234567", "+966 55 123 4567", "٠٥٥١٢٣٤٥٦٧", "tel 4567": at least four digits and at most one letter
    // for every three digits. The digits are normalized like stored phones, so a suffix match finds them.
    private static string? PhoneDigitsOf(string text, string? countryCode)
    {
        var digits = 0;
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsDigit(c)) digits++;
            else if (char.IsLetter(c)) letters++;
        }
        if (digits is < MinPhoneDigits or > MaxPhoneDigits || letters * 3 > digits) return null;
        var normalized = PhoneNormalizer.Normalize(text, countryCode);
        return normalized.Length >= MinPhoneDigits ? normalized : null;
    }

    [GeneratedRegex(@"^kh\s*[-‐–]?\s*([0-9]{1,18})$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
