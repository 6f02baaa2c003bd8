using System.Security.Cryptography;
using System.Text;

namespace Khidma.Web.Areas.Mail.Mime;

public static class MimeParser
{
    // Deeper nesting than this is hostile or broken; the rest of the subtree is kept as one opaque attachment.
    public const int MaxDepth = 32;

    private static readonly Dictionary<string, string> NoParameters = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ParameterizedValue TextPlain = new("text/plain", NoParameters);
    private static readonly ParameterizedValue MessageRfc822 = new("message/rfc822", NoParameters);

    // No copy: the result slices raw (RawBody, 7bit/8bit/binary attachment content), so raw must not change afterwards.
    public static ParsedMail Parse(byte[] raw) => Parse(new ReadOnlyMemory<byte>(raw));

    public static ParsedMail Parse(ReadOnlySpan<byte> raw) => Parse(new ReadOnlyMemory<byte>(raw.ToArray()));

    public static ParsedMail Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return Parse(new ReadOnlyMemory<byte>(ms.GetBuffer(), 0, (int)ms.Length));
    }

    // Same no-copy rule as Parse(byte[]).
    public static ParsedMail Parse(ReadOnlyMemory<byte> raw)
    {
        try
        {
            var root = ParseEntity(raw);
            var state = new BodyState();
            Walk(root, null, state);

            var text = state.Text;
            if (text is null)
            {
                text = state.Html is null ? string.Empty : HtmlToText.Convert(state.Html);
            }

            return new ParsedMail(root, text, state.Html, state.Attachments, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Ingest must never drop a message: fall back to the raw bytes as text and report why.
            var root = new MimeEntity(HeaderCollection.Empty, TextPlain, null, string.Empty, raw, [], null);
            return new ParsedMail(root, Charsets.Decode(raw.Span, null), null, [], ex.GetType().Name + ": " + ex.Message);
        }
    }

    public static MimeEntity ParseEntity(ReadOnlyMemory<byte> raw) => ParseEntity(raw, 0, false);

    private static MimeEntity ParseEntity(ReadOnlyMemory<byte> raw, int depth, bool digestChild)
    {
        var headers = MimeHeaders.ParseBlock(raw.Span, out var bodyOffset);
        var body = raw[bodyOffset..];
        var contentType = ContentTypeOf(headers, digestChild);
        var dispositionRaw = headers.First("Content-Disposition");
        var disposition = dispositionRaw is null ? null : MimeHeaders.ParseParameterized(dispositionRaw);
        var transferEncoding = TransferEncodingOf(headers.First("Content-Transfer-Encoding"));
        IReadOnlyList<MimeEntity> children = [];
        MimeEntity? message = null;

        if (contentType.Value.StartsWith("multipart/", StringComparison.Ordinal))
        {
            if (depth >= MaxDepth)
            {
                contentType = contentType with { Value = "application/octet-stream" };
            }
            else
            {
                var boundary = contentType["boundary"];
                if (string.IsNullOrEmpty(boundary))
                {
                    boundary = DetectBoundary(body.Span);
                }

                var parts = boundary is null ? [] : Split(body.Span, boundary);
                if (parts.Count == 0)
                {
                    // Nothing to split: keep the body readable as text rather than losing it.
                    contentType = contentType with { Value = "text/plain" };
                }
                else
                {
                    var list = new MimeEntity[parts.Count];
                    var digest = contentType.Value == "multipart/digest";
                    for (var i = 0; i < parts.Count; i++)
                    {
                        list[i] = ParseEntity(body.Slice(parts[i].Start, parts[i].Length), depth + 1, digest);
                    }

                    children = list;
                }
            }
        }
        else if (contentType.Value is "message/rfc822" or "message/global" && depth < MaxDepth)
        {
            message = ParseEntity(ContentDecoding.Decode(body, transferEncoding), depth + 1, false);
        }

        return new MimeEntity(headers, contentType, disposition, transferEncoding, body, children, message);
    }

    private static ParameterizedValue ContentTypeOf(HeaderCollection headers, bool digestChild)
    {
        var raw = headers.First("Content-Type");
        if (raw is null)
        {
            return digestChild ? MessageRfc822 : TextPlain;
        }

        var parsed = MimeHeaders.ParseParameterized(raw);
        var value = parsed.Value;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1 || value.AsSpan().ContainsAny(" \t\"'"))
        {
            // RFC 2045: an unusable Content-Type means text/plain (the charset, if any, is still worth keeping).
            var sb = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (!char.IsWhiteSpace(c) && c is not ('"' or '\''))
                {
                    sb.Append(c);
                }
            }

            var compact = sb.ToString();
            var cs = compact.IndexOf('/', StringComparison.Ordinal);
            value = cs > 0 && cs < compact.Length - 1 ? compact : "text/plain";
            return parsed with { Value = value };
        }

        return parsed;
    }

    // First token only: real headers carry quotes, comments and trailing junk ("\"Base64\" (comment)").
    private static string TransferEncodingOf(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        var span = raw.AsSpan().TrimStart(" \t\"'");
        var end = 0;
        while (end < span.Length && (char.IsAsciiLetterOrDigit(span[end]) || span[end] is '-' or '_'))
        {
            end++;
        }

        return span[..end].ToString().ToLowerInvariant();
    }

    private static string? DetectBoundary(ReadOnlySpan<byte> body)
    {
        var pos = 0;
        while (pos < body.Length)
        {
            var nl = body[pos..].IndexOf((byte)'\n');
            var line = nl < 0 ? body[pos..] : body.Slice(pos, nl);
            line = line.TrimEnd(" \t\r"u8);
            if (line.Length > 2 && line[0] == '-' && line[1] == '-' && line[2..].IndexOfAny(" \t"u8) < 0)
            {
                var candidate = line[2..];
                if (candidate.Length > 2 && candidate.EndsWith("--"u8))
                {
                    candidate = candidate[..^2];
                }

                return Encoding.Latin1.GetString(candidate);
            }

            if (nl < 0)
            {
                break;
            }

            pos += nl + 1;
        }

        return null;
    }

    // Part ranges between delimiter lines; the line break before a delimiter belongs to the delimiter.
    private static List<(int Start, int Length)> Split(ReadOnlySpan<byte> body, string boundary)
    {
        var parts = new List<(int Start, int Length)>();
        var delimiter = Encoding.UTF8.GetBytes("--" + boundary);
        var pos = 0;
        var partStart = -1;

        while (pos < body.Length)
        {
            var idx = body[pos..].IndexOf(delimiter);
            if (idx < 0)
            {
                break;
            }

            var at = pos + idx;
            if (at > 0 && body[at - 1] != '\n')
            {
                pos = at + 1;
                continue;
            }

            var after = at + delimiter.Length;
            var close = after + 1 < body.Length && body[after] == '-' && body[after + 1] == '-';
            var k = close ? after + 2 : after;
            var nl = body[k..].IndexOf((byte)'\n');
            var lineEnd = nl < 0 ? body.Length : k + nl;
            if (!body[k..lineEnd].Trim(" \t\r"u8).IsEmpty)
            {
                pos = at + 1;
                continue;
            }

            if (partStart >= 0)
            {
                var end = at;
                if (end > partStart && body[end - 1] == '\n')
                {
                    end--;
                }

                if (end > partStart && body[end - 1] == '\r')
                {
                    end--;
                }

                parts.Add((partStart, end - partStart));
            }

            if (close)
            {
                return parts;
            }

            partStart = nl < 0 ? body.Length : lineEnd + 1;
            pos = partStart;
        }

        // Missing close delimiter: the last part runs to the end.
        if (partStart >= 0)
        {
            parts.Add((partStart, body.Length - partStart));
        }

        return parts;
    }

    private sealed class BodyState
    {
        public string? Text;
        public string? Html;
        public MimeEntity? TextAlternative;
        public MimeEntity? HtmlAlternative;
        public readonly List<MailAttachment> Attachments = [];
    }

    private static void Walk(MimeEntity entity, MimeEntity? alternative, BodyState state)
    {
        if (entity.Children.Count > 0)
        {
            var alt = entity.MediaType == "multipart/alternative" ? entity : alternative;
            foreach (var child in entity.Children)
            {
                Walk(child, alt, state);
            }

            return;
        }

        var type = entity.MediaType;
        if (entity.Message is not null)
        {
            AddAttachment(entity, state, MessageFileName(entity));
            return;
        }

        if (!entity.IsAttachmentDisposition && type.StartsWith("text/", StringComparison.Ordinal))
        {
            if (type == "text/plain")
            {
                // A plain part after an HTML body from elsewhere (a list footer, say) is not that body's text.
                if (state.Text is null && (state.Html is null || (alternative is not null && alternative == state.HtmlAlternative)))
                {
                    state.Text = CleanText(entity.DecodeText());
                    state.TextAlternative = alternative;
                    return;
                }

                if (alternative is not null)
                {
                    return;
                }
            }
            else if (type == "text/html")
            {
                if (state.Html is null && (state.Text is null || (alternative is not null && alternative == state.TextAlternative)))
                {
                    state.Html = entity.DecodeText();
                    state.HtmlAlternative = alternative;
                    return;
                }

                if (alternative is not null)
                {
                    return;
                }
            }
            else if (alternative is not null && type != "text/calendar")
            {
                // Other renderings of the same content (text/watch-html, text/x-amp-html, text/enriched).
                return;
            }
        }

        AddAttachment(entity, state, null);
    }

    private static string? MessageFileName(MimeEntity entity)
    {
        if (entity.FileName is not null)
        {
            return null;
        }

        var subject = entity.Message?.Headers.First("Subject");
        if (subject is null)
        {
            return null;
        }

        var decoded = MimeHeaders.DecodeEncodedWords(subject).Trim();
        var sb = new StringBuilder(decoded.Length + 4);
        foreach (var c in decoded)
        {
            sb.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }

        var name = sb.ToString().Trim().TrimEnd('.');
        if (name.Length == 0)
        {
            return null;
        }

        if (name.Length > 120)
        {
            name = name[..120].TrimEnd();
        }

        return name + ".eml";
    }

    private static void AddAttachment(MimeEntity entity, BodyState state, string? fileNameOverride)
    {
        var content = entity.DecodeContent();
        var type = entity.MediaType;
        var fileName = fileNameOverride ?? SanitizeFileName(entity.FileName)
            ?? $"attachment-{state.Attachments.Count + 1}.{ExtensionFor(type)}";
        var ids = MimeHeaders.ParseMessageIds(entity.Headers.First("Content-ID"));
        var contentId = ids.Count == 0 ? null : ids[0];
        var inline = entity.Disposition is null ? contentId is not null : entity.Disposition.Value == "inline";
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        state.Attachments.Add(new MailAttachment(fileName, type, content, sha, contentId, inline));
    }

    private static string? SanitizeFileName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var slash = name.AsSpan().LastIndexOfAny('/', '\\');
        var span = (slash >= 0 ? name.AsSpan(slash + 1) : name.AsSpan()).Trim();
        if (span.IsEmpty)
        {
            return null;
        }

        var sb = new StringBuilder(span.Length);
        foreach (var c in span)
        {
            if (!char.IsControl(c))
            {
                sb.Append(c);
            }
        }

        var clean = sb.ToString().Trim();
        if (clean.Length > 255)
        {
            var dot = clean.LastIndexOf('.');
            var ext = dot > 0 && clean.Length - dot <= 16 ? clean[dot..] : string.Empty;
            clean = clean[..(255 - ext.Length)] + ext;
        }

        return clean.Length == 0 || clean is "." or ".." ? null : clean;
    }

    private static string ExtensionFor(string mediaType) => mediaType switch
    {
        "text/plain" or "message/delivery-status" or "message/disposition-notification" or "text/rfc822-headers" => "txt",
        "text/html" => "html",
        "text/calendar" => "ics",
        "text/csv" => "csv",
        "text/vcard" or "text/x-vcard" => "vcf",
        "message/rfc822" or "message/global" => "eml",
        "image/jpeg" or "image/jpg" or "image/pjpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/bmp" => "bmp",
        "image/tiff" => "tif",
        "image/svg+xml" => "svg",
        "application/pdf" => "pdf",
        "application/zip" or "application/x-zip-compressed" => "zip",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/json" => "json",
        "application/ms-tnef" or "application/vnd.ms-tnef" => "dat",
        "audio/mpeg" => "mp3",
        "video/mp4" => "mp4",
        _ => "bin",
    };

    internal static string DecodeText(MimeEntity entity, ReadOnlySpan<byte> bytes)
    {
        var charset = entity.ContentType["charset"];
        if (charset is null && entity.MediaType == "text/html")
        {
            charset = SniffHtmlCharset(bytes);
        }

        var text = NormalizeNewlines(Charsets.Decode(bytes, charset));
        if (entity.MediaType == "text/plain"
            && string.Equals(entity.ContentType["format"], "flowed", StringComparison.OrdinalIgnoreCase))
        {
            text = ContentDecoding.UnwrapFlowed(text, string.Equals(entity.ContentType["delsp"], "yes", StringComparison.OrdinalIgnoreCase));
        }

        return text;
    }

    private static string CleanText(string text) => text.TrimEnd().TrimStart('\n');

    private static string NormalizeNewlines(string text)
    {
        if (!text.Contains('\r', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    // <meta charset=...> or <meta http-equiv content="text/html; charset=..."> near the top of the document.
    private static string? SniffHtmlCharset(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 4096)];
        var pos = 0;
        while (pos < head.Length)
        {
            var idx = IndexOfIgnoreCase(head[pos..], "charset"u8);
            if (idx < 0)
            {
                return null;
            }

            var p = pos + idx + 7;
            while (p < head.Length && head[p] is (byte)' ' or (byte)'\t')
            {
                p++;
            }

            if (p < head.Length && head[p] == '=')
            {
                p++;
                while (p < head.Length && head[p] is (byte)' ' or (byte)'"' or (byte)'\'')
                {
                    p++;
                }

                var s = p;
                while (p < head.Length && (char.IsAsciiLetterOrDigit((char)head[p]) || head[p] is (byte)'-' or (byte)'_' or (byte)'.' or (byte)':'))
                {
                    p++;
                }

                if (p > s)
                {
                    return Encoding.ASCII.GetString(head[s..p]);
                }
            }

            pos = p;
        }

        return null;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            if ((haystack[i] | 0x20) == lowerNeedle[0] && System.Text.Ascii.EqualsIgnoreCase(haystack.Slice(i, lowerNeedle.Length), lowerNeedle))
            {
                return i;
            }
        }

        return -1;
    }
}
