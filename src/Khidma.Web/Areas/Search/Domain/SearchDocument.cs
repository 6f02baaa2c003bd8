using System.Text;

namespace Khidma.Web.Areas.Search.Domain;

/// <summary>What the search index holds for a customer or an interaction: the <see cref="SearchText.ForIndex"/>
/// form of a title (ranked higher) and of a body, and for customers their phone numbers.</summary>
public sealed record SearchDocument(string TitleNorm, string BodyNorm, IReadOnlyList<string> Phones)
{
    // Bounds the indexing work and the index size of a very long conversation; the newest text wins because
    // that is what people remember and search for.
    public const int MaxBodyChars = 20_000;

    public static SearchDocument ForCustomer(string name, string? organization, IEnumerable<(bool IsPhone, string Value)> contacts, string? countryCode)
    {
        var body = new StringBuilder();
        var phones = new List<string>();
        Append(body, organization);
        foreach (var (isPhone, value) in contacts)
        {
            if (isPhone)
            {
                foreach (var form in PhoneForms(value, countryCode))
                {
                    if (!phones.Contains(form, StringComparer.Ordinal)) phones.Add(form);
                }
                continue;
            }
            Append(body, value);
            // "ahmed.ali@x" is indexed as ahmed, ali, x; the joined local part lets "ahmedali" find it too.
            var at = value.IndexOf('@', StringComparison.Ordinal);
            if (at > 0)
            {
                var joined = string.Concat(value[..at].Where(char.IsLetterOrDigit));
                if (joined.Length > 0 && joined.Length != at) Append(body, joined);
            }
        }
        foreach (var phone in phones) Append(body, phone);
        return new SearchDocument(SearchText.ForIndex(name), SearchText.ForIndex(body.ToString()), phones);
    }

    public static SearchDocument ForInteraction(string subject, IEnumerable<string?> bodiesNewestFirst) =>
        new(SearchText.ForIndex(subject), SearchText.ForIndex(BoundedBody(bodiesNewestFirst)), []);

    /// <summary>The timeline text that is indexed: bodies newest first, cut at <see cref="MaxBodyChars"/>.</summary>
    public static string BoundedBody(IEnumerable<string?> bodiesNewestFirst)
    {
        var builder = new StringBuilder();
        foreach (var body in BoundedBodies(bodiesNewestFirst)) Append(builder, body);
        return builder.ToString();
    }

    /// <summary>The same bound as <see cref="BoundedBody"/>, body by body (for snippets).</summary>
    public static IEnumerable<string> BoundedBodies(IEnumerable<string?> bodiesNewestFirst)
    {
        var left = MaxBodyChars;
        foreach (var body in bodiesNewestFirst)
        {
            if (left <= 0) yield break;
            if (string.IsNullOrWhiteSpace(body)) continue;
            if (body.Length >= left)
            {
                yield return body[..left];
                yield break;
            }
            yield return body;
            left -= body.Length + 1;
        }
    }

    /// <summary>The international form and, for numbers of the company's own country, the national form
    /// with its trunk zero, so "0551234567" and "966551234567" both find "+966 55 123 4567".</summary>
    public static IReadOnlyList<string> PhoneForms(string? value, string? countryCode)
    {
        var international = PhoneNormalizer.Normalize(value, countryCode);
        if (international.Length == 0) return [];
        var code = PhoneNormalizer.Normalize("+" + countryCode);
        if (code.Length > 0 && international.Length > code.Length + 1 && international.StartsWith(code, StringComparison.Ordinal))
            return [international, "0" + international[code.Length..]];
        return [international];
    }

    private static void Append(StringBuilder builder, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        if (builder.Length > 0) builder.Append('\n');
        builder.Append(text);
    }
}
