using System.Globalization;
using System.Text;

namespace Khidma.Web.Areas.Mail.Protocols;

internal enum ImapTokenKind
{
    Atom,
    String,
    Nil,
    List,
}

// One parsed value of an IMAP response: an atom (also numbers and flags), a string (quoted or literal,
// kept as bytes), NIL, or a parenthesised list.
internal sealed class ImapToken
{
    private ImapToken(ImapTokenKind kind, string? atom, byte[]? bytes, List<ImapToken>? items)
    {
        Kind = kind;
        Atom = atom ?? "";
        Bytes = bytes ?? [];
        Items = items ?? [];
    }

    public ImapTokenKind Kind { get; }

    public string Atom { get; }

    public byte[] Bytes { get; }

    public List<ImapToken> Items { get; }

    public static ImapToken NewAtom(string atom) => new(ImapTokenKind.Atom, atom, null, null);

    public static ImapToken NewString(byte[] bytes) => new(ImapTokenKind.String, null, bytes, null);

    public static ImapToken NewList(List<ImapToken> items) => new(ImapTokenKind.List, null, null, items);

    public static readonly ImapToken Nil = new(ImapTokenKind.Nil, null, null, null);

    // The value as text: atoms as they are, strings as UTF-8, NIL as null.
    public string? Text => Kind switch
    {
        ImapTokenKind.Atom => Atom,
        ImapTokenKind.String => Encoding.UTF8.GetString(Bytes),
        _ => null,
    };

    public bool TryGetNumber(out uint number) =>
        uint.TryParse(Kind == ImapTokenKind.Atom ? Atom : null, NumberStyles.None, CultureInfo.InvariantCulture, out number);
}

internal enum ImapResponseKind
{
    Tagged,
    Untagged,
    Continuation,
}

// A whole server response: the lines and the literals between them, as read off the wire, then parsed.
internal sealed class ImapResponse
{
    public ImapResponseKind Kind { get; private init; }

    public string Tag { get; private init; } = "";

    // Upper case: OK, NO, BAD, BYE, PREAUTH, CAPABILITY, FLAGS, SEARCH, LIST, EXISTS, EXPUNGE, FETCH, ...
    public string Name { get; private init; } = "";

    // The number of "* 12 EXISTS" or "* 12 FETCH".
    public uint Number { get; private init; }

    // Status responses: the bracketed code split into its name and the rest, and the human text.
    public string? Code { get; private init; }

    public string CodeArguments { get; private init; } = "";

    public string Text { get; private init; } = "";

    // Data responses: the values after the name.
    public List<ImapToken> Data { get; private init; } = [];

    public bool IsStatus => Name is "OK" or "NO" or "BAD" or "BYE" or "PREAUTH";

    // Reads one response, following literals ("{n}" at the end of a line, then n bytes) into further lines.
    public static async Task<ImapResponse> ReadAsync(MailConnection connection, CancellationToken ct)
    {
        var lines = new List<byte[]>();
        var literals = new List<byte[]>();
        long total = 0;
        while (true)
        {
            var raw = await connection.ReadLineAsync(ct);
            var line = MailBytes.TrimLineEnd(raw.Span).ToArray();
            lines.Add(line);
            total += line.Length;
            if (lines.Count == 1 && IsStatusLine(line))
            {
                break;
            }

            if (!TryLiteralLength(line, out var length))
            {
                break;
            }

            total += length;
            if (length > connection.MaxBytes || total > connection.MaxBytes)
            {
                connection.MarkBroken();
                throw new MailProtocolException("The IMAP server sent a literal larger than the configured limit.");
            }

            literals.Add(await connection.ReadExactAsync((int)length, ct));
        }

        return Parse(lines, literals);
    }

    public static ImapResponse Parse(List<byte[]> lines, List<byte[]> literals)
    {
        var p = new ImapParser(lines, literals);
        var first = p.ReadWord();
        if (first == "+")
        {
            return new ImapResponse { Kind = ImapResponseKind.Continuation, Text = p.ReadRestOfLine().Trim() };
        }

        if (first.Length == 0)
        {
            throw new MailProtocolException("The IMAP server sent an empty response line.");
        }

        var kind = first == "*" ? ImapResponseKind.Untagged : ImapResponseKind.Tagged;
        var word = p.ReadWord().ToUpperInvariant();
        uint number = 0;
        if (kind == ImapResponseKind.Untagged && word.Length > 0 && uint.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            word = p.ReadWord().ToUpperInvariant();
        }

        if (word is "OK" or "NO" or "BAD" or "BYE" or "PREAUTH")
        {
            var (code, arguments, text) = p.ReadResponseText();
            return new ImapResponse { Kind = kind, Tag = first, Name = word, Number = number, Code = code, CodeArguments = arguments, Text = text };
        }

        if (kind == ImapResponseKind.Tagged)
        {
            throw new MailProtocolException("The IMAP server sent a tagged response that is not OK, NO or BAD.");
        }

        return new ImapResponse { Kind = kind, Tag = first, Name = word, Number = number, Data = p.ReadTokensToEnd() };
    }

    private static bool IsStatusLine(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[0] == '+' && (line.Length == 1 || line[1] == ' '))
        {
            return true;
        }

        var space = line.IndexOf((byte)' ');
        if (space <= 0)
        {
            return false;
        }

