using System.Globalization;
using System.Text;

namespace Khidma.Web.Areas.Mail.Mime;

public static class MimeHeaders
{
    private static readonly Dictionary<string, string> NoParameters = new(StringComparer.OrdinalIgnoreCase);

    private struct RawHeader
    {
        public int NameStart;
        public int NameLength;
        public int FirstSegment;
        public int SegmentCount;
    }

    // Reads the header block at the start of data; bodyOffset is where the body starts (data.Length if none).
    public static HeaderCollection ParseBlock(ReadOnlySpan<byte> data, out int bodyOffset)
    {
        var raws = new List<RawHeader>();
        var segments = new List<(int Start, int Length)>();
        var pos = 0;
        var first = true;
        bodyOffset = data.Length;

        while (pos < data.Length)
        {
            var nl = data[pos..].IndexOf((byte)'\n');
            var lineEnd = nl < 0 ? data.Length : pos + nl;
            var next = nl < 0 ? data.Length : lineEnd + 1;
            var contentEnd = lineEnd;
            while (contentEnd > pos && data[contentEnd - 1] == '\r')
            {
                contentEnd--;
            }

            var line = data[pos..contentEnd];
            if (line.IsEmpty)
            {
                bodyOffset = next;
                return Build(data, raws, segments);
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (raws.Count == 0)
                {
                    bodyOffset = pos;
                    return Build(data, raws, segments);
                }

                var last = raws[^1];
                last.SegmentCount++;
                raws[^1] = last;
                segments.Add((pos, contentEnd - pos));
                pos = next;
                first = false;
                continue;
            }

            if (first && line.StartsWith("From "u8))
            {
                // mbox exports start with a "From " separator that is not a header.
                pos = next;
                first = false;
                continue;
            }

            first = false;
            var colon = HeaderColon(line, out var nameLength);
            if (colon > 0)
            {
                raws.Add(new RawHeader { NameStart = pos, NameLength = nameLength, FirstSegment = segments.Count, SegmentCount = 1 });
                segments.Add((pos + colon + 1, contentEnd - (pos + colon + 1)));
                pos = next;
                continue;
            }

            // A stray line without a colon: skip it if real headers follow, otherwise the body starts here.
            if (next < data.Length && StartsWithHeader(data[next..]))
            {
                pos = next;
                continue;
            }

            bodyOffset = pos;
            return Build(data, raws, segments);
        }

        return Build(data, raws, segments);
    }

    private static bool StartsWithHeader(ReadOnlySpan<byte> data)
    {
        var nl = data.IndexOf((byte)'\n');
        var line = nl < 0 ? data : data[..nl];
        return HeaderColon(line, out _) > 0;
    }

    private static int HeaderColon(ReadOnlySpan<byte> line, out int nameLength)
    {
        var i = 0;
        while (i < line.Length && line[i] is > 32 and < 127 and not (byte)':')
        {
            i++;
        }

        nameLength = i;
        if (i == 0)
        {
            return -1;
        }

        var j = i;
        while (j < line.Length && line[j] is (byte)' ' or (byte)'\t')
        {
            j++;
        }

        return j < line.Length && line[j] == ':' ? j : -1;
    }

