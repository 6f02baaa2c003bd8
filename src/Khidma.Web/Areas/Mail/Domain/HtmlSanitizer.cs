using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Khidma.Web.Areas.Mail.Domain;

/// <summary>
/// Allowlist sanitization of a message's HTML: the document is parsed like a browser would, then rebuilt
/// from allowed elements and attributes only, so what survives is exactly what the allowlist names.
/// Links keep http/https/mailto only; images keep cid: and data:image (and http(s) only when the agent
/// asked to show remote images, otherwise a placeholder); style attributes are dropped entirely.
/// </summary>
public static class HtmlSanitizer
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "p", "br", "div", "span", "b", "i", "u", "strong", "em", "ul", "ol", "li", "a", "img",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre", "code",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "small", "sub", "sup", "s", "dl", "dt", "dd",
    };

    // Content of these is dropped with them; other unknown elements are unwrapped (their text kept).
    private static readonly HashSet<string> DropWithContent = new(StringComparer.Ordinal)
    {
        "script", "style", "iframe", "object", "embed", "form", "input", "button", "select", "textarea", "frame",
        "frameset", "noscript", "template", "svg", "math", "head", "title", "meta", "link", "base", "applet", "audio", "video", "xmp", "noembed", "plaintext",
    };

    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal) { "br", "hr", "img" };

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    public const string RemoteImagePlaceholder = "remote-image-blocked";

    public sealed record Result(string Html, int BlockedRemoteImages);

    public static Result Sanitize(string? html, bool allowRemoteImages = false, Func<string, string?>? resolveCid = null)
    {
        if (string.IsNullOrWhiteSpace(html)) return new Result("", 0);
        var document = Parser.ParseDocument(html);
        var output = new System.Text.StringBuilder(html.Length);
        var blocked = 0;
        if (document.Body is { } body)
            foreach (var child in body.ChildNodes) Write(child, output, allowRemoteImages, resolveCid, ref blocked, 0);
        return new Result(output.ToString(), blocked);
    }

    private static void Write(INode node, System.Text.StringBuilder output, bool remote, Func<string, string?>? resolveCid, ref int blocked, int depth)
    {
        if (depth > 100) return;
        switch (node)
        {
            case IText text:
                output.Append(System.Net.WebUtility.HtmlEncode(text.Data));
                return;
            case IElement element:
                var name = element.LocalName.ToLowerInvariant();
                // Only HTML-namespace elements: <svg>/<math> foreign content never passes.
                if (element.NamespaceUri != "http://www.w3.org/1999/xhtml" || DropWithContent.Contains(name)) return;
                if (!Allowed.Contains(name))
                {
                    foreach (var child in element.ChildNodes) Write(child, output, remote, resolveCid, ref blocked, depth + 1);
                    return;
                }
                var attributes = new List<(string, string)>();
                if (name == "a")
                {
                    if (SafeUrl(element.GetAttribute("href"), ["http", "https", "mailto"]) is { } href)
                    {
                        attributes.Add(("href", href));
                        attributes.Add(("rel", "noopener noreferrer nofollow"));
                        attributes.Add(("target", "_blank"));
                    }
                }
                else if (name == "img")
                {
                    var src = element.GetAttribute("src")?.Trim() ?? "";
                    if (src.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
                    {
                        if (resolveCid?.Invoke(src[4..]) is { } local) attributes.Add(("src", local));
                        else return;
                    }
                    else if (IsDataImage(src)) attributes.Add(("src", src));
                    else if (SafeUrl(src, ["http", "https"]) is { } url)
                    {
                        if (!remote)
                        {
                            blocked++;
                            output.Append("<span class=\"").Append(RemoteImagePlaceholder).Append("\">[image]</span>");
                            return;
                        }
                        attributes.Add(("src", url));
                        attributes.Add(("referrerpolicy", "no-referrer"));
                    }
                    else return;
                    if (element.GetAttribute("alt") is { } alt) attributes.Add(("alt", alt));
                    foreach (var dim in new[] { "width", "height" })
                        if (element.GetAttribute(dim) is { } v && v.All(char.IsAsciiDigit) && v.Length is > 0 and < 6) attributes.Add((dim, v));
                }
                else if (name is "td" or "th")
                {
                    foreach (var span in new[] { "colspan", "rowspan" })
                        if (element.GetAttribute(span) is { } v && v.All(char.IsAsciiDigit) && v.Length is > 0 and < 4) attributes.Add((span, v));
                }
                if (element.GetAttribute("dir") is { } dir && dir.ToLowerInvariant() is "rtl" or "ltr" or "auto") attributes.Add(("dir", dir.ToLowerInvariant()));

                output.Append('<').Append(name);
                foreach (var (attr, value) in attributes)
                    output.Append(' ').Append(attr).Append("=\"").Append(System.Net.WebUtility.HtmlEncode(value)).Append('"');
                output.Append('>');
                if (VoidElements.Contains(name)) return;
                foreach (var child in element.ChildNodes) Write(child, output, remote, resolveCid, ref blocked, depth + 1);
                output.Append("</").Append(name).Append('>');
                return;
        }
    }

    // The parser has already decoded entities; strip what browsers ignore inside a scheme before checking it.
    private static string? SafeUrl(string? url, string[] schemes)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var trimmed = url.Trim();
        var compact = new string(trimmed.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return null;
        var scheme = compact[..colon].ToLowerInvariant();
        if (!schemes.Contains(scheme)) return null;
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme) ? uri.AbsoluteUri : null;
    }

    private static bool IsDataImage(string src)
    {
        var s = src.ToLowerInvariant();
        return (s.StartsWith("data:image/png;base64,", StringComparison.Ordinal) || s.StartsWith("data:image/jpeg;base64,", StringComparison.Ordinal)
            || s.StartsWith("data:image/gif;base64,", StringComparison.Ordinal) || s.StartsWith("data:image/webp;base64,", StringComparison.Ordinal))
            && src.Length < 2_000_000;
    }
}
