using System.Buffers;
using System.Globalization;
using System.Text;

namespace Khidma.Web.Areas.Mail.Protocols;

/// <summary>Message count and total size from STAT.</summary>
public sealed record Pop3Stat(int Count, long Size);

/// <summary>One UIDL line: the session's message number and the server's unique id, stable across sessions.</summary>
public sealed record Pop3MessageUid(int Number, string Uid);

/// <summary>One LIST line: the session's message number and its size in octets.</summary>
public sealed record Pop3MessageSize(int Number, long Size);

/// <summary>
/// A POP3 client session (RFC 1939, STLS from RFC 2595, CAPA from RFC 2449). Messages come back as raw bytes,
/// dot-unstuffed. Deletions take effect at <see cref="QuitAsync"/>. Not thread-safe; after a
/// cancellation the session is unusable.
/// </summary>
public sealed class Pop3Client : IAsyncDisposable
{
    private readonly MailConnection connection;
    private HashSet<string> capabilities = new(StringComparer.OrdinalIgnoreCase);

    private Pop3Client(MailConnection connection) => this.connection = connection;

    /// <summary>CAPA keywords (upper case, without parameters); empty when the server has no CAPA.</summary>
    public IReadOnlySet<string> Capabilities => capabilities;

    public string Greeting { get; private set; } = "";

    public bool IsEncrypted => connection.IsEncrypted;

    /// <summary>Connects, reads the greeting and does STLS when the endpoint asks for it.</summary>
    public static async Task<Pop3Client> ConnectAsync(MailEndpoint endpoint, CancellationToken ct)
    {
        var connection = await MailConnection.OpenAsync(endpoint, ct);
        return await StartAsync(connection, endpoint, ct);
    }

    /// <summary>The same over a stream that is already connected to the server (it is owned and disposed by the client).</summary>
    public static async Task<Pop3Client> ConnectAsync(Stream stream, MailEndpoint endpoint, CancellationToken ct)
    {
        var connection = await MailConnection.OverStreamAsync(stream, endpoint, ct);
        return await StartAsync(connection, endpoint, ct);
    }

    private static async Task<Pop3Client> StartAsync(MailConnection connection, MailEndpoint endpoint, CancellationToken ct)
    {
        var client = new Pop3Client(connection);
        try
        {
            client.Greeting = await client.ReadStatusAsync("greeting", ct);
            await client.LoadCapabilitiesAsync(ct);
            if (endpoint.Security == MailSecurity.StartTls)
            {
                if (client.capabilities.Count > 0 && !client.capabilities.Contains("STLS"))
                {
                    throw new MailTlsException("The POP3 server does not offer STLS.");
                }

                await client.SendLineAsync("STLS", ct);
                try
                {
                    await client.ReadStatusAsync("STLS", ct);
                }
                catch (Pop3CommandException e)
                {
                    throw new MailTlsException($"The POP3 server refused STLS: {e.ResponseText}", e);
                }

                await connection.UpgradeToTlsAsync(ct);
                await client.LoadCapabilitiesAsync(ct);
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>USER and PASS. Refused over plain text to a host that is not loopback.</summary>
    public Task LoginAsync(string user, string password, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(password);
        MailBytes.RequireSafeArgument(user, nameof(user));
        MailBytes.RequireSafeArgument(password, nameof(password));
        connection.RequireSafeForCredentials();
        return GuardAsync(async () =>
        {
            await CommandAsync("USER", $"USER {user}", ct);
            await CommandAsync("PASS", $"PASS {password}", ct);
        });
    }

    public async Task<Pop3Stat> StatAsync(CancellationToken ct)
    {
        Pop3Stat? stat = null;
        await GuardAsync(async () =>
        {
            var text = await CommandAsync("STAT", "STAT", ct);
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                throw Malformed("STAT");
            }

            stat = new Pop3Stat(count, size);
        });
        return stat!;
    }

    /// <summary>UIDL for every message: what a poller remembers to recognise messages it already has.</summary>
    public async Task<IReadOnlyList<Pop3MessageUid>> ListUidsAsync(CancellationToken ct)
    {
        var result = new List<Pop3MessageUid>();
        await GuardAsync(async () =>
        {
            await CommandAsync("UIDL", "UIDL", ct);
            foreach (var line in await ReadMultilineTextAsync(ct))
            {
                var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    throw Malformed("UIDL");
                }

                result.Add(new Pop3MessageUid(number, parts[1].Trim()));
            }
        });
        return result;
    }

    public async Task<IReadOnlyList<Pop3MessageSize>> ListAsync(CancellationToken ct)
    {
        var result = new List<Pop3MessageSize>();
        await GuardAsync(async () =>
        {
            await CommandAsync("LIST", "LIST", ct);
            foreach (var line in await ReadMultilineTextAsync(ct))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                {
                    throw Malformed("LIST");
                }

                result.Add(new Pop3MessageSize(number, size));
            }
        });
        return result;
    }

