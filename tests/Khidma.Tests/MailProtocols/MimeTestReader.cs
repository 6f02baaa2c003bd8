using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Khidma.Tests.MailProtocols;

// Just enough MIME reading to check what the builder wrote and what came back from the servers,
// independent of the production parser.
public static partial class MimeTestReader
{
    public static string Ascii(byte[] raw) => Encoding.Latin1.GetString(raw);

    // The header block unfolded, name → values in order (names lower-cased).
    public static List<(string Name, string Value)> Headers(string entity)
    {
        var end = entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var block = end < 0 ? entity : entity[..end];
        var unfolded = block.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", "\t", StringComparison.Ordinal);
        return unfolded.Split("\r\n")
            .Where(l => l.Contains(':', StringComparison.Ordinal))
            .Select(l => (l[..l.IndexOf(':', StringComparison.Ordinal)].ToLowerInvariant(), l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .ToList();
    }

    public static string Header(string entity, string name) => Headers(entity).First(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    // The raw (folded) header field as it appears on the wire, "Name: ...\r\n continuation".
    public static string RawHeaderField(string entity, string name)
    {
        var match = Regex.Match(entity, "(?im)^" + Regex.Escape(name) + @":[^\r]*(\r\n[ \t][^\r]*)*");
        return match.Success ? match.Value : throw new InvalidOperationException($"No {name} header.");
    }

    public static string Body(string entity)
    {
        var end = entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return end < 0 ? "" : entity[(end + 4)..];
    }

    // Joins adjacent encoded words (whitespace between them is dropped, RFC 2047 §6.2).
    public static string DecodeWords(string value)
    {
        var joined = EncodedGap().Replace(value, "$1");
        return EncodedWord().Replace(joined, m =>
        {
            var bytes = m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(m.Groups[3].Value)
                : QuotedPrintableBytes(m.Groups[3].Value.Replace('_', ' '));
            return Encoding.GetEncoding(m.Groups[1].Value).GetString(bytes);
        });
    }

    public static List<string> Parts(string entity)
    {
        var contentType = Header(entity, "content-type");
        var boundary = BoundaryParameter().Match(contentType).Groups[1].Value;
        var body = Body(entity);
        var pieces = body.Split("--" + boundary);
        // Drop the preamble and the epilogue; each part lost the CRLF before its delimiter to the split.
        return pieces.Skip(1).Take(pieces.Length - 2)
            .Select(p => p.StartsWith("\r\n", StringComparison.Ordinal) ? p[2..] : p)
            .Select(p => p.EndsWith("\r\n", StringComparison.Ordinal) ? p[..^2] : p)
            .ToList();
    }

    public static byte[] DecodedBody(string part)
    {
        var encoding = Headers(part).FirstOrDefault(h => h.Name == "content-transfer-encoding").Value?.ToLowerInvariant();
        var body = Body(part);
        return encoding switch
        {
            "base64" => Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal)),
            "quoted-printable" => QuotedPrintableBytes(body),
            _ => Encoding.Latin1.GetBytes(body),
        };
    }

    public static byte[] QuotedPrintableBytes(string text)
    {
        var output = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n')
            {
                i += 2;
            }
            else if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                output.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                output.Add((byte)text[i]);
            }
        }

        return [.. output];
    }

    // RFC 2231: name*=charset''%XX or name*0*=...; name*1*=... joined.
    public static string? ExtendedParameter(string headerValue, string name)
    {
        var sections = new SortedDictionary<int, string>();
        foreach (Match m in Regex.Matches(headerValue, Regex.Escape(name) + @"\*(?:(\d+)\*)?=([^;\s]+)"))
        {
            sections[m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0] = m.Groups[2].Value;
        }

        if (sections.Count == 0)
        {
            return null;
        }

        var joined = string.Concat(sections.Values);
        var value = joined[(joined.IndexOf("''", StringComparison.Ordinal) + 2)..];
        return Uri.UnescapeDataString(value);
    }

    [GeneratedRegex(@"(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)")]
    private static partial Regex EncodedGap();

    [GeneratedRegex(@"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex("boundary=\"?([^\";]+)\"?")]
    private static partial Regex BoundaryParameter();
}
