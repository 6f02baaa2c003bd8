using System.Text;
using Khidma.Web.Areas.Mail.Protocols;

namespace Khidma.Tests.MailProtocols;

public class Pop3ClientTests
{
    private static readonly MailEndpoint Loopback = new("127.0.0.1", 110, MailSecurity.None);
    private const string Capa = "+OK Capability list follows\r\nTOP\r\nUIDL\r\nUSER\r\nSTLS\r\nSASL PLAIN\r\n.\r\n";

    private static ScriptedServerStream Greeted() =>
        new ScriptedServerStream().Send("+OK Dovecot ready.\r\n").Expect("CAPA\r\n").Send(Capa);

    private static Task<Pop3Client> ConnectAsync(ScriptedServerStream server, MailEndpoint? endpoint = null) =>
        Pop3Client.ConnectAsync(server, endpoint ?? Loopback, CancellationToken.None);

    [Fact]
    public async Task ConnectAsync_CapaListed_ReadsCapabilities()
    {
        var server = Greeted();
        await using var client = await ConnectAsync(server);

        Assert.Equal("Dovecot ready.", client.Greeting);
        Assert.Contains("UIDL", client.Capabilities);
        Assert.Contains("SASL", client.Capabilities);
        server.AssertDone();
    }

    [Fact]
    public async Task ConnectAsync_NoCapa_HasNoCapabilities()
    {
        var server = new ScriptedServerStream().Send("+OK hi\r\n").Expect("CAPA\r\n").Send("-ERR unknown command\r\n");
        await using var client = await ConnectAsync(server);

        Assert.Empty(client.Capabilities);
        server.AssertDone();
    }

    [Fact]
    public async Task ConnectAsync_StartTlsWithoutStls_ThrowsTlsException()
    {
        var server = new ScriptedServerStream().Send("+OK hi\r\n").Expect("CAPA\r\n").Send("+OK\r\nUIDL\r\n.\r\n");

        await Assert.ThrowsAsync<MailTlsException>(() => ConnectAsync(server, Loopback with { Security = MailSecurity.StartTls }));
    }

