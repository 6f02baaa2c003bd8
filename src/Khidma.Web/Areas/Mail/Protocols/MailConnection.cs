using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Khidma.Web.Areas.Mail.Protocols;

// The byte-level half shared by the three protocols: a buffered reader of CRLF lines and exact byte
// counts (IMAP literals) over any Stream, writes, and the in-place upgrade to TLS. Everything stays in
// bytes so message content is never decoded or altered on the way through.
internal sealed class MailConnection : IAsyncDisposable
{
    private Stream stream;
    private readonly MailEndpoint endpoint;
    private byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;
    private bool broken;

    public MailConnection(Stream stream, MailEndpoint endpoint)
    {
        this.stream = stream;
        this.endpoint = endpoint;
    }

    public bool IsEncrypted => stream is SslStream;

    public int MaxBytes => endpoint.MaxMessageBytes;

    // Opens TCP (and TLS for MailSecurity.Tls); STARTTLS is the protocol client's business.
    public static async Task<MailConnection> OpenAsync(MailEndpoint endpoint, CancellationToken ct)
    {
        MailTls.CheckOptions(endpoint);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, ct);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new MailConnectionException($"Cannot connect to {endpoint.Host}:{endpoint.Port}: {e.SocketErrorCode}.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return await OverStreamAsync(new NetworkStream(socket, ownsSocket: true), endpoint, ct);
    }

    // Takes ownership of an already connected stream; does the handshake for implicit TLS.
    public static async Task<MailConnection> OverStreamAsync(Stream stream, MailEndpoint endpoint, CancellationToken ct)
    {
        MailTls.CheckOptions(endpoint);
        var connection = new MailConnection(stream, endpoint);
        if (endpoint.Security == MailSecurity.Tls)
        {
            try
            {
                await connection.UpgradeToTlsAsync(ct);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        return connection;
    }

    // Credentials in clear text only where nobody can listen: TLS, or a loopback connection.
    public void RequireSafeForCredentials()
    {
        if (!IsEncrypted && !endpoint.IsLoopback)
        {
            throw new MailTlsException("Refusing to send credentials over an unencrypted connection; use StartTls or Tls.");
        }
    }

    public async Task UpgradeToTlsAsync(CancellationToken ct)
    {
        // Bytes already buffered would have arrived before the handshake: a STARTTLS injection attempt.
        if (start != end)
        {
            throw new MailTlsException("The server sent data before the TLS handshake.");
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = endpoint.ServerName,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => MailTls.IsAcceptable(certificate, errors, endpoint),
            }, ct);
        }
        catch (AuthenticationException e)
        {
            await ssl.DisposeAsync();
            broken = true;
            throw new MailTlsException($"TLS with {endpoint.ServerName} failed: {e.Message}", e);
        }
        catch (IOException e)
        {
            await ssl.DisposeAsync();
            broken = true;
            throw new MailConnectionException($"The connection closed during the TLS handshake: {e.Message}", e);
        }

        stream = ssl;
    }

    // One line including its terminator (LF or CRLF), or what is left at end of stream.
    public async ValueTask<ReadOnlyMemory<byte>> ReadLineAsync(CancellationToken ct)
    {
        var searched = 0;
        while (true)
        {
            var nl = buffer.AsSpan(start + searched, end - start - searched).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var length = searched + nl + 1;
                var line = buffer.AsMemory(start, length);
                start += length;
                return line;
            }

            searched = end - start;
            if (searched > MaxBytes)
            {
                broken = true;
                throw new MailProtocolException("The server sent a line longer than the configured limit.");
            }

            if (!await FillAsync(ct))
            {
                throw Closed();
            }
        }
    }

    // Exactly count bytes (an IMAP literal), copied out so the caller may keep them.
    public async ValueTask<byte[]> ReadExactAsync(int count, CancellationToken ct)
    {
        var result = GC.AllocateUninitializedArray<byte>(count);
        var have = Math.Min(count, end - start);
        buffer.AsSpan(start, have).CopyTo(result);
        start += have;
        while (have < count)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(result.AsMemory(have), ct);
            }
            catch (IOException e)
            {
                broken = true;
                throw new MailConnectionException("The connection to the mail server failed.", e);
            }

            if (read == 0)
            {
                throw Closed();
            }

            have += read;
        }

        return result;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        try
        {
            await stream.WriteAsync(data, ct);
        }
        catch (IOException e)
        {
            broken = true;
            throw new MailConnectionException("The connection to the mail server failed.", e);
        }
    }

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        try
        {
            await stream.FlushAsync(ct);
        }
        catch (IOException e)
        {
            broken = true;
            throw new MailConnectionException("The connection to the mail server failed.", e);
        }
    }

    public bool IsBroken => broken;

    public void MarkBroken() => broken = true;

    public ValueTask DisposeAsync()
    {
        broken = true;
        return stream.DisposeAsync();
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        int read;
        try
        {
            read = await stream.ReadAsync(buffer.AsMemory(end), ct);
        }
        catch (IOException e)
        {
            broken = true;
            throw new MailConnectionException("The connection to the mail server failed.", e);
        }

        end += read;
        return read > 0;
    }

    private MailConnectionException Closed()
    {
        broken = true;
        return new MailConnectionException("The mail server closed the connection.");
    }
}

internal static class MailTls
{
    public static void CheckOptions(MailEndpoint endpoint)
    {
        if (endpoint.SkipCertificateValidation && !endpoint.IsLoopback)
        {
            throw new ArgumentException("Skipping certificate validation is only allowed for loopback hosts; pin the certificate's thumbprint instead.", nameof(endpoint));
        }
    }

    public static bool IsAcceptable(X509Certificate? certificate, SslPolicyErrors errors, MailEndpoint endpoint)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (endpoint.SkipCertificateValidation && endpoint.IsLoopback)
        {
            return true;
        }

        return certificate is not null && endpoint.AcceptedCertificateThumbprint is { } pinned && MatchesThumbprint(certificate, pinned);
    }

    public static bool MatchesThumbprint(X509Certificate certificate, string thumbprint)
    {
        var wanted = thumbprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var sha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var sha1 = certificate.GetCertHashString(HashAlgorithmName.SHA1);
        return FixedTimeEqualsIgnoreCase(wanted, sha256) || FixedTimeEqualsIgnoreCase(wanted, sha1);
    }

    private static bool FixedTimeEqualsIgnoreCase(string a, string b) =>
        a.Length == b.Length && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(a.ToUpperInvariant()), System.Text.Encoding.ASCII.GetBytes(b.ToUpperInvariant()));
}

// Byte helpers used by several protocols.
internal static class MailBytes
{
    public static ReadOnlySpan<byte> TrimLineEnd(ReadOnlySpan<byte> line)
    {
        var length = line.Length;
        if (length > 0 && line[length - 1] == '\n')
        {
            length--;
        }

        if (length > 0 && line[length - 1] == '\r')
        {
            length--;
        }

        return line[..length];
    }

    public static void RequireSafeArgument(string value, string name)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("Line breaks and NUL are not allowed here.", name);
        }
    }
}