    /// <summary>RETR: the message's raw bytes exactly as stored, with the transport's dot-stuffing removed.</summary>
    public async Task<byte[]> RetrieveAsync(int number, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        byte[]? message = null;
        await GuardAsync(async () =>
        {
            await CommandAsync("RETR", string.Create(CultureInfo.InvariantCulture, $"RETR {number}"), ct);
            var output = new ArrayBufferWriter<byte>(8192);
            while (true)
            {
                var line = await connection.ReadLineAsync(ct);
                if (!DotStuffing.AppendUnstuffedLine(line.Span, output))
                {
                    break;
                }

                if (output.WrittenCount > connection.MaxBytes)
                {
                    connection.MarkBroken();
                    throw new MailProtocolException("The message is larger than the configured limit.");
                }
            }

            message = output.WrittenSpan.ToArray();
        });
        return message!;
    }

    /// <summary>Marks a message for deletion; the server deletes it when the session ends with QUIT.</summary>
    public Task DeleteAsync(int number, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return GuardAsync(() => CommandAsync("DELE", string.Create(CultureInfo.InvariantCulture, $"DELE {number}"), ct));
    }

    /// <summary>Unmarks every message marked for deletion in this session.</summary>
    public Task ResetAsync(CancellationToken ct) => GuardAsync(() => CommandAsync("RSET", "RSET", ct));

    public Task NoopAsync(CancellationToken ct) => GuardAsync(() => CommandAsync("NOOP", "NOOP", ct));

    /// <summary>QUIT: ends the session and commits deletions; throws if the server could not delete.</summary>
    public async Task QuitAsync(CancellationToken ct)
    {
        if (connection.IsBroken)
        {
            return;
        }

        await GuardAsync(() => CommandAsync("QUIT", "QUIT", ct));
        connection.MarkBroken();
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private async Task LoadCapabilitiesAsync(CancellationToken ct)
    {
        await SendLineAsync("CAPA", ct);
        try
        {
            await ReadStatusAsync("CAPA", ct);
        }
        catch (Pop3CommandException)
        {
            capabilities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return;
        }

        capabilities = (await ReadMultilineTextAsync(ct))
            .Select(l => l.Split(' ', 2)[0].Trim().ToUpperInvariant())
            .Where(k => k.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private async Task GuardAsync(Func<Task> action)
    {
        if (connection.IsBroken)
        {
            throw new InvalidOperationException("The POP3 session can no longer be used; connect again.");
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
        catch (MailProtocolException e) when (e is not Pop3CommandException)
        {
            // A reply we could not follow leaves the stream at an unknown point.
            connection.MarkBroken();
            throw;
        }
    }

    private async Task<string> CommandAsync(string name, string line, CancellationToken ct)
    {
        await SendLineAsync(line, ct);
        return await ReadStatusAsync(name, ct);
    }

    private async Task SendLineAsync(string line, CancellationToken ct)
    {
        await connection.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), ct);
        await connection.FlushAsync(ct);
    }

    private async Task<string> ReadStatusAsync(string name, CancellationToken ct)
    {
        var line = MailBytes.TrimLineEnd((await connection.ReadLineAsync(ct)).Span);
        if (line.StartsWith("+OK"u8))
        {
            return Encoding.UTF8.GetString(line[3..]).Trim();
        }

        if (line.StartsWith("-ERR"u8))
        {
            throw new Pop3CommandException(name, Encoding.UTF8.GetString(line[4..]).Trim());
        }

        connection.MarkBroken();
        throw Malformed(name);
    }

    private async Task<List<string>> ReadMultilineTextAsync(CancellationToken ct)
    {
        var lines = new List<string>();
        var output = new ArrayBufferWriter<byte>(256);
        while (true)
        {
            output.ResetWrittenCount();
            var line = await connection.ReadLineAsync(ct);
            if (!DotStuffing.AppendUnstuffedLine(line.Span, output))
            {
                return lines;
            }

            lines.Add(Encoding.UTF8.GetString(MailBytes.TrimLineEnd(output.WrittenSpan)));
            if (lines.Count > 10_000_000)
            {
                connection.MarkBroken();
                throw new MailProtocolException("The POP3 server sent too long a listing.");
            }
        }
    }

    private static MailProtocolException Malformed(string command) => new($"The POP3 server sent a malformed reply to {command}.");
}
