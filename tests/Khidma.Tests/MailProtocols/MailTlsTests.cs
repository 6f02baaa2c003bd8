using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Khidma.Web.Areas.Mail.Protocols;

namespace Khidma.Tests.MailProtocols;

public class MailTlsTests
{
    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=mail.khidma.test", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    private static readonly MailEndpoint Remote = new("mail.example.com", 993, MailSecurity.Tls);

    [Fact]
    public void IsAcceptable_ValidChain_Accepts()
    {
        using var cert = SelfSigned();

        Assert.True(MailTls.IsAcceptable(cert, SslPolicyErrors.None, Remote));
    }

    [Fact]
    public void IsAcceptable_UntrustedWithoutPin_Rejects()
    {
        using var cert = SelfSigned();

        Assert.False(MailTls.IsAcceptable(cert, SslPolicyErrors.RemoteCertificateChainErrors, Remote));
    }

    [Fact]
    public void IsAcceptable_PinnedSha256WithColonsAndLowerCase_Accepts()
    {
        using var cert = SelfSigned();
        var hex = cert.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();
        var pinned = string.Join(':', hex.Chunk(2).Select(c => new string(c)));

        Assert.True(MailTls.IsAcceptable(cert, SslPolicyErrors.RemoteCertificateChainErrors, Remote with { AcceptedCertificateThumbprint = pinned }));
        Assert.True(MailTls.IsAcceptable(cert, SslPolicyErrors.RemoteCertificateNameMismatch, Remote with { AcceptedCertificateThumbprint = cert.Thumbprint }));
    }

    [Fact]
    public void IsAcceptable_PinnedOtherCertificate_Rejects()
    {
        using var cert = SelfSigned();
        using var other = SelfSigned();

        Assert.False(MailTls.IsAcceptable(cert, SslPolicyErrors.RemoteCertificateChainErrors,
            Remote with { AcceptedCertificateThumbprint = other.GetCertHashString(HashAlgorithmName.SHA256) }));
    }

    [Fact]
    public void IsAcceptable_SkipValidationOnLoopback_Accepts()
    {
        using var cert = SelfSigned();

        Assert.True(MailTls.IsAcceptable(cert, SslPolicyErrors.RemoteCertificateChainErrors,
            new MailEndpoint("127.0.0.1", 993, MailSecurity.Tls) { SkipCertificateValidation = true }));
    }

    [Fact]
    public async Task ConnectAsync_SkipValidationForRemoteHost_ThrowsArgument()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            ImapClient.ConnectAsync(Remote with { SkipCertificateValidation = true }, CancellationToken.None));
    }

    [Theory]
    [InlineData("127.0.0.1:10143", "127.0.0.1", 10143)]
    [InlineData("localhost:25", "localhost", 25)]
    [InlineData("[::1]:993", "::1", 993)]
    public void Parse_HostAndPort_SplitsAtLastColon(string text, string host, int port)
    {
        var endpoint = MailEndpoint.Parse(text, MailSecurity.None);

        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.True(endpoint.IsLoopback);
    }
}
