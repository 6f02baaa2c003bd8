using System.Net;
using System.Text;

namespace Khidma.Web.Areas.Mail.Mime;

// Good-enough text for HTML-only mail: previews, search and agents' plain view. Not a renderer.
public static class HtmlToText
{
    private enum TagKind
    {
        Other,
        Break,
        Block,
        Cell,
        Skip,
        Pre,
    }

    public static string Convert(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(html.Length / 2);
        var state = new Writer(sb);
        var n = html.Length;
        var i = 0;
        var preDepth = 0;
        var headUnclosed = false;

        while (i < n)
        {
            if (html[i] != '<')
            {
                var next = html.IndexOf('<', i);
                if (next < 0)
                {
                    next = n;
                }

                var chunk = html.AsSpan(i, next - i);
                if (chunk.Contains('&'))
                {
                    state.Text(WebUtility.HtmlDecode(chunk.ToString()), preDepth > 0);
                }
                else
                {
                    state.Text(chunk, preDepth > 0);
                }

                i = next;
                continue;
            }

            if (html.AsSpan(i).StartsWith("<!--"))
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? n : end + 3;
                continue;
            }

            var j = i + 1;
            var closing = j < n && html[j] == '/';
            if (closing)
            {
                j++;
            }

            var nameStart = j;
            if (j < n && char.IsAsciiLetter(html[j]))
            {
                while (j < n && (char.IsAsciiLetterOrDigit(html[j]) || html[j] is ':' or '-'))
                {
                    j++;
                }
            }

            if (j == nameStart && !(j < n && html[j] is '!' or '?'))
            {
                // A literal "<" as in "a < b".
                state.Text("<", preDepth > 0);
                i++;
                continue;
            }

            var tagEnd = FindTagEnd(html, j);
            var name = html.AsSpan(nameStart, j - nameStart);
            switch (Classify(name))
            {
                case TagKind.Break:
                    state.LineBreak();
                    break;
                case TagKind.Block:
                    state.EnsureNewLine();
                    break;
                case TagKind.Cell:
                    if (closing)
                    {
                        state.Space();
                    }

                    break;
                case TagKind.Pre:
                    state.EnsureNewLine();
                    preDepth = closing ? Math.Max(0, preDepth - 1) : preDepth + 1;
                    break;
                case TagKind.Skip when !closing:
                    var isHead = name.Equals("head", StringComparison.OrdinalIgnoreCase);
                    if (isHead && headUnclosed)
                    {
                        break;
                    }

                    var close = IndexOfClosingTag(html, tagEnd, name);
                    if (close >= 0)
                    {
                        tagEnd = FindTagEnd(html, close + 2);
                    }
                    else if (isHead)
                    {
                        // Broken mail puts the body inside an unclosed <head>; keep its text, and search only once.
                        headUnclosed = true;
                    }
                    else
                    {
                        tagEnd = n - 1;
                    }

                    break;
                default:
                    break;
            }

            i = tagEnd + 1;
        }

        return Charsets.ReplaceLoneSurrogates(Tidy(sb));
    }

    // Index just past the '>' that ends a tag, honouring quoted attribute values.
    private static int FindTagEnd(string html, int from)
    {
        var quote = '\0';
        for (var k = from; k < html.Length; k++)
        {
            var c = html[k];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return k;
            }
        }

        return html.Length - 1;
    }

    private static int IndexOfClosingTag(string html, int from, ReadOnlySpan<char> name)
    {
        var k = from;
        while (k < html.Length)
        {
            var idx = html.IndexOf("</", k, StringComparison.Ordinal);
            if (idx < 0)
            {
                return -1;
            }

            var after = idx + 2;
            if (after + name.Length <= html.Length
                && html.AsSpan(after, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (after + name.Length == html.Length || !char.IsAsciiLetterOrDigit(html[after + name.Length])))
            {
                return idx;
            }

            k = after;
        }

        return -1;
    }

    private static TagKind Classify(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 10)
        {
            return TagKind.Other;
        }

        Span<char> lower = stackalloc char[name.Length];
        name.ToLowerInvariant(lower);
        return lower switch
        {
            "br" => TagKind.Break,
            "p" or "div" or "li" or "ul" or "ol" or "tr" or "table" or "blockquote" or "hr" or "h1" or "h2" or "h3"
                or "h4" or "h5" or "h6" or "dl" or "dt" or "dd" or "section" or "article" or "header" or "footer"
                or "nav" or "aside" or "address" or "figure" or "figcaption" or "main" or "center" or "form"
                or "fieldset" or "body" or "caption" => TagKind.Block,
            "td" or "th" => TagKind.Cell,
            "script" or "style" or "head" or "title" or "template" or "noscript" or "xml" or "svg" => TagKind.Skip,
            "pre" => TagKind.Pre,
            _ => TagKind.Other,
        };
    }

    // Trims line ends (leading blanks may be <pre> or &nbsp; indentation), keeps at most one blank line in a row.
    private static string Tidy(StringBuilder sb)
    {
        var text = sb.ToString();
        var result = new StringBuilder(text.Length);
        var blank = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl;
            var line = text.AsSpan(start, end - start).TrimEnd();
            if (line.Trim().IsEmpty)
            {
                blank++;
            }
            else
            {
                if (result.Length > 0)
                {
                    result.Append(blank > 0 ? "\n\n" : "\n");
                }

                result.Append(line);
                blank = 0;
            }

            if (nl < 0)
            {
                break;
            }

            start = nl + 1;
        }

        return result.ToString();
    }

    private sealed class Writer(StringBuilder sb)
    {
        private bool _lineHasContent;
        private bool _pendingSpace;

        public void Text(ReadOnlySpan<char> text, bool pre)
        {
            foreach (var c in text)
            {
                if (pre)
                {
                    if (c == '\r')
                    {
                        continue;
                    }

                    if (c == '\n')
                    {
                        LineBreak();
                        continue;
                    }

                    sb.Append(c == '\u00A0' ? ' ' : c);
                    _lineHasContent = true;
                    continue;
                }

                if (c != '\u00A0' && char.IsWhiteSpace(c))
                {
                    _pendingSpace = true;
                    continue;
                }

                if (_pendingSpace && _lineHasContent)
                {
                    sb.Append(' ');
                }

                _pendingSpace = false;
                sb.Append(c == '\u00A0' ? ' ' : c);
                _lineHasContent = true;
            }
        }

        public void Space() => _pendingSpace = true;

        public void LineBreak()
        {
            sb.Append('\n');
            _lineHasContent = false;
            _pendingSpace = false;
        }

        public void EnsureNewLine()
        {
            if (_lineHasContent)
            {
                LineBreak();
            }
        }
    }
}
