using System.Buffers;
using System.Globalization;
using System.Text;

namespace Khidma.Web.Areas.Mail.Protocols;

/// <summary>An SMTP reply: its three-digit code and the text of each line.</summary>
public sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    /// <summary>The RFC 3463 enhanced status code at the start of the first line, e.g. "5.1.1", if any.</summary>
    public string? EnhancedCode
    {
        get
        {
            if (Lines.Count == 0)
            {
                return null;
            }

            var first = Lines[0];
            var space = first.IndexOf(' ', StringComparison.Ordinal);
            var candidate = space < 0 ? first : first[..space];
            var parts = candidate.Split('.');
            return parts.Length == 3 && parts[0] is "2" or "4" or "5" && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit))
                ? candidate
                : null;
        }
    }

    public bool IsPositive => Code is >= 200 and < 400;

    public override string ToString() => $"{Code} {string.Join(" / ", Lines)}";
}

/// <summary>A recipient the server refused; <see cref="IsTransient"/> says whether a later retry may succeed.</summary>
public sealed record SmtpRecipientFailure(string Address, SmtpReply Reply)
{
    public bool IsTransient => Reply.Code is >= 400 and < 500;
}

/// <summary>What happened to one message: accepted recipients, refused ones (the message went to the others), the final reply.</summary>
public sealed record SmtpSendResult(IReadOnlyList<string> Accepted, IReadOnlyList<SmtpRecipientFailure> Rejected, SmtpReply DataReply);

/// <summary>
/// An SMTP client session (RFC 5321): EHLO, STARTTLS or implicit TLS, AUTH PLAIN/LOGIN, and any number of
/// messages sent as raw bytes. 4xx replies throw <see cref="SmtpTransientException"/>, 5xx
/// <see cref="SmtpPermanentException"/>. Not thread-safe; after a cancellation the session is unusable.
/// </summary>
public sealed class SmtpClient : IAsyncDisposable
{
    private const int MaxReplyLines = 500;
    private static readonly SearchValues<char> ForbiddenInAddress = SearchValues.Create("<> \t\r\n\0");
    private readonly MailConnection connection;
    private readonly string ehloName;
    private Dictionary<string, string> extensions = new(StringComparer.OrdinalIgnoreCase);

    private SmtpClient(MailConnection connection, string ehloName)
    {
        this.connection = connection;
        this.ehloName = ehloName;
    }

    /// <summary>The server's greeting (220).</summary>
    public SmtpReply Greeting { get; private set; } = new(0, []);

    /// <summary>EHLO keywords (upper case) and their parameters, e.g. "AUTH" → "PLAIN LOGIN", "SIZE" → "52428800".</summary>
    public IReadOnlyDictionary<string, string> Extensions => extensions;

    public bool IsEncrypted => connection.IsEncrypted;

    /// <summary>Connects, reads the greeting, says EHLO and does STARTTLS when the endpoint asks for it.</summary>
    /// <param name="ehloName">This host's name for EHLO (a domain, or an address literal like "[127.0.0.1]").</param>
    public static async Task<SmtpClient> ConnectAsync(MailEndpoint endpoint, string ehloName, CancellationToken ct)
    {
        var connection = await MailConnection.OpenAsync(endpoint, ct);
        return await StartAsync(connection, endpoint, ehloName, ct);
    }

    /// <summary>The same over a stream that is already connected to the server (it is owned and disposed by the client).</summary>
    public static async Task<SmtpClient> ConnectAsync(Stream stream, MailEndpoint endpoint, string ehloName, CancellationToken ct)
    {
        var connection = await MailConnection.OverStreamAsync(stream, endpoint, ct);
        return await StartAsync(connection, endpoint, ehloName, ct);
    }