    private static HeaderCollection Build(ReadOnlySpan<byte> data, List<RawHeader> raws, List<(int Start, int Length)> segments)
    {
        if (raws.Count == 0)
        {
            return HeaderCollection.Empty;
        }

        var headers = new MailHeader[raws.Count];
        Encoding? hint = null;
        var hintResolved = false;
        byte[]? buffer = null;

        for (var h = 0; h < raws.Count; h++)
        {
            var raw = raws[h];
            var name = Encoding.ASCII.GetString(data.Slice(raw.NameStart, raw.NameLength));
            ReadOnlySpan<byte> value;
            if (raw.SegmentCount == 1)
            {
                var (s, l) = segments[raw.FirstSegment];
                value = data.Slice(s, l);
            }
            else
            {
                var total = 0;
                for (var k = 0; k < raw.SegmentCount; k++)
                {
                    total += segments[raw.FirstSegment + k].Length;
                }

                if (buffer is null || buffer.Length < total)
                {
                    buffer = new byte[Math.Max(total, 256)];
                }

                var written = 0;
                for (var k = 0; k < raw.SegmentCount; k++)
                {
                    var (s, l) = segments[raw.FirstSegment + k];
                    data.Slice(s, l).CopyTo(buffer.AsSpan(written));
                    written += l;
                }

                value = buffer.AsSpan(0, written);
            }

            value = value.Trim(" \t\r"u8);
            string text;
            if (System.Text.Ascii.IsValid(value))
            {
                text = Encoding.ASCII.GetString(value);
            }
            else
            {
                if (!hintResolved)
                {
                    hint = CharsetHint(data, raws, segments);
                    hintResolved = true;
                }

                text = Charsets.DecodeUnlabelled(value, hint);
            }

            headers[h] = new MailHeader(name, text);
        }

        return new HeaderCollection(headers);
    }

    // Unencoded 8-bit headers are usually in the charset the part declares for its body.
    private static Encoding? CharsetHint(ReadOnlySpan<byte> data, List<RawHeader> raws, List<(int Start, int Length)> segments)
    {
        foreach (var raw in raws)
        {
            if (!System.Text.Ascii.EqualsIgnoreCase(data.Slice(raw.NameStart, raw.NameLength), "Content-Type"u8))
            {
                continue;
            }

            var sb = new StringBuilder();
            for (var k = 0; k < raw.SegmentCount; k++)
            {
                var (s, l) = segments[raw.FirstSegment + k];
                sb.Append(Encoding.Latin1.GetString(data.Slice(s, l)));
            }

            return Charsets.Resolve(ParseParameterized(sb.ToString())["charset"]);
        }

        return null;
    }