    [Fact]
    public async Task ConnectAsync_ErrGreeting_ThrowsCommandException()
    {
        var server = new ScriptedServerStream().Send("-ERR [SYS/TEMP] try later\r\n");

        var e = await Assert.ThrowsAsync<Pop3CommandException>(() => ConnectAsync(server));

        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task LoginAsync_Accepted_SendsUserThenPass()
    {
        var server = Greeted()
            .Expect("USER support@khidma.test\r\n").Send("+OK\r\n")
            .Expect("PASS a secret with spaces\r\n").Send("+OK Logged in.\r\n");
        await using var client = await ConnectAsync(server);

        await client.LoginAsync("support@khidma.test", "a secret with spaces", CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task LoginAsync_Rejected_ThrowsWithServerTextAndNoPassword()
    {
        var server = Greeted()
            .Expect("USER agent\r\n").Send("+OK\r\n")
            .Expect("PASS hunter2\r\n").Send("-ERR [AUTH] Authentication failed.\r\n");
        await using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<Pop3CommandException>(() => client.LoginAsync("agent", "hunter2", CancellationToken.None));

        Assert.Equal("PASS", e.Command);
        Assert.Equal("[AUTH] Authentication failed.", e.ResponseText);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task LoginAsync_LineBreakInPassword_ThrowsBeforeSending()
    {
        var server = Greeted();
        await using var client = await ConnectAsync(server);

        await Assert.ThrowsAsync<ArgumentException>(() => client.LoginAsync("agent", "x\r\nDELE 1", CancellationToken.None));
        server.AssertDone();
    }

    [Fact]
    public async Task StatListAndUidl_Listings_AreParsed()
    {
        var server = Greeted()
            .Expect("STAT\r\n").Send("+OK 2 3210\r\n")
            .Expect("LIST\r\n").Send("+OK 2 messages\r\n1 1200\r\n2 2010\r\n.\r\n", 5)
            .Expect("UIDL\r\n").Send("+OK\r\n1 000000016b02a1ea\r\n2 whqtswO00WBw418f9t5JxYwZ\r\n.\r\n", 3);
        await using var client = await ConnectAsync(server);

        Assert.Equal(new Pop3Stat(2, 3210), await client.StatAsync(CancellationToken.None));
        Assert.Equal([new Pop3MessageSize(1, 1200), new Pop3MessageSize(2, 2010)], await client.ListAsync(CancellationToken.None));
        Assert.Equal([new Pop3MessageUid(1, "000000016b02a1ea"), new Pop3MessageUid(2, "whqtswO00WBw418f9t5JxYwZ")],
            await client.ListUidsAsync(CancellationToken.None));
        server.AssertDone();
    }

    [Fact]
    public async Task RetrieveAsync_DotStuffedLinesInSmallReads_ReturnsOriginalBytes()
    {
        byte[] original = [.. "Subject: dots\r\n\r\n.leading dot\r\n..two\r\n.\r\nx\nbare LF\r\n"u8.ToArray(), 0, 0xD8, 0xA7, 0xFF, (byte)'\r', (byte)'\r', (byte)'\n', .. "end\r\n"u8.ToArray()];
        byte[] wire = [.. "+OK 77 octets\r\n"u8.ToArray(), .. "Subject: dots\r\n\r\n..leading dot\r\n...two\r\n..\r\nx\nbare LF\r\n"u8.ToArray(), 0, 0xD8, 0xA7, 0xFF, (byte)'\r', (byte)'\r', (byte)'\n', .. "end\r\n.\r\n"u8.ToArray()];
        foreach (var chunk in new[] { 1, 2, 5, 1000 })
        {
            var server = Greeted().Expect("RETR 1\r\n").Send(wire, chunk);
            await using var client = await ConnectAsync(server);

            Assert.Equal(original, await client.RetrieveAsync(1, CancellationToken.None));
            server.AssertDone();
        }
    }

    [Fact]
    public async Task RetrieveAsync_NoSuchMessage_ThrowsCommandException()
    {
        var server = Greeted().Expect("RETR 9\r\n").Send("-ERR There's no message 9.\r\n");
        await using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<Pop3CommandException>(() => client.RetrieveAsync(9, CancellationToken.None));

        Assert.Equal("RETR", e.Command);
        // The session is still in a known state after -ERR.
        Assert.Equal("There's no message 9.", e.ResponseText);
    }

    [Fact]
    public async Task RetrieveAsync_MessageAboveLimit_Throws()
    {
        var server = Greeted().Expect("RETR 1\r\n").Send("+OK\r\n" + new string('a', 3000) + "\r\n.\r\n");
        await using var client = await ConnectAsync(server, Loopback with { MaxMessageBytes = 1000 });

        await Assert.ThrowsAsync<MailProtocolException>(() => client.RetrieveAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_ThenQuit_SendsDeleAndQuit()
    {
        var server = Greeted()
            .Expect("DELE 2\r\n").Send("+OK Marked to be deleted.\r\n")
            .Expect("RSET\r\n").Send("+OK\r\n")
            .Expect("DELE 1\r\n").Send("+OK Marked to be deleted.\r\n")
            .Expect("QUIT\r\n").Send("+OK Logging out, messages deleted.\r\n");
        await using var client = await ConnectAsync(server);

        await client.DeleteAsync(2, CancellationToken.None);
        await client.ResetAsync(CancellationToken.None);
        await client.DeleteAsync(1, CancellationToken.None);
        await client.QuitAsync(CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task QuitAsync_DeletionFailed_Throws()
    {
        var server = Greeted().Expect("QUIT\r\n").Send("-ERR [SYS/PERM] could not delete\r\n");
        await using var client = await ConnectAsync(server);

        await Assert.ThrowsAsync<Pop3CommandException>(() => client.QuitAsync(CancellationToken.None));
    }

    [Fact]
    public async Task StatAsync_GarbageReply_ThrowsProtocolException()
    {
        var server = Greeted().Expect("STAT\r\n").Send("HELLO\r\n");
        await using var client = await ConnectAsync(server);

        await Assert.ThrowsAsync<MailProtocolException>(() => client.StatAsync(CancellationToken.None));
    }

    [Fact]
    public async Task StatAsync_ServerClosesConnection_ThrowsTransientConnectionException()
    {
        var server = Greeted().Expect("STAT\r\n");
        await using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<MailConnectionException>(() => client.StatAsync(CancellationToken.None));

        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task LoginAsync_PlainTextToRemoteHost_RefusesToSendPassword()
    {
        var server = Greeted();
        await using var client = await ConnectAsync(server, new MailEndpoint("pop.example.com", 110, MailSecurity.None));

        await Assert.ThrowsAsync<MailTlsException>(() => client.LoginAsync("agent", "pw", CancellationToken.None));
        Assert.DoesNotContain("USER", Encoding.ASCII.GetString(Encoding.Latin1.GetBytes(server.Written)), StringComparison.Ordinal);
    }
}
