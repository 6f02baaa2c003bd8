using System.Net;

namespace Khidma.Web.Areas.Mail.Protocols;

/// <summary>How a mail connection is protected.</summary>
public enum MailSecurity
{
    /// <summary>Plain TCP; only sensible on loopback or inside a trusted network.</summary>
    None,

    /// <summary>Plain TCP upgraded with STARTTLS (IMAP, SMTP) or STLS (POP3); fails if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (IMAP 993, POP3 995, SMTP 465).</summary>
    Tls,
}

/// <summary>
/// Where and how to reach a mail server. Certificates are validated against the system's trust store;
/// <see cref="AcceptedCertificateThumbprint"/> additionally accepts one known (e.g. self-signed) certificate,
/// and <see cref="SkipCertificateValidation"/> accepts anything but is only honoured for loopback hosts.
/// </summary>
public sealed record MailEndpoint(string Host, int Port, MailSecurity Security)
{
    /// <summary>SHA-256 (or SHA-1) hex thumbprint of a certificate to accept even if it does not chain to a trusted root; ':' and spaces are ignored.</summary>
    public string? AcceptedCertificateThumbprint { get; init; }

    /// <summary>Accept any certificate. Refused for hosts that are not loopback, so it cannot leak into production.</summary>
    public bool SkipCertificateValidation { get; init; }

    /// <summary>Name checked against the certificate and sent as SNI; defaults to <see cref="Host"/>.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Largest message (or server line) accepted before the connection is abandoned as misbehaving.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    internal string ServerName => TlsServerName ?? Host;

    internal bool IsLoopback =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Parses "host:port" (as printed by scripts/mailserver.sh) into an endpoint.</summary>
    public static MailEndpoint Parse(string hostAndPort, MailSecurity security)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostAndPort);
        var colon = hostAndPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostAndPort.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new FormatException("Expected host:port.");
        }

        // "[::1]:993": the brackets only delimit an IPv6 address.
        return new MailEndpoint(hostAndPort[..colon].Trim('[', ']'), port, security);
    }
}
