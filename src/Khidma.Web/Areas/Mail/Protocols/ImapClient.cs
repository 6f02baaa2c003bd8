using System.Buffers;
using System.Globalization;
using System.Text;

namespace Khidma.Web.Areas.Mail.Protocols;

/// <summary>The state of a selected mailbox that a poller needs: UIDs are only comparable while UIDVALIDITY is unchanged.</summary>
public sealed record ImapMailbox(string Name, uint UidValidity, uint UidNext, int Exists, bool ReadOnly);

/// <summary>A mailbox from LIST: its decoded name, hierarchy separator and attributes such as \Archive or \Noselect.</summary>
public sealed record ImapMailboxInfo(string Name, string? Separator, IReadOnlyList<string> Attributes);

/// <summary>A fetched message: UID, flags at fetch time, the server's arrival time and the raw RFC 5322 bytes.</summary>
public sealed record ImapMessage(uint Uid, IReadOnlyList<string> Flags, DateTimeOffset? InternalDate, byte[] Raw);

/// <summary>System flags (RFC 3501 §2.3.2).</summary>
public static class ImapFlags
{
    public const string Seen = @"\Seen";
    public const string Answered = @"\Answered";
    public const string Flagged = @"\Flagged";
    public const string Deleted = @"\Deleted";
    public const string Draft = @"\Draft";
}

/// <summary>Search criteria for <see cref="ImapClient.SearchAsync"/>; combine with <see cref="And"/>.</summary>
public sealed class ImapSearch
{
    private readonly List<(string? Atom, string? Value)> parts;

    private ImapSearch(List<(string? Atom, string? Value)> parts) => this.parts = parts;

    public static ImapSearch All { get; } = new([("ALL", null)]);

    public static ImapSearch Unseen { get; } = new([("UNSEEN", null)]);

    /// <summary>Messages whose UID is greater than <paramref name="uid"/> ("UID n+1:*", filtered again by the client
    /// because "*" always matches the last message even when its UID is smaller).</summary>
    public static ImapSearch UidsAfter(uint uid) =>
        new([("UID", null), (uid == uint.MaxValue ? "*" : string.Create(CultureInfo.InvariantCulture, $"{uid + 1}:*"), null)]) { AfterUid = uid };

    /// <summary>Messages whose header field contains the text (e.g. a Message-ID).</summary>
    public static ImapSearch Header(string field, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentNullException.ThrowIfNull(text);
        if (!field.All(c => c is > ' ' and <= '~' and not ':'))
        {
            throw new ArgumentException("Not a header field name.", nameof(field));
        }

        return new([("HEADER", null), (null, field), (null, text)]);
    }

    public ImapSearch And(ImapSearch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new([.. parts, .. other.parts])
        {
            AfterUid = AfterUid is null && other.AfterUid is null ? null : Math.Max(AfterUid ?? 0, other.AfterUid ?? 0),
        };
    }

    internal uint? AfterUid { get; private init; }

    internal bool NeedsUtf8 => parts.Any(p => p.Value is not null && !Ascii.IsValid(p.Value));

    internal void WriteTo(ImapCommand command)
    {
        foreach (var (atom, value) in parts)
        {
            command.Space();
            if (atom is not null)
            {
                command.Atom(atom);
            }
            else
            {
                command.String(value!);
            }
        }
    }
}

/// <summary>
/// An IMAP4rev1 client session (RFC 3501 subset plus MOVE, UIDPLUS, LITERAL+ when offered). All message
/// access is by UID. Not thread-safe; after a cancellation the session is unusable. A poller does:
/// <c>SelectAsync("INBOX")</c>, compares <see cref="ImapMailbox.UidValidity"/> with the stored one (a change
/// means start again from UID 0), then <see cref="FetchNewAsync"/> with the last UID it stored.
/// </summary>
public sealed class ImapClient : IAsyncDisposable
{
    private const int UidsPerCommand = 500;
    private readonly MailConnection connection;
    private HashSet<string> capabilities = new(StringComparer.OrdinalIgnoreCase);
    private int tagCounter;
    private ImapResponse? bye;

    private ImapClient(MailConnection connection) => this.connection = connection;

    /// <summary>Upper-case capability names, e.g. "IMAP4REV1", "MOVE", "UIDPLUS", "AUTH=PLAIN".</summary>
    public IReadOnlySet<string> Capabilities => capabilities;

