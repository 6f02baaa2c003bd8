using System.Text;

namespace Khidma.Web.Areas.Search.Domain;

public static class SearchText
{
    // Bounds the work a single pasted query can cause in the FTS engine.
    public const int MaxQueryTerms = 32;

    public static string ForIndex(string? text)
    {
        var tokens = ArabicNormalizer.Tokenize(text);
        if (tokens.Count == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder((text?.Length ?? 0) + 16);
        foreach (var token in tokens)
        {
            AppendTerm(builder, LightStemmer.Stem(token));
            var alternative = LightStemmer.StemWithoutClitic(token);
            if (alternative is not null)
            {
                AppendTerm(builder, alternative);
            }
        }

        return builder.ToString();
    }

    public static IReadOnlyList<string> ForQuery(string? userQuery)
    {
        var tokens = ArabicNormalizer.Tokenize(userQuery);
        var count = Math.Min(tokens.Count, MaxQueryTerms);
        var terms = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            terms.Add(LightStemmer.Stem(tokens[i]));
        }

        return terms;
    }

    public static string Fts5MatchFor(string? userQuery) => BuildFts5Match(ForQuery(userQuery));

    public static string TsQueryFor(string? userQuery) => BuildTsQuery(ForQuery(userQuery));

    // "a" "b"* : every term is a quoted FTS5 string, so AND/OR/NOT/NEAR, column filters and carets
    // in user input are plain text; an empty result means "no search", as MATCH '' is a syntax error.
    public static string BuildFts5Match(IEnumerable<string> terms, bool prefixLast = true)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var safe = SanitizeAll(terms);
        var builder = new StringBuilder();
        for (var i = 0; i < safe.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append('"').Append(safe[i].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            if (prefixLast && i == safe.Count - 1)
            {
                builder.Append('*');
            }
        }

        return builder.ToString();
    }

    // 'a' & 'b':* for to_tsquery('simple', @q); quoting plus sanitizing means no operator
    // (& | ! <-> : * parentheses or quotes) from user input can reach the tsquery parser.
    public static string BuildTsQuery(IEnumerable<string> terms, bool prefixLast = true)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var safe = SanitizeAll(terms);
        var builder = new StringBuilder();
        for (var i = 0; i < safe.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(" & ");
            }

            builder.Append('\'').Append(safe[i].Replace("'", "''", StringComparison.Ordinal)).Append('\'');
            if (prefixLast && i == safe.Count - 1)
            {
                builder.Append(":*");
            }
        }

        return builder.ToString();
    }

    private static void AppendTerm(StringBuilder builder, string term)
    {
        if (builder.Length > 0)
        {
            builder.Append(' ');
        }

        builder.Append(term);
    }

    private static List<string> SanitizeAll(IEnumerable<string> terms)
    {
        var result = new List<string>();
        foreach (var term in terms)
        {
            var clean = Sanitize(term);
            if (clean.Length > 0)
            {
                result.Add(clean);
            }
        }

        return result;
    }

    // Terms produced by ForQuery are already letters, digits and marks; callers may pass anything,
    // so everything else is dropped rather than escaped.
    private static string Sanitize(string? term)
    {
        if (string.IsNullOrEmpty(term))
        {
            return string.Empty;
        }

        var span = term.AsSpan();
        StringBuilder? builder = null;
        var i = 0;
        while (i < span.Length)
        {
            Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
            if (ArabicNormalizer.IsWordRune(rune))
            {
                builder?.Append(span.Slice(i, consumed));
            }
            else
            {
                builder ??= new StringBuilder(term.Length).Append(span[..i]);
            }

            i += consumed;
        }

        return builder?.ToString() ?? term;
    }
}
