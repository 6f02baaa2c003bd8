using System.Text;

namespace Khidma.Web.Areas.Mail.Mime;

// RFC 5322 address lists, leniently: real headers have unquoted commas in names, missing brackets and stray groups.
public static class AddressParser
{
    private enum TokenKind
    {
        Word,
        Quoted,
        Comment,
        Angle,
        Comma,
        Colon,
        Semicolon,
    }

    private readonly record struct Token(TokenKind Kind, string Text);

    public static IReadOnlyList<MailAddress> ParseList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var tokens = Tokenize(value);
        var result = new List<MailAddress>();
        var item = new List<Token>();
        var itemHasAddress = false;
        string? carriedName = null;

        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.Colon when !itemHasAddress:
                    // Group display name ("undisclosed-recipients:"); members follow.
                    item.Clear();
                    carriedName = null;
                    break;
                case TokenKind.Comma:
                case TokenKind.Semicolon:
                    carriedName = EmitItem(item, result, carriedName);
                    item.Clear();
                    itemHasAddress = false;
                    break;
                default:
                    item.Add(token);
                    itemHasAddress |= token.Kind == TokenKind.Angle
                        || (token.Kind == TokenKind.Word && token.Text.Contains('@', StringComparison.Ordinal));
                    break;
            }
        }

        carriedName = EmitItem(item, result, carriedName);
        if (carriedName is not null && !carriedName.Contains(' ', StringComparison.Ordinal))
        {
            // A lone local name such as "To: support".
            result.Add(new MailAddress(null, carriedName));
        }

        return result;
    }

    // Returns a name fragment to prepend to the next item when this one had no address ("Smith, John <j@x>").
    private static string? EmitItem(List<Token> item, List<MailAddress> result, string? carriedName)
    {
        if (item.Count == 0)
        {
            return carriedName;
        }

        string? angle = null;
        string? comment = null;
        var phrase = new List<string>();
        foreach (var t in item)
        {
            switch (t.Kind)
            {
                case TokenKind.Angle:
                    angle ??= t.Text;
                    break;
                case TokenKind.Comment:
                    comment ??= t.Text;
                    break;
                case TokenKind.Colon:
                    phrase.Add(":");
                    break;
                default:
                    phrase.Add(t.Text);
                    break;
            }
        }

        string address;
        string? name;
        if (angle is not null)
        {
            address = CleanAddress(angle);
            name = JoinName(phrase, 0, phrase.Count);
            if (carriedName is not null)
            {
                name = name is null ? carriedName : carriedName + ", " + name;
            }
        }
        else
        {
            var at = -1;
            for (var i = phrase.Count - 1; i >= 0; i--)
            {
                if (phrase[i].Contains('@', StringComparison.Ordinal))
                {
                    at = i;
                    break;
                }
            }

            if (at < 0)
            {
                var fragment = JoinName(phrase, 0, phrase.Count) ?? (comment is null ? null : DecodeName(comment));
                if (fragment is null)
                {
                    return carriedName;
                }

                if (carriedName is not null && !carriedName.Contains('@', StringComparison.Ordinal))
                {
                    AddBare(result, carriedName);
                }

                return fragment;
            }

            if (carriedName is not null)
            {
                AddBare(result, carriedName);
            }

            // "john@x.com (John)" or broken "John Smith john@x.com".
            address = CleanAddress(phrase[at]);
            var others = new List<string>(phrase.Count);
            for (var i = 0; i < phrase.Count; i++)
            {
                if (i != at)
                {
                    others.Add(phrase[i]);
                }
            }

            name = JoinName(others, 0, others.Count);
        }

        name ??= comment is null ? null : DecodeName(comment);
        if (address.Length > 0)
        {
            result.Add(new MailAddress(name, address));
        }

        return null;
    }

    private static void AddBare(List<MailAddress> result, string carried)
    {
        if (!carried.Contains(' ', StringComparison.Ordinal))
        {
            result.Add(new MailAddress(null, carried));
        }
    }

    private static string? JoinName(List<string> words, int start, int end)
    {
        if (end <= start)
        {
            return null;
        }

        var joined = end - start == 1 ? words[start] : string.Join(' ', words.GetRange(start, end - start));
        return DecodeName(joined);
    }

    private static string? DecodeName(string raw)
    {
        var decoded = MimeHeaders.DecodeEncodedWords(raw).Trim();
        // Outlook sometimes wraps names in single quotes: 'John Smith' <john@x.com>.
        if (decoded.Length >= 2 && decoded[0] == '\'' && decoded[^1] == '\'')
        {
            decoded = decoded[1..^1].Trim();
        }

        return decoded.Length == 0 ? null : decoded;
    }

    private static string CleanAddress(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (!char.IsWhiteSpace(c) && c != '<' && c != '>')
            {
                sb.Append(c);
            }
        }

        var address = sb.ToString();
        // Obsolete source route: <@relay.example:user@example.com>.
        if (address.StartsWith('@'))
        {
            var colon = address.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                address = address[(colon + 1)..];
            }
        }

        if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            address = address[7..];
        }

        return address;
    }

    private static int EncodedWordEnd(string s, int start)
    {
        var limit = Math.Min(s.Length, start + 512);
        var q1 = s.IndexOf('?', start + 2, limit - start - 2);
        if (q1 < 0 || q1 + 2 >= limit || s[q1 + 2] != '?')
        {
            return -1;
        }

        for (var i = q1 + 3; i + 1 < limit; i++)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                return -1;
            }

            if (s[i] == '?' && s[i + 1] == '=')
            {
                return i + 2;
            }
        }

        return -1;
    }

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        var n = s.Length;
        while (i < n)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            switch (c)
            {
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ","));
                    i++;
                    continue;
                case ';':
                    tokens.Add(new Token(TokenKind.Semicolon, ";"));
                    i++;
                    continue;
                case ':':
                    tokens.Add(new Token(TokenKind.Colon, ":"));
                    i++;
                    continue;
                case '"':
                {
                    var sb = new StringBuilder();
                    i++;
                    while (i < n && s[i] != '"')
                    {
                        if (s[i] == '\\' && i + 1 < n)
                        {
                            i++;
                        }

                        sb.Append(s[i]);
                        i++;
                    }

                    i++;
                    tokens.Add(new Token(TokenKind.Quoted, sb.ToString()));
                    continue;
                }

                case '(':
                {
                    var sb = new StringBuilder();
                    var depth = 1;
                    i++;
                    while (i < n)
                    {
                        var d = s[i];
                        if (d == '\\' && i + 1 < n)
                        {
                            sb.Append(s[i + 1]);
                            i += 2;
                            continue;
                        }

                        if (d == '(')
                        {
                            depth++;
                        }
                        else if (d == ')' && --depth == 0)
                        {
                            i++;
                            break;
                        }

                        sb.Append(d);
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Comment, sb.ToString()));
                    continue;
                }

                case '<':
                {
                    var close = s.IndexOf('>', i + 1);
                    var end = close < 0 ? n : close;
                    tokens.Add(new Token(TokenKind.Angle, s[(i + 1)..end]));
                    i = close < 0 ? n : close + 1;
                    continue;
                }

                case '>':
                    i++;
                    continue;
            }

            var start = i;
            while (i < n)
            {
                var d = s[i];
                if (char.IsWhiteSpace(d) || d is ',' or ';' or ':' or '"' or '(' or '<' or '>')
                {
                    break;
                }

                // Broken encoders leave ',' or ':' unescaped inside Q encoded words; keep such a word whole.
                if (d == '=' && i + 1 < n && s[i + 1] == '?')
                {
                    var wordEnd = EncodedWordEnd(s, i);
                    if (wordEnd > 0)
                    {
                        i = wordEnd;
                        continue;
                    }
                }

                i++;
            }

            tokens.Add(new Token(TokenKind.Word, s[start..i]));
        }

        return tokens;
    }
}