    // RFC 2047. Adjacent words are joined as bytes first so a character split across two words survives.
    public static string DecodeEncodedWords(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var start = value.IndexOf("=?", StringComparison.Ordinal);
        if (start < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        var pending = new List<byte>();
        string? pendingCharset = null;
        var i = 0;

        while (i < value.Length)
        {
            start = value.IndexOf("=?", i, StringComparison.Ordinal);
            if (start < 0)
            {
                Flush(sb, pending, ref pendingCharset);
                sb.Append(value, i, value.Length - i);
                break;
            }

            if (TryParseWord(value, start, out var charset, out var bEncoding, out var textStart, out var textEnd))
            {
                var between = value.AsSpan(i, start - i);
                if (pendingCharset is null || !between.IsWhiteSpace())
                {
                    Flush(sb, pending, ref pendingCharset);
                    sb.Append(between);
                }
                else if (!string.Equals(pendingCharset, charset, StringComparison.OrdinalIgnoreCase))
                {
                    Flush(sb, pending, ref pendingCharset);
                }

                pendingCharset = charset;
                var text = value.AsSpan(textStart, textEnd - textStart);
                if (bEncoding)
                {
                    ContentDecoding.Base64Into(text, pending);
                }
                else
                {
                    QDecodeInto(text, pending);
                }

                i = textEnd + 2;
            }
            else
            {
                Flush(sb, pending, ref pendingCharset);
                sb.Append(value, i, start + 2 - i);
                i = start + 2;
            }
        }

        Flush(sb, pending, ref pendingCharset);
        return sb.ToString();
    }

    private static void Flush(StringBuilder sb, List<byte> pending, ref string? charset)
    {
        if (charset is null)
        {
            return;
        }

        sb.Append(Charsets.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending), charset));
        pending.Clear();
        charset = null;
    }

    private static bool TryParseWord(string s, int start, out string charset, out bool bEncoding, out int textStart, out int textEnd)
    {
        charset = string.Empty;
        bEncoding = false;
        textStart = textEnd = 0;

        var p = start + 2;
        var q1 = s.IndexOf('?', p);
        if (q1 <= p || q1 - p > 64 || q1 + 3 >= s.Length)
        {
            return false;
        }

        for (var k = p; k < q1; k++)
        {
            if (char.IsWhiteSpace(s[k]) || s[k] == '=')
            {
                return false;
            }
        }

        var enc = s[q1 + 1];
        if (s[q1 + 2] != '?' || enc is not ('B' or 'b' or 'Q' or 'q'))
        {
            return false;
        }

        textStart = q1 + 3;
        var end = s.IndexOf('?', textStart);
        if (end < 0 || end + 1 >= s.Length || s[end + 1] != '=')
        {
            return false;
        }

        for (var k = textStart; k < end; k++)
        {
            if (s[k] is ' ' or '\t' or '\r' or '\n')
            {
                return false;
            }
        }

        textEnd = end;
        var cs = s.AsSpan(p, q1 - p);
        // RFC 2231 section 5 allows charset*language inside an encoded word.
        var star = cs.IndexOf('*');
        charset = (star >= 0 ? cs[..star] : cs).ToString();
        bEncoding = enc is 'B' or 'b';
        return true;
    }

    private static void QDecodeInto(ReadOnlySpan<char> text, List<byte> output)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_')
            {
                output.Add((byte)' ');
            }
            else if (c == '=' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                output.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else
            {
                AddChar(output, c);
            }
        }
    }

    private static void AddChar(List<byte> output, char c)
    {
        if (c < 0x80)
        {
            output.Add((byte)c);
            return;
        }

        Span<byte> tmp = stackalloc byte[4];
        var n = new Rune(char.IsSurrogate(c) ? '\uFFFD' : c).EncodeToUtf8(tmp);
        for (var k = 0; k < n; k++)
        {
            output.Add(tmp[k]);
        }
    }

    internal static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    internal static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    // "type/subtype; a=b; name*0*=utf-8''%D8%A7; name*1=..." with RFC 2231 continuations and charsets.
    public static ParameterizedValue ParseParameterized(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new ParameterizedValue(string.Empty, NoParameters);
        }

        var semi = value.IndexOf(';', StringComparison.Ordinal);
        var mainEnd = semi < 0 ? value.Length : semi;
        var paramStart = semi + 1;
        var lead = value.AsSpan(0, mainEnd).TrimStart();
        var space = lead.IndexOfAny(" \t");
        if (space > 0 && lead[space..].Contains('='))
        {
            // "text/plain charset=utf-8": a missing ';' still leaves a usable parameter.
            mainEnd = value.Length - value.AsSpan().TrimStart().Length + space;
            paramStart = mainEnd;
        }

        var main = StripComments(value[..mainEnd]).Trim().Trim('"').Trim().ToLowerInvariant();
        if (paramStart <= 0)
        {
            return new ParameterizedValue(main, NoParameters);
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        List<(string Base, int Section, bool Encoded, string Value)>? extended = null;
        var i = paramStart;
        var n = value.Length;

        while (i < n)
        {
            while (i < n && (value[i] == ';' || char.IsWhiteSpace(value[i])))
            {
                i++;
            }

            if (i >= n)
            {
                break;
            }

            var nameStart = i;
            while (i < n && value[i] != '=' && value[i] != ';')
            {
                i++;
            }

            if (i >= n || value[i] == ';')
            {
                continue;
            }

            var name = value.AsSpan(nameStart, i - nameStart).Trim().ToString().ToLowerInvariant();
            i++;
            while (i < n && value[i] is ' ' or '\t')
            {
                i++;
            }

            string paramValue;
            if (i < n && value[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < n && value[i] != '"')
                {
                    if (value[i] == '\\' && i + 1 < n)
                    {
                        i++;
                    }

                    sb.Append(value[i]);
                    i++;
                }

                i++;
                while (i < n && value[i] != ';')
                {
                    i++;
                }

                paramValue = sb.ToString();
            }
            else
            {
                var vs = i;
                while (i < n && value[i] != ';')
                {
                    i++;
                }

                paramValue = value.AsSpan(vs, i - vs).Trim().ToString();
            }

            if (name.Length == 0)
            {
                continue;
            }

            var star = name.IndexOf('*', StringComparison.Ordinal);
            if (star > 0)
            {
                var baseName = name[..star];
                var encoded = name.EndsWith('*');
                var rest = name.AsSpan(star + 1).TrimEnd('*');
                var section = 0;
                if (rest.Length > 0 && !int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out section))
                {
                    continue;
                }

                (extended ??= []).Add((baseName, section, encoded, paramValue));
            }
            else
            {
                parameters.TryAdd(name, paramValue.Contains("=?", StringComparison.Ordinal) ? DecodeEncodedWords(paramValue) : paramValue);
            }
        }

        if (extended is not null)
        {
            CombineExtended(extended, parameters);
        }

        return new ParameterizedValue(main, parameters);
    }

    private static void CombineExtended(List<(string Base, int Section, bool Encoded, string Value)> extended, Dictionary<string, string> parameters)
    {
        extended.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Base, b.Base);
            return c != 0 ? c : a.Section.CompareTo(b.Section);
        });

        var i = 0;
        while (i < extended.Count)
        {
            var baseName = extended[i].Base;
            var bytes = new List<byte>();
            string? charset = null;
            var firstOfGroup = true;
            var lastSection = -1;

            for (; i < extended.Count && extended[i].Base == baseName; i++)
            {
                var (_, section, encoded, v) = extended[i];
                if (section == lastSection)
                {
                    continue;
                }

                lastSection = section;
                var text = v.AsSpan();
                if (encoded && firstOfGroup)
                {
                    var q1 = text.IndexOf('\'');
                    var q2 = q1 < 0 ? -1 : text[(q1 + 1)..].IndexOf('\'');
                    if (q2 >= 0)
                    {
                        charset = text[..q1].ToString();
                        text = text[(q1 + 1 + q2 + 1)..];
                    }
                }

                firstOfGroup = false;
                if (encoded)
                {
                    PercentDecodeInto(text, bytes);
                }
                else
                {
                    foreach (var c in text)
                    {
                        AddChar(bytes, c);
                    }
                }
            }

            var decoded = Charsets.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes), charset);
            if (decoded.Contains("=?", StringComparison.Ordinal))
            {
                decoded = DecodeEncodedWords(decoded);
            }

            parameters[baseName] = decoded;
        }
    }

    private static void PercentDecodeInto(ReadOnlySpan<char> text, List<byte> output)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                output.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else
            {
                AddChar(output, c);
            }
        }
    }

    private static string StripComments(string s)
    {
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        var depth = 0;
        foreach (var c in s)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    // Message-ID, In-Reply-To, References: ids without angle brackets, in order.
    public static IReadOnlyList<string> ParseMessageIds(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var ids = new List<string>();
        var n = value.Length;
        if (value.Contains('<', StringComparison.Ordinal))
        {
            var i = 0;
            while (i < n)
            {
                var open = value.IndexOf('<', i);
                if (open < 0)
                {
                    break;
                }

                var close = value.IndexOf('>', open + 1);
                if (close < 0)
                {
                    close = n;
                }

                AddId(ids, value.AsSpan(open + 1, close - open - 1));
                i = close + 1;
            }

            return ids;
        }

        var text = StripComments(value);
        var p = 0;
        while (p < text.Length)
        {
            while (p < text.Length && (char.IsWhiteSpace(text[p]) || text[p] == ','))
            {
                p++;
            }

            var s = p;
            while (p < text.Length && !char.IsWhiteSpace(text[p]) && text[p] != ',')
            {
                p++;
            }

            if (p > s)
            {
                AddId(ids, text.AsSpan(s, p - s));
            }
        }

        return ids;
    }

    private static void AddId(List<string> ids, ReadOnlySpan<char> id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (!char.IsWhiteSpace(c) && c != '<' && c != '>')
            {
                sb.Append(c);
            }
        }

        if (sb.Length > 0)
        {
            ids.Add(sb.ToString());
        }
    }
}
