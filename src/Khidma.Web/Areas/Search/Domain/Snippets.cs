using System.Buffers;
using System.Text;

namespace Khidma.Web.Areas.Search.Domain;

/// <summary>Snippets in the ORIGINAL text: every word is normalized and stemmed on its own, keeping its
/// offsets, and marked when one of its index terms is a query term (or starts with the last, prefix, term)
/// or, for a phone query, when it is a phone number ending with the query's digits. Output is HTML:
/// everything is encoded except the &lt;mark&gt; elements.</summary>
public static class Snippets
{
    public const int DefaultLength = 160;
    private const int MinPhoneDigits = 7;
    private const int MaxPhoneDigits = 15;
    private static readonly SearchValues<char> PhoneSeparators = SearchValues.Create(" -.()\u00A0");
    private static readonly char[] Spaces = [' ', '\n', '\t'];

    internal readonly record struct Span(int Start, int End);

    /// <summary>A window of about <paramref name="length"/> characters around the first hit, or null without a hit.</summary>
    public static string? Window(string? text, SearchQuery query, string? countryCode, int length = DefaultLength)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var hits = Hits(text, query, countryCode, stopAfterFirst: false);
        if (hits.Count == 0) return null;

        var first = hits[0];
        var start = Math.Max(0, first.Start - (length / 4));
        if (start > 0)
        {
            // Start on a word: after the last space before the window, else at the hit itself.
            var wordStart = text.LastIndexOfAny(Spaces, start) + 1;
            start = first.Start - wordStart <= length / 2 ? wordStart : first.Start;
        }
        var end = Math.Min(text.Length, Math.Max(start + length, first.End));
        if (end < text.Length)
        {
            var space = text.LastIndexOfAny(Spaces, end);
            if (space > first.End) end = space;
        }
        return Render(text, start, end, hits);
    }

    /// <summary>The whole text with its hits marked (titles).</summary>
    public static string Highlight(string? text, SearchQuery query, string? countryCode)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return Render(text, 0, text.Length, Hits(text, query, countryCode, stopAfterFirst: false));
    }

    /// <summary>The start of the text, encoded, for a document whose hit is elsewhere.</summary>
    public static string Plain(string? text, int length = DefaultLength)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var end = text.Length;
        if (end > length)
        {
            var space = text.LastIndexOfAny(Spaces, length);
            end = space > length / 2 ? space : length;
        }
        return Render(text, 0, end, []);
    }

    public static bool HasHit(string? text, SearchQuery query, string? countryCode) =>
        !string.IsNullOrEmpty(text) && Hits(text, query, countryCode, stopAfterFirst: true).Count > 0;

    internal static List<Span> Hits(string text, SearchQuery query, string? countryCode, bool stopAfterFirst)
    {
        var hits = new List<Span>();
        if (query.Terms.Count == 0 && query.PhoneDigits is null) return hits;
        // Words of one or two letters (في, من, عن) must be in the document too, but marking them everywhere
        // buries the real hits; they are marked only when the query has nothing longer.
        var minMarked = query.Terms.Any(t => t.Length > 2) ? 3 : 1;
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            var (start, end) = words[i];
            var normalized = ArabicNormalizer.Normalize(text[start..end]);
            if (IsAsciiDigits(normalized) && PhoneGroup(text, words, i, normalized) is { } group)
            {
                // The tokenizer joins "055 123 4567" into one token; so does the snippet.
                if (TermMatches(group.Digits, query, minMarked) || PhoneMatches(text[words[i].Start..words[group.Last].End], query, countryCode))
                {
                    var from = words[i].Start > 0 && text[words[i].Start - 1] == '+' ? words[i].Start - 1 : words[i].Start;
                    hits.Add(new Span(from, words[group.Last].End));
                    if (stopAfterFirst) return hits;
                    i = group.Last;
                    continue;
                }
            }

            // A normalized word is almost always one token; only a ligature such as ﷺ expands into several.
            var matched = IsOneWord(normalized)
                ? TokenMatches(normalized, query, countryCode, minMarked)
                : ArabicNormalizer.Tokenize(normalized).Any(token => TokenMatches(token, query, countryCode, minMarked));
            if (matched)
            {
                hits.Add(new Span(start, end));
                if (stopAfterFirst) return hits;
            }
        }
        return hits;
    }

    private static bool TokenMatches(string token, SearchQuery query, string? countryCode, int minMarked) =>
        TermMatches(LightStemmer.Stem(token), query, minMarked)
        || (LightStemmer.StemWithoutClitic(token) is { } alternative && TermMatches(alternative, query, minMarked))
        || (IsAsciiDigits(token) && token.Length >= MinPhoneDigits && PhoneMatches(token, query, countryCode));

    private static bool IsOneWord(string normalized)
    {
        var span = normalized.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            System.Text.Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
            if (!ArabicNormalizer.IsWordRune(rune)) return false;
            i += consumed;
        }
        return span.Length > 0;
    }

    private static bool TermMatches(string indexTerm, SearchQuery query, int minLength)
    {
        var terms = query.Terms;
        for (var i = 0; i < terms.Count; i++)
        {
            if (terms[i].Length < minLength) continue;
            if (string.Equals(indexTerm, terms[i], StringComparison.Ordinal)) return true;
            if (i == terms.Count - 1 && indexTerm.StartsWith(terms[i], StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static bool PhoneMatches(string original, SearchQuery query, string? countryCode) =>
        query.PhoneDigits is { } digits && PhoneNormalizer.Normalize(original, countryCode).EndsWith(digits, StringComparison.Ordinal);

    // Same rule as ArabicNormalizer.Tokenize: digit groups split by one or two of space - . ( ) NBSP are one
    // number when there are 2+ groups with 7-15 digits in all.
    private static (string Digits, int Last)? PhoneGroup(string text, List<(int Start, int End)> words, int first, string firstDigits)
    {
        var digits = new StringBuilder(firstDigits);
        var last = first;
        while (last + 1 < words.Count)
        {
            var gap = text.AsSpan(words[last].End, words[last + 1].Start - words[last].End);
            if (gap.Length is < 1 or > 2 || gap.IndexOfAnyExcept(PhoneSeparators) >= 0) break;
            var next = ArabicNormalizer.Normalize(text[words[last + 1].Start..words[last + 1].End]);
            if (!IsAsciiDigits(next) || digits.Length + next.Length > MaxPhoneDigits) break;
            digits.Append(next);
            last++;
        }
        return last > first && digits.Length >= MinPhoneDigits ? (digits.ToString(), last) : null;
    }

    private static List<(int Start, int End)> Words(string text)
    {
        var words = new List<(int, int)>();
        var span = text.AsSpan();
        var start = -1;
        var i = 0;
        while (i < span.Length)
        {
            System.Text.Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
            if (ArabicNormalizer.IsWordRune(rune))
            {
                if (start < 0) start = i;
            }
            else if (start >= 0)
            {
                words.Add((start, i));
                start = -1;
            }
            i += consumed;
        }
        if (start >= 0) words.Add((start, span.Length));
        return words;
    }

    private static bool IsAsciiDigits(string s)
    {
        if (s.Length == 0) return false;
        foreach (var c in s)
            if (c is < '0' or > '9') return false;
        return true;
    }

    private static string Render(string text, int start, int end, List<Span> hits)
    {
        var html = new StringBuilder((end - start) + 32);
        if (start > 0) html.Append('…');
        var position = start;
        foreach (var hit in hits)
        {
            var (from, to) = (hit.Start, hit.End);
            if (to <= start) continue;
            if (from >= end) break;
            from = Math.Max(from, start);
            to = Math.Min(to, end);
            AppendText(html, text, position, from);
            html.Append("<mark>");
            AppendText(html, text, from, to);
            html.Append("</mark>");
            position = to;
        }
        AppendText(html, text, position, end);
        if (end < text.Length) html.Append('…');
        return html.ToString();
    }

    // Line breaks and runs of spaces become one space: a snippet is one line.
    private static void AppendText(StringBuilder html, string text, int from, int to)
    {
        if (to <= from) return;
        var piece = new StringBuilder(to - from);
        var space = false;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (!space) piece.Append(' ');
                space = true;
                continue;
            }
            space = false;
            piece.Append(c);
        }
        foreach (var c in piece.ToString())
        {
            switch (c)
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(c); break;
            }
        }
    }
}
