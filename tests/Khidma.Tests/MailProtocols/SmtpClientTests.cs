using System.Text;
using Khidma.Web.Areas.Mail.Protocols;

namespace Khidma.Tests.MailProtocols;

public class SmtpClientTests
{
    private static readonly MailEndpoint Loopback = new("127.0.0.1", 25, MailSecurity.None);
    private const string Ehlo = "250-mail.khidma.test\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n"
                                + "250-AUTH=LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n";

    private static ScriptedServerStream Greeted(string ehlo = Ehlo, int chunk = int.MaxValue) =>
        new ScriptedServerStream().Send("220 mail.khidma.test ESMTP\r\n", chunk).Expect("EHLO khidma.app\r\n").Send(ehlo, chunk);

    private static Task<SmtpClient> ConnectAsync(ScriptedServerStream server, MailEndpoint? endpoint = null) =>
        SmtpClient.ConnectAsync(server, endpoint ?? Loopback, "khidma.app", CancellationToken.None);

    [Fact]
    public async Task ConnectAsync_MultilineEhloInTinyReads_ParsesExtensions()
    {
        var server = Greeted(chunk: 1);
        await using var client = await ConnectAsync(server);

        Assert.Equal("PLAIN LOGIN", client.Extensions["AUTH"]);
        Assert.Equal("1000", client.Extensions["SIZE"]);
        Assert.True(client.Extensions.ContainsKey("8BITMIME"));
        Assert.Equal(220, client.Greeting.Code);
        server.AssertDone();
    }

    [Fact]
    public async Task ConnectAsync_EhloNotSupported_FallsBackToHelo()
    {
        var server = new ScriptedServerStream().Send("220 old\r\n")
            .Expect("EHLO khidma.app\r\n").Send("502 5.5.2 Error: command not recognized\r\n")
            .Expect("HELO khidma.app\r\n").Send("250 old\r\n");
        await using var client = await ConnectAsync(server);

        Assert.Empty(client.Extensions);
        server.AssertDone();
    }

    [Fact]
    public async Task ConnectAsync_Greeting554_ThrowsPermanent()
    {
        var server = new ScriptedServerStream().Send("554 5.7.1 no service for you\r\n");

        var e = await Assert.ThrowsAsync<SmtpPermanentException>(() => ConnectAsync(server));

        Assert.Equal(554, e.StatusCode);
        Assert.Equal("5.7.1", e.Reply.EnhancedCode);
    }

    [Fact]
    public async Task ConnectAsync_Greeting421_ThrowsTransient()
    {
        var server = new ScriptedServerStream().Send("421-busy\r\n421 4.3.2 try again later\r\n");

        var e = await Assert.ThrowsAsync<SmtpTransientException>(() => ConnectAsync(server));

        Assert.True(e.IsTransient);
        Assert.Equal(["busy", "4.3.2 try again later"], e.Reply.Lines);
    }

    [Fact]
    public async Task ConnectAsync_StartTlsNotOffered_ThrowsTlsException()
    {
        var server = new ScriptedServerStream().Send("220 hi\r\n").Expect("EHLO khidma.app\r\n").Send("250-hi\r\n250 SIZE 10\r\n");

        await Assert.ThrowsAsync<MailTlsException>(() => ConnectAsync(server, Loopback with { Security = MailSecurity.StartTls }));
    }

    [Fact]
    public async Task ConnectAsync_MixedCodesInMultilineReply_ThrowsProtocolException()
    {
        var server = new ScriptedServerStream().Send("220-hi\r\n250 what\r\n");

        await Assert.ThrowsAsync<MailProtocolException>(() => ConnectAsync(server));
    }

    [Fact]
    public async Task AuthenticateAsync_PlainOffered_SendsInitialResponse()
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0support@khidma.test\0سر"));
        var server = Greeted().Expect($"AUTH PLAIN {token}\r\n").Send("235 2.7.0 Authentication successful\r\n");
        await using var client = await ConnectAsync(server);

