using System.Collections;

namespace Khidma.Web.Areas.Mail.Mime;

public sealed record MailAddress(string? Name, string Address);

public sealed record MailAttachment(
    string FileName,
    string ContentType,
    ReadOnlyMemory<byte> Content,
    string Sha256,
    string? ContentId,
    bool Inline)
{
    public int Size => Content.Length;
}

// Value is the unfolded header text as it appeared (8-bit bytes already turned into text); Decoded applies RFC 2047.
public sealed record MailHeader(string Name, string Value)
{
    public string Decoded => MimeHeaders.DecodeEncodedWords(Value).Trim();
}

public sealed class HeaderCollection : IReadOnlyList<MailHeader>
{
    public static readonly HeaderCollection Empty = new([]);

    private readonly MailHeader[] _headers;

    public HeaderCollection(IEnumerable<MailHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _headers = [.. headers];
    }

    public int Count => _headers.Length;

    public MailHeader this[int index] => _headers[index];

    public string? this[string name] => First(name);

    public string? First(string name)
    {
        foreach (var h in _headers)
        {
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return h.Value;
            }
        }

        return null;
    }

    public IReadOnlyList<string> All(string name)
    {
        List<string>? values = null;
        foreach (var h in _headers)
        {
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                (values ??= []).Add(h.Value);
            }
        }

        return values is null ? [] : values;
    }

    public bool Contains(string name) => First(name) is not null;

    public IEnumerator<MailHeader> GetEnumerator() => ((IEnumerable<MailHeader>)_headers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

// A header value such as Content-Type: the lowercase main value plus parameters (RFC 2231/2047 already decoded).
public sealed record ParameterizedValue(string Value, IReadOnlyDictionary<string, string> Parameters)
{
    public string? this[string name] => Parameters.TryGetValue(name, out var v) ? v : null;
}

public sealed class MimeEntity
{
    internal MimeEntity(
        HeaderCollection headers,
        ParameterizedValue contentType,
        ParameterizedValue? disposition,
        string transferEncoding,
        ReadOnlyMemory<byte> body,
        IReadOnlyList<MimeEntity> children,
        MimeEntity? message)
    {
        Headers = headers;
        ContentType = contentType;
        Disposition = disposition;
        TransferEncoding = transferEncoding;
        RawBody = body;
        Children = children;
        Message = message;
    }

    public HeaderCollection Headers { get; }

    // Lowercase "type/subtype"; what the parser acted on, which may differ from the header when that was unusable.
    public ParameterizedValue ContentType { get; }

    public ParameterizedValue? Disposition { get; }

    public string TransferEncoding { get; }

    public ReadOnlyMemory<byte> RawBody { get; }

    public IReadOnlyList<MimeEntity> Children { get; }

    // The parsed message inside a message/rfc822 part.
    public MimeEntity? Message { get; }

    public string MediaType => ContentType.Value;

    public bool IsMultipart => ContentType.Value.StartsWith("multipart/", StringComparison.Ordinal);

    public bool IsAttachmentDisposition =>
        Disposition is not null && string.Equals(Disposition.Value, "attachment", StringComparison.Ordinal);

    public string? FileName
    {
        get
        {
            var name = Disposition?["filename"] ?? ContentType["name"];
            return string.IsNullOrWhiteSpace(name) ? null : name;
        }
    }

    public ReadOnlyMemory<byte> DecodeContent() => ContentDecoding.Decode(RawBody, TransferEncoding);

    public string DecodeText() => MimeParser.DecodeText(this, DecodeContent().Span);
}

public sealed class ParsedMail
{
    internal ParsedMail(MimeEntity root, string text, string? html, IReadOnlyList<MailAttachment> attachments, string? parseError)
    {
        Root = root;
        Headers = root.Headers;
        Subject = (Header("Subject") ?? string.Empty).Replace('\t', ' ');
        From = AddressParser.ParseList(Headers.First("From"));
        Sender = AddressParser.ParseList(Headers.First("Sender"));
        ReplyTo = AddressParser.ParseList(Headers.First("Reply-To"));
        To = ParseAll(Headers, "To");
        Cc = ParseAll(Headers, "Cc");
        Bcc = ParseAll(Headers, "Bcc");
        Date = MailDate.Parse(Headers.First("Date"));
        MessageId = FirstId(Headers.First("Message-ID"));
        InReplyTo = FirstId(Headers.First("In-Reply-To"));
        References = MimeHeaders.ParseMessageIds(Headers.First("References"));
        Text = text;
        Html = html;
        Attachments = attachments;
        ParseError = parseError;
    }

    public MimeEntity Root { get; }

    public HeaderCollection Headers { get; }

    public string Subject { get; }

    public IReadOnlyList<MailAddress> From { get; }

    public IReadOnlyList<MailAddress> Sender { get; }

    public IReadOnlyList<MailAddress> ReplyTo { get; }

    public IReadOnlyList<MailAddress> To { get; }

    public IReadOnlyList<MailAddress> Cc { get; }

    public IReadOnlyList<MailAddress> Bcc { get; }

    public DateTimeOffset? Date { get; }

    public string? MessageId { get; }

    public string? InReplyTo { get; }

    public IReadOnlyList<string> References { get; }

    // Plain text body; derived from Html when the message has no text/plain part; empty when there is no body at all.
    public string Text { get; }

    public string? Html { get; }

    public IReadOnlyList<MailAttachment> Attachments { get; }

    // Set only when the parser hit an internal error and fell back to treating the whole input as text.
    public string? ParseError { get; }

    public string? AutoSubmitted => Header("Auto-Submitted");

    public string? Precedence => Header("Precedence");

    public string? ReturnPath => Header("Return-Path");

    public string? Header(string name)
    {
        var raw = Headers.First(name);
        return raw is null ? null : MimeHeaders.DecodeEncodedWords(raw).Trim();
    }

    private static string? FirstId(string? value)
    {
        var ids = MimeHeaders.ParseMessageIds(value);
        return ids.Count == 0 ? null : ids[0];
    }

    // Some mailers repeat To/Cc instead of using one list.
    private static IReadOnlyList<MailAddress> ParseAll(HeaderCollection headers, string name)
    {
        var values = headers.All(name);
        if (values.Count <= 1)
        {
            return AddressParser.ParseList(values.Count == 0 ? null : values[0]);
        }

        var all = new List<MailAddress>();
        foreach (var v in values)
        {
            all.AddRange(AddressParser.ParseList(v));
        }

        return all;
    }
}