        var rest = line[(space + 1)..];
        var end = rest.IndexOf((byte)' ');
        var word = end < 0 ? rest : rest[..end];
        return word.Length is >= 2 and <= 7 && (Ascii.EqualsIgnoreCase(word, "OK"u8) || Ascii.EqualsIgnoreCase(word, "NO"u8)
            || Ascii.EqualsIgnoreCase(word, "BAD"u8) || Ascii.EqualsIgnoreCase(word, "BYE"u8) || Ascii.EqualsIgnoreCase(word, "PREAUTH"u8));
    }

    internal static bool TryLiteralLength(ReadOnlySpan<byte> line, out long length)
    {
        length = 0;
        if (line.Length < 3 || line[^1] != '}')
        {
            return false;
        }

        var open = line.LastIndexOf((byte)'{');
        if (open < 0)
        {
            return false;
        }

        var digits = line[(open + 1)..^1];
        if (digits.Length > 0 && digits[^1] == '+')
        {
            digits = digits[..^1];
        }

        if (digits.Length is 0 or > 10)
        {
            return false;
        }

        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            length = length * 10 + (d - '0');
        }

        return true;
    }
}

// Walks the lines and literals of one response. A line other than the last ends with a literal marker;
// reading that marker yields the literal and moves on to the next line.
internal sealed class ImapParser(List<byte[]> lines, List<byte[]> literals)
{
    private int line;
    private int pos;
    private int literal;

    private byte[] Current => lines[line];

    private bool AtLineEnd => pos >= Current.Length;

    public string ReadWord()
    {
        SkipSpaces();
        var start = pos;
        while (!AtLineEnd && Current[pos] != ' ')
        {
            pos++;
        }

        return Encoding.ASCII.GetString(Current, start, pos - start);
    }

    public string ReadRestOfLine()
    {
        var text = Encoding.UTF8.GetString(Current, Math.Min(pos, Current.Length), Math.Max(0, Current.Length - pos));
        pos = Current.Length;
        return text;
    }

    public (string? Code, string Arguments, string Text) ReadResponseText()
    {
        SkipSpaces();
        string? code = null;
        var arguments = "";
        if (!AtLineEnd && Current[pos] == '[')
        {
            var close = Array.IndexOf(Current, (byte)']', pos);
            if (close > pos)
            {
                var inner = Encoding.UTF8.GetString(Current, pos + 1, close - pos - 1);
                var space = inner.IndexOf(' ', StringComparison.Ordinal);
                code = (space < 0 ? inner : inner[..space]).ToUpperInvariant();
                arguments = space < 0 ? "" : inner[(space + 1)..];
                pos = close + 1;
            }
        }

        return (code, arguments, ReadRestOfLine().Trim());
    }

    public List<ImapToken> ReadTokensToEnd()
    {
        var tokens = new List<ImapToken>();
        while (ReadToken() is { } token)
        {
            tokens.Add(token);
        }

        return tokens;
    }

    // Null at the end of the response or at a closing parenthesis (which is consumed).
    public ImapToken? ReadToken()
    {
        SkipSpaces();
        if (AtLineEnd)
        {
            return null;
        }

        var c = Current[pos];
        switch (c)
        {
            case (byte)'(':
                pos++;
                var items = new List<ImapToken>();
                while (ReadToken() is { } item)
                {
                    items.Add(item);
                }

                return ImapToken.NewList(items);
            case (byte)')':
                pos++;
                return null;
            case (byte)'"':
                return ImapToken.NewString(ReadQuoted());
            case (byte)'{':
                return ImapToken.NewString(ReadLiteral());
            case (byte)'~' when pos + 1 < Current.Length && Current[pos + 1] == '{':
                pos++;
                return ImapToken.NewString(ReadLiteral());
            default:
                var atom = ReadAtom();
                return atom.Equals("NIL", StringComparison.OrdinalIgnoreCase) ? ImapToken.Nil : ImapToken.NewAtom(atom);
        }
    }

    private void SkipSpaces()
    {
        while (!AtLineEnd && Current[pos] == ' ')
        {
            pos++;
        }
    }

    private byte[] ReadQuoted()
    {
        pos++;
        var bytes = new List<byte>();
        while (!AtLineEnd)
        {
            var c = Current[pos++];
            if (c == '"')
            {
                return [.. bytes];
            }

            if (c == '\\' && !AtLineEnd)
            {
                c = Current[pos++];
            }

            bytes.Add(c);
        }

        throw new MailProtocolException("The IMAP server sent an unterminated quoted string.");
    }

    private byte[] ReadLiteral()
    {
        var close = Array.IndexOf(Current, (byte)'}', pos);
        if (close != Current.Length - 1 || line + 1 >= lines.Count || literal >= literals.Count)
        {
            throw new MailProtocolException("The IMAP server sent a malformed literal.");
        }

        var value = literals[literal++];
        line++;
        pos = 0;
        return value;
    }

    // Atoms include flags (\Seen), numbers and section specs such as BODY[HEADER.FIELDS (SUBJECT)]<0>,
    // whose brackets may hold spaces and parentheses.
    private string ReadAtom()
    {
        var start = pos;
        var depth = 0;
        while (!AtLineEnd)
        {
            var c = Current[pos];
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && (c == ' ' || c == '(' || c == ')'))
            {
                break;
            }

            pos++;
        }

        if (pos == start)
        {
            pos++;
            throw new MailProtocolException("The IMAP server sent an unexpected character.");
        }

        return Encoding.UTF8.GetString(Current, start, pos - start);
    }
}