    public bool IsEncrypted => connection.IsEncrypted;

    /// <summary>True when the greeting was PREAUTH (already logged in).</summary>
    public bool IsAuthenticated { get; private set; }

    public ImapMailbox? Selected { get; private set; }

    /// <summary>Connects, reads the greeting, learns the capabilities and does STARTTLS when the endpoint asks for it.</summary>
    public static async Task<ImapClient> ConnectAsync(MailEndpoint endpoint, CancellationToken ct)
    {
        var connection = await MailConnection.OpenAsync(endpoint, ct);
        return await StartAsync(connection, endpoint, ct);
    }

    /// <summary>The same over a stream that is already connected to the server (it is owned and disposed by the client).</summary>
    public static async Task<ImapClient> ConnectAsync(Stream stream, MailEndpoint endpoint, CancellationToken ct)
    {
        var connection = await MailConnection.OverStreamAsync(stream, endpoint, ct);
        return await StartAsync(connection, endpoint, ct);
    }

    private static async Task<ImapClient> StartAsync(MailConnection connection, MailEndpoint endpoint, CancellationToken ct)
    {
        var client = new ImapClient(connection);
        try
        {
            var greeting = await ImapResponse.ReadAsync(connection, ct);
            if (greeting.Kind != ImapResponseKind.Untagged || greeting.Name is not ("OK" or "PREAUTH"))
            {
                throw new ImapCommandException("greeting", greeting.Name, greeting.Code, greeting.Text);
            }

            client.IsAuthenticated = greeting.Name == "PREAUTH";
            if (!client.TakeCapabilities(greeting))
            {
                await client.RefreshCapabilitiesAsync(ct);
            }

            if (endpoint.Security == MailSecurity.StartTls)
            {
                if (!client.capabilities.Contains("STARTTLS"))
                {
                    throw new MailTlsException("The IMAP server does not offer STARTTLS.");
                }

                await client.RunAsync(new ImapCommand("STARTTLS").Atom("STARTTLS"), ct);
                await connection.UpgradeToTlsAsync(ct);
                // Capabilities learnt before TLS may have been tampered with (RFC 3501 §6.2.1).
                await client.RefreshCapabilitiesAsync(ct);
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// LOGIN with the credentials as quoted strings (literals when they hold 8-bit characters); AUTHENTICATE
    /// PLAIN when the server disables LOGIN. Refused over plain text to a host that is not loopback.
    /// </summary>
    public async Task LoginAsync(string user, string password, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(password);
        MailBytes.RequireSafeArgument(user, nameof(user));
        MailBytes.RequireSafeArgument(password, nameof(password));
        connection.RequireSafeForCredentials();

        ImapCommand command;
        if (!capabilities.Contains("LOGINDISABLED"))
        {
            command = new ImapCommand("LOGIN", LiteralPlus).Atom("LOGIN").Space().String(user).Space().String(password);
        }
        else if (capabilities.Contains("AUTH=PLAIN"))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
            command = capabilities.Contains("SASL-IR")
                ? new ImapCommand("AUTHENTICATE").Atom("AUTHENTICATE PLAIN ").Atom(token)
                : new ImapCommand("AUTHENTICATE").Atom("AUTHENTICATE PLAIN").AfterContinuation(token);
        }
        else
        {
            throw new MailTlsException("The IMAP server disables LOGIN on this connection and offers no AUTH=PLAIN; use TLS.");
        }

        var (tagged, _) = await RunAsync(command, ct);
        IsAuthenticated = true;
        if (!TakeCapabilities(tagged))
        {
            await RefreshCapabilitiesAsync(ct);
        }
    }

    /// <summary>SELECT (or EXAMINE when <paramref name="readOnly"/>) a mailbox; the name may be Arabic.</summary>
    public async Task<ImapMailbox> SelectAsync(string mailbox, CancellationToken ct, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        var verb = readOnly ? "EXAMINE" : "SELECT";
        Selected = null;
        var (tagged, untagged) = await RunAsync(new ImapCommand(verb, LiteralPlus).Atom(verb).Space().Mailbox(mailbox), ct);
        uint? uidValidity = null;
        uint uidNext = 0;
        var exists = 0;
        foreach (var r in untagged)
        {
            if (r.Name == "EXISTS")
            {
                exists = (int)Math.Min(r.Number, int.MaxValue);
            }
            else if (r.Name == "OK" && r.Code == "UIDVALIDITY" && uint.TryParse(r.CodeArguments, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                uidValidity = v;
            }
            else if (r.Name == "OK" && r.Code == "UIDNEXT" && uint.TryParse(r.CodeArguments, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                uidNext = n;
            }
        }

        if (uidValidity is null)
        {
            throw new MailProtocolException("The IMAP server did not report UIDVALIDITY for the mailbox.");
        }

        Selected = new ImapMailbox(mailbox, uidValidity.Value, uidNext, exists, readOnly || tagged.Code == "READ-ONLY");
        return Selected;
    }

    /// <summary>UID SEARCH in the selected mailbox; UIDs ascending.</summary>
    public async Task<IReadOnlyList<uint>> SearchAsync(ImapSearch query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        RequireSelected();
        var command = new ImapCommand("UID SEARCH", LiteralPlus).Atom("UID SEARCH");
        if (query.NeedsUtf8)
        {
            command.Atom(" CHARSET UTF-8");
        }

        query.WriteTo(command);
        var (_, untagged) = await RunAsync(command, ct);
        var uids = new SortedSet<uint>();
        foreach (var r in untagged.Where(r => r.Name == "SEARCH"))
        {
            foreach (var token in r.Data)
            {
                if (token.TryGetNumber(out var uid) && (query.AfterUid is not { } after || uid > after))
                {
                    uids.Add(uid);
                }
            }
        }

        return [.. uids];
    }

    /// <summary>UID FETCH (UID FLAGS INTERNALDATE BODY.PEEK[]) without setting \Seen; messages that no longer exist are left out.</summary>
    public async Task<IReadOnlyList<ImapMessage>> FetchAsync(IReadOnlyCollection<uint> uids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uids);
        RequireSelected();
        var wanted = uids.ToHashSet();
        var found = new SortedDictionary<uint, ImapMessage>();
        foreach (var set in UidSet.Chunks(uids, UidsPerCommand))
        {
            var (_, untagged) = await RunAsync(
                new ImapCommand("UID FETCH").Atom("UID FETCH ").Atom(set).Atom(" (UID FLAGS INTERNALDATE BODY.PEEK[])"), ct);
            foreach (var r in untagged.Where(r => r.Name == "FETCH"))
            {
                if (ParseFetch(r) is { } message && wanted.Contains(message.Uid))
                {
                    found[message.Uid] = message;
                }
            }
        }

        return [.. found.Values];
    }

    /// <summary>
    /// The next messages with UID greater than <paramref name="afterUid"/>, oldest first, at most
    /// <paramref name="maxCount"/>: call again with the last UID returned until the list comes back empty.
    /// Only valid while the mailbox's UIDVALIDITY equals the one <paramref name="afterUid"/> was taken under.
    /// </summary>
    public async Task<IReadOnlyList<ImapMessage>> FetchNewAsync(uint afterUid, int maxCount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var uids = await SearchAsync(ImapSearch.UidsAfter(afterUid), ct);
        return uids.Count == 0 ? [] : await FetchAsync([.. uids.Take(maxCount)], ct);
    }

    /// <summary>UID STORE +FLAGS.SILENT, e.g. <see cref="ImapFlags.Seen"/> after a message is stored.</summary>
    public Task AddFlagsAsync(IReadOnlyCollection<uint> uids, IReadOnlyCollection<string> flags, CancellationToken ct) =>
        StoreAsync(uids, "+FLAGS.SILENT", flags, ct);

    /// <summary>UID STORE -FLAGS.SILENT.</summary>
    public Task RemoveFlagsAsync(IReadOnlyCollection<uint> uids, IReadOnlyCollection<string> flags, CancellationToken ct) =>
        StoreAsync(uids, "-FLAGS.SILENT", flags, ct);

    /// <summary>
    /// Moves messages to another mailbox (created if missing): UID MOVE when offered, else UID COPY, \Deleted
    /// and UID EXPUNGE (with UIDPLUS) or EXPUNGE (which also removes other messages already marked \Deleted).
    /// </summary>
    public async Task MoveAsync(IReadOnlyCollection<uint> uids, string destination, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        RequireSelected();
        if (uids.Count == 0)
        {
            return;
        }

        var verb = capabilities.Contains("MOVE") ? "UID MOVE" : "UID COPY";
        foreach (var set in UidSet.Chunks(uids, UidsPerCommand))
        {
            ImapCommand Command() => new ImapCommand(verb, LiteralPlus).Atom(verb).Space().Atom(set).Space().Mailbox(destination);
            try
            {
                await RunAsync(Command(), ct);
            }
            catch (ImapCommandException e) when (e.ResponseCode == "TRYCREATE")
            {
                await CreateMailboxAsync(destination, ct);
                await RunAsync(Command(), ct);
            }
        }

        if (verb == "UID COPY")
        {
            await DeleteAsync(uids, ct);
        }
    }

    /// <summary>Marks messages \Deleted and expunges them (UID EXPUNGE with UIDPLUS, else EXPUNGE).</summary>
    public async Task DeleteAsync(IReadOnlyCollection<uint> uids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uids);
        RequireSelected();
        if (uids.Count == 0)
        {
            return;
        }

        await StoreAsync(uids, "+FLAGS.SILENT", [ImapFlags.Deleted], ct);
        if (capabilities.Contains("UIDPLUS"))
        {
            foreach (var set in UidSet.Chunks(uids, UidsPerCommand))
            {
                await RunAsync(new ImapCommand("UID EXPUNGE").Atom("UID EXPUNGE ").Atom(set), ct);
            }
        }
        else
        {
            await RunAsync(new ImapCommand("EXPUNGE").Atom("EXPUNGE"), ct);
        }
    }

    /// <summary>CREATE; a mailbox that already exists is not an error.</summary>
    public async Task CreateMailboxAsync(string mailbox, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        try
        {
            await RunAsync(new ImapCommand("CREATE", LiteralPlus).Atom("CREATE").Space().Mailbox(mailbox), ct);
        }
        catch (ImapCommandException e) when (e.Status == "NO")
        {
            // Already there is what the caller wanted; servers without ALREADYEXISTS are asked with LIST.
            if (e.ResponseCode != "ALREADYEXISTS" && !(await ListMailboxesAsync(ct)).Any(m => m.Name == mailbox))
            {
                throw;
            }
        }
    }

    /// <summary>LIST "" "*": every mailbox with decoded names.</summary>
    public async Task<IReadOnlyList<ImapMailboxInfo>> ListMailboxesAsync(CancellationToken ct)
    {
        var (_, untagged) = await RunAsync(new ImapCommand("LIST").Atom("LIST \"\" \"*\""), ct);
        var result = new List<ImapMailboxInfo>();
        foreach (var r in untagged.Where(r => r.Name == "LIST" && r.Data.Count >= 3))
        {
            var attributes = r.Data[0].Items.Select(i => i.Atom).ToList();
            var name = r.Data[2].Text ?? "";
            result.Add(new ImapMailboxInfo(ImapMailboxName.Decode(name), r.Data[1].Text, attributes));
        }

        return result;
    }

    /// <summary>NOOP: keeps the session alive and lets the server report new messages.</summary>
    public Task NoopAsync(CancellationToken ct) => RunAsync(new ImapCommand("NOOP").Atom("NOOP"), ct);

    /// <summary>LOGOUT; the server's BYE is expected.</summary>
    public async Task LogoutAsync(CancellationToken ct)
    {
        if (connection.IsBroken)
        {
            return;
        }

        try
        {
            await RunAsync(new ImapCommand("LOGOUT").Atom("LOGOUT"), ct);
        }
        catch (ImapCommandException e) when (e.Status == "BYE")
        {
            // Some servers close right after BYE without the tagged OK.
        }

        connection.MarkBroken();
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private bool LiteralPlus => capabilities.Contains("LITERAL+");

    private void RequireSelected()
    {
        if (Selected is null)
        {
            throw new InvalidOperationException("Select a mailbox first.");
        }
    }

    private async Task StoreAsync(IReadOnlyCollection<uint> uids, string operation, IReadOnlyCollection<string> flags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(flags);
        RequireSelected();
        if (uids.Count == 0 || flags.Count == 0)
        {
            return;
        }

        foreach (var flag in flags)
        {
            if (flag.Length == 0 || flag.Any(c => c is <= ' ' or > '~' or '(' or ')' or '{' or '"' or '%' or '*' or ']'))
            {
                throw new ArgumentException("Not a valid IMAP flag.", nameof(flags));
            }
        }

        var list = "(" + string.Join(' ', flags) + ")";
        foreach (var set in UidSet.Chunks(uids, UidsPerCommand))
        {
            await RunAsync(new ImapCommand("UID STORE").Atom("UID STORE ").Atom(set).Atom($" {operation} {list}"), ct);
        }
    }

    private async Task RefreshCapabilitiesAsync(CancellationToken ct)
    {
        var (_, untagged) = await RunAsync(new ImapCommand("CAPABILITY").Atom("CAPABILITY"), ct);
        foreach (var r in untagged.Where(r => r.Name == "CAPABILITY"))
        {
            capabilities = r.Data.Select(t => t.Atom.ToUpperInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
    }

    private bool TakeCapabilities(ImapResponse response)
    {
        if (response.Code != "CAPABILITY")
        {
            return false;
        }

        capabilities = response.CodeArguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return true;
    }

    internal static ImapMessage? ParseFetch(ImapResponse response)
    {
        if (response.Data.Count == 0 || response.Data[0].Kind != ImapTokenKind.List)
        {
            return null;
        }

        var items = response.Data[0].Items;
        uint? uid = null;
        List<string>? flags = null;
        DateTimeOffset? internalDate = null;
        byte[]? body = null;
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            var name = items[i].Atom.ToUpperInvariant();
            var value = items[i + 1];
            switch (name)
            {
                case "UID" when value.TryGetNumber(out var u):
                    uid = u;
                    break;
                case "FLAGS":
                    flags = value.Items.Select(f => f.Atom).ToList();
                    break;
                case "INTERNALDATE":
                    internalDate = ParseInternalDate(value.Text);
                    break;
                case "BODY[]" or "RFC822" when value.Kind == ImapTokenKind.String:
                    body = value.Bytes;
                    break;
            }
        }

        return uid is null || body is null ? null : new ImapMessage(uid.Value, flags ?? [], internalDate, body);
    }

    // "17-Jul-1996 02:44:25 -0700", the day possibly space-padded.
    internal static DateTimeOffset? ParseInternalDate(string? text)
    {
        var parts = text?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 3 } || parts[2].Length != 5 || parts[2][0] is not ('+' or '-')
            || !DateTime.TryParseExact($"{parts[0]} {parts[1]}", "d-MMM-yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || !int.TryParse(parts[2].AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[2].AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours > 14 || minutes > 59)
        {
            return null;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return new DateTimeOffset(local, parts[2][0] == '-' ? -offset : offset);
    }

    // Sends a command (waiting for "+" before each synchronising literal), collects the untagged
    // responses until its tagged completion and throws on NO/BAD.
    private async Task<(ImapResponse Tagged, List<ImapResponse> Untagged)> RunAsync(ImapCommand command, CancellationToken ct)
    {
        if (connection.IsBroken)
        {
            throw new InvalidOperationException("The IMAP session can no longer be used; connect again.");
        }

        var tag = string.Create(CultureInfo.InvariantCulture, $"K{++tagCounter:D4}");
        var untagged = new List<ImapResponse>();
        try
        {
            ImapResponse? tagged = null;
            var segments = command.Segments;
            for (var i = 0; i < segments.Count && tagged is null; i++)
            {
                if (i == 0)
                {
                    await connection.WriteAsync(Encoding.ASCII.GetBytes(tag + " "), ct);
                }
                else
                {
                    await connection.FlushAsync(ct);
                    tagged = await ReadUntilAsync(tag, untagged, stopAtContinuation: true, ct);
                    if (tagged is not null)
                    {
                        break;
                    }
                }

                await connection.WriteAsync(segments[i], ct);
            }

            if (tagged is null)
            {
                await connection.FlushAsync(ct);
                tagged = await ReadUntilAsync(tag, untagged, stopAtContinuation: false, ct);
            }

            if (tagged!.Name != "OK")
            {
                throw new ImapCommandException(command.Name, tagged.Name, tagged.Code, tagged.Text);
            }

            return (tagged, untagged);
        }
        catch (MailConnectionException e) when (bye is not null)
        {
            throw new ImapCommandException(command.Name, "BYE", bye.Code, bye.Text + " (" + e.Message + ")");
        }
        catch (MailProtocolException e) when (e is not ImapCommandException)
        {
            // A response we could not follow leaves the stream at an unknown point.
            connection.MarkBroken();
            throw;
        }
        catch (OperationCanceledException)
        {
            connection.MarkBroken();
            throw;
        }
    }

    // Reads responses until the command's tagged one (returned) or, when asked, a continuation (null).
    private async Task<ImapResponse?> ReadUntilAsync(string tag, List<ImapResponse> untagged, bool stopAtContinuation, CancellationToken ct)
    {
        while (true)
        {
            var response = await ImapResponse.ReadAsync(connection, ct);
            switch (response.Kind)
            {
                case ImapResponseKind.Continuation when stopAtContinuation:
                    return null;
                case ImapResponseKind.Continuation:
                    connection.MarkBroken();
                    throw new MailProtocolException("The IMAP server asked for more data than the command has.");
                case ImapResponseKind.Tagged when response.Tag == tag:
                    return response;
                case ImapResponseKind.Tagged:
                    connection.MarkBroken();
                    throw new MailProtocolException("The IMAP server answered a command that was not sent.");
                default:
                    if (response.Name == "BYE")
                    {
                        bye = response;
                    }
                    else if (response.Name == "CAPABILITY")
                    {
                        capabilities = response.Data.Select(t => t.Atom.ToUpperInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    }
                    else if (response.IsStatus)
                    {
                        TakeCapabilities(response);
                    }

                    untagged.Add(response);
                    break;
            }
        }
    }
}

// A command as byte segments: every segment after the first is sent only once the server has answered
// "+" (a synchronising literal, or the next step of AUTHENTICATE).
internal sealed class ImapCommand(string name, bool literalPlus = false)
{
    private readonly List<byte[]> segments = [];
    private readonly ArrayBufferWriter<byte> current = new(128);

    public string Name { get; } = name;

    public List<byte[]> Segments
    {
        get
        {
            var all = new List<byte[]>(segments) { Finish(current.WrittenSpan) };
            return all;
        }
    }

    public ImapCommand Atom(string text)
    {
        current.Write(Encoding.ASCII.GetBytes(text));
        return this;
    }

    public ImapCommand Space() => Atom(" ");

    // An astring: the bare atom when safe, a quoted string when 7-bit, a literal otherwise.
    public ImapCommand String(string value)
    {
        if (value.Length > 0 && value.All(IsAtomChar) && !value.Equals("NIL", StringComparison.OrdinalIgnoreCase))
        {
            return Atom(value);
        }

        if (Ascii.IsValid(value) && value.Length < 1000 && value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0)
        {
            return Atom("\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        if (literalPlus)
        {
            Atom(string.Create(CultureInfo.InvariantCulture, $"{{{bytes.Length}+}}\r\n"));
            current.Write(bytes);
            return this;
        }

        Atom(string.Create(CultureInfo.InvariantCulture, $"{{{bytes.Length}}}\r\n"));
        segments.Add(current.WrittenSpan.ToArray());
        current.ResetWrittenCount();
        current.Write(bytes);
        return this;
    }

    public ImapCommand Mailbox(string name) =>
        name.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? Atom("INBOX") : String(ImapMailboxName.Encode(name));

    // A line sent after the server's "+" (AUTHENTICATE without SASL-IR).
    public ImapCommand AfterContinuation(string line)
    {
        current.Write("\r\n"u8);
        segments.Add(current.WrittenSpan.ToArray());
        current.ResetWrittenCount();
        return Atom(line);
    }

    private static byte[] Finish(ReadOnlySpan<byte> last)
    {
        var bytes = new byte[last.Length + 2];
        last.CopyTo(bytes);
        bytes[^2] = (byte)'\r';
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static bool IsAtomChar(char c) =>
        c is > ' ' and <= '~' and not ('(' or ')' or '{' or '%' or '*' or '"' or '\\' or ']');
}

// UID sets in IMAP syntax ("1:3,7,9:12"), cut into commands of bounded length.
internal static class UidSet
{
    public static IEnumerable<string> Chunks(IEnumerable<uint> uids, int perChunk) =>
        uids.Distinct().Order().Chunk(perChunk).Select(Format);

    public static string Format(IEnumerable<uint> uids)
    {
        var sorted = uids.Distinct().Order().ToList();
        if (sorted.Count == 0 || sorted[0] == 0)
        {
            throw new ArgumentException("UIDs start at 1.", nameof(uids));
        }

        var result = new StringBuilder();
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            if (result.Length > 0)
            {
                result.Append(',');
            }

            result.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (j > i)
            {
                result.Append(':').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            }

            i = j + 1;
        }

        return result.ToString();
    }
}
