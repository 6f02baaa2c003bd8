using System.Buffers;
using System.Globalization;
using System.Text;

namespace Khidma.Web.Areas.Search.Domain;

public static class ArabicNormalizer
{
    private const int StackBufferSize = 256;
    private const char CompatFirst = '\uFB00';
    private const char CompatLast = '\uFFEF';
    private const char TailFragment = '\uFE73';
    private const int MinPhoneDigits = 7;
    private const int MaxPhoneDigits = 15;

    // Computed once so the hot path never calls string.Normalize; entries are already mapped by the
    // other rules, so a presentation form and its base letters normalize to the same text.
    private static readonly string?[] CompatExpansions = BuildCompatExpansions();

    private enum CharAction : byte
    {
        Keep,
        Replace,
        Drop,
        Expand,
    }

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var first = IndexOfFirstChange(text);
        if (first < 0)
        {
            return text;
        }

        var writer = new CharWriter(
            text.Length <= StackBufferSize ? stackalloc char[StackBufferSize] : default,
            text.Length);
        try
        {
            writer.Append(text.AsSpan(0, first));
            for (var i = first; i < text.Length; i++)
            {
                var c = text[i];
                switch (Classify(c, useCompatTable: true, out var replacement))
                {
                    case CharAction.Keep:
                        writer.Append(c);
                        break;
                    case CharAction.Replace:
                        writer.Append(replacement);
                        break;
                    case CharAction.Expand:
                        writer.Append(CompatExpansions[c - CompatFirst]);
                        break;
                    case CharAction.Drop:
                    default:
                        break;
                }
            }

            return writer.ToString();
        }
        finally
        {
            writer.Dispose();
        }
    }

    public static IReadOnlyList<string> Tokenize(string? text)
    {
        var normalized = Normalize(text);
        var tokens = new List<string>();
        if (normalized.Length == 0)
        {
            return tokens;
        }

        var digitGroups = new List<Range>();
        var pendingDigits = 0;
        var pendingEnd = 0;
        var position = 0;

        while (NextWord(normalized, position, out var start, out var end))
        {
            position = end;
            var isDigitGroup = IsAsciiDigits(normalized.AsSpan(start, end - start));
            var length = end - start;

            if (isDigitGroup
                && digitGroups.Count > 0
                && pendingDigits + length <= MaxPhoneDigits
                && IsPhoneSeparator(normalized.AsSpan(pendingEnd, start - pendingEnd)))
            {
                digitGroups.Add(start..end);
                pendingDigits += length;
                pendingEnd = end;
                continue;
            }

            FlushDigitGroups(normalized, digitGroups, pendingDigits, tokens);
            pendingDigits = 0;

            if (isDigitGroup)
            {
                digitGroups.Add(start..end);
                pendingDigits = length;
                pendingEnd = end;
            }
            else
            {
                tokens.Add(normalized[start..end]);
            }
        }

        FlushDigitGroups(normalized, digitGroups, pendingDigits, tokens);
        return tokens;
    }

    // ASCII and the basic Arabic letters are decided without the Unicode category lookup: they are almost
    // all of the text, and this runs for every character indexed.
    internal static bool IsWordRune(Rune rune) => rune.Value switch
    {
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' => true,
        < 0x80 => false,
        >= 0x0621 and <= 0x064A => true,
        _ => IsWordCategory(rune),
    };

    private static bool IsWordCategory(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber
            or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark => true,
        _ => false,
    };

    private static bool NextWord(string text, int from, out int start, out int end)
    {
        var span = text.AsSpan();
        var i = from;
        start = -1;
        while (i < span.Length)
        {
            Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
            var isWord = IsWordRune(rune);
            if (start < 0)
            {
                if (isWord)
                {
                    start = i;
                }
            }
            else if (!isWord)
            {
                end = i;
                return true;
            }

            i += consumed;
        }

        end = span.Length;
        return start >= 0;
    }

    private static void FlushDigitGroups(string text, List<Range> groups, int digitCount, List<string> tokens)
    {
        if (groups.Count == 0)
        {
            return;
        }

        if (groups.Count > 1 && digitCount >= MinPhoneDigits)
        {
            Span<char> joined = stackalloc char[MaxPhoneDigits];
            var length = 0;
            foreach (var group in groups)
            {
                var part = text.AsSpan()[group];
                part.CopyTo(joined[length..]);
                length += part.Length;
            }

            tokens.Add(new string(joined[..length]));
        }
        else
        {
            foreach (var group in groups)
            {
                tokens.Add(text[group]);
            }
        }

        groups.Clear();
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    // Phone numbers are written "055 123 4567", "055-123-4567", "(055) 123.4567"; a slash is left out
    // on purpose so dates like 12/05/2024 stay separate numbers.
    private static bool IsPhoneSeparator(ReadOnlySpan<char> gap)
    {
        if (gap.Length is < 1 or > 2)
        {
            return false;
        }

        foreach (var c in gap)
        {
            if (c is not (' ' or '-' or '.' or '(' or ')' or '\u00A0'))
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOfFirstChange(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Classify(text[i], useCompatTable: true, out _) != CharAction.Keep)
            {
                return i;
            }
        }

        return -1;
    }

    private static CharAction Classify(char c, bool useCompatTable, out char replacement)
    {
        replacement = c;
        if (c < '\u0080')
        {
            if (c is >= 'A' and <= 'Z')
            {
                replacement = (char)(c + ('a' - 'A'));
                return CharAction.Replace;
            }

            return CharAction.Keep;
        }

        if (c is >= '\u0600' and <= '\u06FF')
        {
            return ClassifyArabic(c, out replacement);
        }

        if (IsInvisible(c))
        {
            return CharAction.Drop;
        }

        if (useCompatTable && c is >= CompatFirst and <= CompatLast)
        {
            var expansion = CompatExpansions[c - CompatFirst];
            if (expansion is not null)
            {
                return CharAction.Expand;
            }
        }

        var lower = char.ToLowerInvariant(c);
        if (lower != c)
        {
            replacement = lower;
            return CharAction.Replace;
        }

        return CharAction.Keep;
    }

    private static CharAction ClassifyArabic(char c, out char replacement)
    {
        replacement = c;
        switch (c)
        {
            // Letters carrying hamza or madda fold to their canonical base letter, which is also what
            // the decomposed spelling (base + U+0653/U+0654/U+0655) becomes once the marks are dropped.
            case '\u0622' or '\u0623' or '\u0625' or '\u0671' or '\u0672' or '\u0673' or '\u0675':
                replacement = '\u0627';
                return CharAction.Replace;
            case '\u0624' or '\u0676':
                replacement = '\u0648';
                return CharAction.Replace;
            case '\u0626' or '\u0678' or '\u0649' or '\u06CC':
                replacement = '\u064A';
                return CharAction.Replace;
            case '\u0629':
                replacement = '\u0647';
                return CharAction.Replace;
            case '\u06A9':
                replacement = '\u0643';
                return CharAction.Replace;
            case '\u0677':
                replacement = '\u06C7';
                return CharAction.Replace;
            case '\u06C0':
                replacement = '\u06D5';
                return CharAction.Replace;
            case '\u06C2':
                replacement = '\u06C1';
                return CharAction.Replace;
            case '\u06D3':
                replacement = '\u06D2';
                return CharAction.Replace;
            case '\u0621' or '\u0674' or '\u0640' or '\u061C':
                return CharAction.Drop;
            default:
                break;
        }

        if (c is >= '\u0660' and <= '\u0669')
        {
            replacement = (char)('0' + (c - '\u0660'));
            return CharAction.Replace;
        }

        if (c is >= '\u06F0' and <= '\u06F9')
        {
            replacement = (char)('0' + (c - '\u06F0'));
            return CharAction.Replace;
        }

        if (c is (>= '\u064B' and <= '\u065F') or '\u0670' or (>= '\u06D6' and <= '\u06ED') or (>= '\u0610' and <= '\u061A'))
        {
            return CharAction.Drop;
        }

        return CharAction.Keep;
    }

    private static bool IsInvisible(char c) => c is '\u00AD'
        or '\u180E'
        or (>= '\u200B' and <= '\u200F')
        or (>= '\u202A' and <= '\u202E')
        or (>= '\u2060' and <= '\u2064')
        or (>= '\u2066' and <= '\u2069')
        or (>= '\uFE00' and <= '\uFE0F')
        or '\uFEFF';

    private static string?[] BuildCompatExpansions()
    {
        var table = new string?[CompatLast - CompatFirst + 1];
        Span<char> single = stackalloc char[1];
        for (var c = CompatFirst; c <= CompatLast; c++)
        {
            if (IsInvisible(c))
            {
                continue;
            }

            single[0] = c;
            var original = new string(single);
            string decomposed;
            try
            {
                decomposed = original.Normalize(NormalizationForm.FormKC);
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (!string.Equals(decomposed, original, StringComparison.Ordinal))
            {
                table[c - CompatFirst] = MapWithoutCompat(decomposed);
            }
        }

        // ARABIC TAIL FRAGMENT is a letter with no decomposition, but only a piece of a glyph: dropped like
        // tatweel, so it neither sticks to a word nor survives as a presentation form.
        table[TailFragment - CompatFirst] = string.Empty;

        return table;
    }

    private static string MapWithoutCompat(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (Classify(c, useCompatTable: false, out var replacement))
            {
                case CharAction.Keep:
                    builder.Append(c);
                    break;
                case CharAction.Replace:
                    builder.Append(replacement);
                    break;
                case CharAction.Drop:
                case CharAction.Expand:
                default:
                    break;
            }
        }

        return builder.ToString();
    }

    private ref struct CharWriter
    {
        private Span<char> _buffer;
        private char[]? _rented;
        private int _length;

        public CharWriter(Span<char> initial, int capacity)
        {
            if (initial.Length >= capacity)
            {
                _buffer = initial;
                _rented = null;
            }
            else
            {
                _rented = ArrayPool<char>.Shared.Rent(capacity);
                _buffer = _rented;
            }

            _length = 0;
        }

        public void Append(char c)
        {
            if (_length == _buffer.Length)
            {
                Grow(1);
            }

            _buffer[_length++] = c;
        }

        public void Append(ReadOnlySpan<char> text)
        {
            if (_length + text.Length > _buffer.Length)
            {
                Grow(text.Length);
            }

            text.CopyTo(_buffer[_length..]);
            _length += text.Length;
        }

        public override readonly string ToString() => new(_buffer[.._length]);

        public void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<char>.Shared.Return(_rented);
                _rented = null;
            }
        }

        private void Grow(int needed)
        {
            var next = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
            _buffer[.._length].CopyTo(next);
            Dispose();
            _rented = next;
            _buffer = next;
        }
    }
}
