using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Protocols;

namespace Khidma.Tests.MailProtocols;

// Runs the test only against the real dovecot and postfix started by scripts/mailserver.sh:
//   export $(scripts/mailserver.sh start)
public sealed class MailServerFactAttribute : FactAttribute
{
    public MailServerFactAttribute()
    {
        if (string.IsNullOrEmpty(MailTestServer.Root))
        {
            Skip = "KHIDMA_TEST_MAIL not set (export $(scripts/mailserver.sh start))";
        }
    }
}

// Where the private test servers listen, from the env lines scripts/mailserver.sh prints.
public static class MailTestServer
{
    public const string Password = "secret";

    public static string? Root => Environment.GetEnvironmentVariable("KHIDMA_TEST_MAIL");

    public static MailEndpoint Imap(MailSecurity security = MailSecurity.StartTls) => Endpoint("KHIDMA_TEST_IMAP", "127.0.0.1:10143", security);

    public static MailEndpoint Imaps => Endpoint("KHIDMA_TEST_IMAPS", "127.0.0.1:10993", MailSecurity.Tls);

    public static MailEndpoint Pop3(MailSecurity security = MailSecurity.StartTls) => Endpoint("KHIDMA_TEST_POP3", "127.0.0.1:10110", security);

    public static MailEndpoint Pop3s => Endpoint("KHIDMA_TEST_POP3S", "127.0.0.1:10995", MailSecurity.Tls);

    public static MailEndpoint Smtp(MailSecurity security = MailSecurity.StartTls) => Endpoint("KHIDMA_TEST_SMTP", "127.0.0.1:10025", security);

    public static MailEndpoint Smtps => Endpoint("KHIDMA_TEST_SMTPS", "127.0.0.1:10465", MailSecurity.Tls);

    // The servers' self-signed certificate, pinned by its SHA-256 thumbprint like an administrator would.
    public static string CertificateThumbprint
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("KHIDMA_TEST_MAIL_CERT") ?? Path.Combine(Root ?? "/tmp/khidma-mail", "etc", "cert.pem");
            using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            return cert.GetCertHashString(HashAlgorithmName.SHA256);
        }
    }

    // Puts a raw message straight into a test user's Maildir, as a local delivery agent would.
    public static void DeliverToMaildir(string user, byte[] raw)
    {
        var local = user[..user.IndexOf('@', StringComparison.Ordinal)];
        var domain = user[(user.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var maildir = Path.Combine(Root!, "mail", domain, local, "Maildir");
        var name = $"{Guid.NewGuid():N}.khidma-test";
        var temporary = Path.Combine(maildir, "tmp", name);
        File.WriteAllBytes(temporary, raw);
        if (!OperatingSystem.IsWindows())
        {
            // dovecot reads it as the mail user, not as the test's user.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        File.Move(temporary, Path.Combine(maildir, "new", name));
    }

    /// <summary>Points a mailbox at the test servers: <paramref name="kind"/> (IMAP or POP3, STARTTLS) as
    /// <paramref name="user"/> for mail in, plain SMTP out, the certificate pinned, no acknowledgments.</summary>
    public static void UseFor(Mailbox mailbox, InboundKind kind, string user, string? protectedPassword)
    {
        var inbound = kind == InboundKind.Pop3 ? Pop3() : Imap();
        mailbox.InboundKind = kind;
        mailbox.Host = inbound.Host;
        mailbox.Port = inbound.Port;
        mailbox.Security = MailSecurity.StartTls;
        mailbox.Username = user;
        mailbox.PasswordProtected = protectedPassword;
        mailbox.CertificateThumbprint = CertificateThumbprint;
        var smtp = Smtp(MailSecurity.None);
        mailbox.SmtpHost = smtp.Host;
        mailbox.SmtpPort = smtp.Port;
        mailbox.SmtpSecurity = MailSecurity.None;
        mailbox.SendAcknowledgment = false;
    }

    /// <summary>The raw message with this Message-ID once it is in <paramref name="user"/>'s inbox (postfix
    /// delivers asynchronously), or null after about ten seconds.</summary>
    public static async Task<byte[]?> WaitForMessageAsync(string user, string messageId)
    {
        for (var i = 0; i < 50; i++)
        {
            await using var imap = await ImapClient.ConnectAsync(Imap(), default);
            await imap.LoginAsync(user, Password, default);
            await imap.SelectAsync("INBOX", default, readOnly: true);
            var uids = await imap.SearchAsync(ImapSearch.Header("Message-ID", messageId), default);
            if (uids.Count > 0) return (await imap.FetchAsync(uids, default))[0].Raw;
            await Task.Delay(200);
        }
        return null;
    }

    private static MailEndpoint Endpoint(string variable, string fallback, MailSecurity security) =>
        MailEndpoint.Parse(Environment.GetEnvironmentVariable(variable) ?? fallback, security) with
        {
            AcceptedCertificateThumbprint = CertificateThumbprint,
        };
}