    private static async Task<SmtpClient> StartAsync(MailConnection connection, MailEndpoint endpoint, string ehloName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ehloName);
        MailBytes.RequireSafeArgument(ehloName, nameof(ehloName));
        var client = new SmtpClient(connection, ehloName);
        try
        {
            client.Greeting = await client.ReadReplyAsync(ct);
            if (client.Greeting.Code != 220)
            {
                throw SmtpCommandException.For("greeting", client.Greeting);
            }

            await client.HelloAsync(ct);
            if (endpoint.Security == MailSecurity.StartTls)
            {
                if (!client.extensions.ContainsKey("STARTTLS"))
                {
                    throw new MailTlsException("The SMTP server does not offer STARTTLS.");
                }

                await client.ExpectAsync("STARTTLS", "STARTTLS", 220, ct);
                await connection.UpgradeToTlsAsync(ct);
                await client.HelloAsync(ct);
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>AUTH PLAIN if offered, otherwise AUTH LOGIN. Refused over plain text to a host that is not loopback.</summary>
    public async Task AuthenticateAsync(string user, string password, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        connection.RequireSafeForCredentials();
        var mechanisms = extensions.TryGetValue("AUTH", out var list)
            ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(m => m.ToUpperInvariant()).ToHashSet()
            : [];
        await GuardAsync(async () =>
        {
            if (mechanisms.Contains("PLAIN"))
            {
                var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
                var reply = await CommandAsync($"AUTH PLAIN {token}", ct);
                if (reply.Code == 334)
                {
                    // A server that ignores the initial response asks for it again.
                    reply = await CommandAsync(token, ct);
                }

                Require("AUTH", reply, 235);
            }
            else if (mechanisms.Contains("LOGIN"))
            {
                Require("AUTH", await CommandAsync("AUTH LOGIN", ct), 334);
                Require("AUTH", await CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(user)), ct), 334);
                Require("AUTH", await CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), ct), 235);
            }
            else
            {
                throw new MailProtocolException("The SMTP server offers neither AUTH PLAIN nor AUTH LOGIN.");
            }
        });
    }

    /// <summary>
    /// Sends one raw RFC 5322 message. Line ends are normalised to CRLF and leading dots stuffed on the way.
    /// Recipients the server refuses are reported in the result while the others still get the message;
    /// if every recipient is refused (or MAIL/DATA fail) an <see cref="SmtpCommandException"/> is thrown.
    /// </summary>
    /// <param name="sender">Envelope sender; "" for the null reverse-path (bounces, automatic replies).</param>
    public async Task<SmtpSendResult> SendAsync(string sender, IReadOnlyCollection<string> recipients, ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("At least one recipient is needed.", nameof(recipients));
        }

        CheckEnvelopeAddress(sender, allowEmpty: true, nameof(sender));
        foreach (var r in recipients)
        {
            CheckEnvelopeAddress(r, allowEmpty: false, nameof(recipients));
        }

        var needsUtf8 = !Ascii.IsValid(sender) || recipients.Any(r => !Ascii.IsValid(r));
        if (needsUtf8 && !extensions.ContainsKey("SMTPUTF8"))
        {
            throw new MailProtocolException("The SMTP server does not accept non-ASCII addresses (no SMTPUTF8).");
        }

        if (extensions.TryGetValue("SIZE", out var sizeText) && long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && limit > 0 && message.Length > limit)
        {
            throw new SmtpPermanentException("SIZE", new SmtpReply(552, [$"The message ({message.Length} bytes) exceeds the server's limit of {limit} bytes."]));
        }

        SmtpSendResult? result = null;
        await GuardAsync(async () =>
        {
            var mail = new StringBuilder($"MAIL FROM:<{sender}>");
            if (extensions.ContainsKey("SIZE"))
            {
                mail.Append(CultureInfo.InvariantCulture, $" SIZE={message.Length}");
            }

            if (extensions.ContainsKey("8BITMIME") && message.Span.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
            {
                mail.Append(" BODY=8BITMIME");
            }

            if (needsUtf8)
            {
                mail.Append(" SMTPUTF8");
            }

            await ExpectAsync(mail.ToString(), "MAIL FROM", 250, ct, resetOnFailure: true);

            var accepted = new List<string>();
            var rejected = new List<SmtpRecipientFailure>();
            foreach (var recipient in recipients)
            {
                var reply = await CommandAsync($"RCPT TO:<{recipient}>", ct);
                if (reply.Code is 250 or 251)
                {
                    accepted.Add(recipient);
                }
                else if (reply.Code == 421)
                {
                    throw SmtpCommandException.For("RCPT TO", reply);
                }
                else
                {
                    rejected.Add(new SmtpRecipientFailure(recipient, reply));
                }
            }

            if (accepted.Count == 0)
            {
                await ResetQuietlyAsync(ct);
                var worst = rejected.FirstOrDefault(f => !f.IsTransient) ?? rejected[0];
                throw SmtpCommandException.For("RCPT TO", worst.Reply);
            }

            await ExpectAsync("DATA", "DATA", 354, ct, resetOnFailure: true);
            var data = new ArrayBufferWriter<byte>(message.Length + message.Length / 32 + 16);
            DotStuffing.Stuff(message.Span, data);
            await connection.WriteAsync(data.WrittenMemory, ct);
            await connection.FlushAsync(ct);
            var final = await ReadReplyAsync(ct);
            if (final.Code != 250)
            {
                throw SmtpCommandException.For("DATA", final);
            }

            result = new SmtpSendResult(accepted, rejected, final);
        });
        return result!;
    }

    /// <summary>Says QUIT and waits for the server's goodbye.</summary>
    public async Task QuitAsync(CancellationToken ct)
    {
        if (connection.IsBroken)
        {
            return;
        }

        await GuardAsync(async () =>
        {
            await SendLineAsync("QUIT", ct);
            await ReadReplyAsync(ct);
        });
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private async Task HelloAsync(CancellationToken ct)
    {
        var reply = await CommandAsync($"EHLO {ehloName}", ct);
        if (reply.Code == 250)
        {
            extensions = ParseExtensions(reply);
            return;
        }

        if (reply.Code is >= 500 and < 600 && reply.Code != 554)
        {
            // An old server without ESMTP: plain HELO, no extensions.
            await ExpectAsync($"HELO {ehloName}", "HELO", 250, ct);
            extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            return;
        }

        throw SmtpCommandException.For("EHLO", reply);
    }

    internal static Dictionary<string, string> ParseExtensions(SmtpReply reply)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in reply.Lines.Skip(1))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? trimmed : trimmed[..space]).ToUpperInvariant();
            var parameters = space < 0 ? "" : trimmed[(space + 1)..].Trim();
            // Old servers also announce "AUTH=LOGIN"; keep the first, standard spelling if both appear.
            if (keyword.StartsWith("AUTH=", StringComparison.Ordinal))
            {
                result.TryAdd("AUTH", keyword[5..] + (parameters.Length > 0 ? " " + parameters : ""));
                continue;
            }

            result[keyword] = parameters;
        }

        return result;
    }

    private static void CheckEnvelopeAddress(string address, bool allowEmpty, string name)
    {
        if (address.Length == 0)
        {
            if (!allowEmpty)
            {
                throw new ArgumentException("An empty address is only allowed as the envelope sender.", name);
            }

            return;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.Length > 254
            || address.AsSpan().IndexOfAny(ForbiddenInAddress) >= 0)
        {
            throw new ArgumentException($"Not a valid envelope address.", name);
        }
    }

    private async Task GuardAsync(Func<Task> action)
    {
        if (connection.IsBroken)
        {
            throw new InvalidOperationException("The SMTP session can no longer be used; connect again.");
        }

        try
        {
            await action();
        }
        catch (OperationCanceledException)
        {
            connection.MarkBroken();
            throw;
        }
        catch (MailProtocolException e) when (e is not SmtpCommandException)
        {
            // A reply we could not follow leaves the stream at an unknown point.
            connection.MarkBroken();
            throw;
        }
    }

    private async Task ExpectAsync(string line, string commandName, int code, CancellationToken ct, bool resetOnFailure = false)
    {
        var reply = await CommandAsync(line, ct);
        if (reply.Code != code)
        {
            if (resetOnFailure && reply.Code != 421)
            {
                await ResetQuietlyAsync(ct);
            }

            throw SmtpCommandException.For(commandName, reply);
        }
    }

    private static void Require(string commandName, SmtpReply reply, int code)
    {
        if (reply.Code != code)
        {
            throw SmtpCommandException.For(commandName, reply);
        }
    }

    private async Task ResetQuietlyAsync(CancellationToken ct)
    {
        try
        {
            await CommandAsync("RSET", ct);
        }
        catch (MailConnectionException)
        {
            // The failure being reported matters more than the reset's; a dead connection shows on next use.
        }
    }

    private async Task<SmtpReply> CommandAsync(string line, CancellationToken ct)
    {
        await SendLineAsync(line, ct);
        return await ReadReplyAsync(ct);
    }

    private async Task SendLineAsync(string line, CancellationToken ct)
    {
        await connection.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), ct);
        await connection.FlushAsync(ct);
    }

    private async Task<SmtpReply> ReadReplyAsync(CancellationToken ct)
    {
        var lines = new List<string>();
        var code = -1;
        while (true)
        {
            var raw = await connection.ReadLineAsync(ct);
            var line = MailBytes.TrimLineEnd(raw.Span);
            if (line.Length < 3 || !char.IsAsciiDigit((char)line[0]) || !char.IsAsciiDigit((char)line[1]) || !char.IsAsciiDigit((char)line[2])
                || (line.Length > 3 && line[3] != ' ' && line[3] != '-'))
            {
                connection.MarkBroken();
                throw new MailProtocolException("The SMTP server sent a malformed reply.");
            }

            var lineCode = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
            if (code >= 0 && lineCode != code)
            {
                connection.MarkBroken();
                throw new MailProtocolException("The SMTP server sent a multiline reply with mixed codes.");
            }

            code = lineCode;
            lines.Add(line.Length > 4 ? Encoding.UTF8.GetString(line[4..]) : "");
            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpReply(code, lines);
            }

            if (lines.Count > MaxReplyLines)
            {
                connection.MarkBroken();
                throw new MailProtocolException("The SMTP server sent too long a reply.");
            }
        }
    }
}