        await client.AuthenticateAsync("support@khidma.test", "سر", CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task AuthenticateAsync_OnlyLogin_UsesLoginExchange()
    {
        var server = Greeted("250-hi\r\n250 AUTH LOGIN\r\n")
            .Expect("AUTH LOGIN\r\n").Send("334 VXNlcm5hbWU6\r\n")
            .Expect("dXNlcg==\r\n").Send("334 UGFzc3dvcmQ6\r\n")
            .Expect("cGFzcw==\r\n").Send("235 ok\r\n");
        await using var client = await ConnectAsync(server);

        await client.AuthenticateAsync("user", "pass", CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task AuthenticateAsync_Rejected_ThrowsPermanentWithoutPassword()
    {
        var server = Greeted().Expect("AUTH PLAIN AHUAc2VjcmV0LXB3\r\n").Send("535 5.7.8 Error: authentication failed\r\n");
        await using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<SmtpPermanentException>(() => client.AuthenticateAsync("u", "secret-pw", CancellationToken.None));

        Assert.Equal("AUTH", e.Command);
        Assert.DoesNotContain("secret-pw", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AHUAc2VjcmV0LXB3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SeveralRecipients_SendsEnvelopeAndDotStuffedData()
    {
        var message = Encoding.UTF8.GetBytes("Subject: x\r\n\r\n.hidden\r\nbare LF\nbare CR\r.\r\nend");
        var server = Greeted()
            .Expect($"MAIL FROM:<support@khidma.test> SIZE={message.Length}\r\n").Send("250 2.1.0 Ok\r\n")
            .Expect("RCPT TO:<a@example.test>\r\n").Send("250 2.1.5 Ok\r\n")
            .Expect("RCPT TO:<b@example.test>\r\n").Send("250 2.1.5 Ok\r\n")
            .Expect("DATA\r\n").Send("354 End data with <CR><LF>.<CR><LF>\r\n")
            .Expect("Subject: x\r\n\r\n..hidden\r\nbare LF\r\nbare CR\r\n..\r\nend\r\n.\r\n").Send("250 2.0.0 Ok: queued as ABC\r\n")
            .Expect("QUIT\r\n").Send("221 2.0.0 Bye\r\n");
        await using var client = await ConnectAsync(server);

        var result = await client.SendAsync("support@khidma.test", ["a@example.test", "b@example.test"], message, CancellationToken.None);
        await client.QuitAsync(CancellationToken.None);

        Assert.Equal(["a@example.test", "b@example.test"], result.Accepted);
        Assert.Empty(result.Rejected);
        Assert.Equal("2.0.0", result.DataReply.EnhancedCode);
        server.AssertDone();
    }

    [Fact]
    public async Task SendAsync_EightBitContentAndNullSender_DeclaresBody8BitMime()
    {
        var message = Encoding.UTF8.GetBytes("Subject: رد\r\n\r\nنص\r\n");
        var server = Greeted()
            .Expect($"MAIL FROM:<> SIZE={message.Length} BODY=8BITMIME\r\n").Send("250 Ok\r\n")
            .Expect("RCPT TO:<a@example.test>\r\n").Send("250 Ok\r\n")
            .Expect("DATA\r\n").Send("354 go\r\n")
            .Expect([.. message, .. ".\r\n"u8.ToArray()]).Send("250 Ok\r\n");
        await using var client = await ConnectAsync(server);

        await client.SendAsync("", ["a@example.test"], message, CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task SendAsync_OneRecipientRefused_DeliversToOthersAndReportsIt()
    {
        var server = Greeted()
            .Expect("MAIL FROM:<s@khidma.test> SIZE=3\r\n").Send("250 Ok\r\n")
            .Expect("RCPT TO:<nobody@example.test>\r\n").Send("550 5.1.1 <nobody@example.test>: Recipient address rejected\r\n")
            .Expect("RCPT TO:<a@example.test>\r\n").Send("250 Ok\r\n")
            .Expect("DATA\r\n").Send("354 go\r\n")
            .Expect("x\r\n.\r\n").Send("250 Ok\r\n");
        await using var client = await ConnectAsync(server);

        var result = await client.SendAsync("s@khidma.test", ["nobody@example.test", "a@example.test"], "x\r\n"u8.ToArray(), CancellationToken.None);

        Assert.Equal(["a@example.test"], result.Accepted);
        var failure = Assert.Single(result.Rejected);
        Assert.Equal("nobody@example.test", failure.Address);
        Assert.False(failure.IsTransient);
        server.AssertDone();
    }

    [Fact]
    public async Task SendAsync_AllRecipientsGreylisted_ThrowsTransientAndResets()
    {
        var server = Greeted()
            .Expect("MAIL FROM:<s@khidma.test> SIZE=3\r\n").Send("250 Ok\r\n")
            .Expect("RCPT TO:<a@example.test>\r\n").Send("450 4.2.0 Greylisted, try again later\r\n")
            .Expect("RSET\r\n").Send("250 Ok\r\n");
        await using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<SmtpTransientException>(() => client.SendAsync("s@khidma.test", ["a@example.test"], "x\r\n"u8.ToArray(), CancellationToken.None));

        Assert.Equal("RCPT TO", e.Command);
        Assert.Equal(450, e.StatusCode);
        server.AssertDone();
    }

    [Fact]
    public async Task SendAsync_MailFromTransientFailure_ThrowsTransientAndResets()
    {
        var server = Greeted()
            .Expect("MAIL FROM:<s@khidma.test> SIZE=3\r\n").Send("451 4.3.0 Local error\r\n")
            .Expect("RSET\r\n").Send("250 Ok\r\n");
        await using var client = await ConnectAsync(server);

        await Assert.ThrowsAsync<SmtpTransientException>(() => client.SendAsync("s@khidma.test", ["a@example.test"], "x\r\n"u8.ToArray(), CancellationToken.None));
        server.AssertDone();
    }

    [Fact]
    public async Task SendAsync_DataRejectedPermanently_ThrowsPermanent()
    {
        var server = Greeted()
            .Expect("MAIL FROM:<s@khidma.test> SIZE=3\r\n").Send("250 Ok\r\n")
            .Expect("RCPT TO:<a@example.test>\r\n").Send("250 Ok\r\n")
            .Expect("DATA\r\n").Send("354 go\r\n")
            .Expect("x\r\n.\r\n").Send("554-5.7.1 Message rejected\r\n554 5.7.1 Spam\r\n");
        await using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<SmtpPermanentException>(() => client.SendAsync("s@khidma.test", ["a@example.test"], "x\r\n"u8.ToArray(), CancellationToken.None));

        Assert.Equal("DATA", e.Command);
        Assert.Contains("Spam", e.Message, StringComparison.Ordinal);
        server.AssertDone();
    }

    [Fact]
    public async Task SendAsync_LargerThanServerSize_ThrowsPermanentWithoutSending()
    {
        var server = Greeted();
        await using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<SmtpPermanentException>(() => client.SendAsync("s@khidma.test", ["a@example.test"], new byte[1001], CancellationToken.None));

        Assert.Equal(552, e.StatusCode);
        server.AssertDone();
    }

    [Theory]
    [InlineData("a@example.test>\r\nRCPT TO:<evil@example.test")]
    [InlineData("no-at-sign")]
    [InlineData("")]
    public async Task SendAsync_BadRecipient_ThrowsArgumentBeforeSending(string recipient)
    {
        var server = Greeted();
        await using var client = await ConnectAsync(server);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync("s@khidma.test", [recipient], "x"u8.ToArray(), CancellationToken.None));
        server.AssertDone();
    }

    [Fact]
    public async Task AuthenticateAsync_PlainTextToRemoteHost_RefusesToSendPassword()
    {
        var server = Greeted();
        await using var client = await ConnectAsync(server, new MailEndpoint("smtp.example.com", 25, MailSecurity.None));

        await Assert.ThrowsAsync<MailTlsException>(() => client.AuthenticateAsync("u", "p", CancellationToken.None));
        server.AssertDone();
    }

    [Fact]
    public async Task SendAsync_ServerSilent_CancelsAndLeavesSessionClosed()
    {
        var server = Greeted().Expect("MAIL FROM:<s@khidma.test> SIZE=3\r\n").Hang();
        await using var client = await ConnectAsync(server);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync("s@khidma.test", ["a@example.test"], "x\r\n"u8.ToArray(), cts.Token));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync("s@khidma.test", ["a@example.test"], "x\r\n"u8.ToArray(), CancellationToken.None));
    }
}
