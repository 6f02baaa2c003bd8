using System.Text;
using Khidma.Web.Areas.Mail.Protocols;

namespace Khidma.Tests.MailProtocols;

public class ImapClientTests
{
    private static readonly MailEndpoint Loopback = new("127.0.0.1", 143, MailSecurity.None);
    private const string Greeting = "* OK [CAPABILITY IMAP4rev1 LITERAL+ MOVE UIDPLUS] ready\r\n";
    private const string SelectReply =
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* 3 EXISTS\r\n* 0 RECENT\r\n"
        + "* OK [UIDVALIDITY 1700000001] UIDs valid\r\n* OK [UIDNEXT 13] Predicted next UID\r\n";

    private static async Task<ImapClient> ConnectAsync(ScriptedServerStream server) =>
        await ImapClient.ConnectAsync(server, Loopback, CancellationToken.None);

    private static ScriptedServerStream Selected(string greeting = Greeting) =>
        new ScriptedServerStream().Send(greeting)
            .Expect("K0001 SELECT INBOX\r\n").Send(SelectReply + "K0001 OK [READ-WRITE] Select completed\r\n");

    [Fact]
    public async Task ConnectAsync_GreetingWithCapabilities_DoesNotAskAgain()
    {
        var server = new ScriptedServerStream().Send(Greeting);
        await using var client = await ConnectAsync(server);

        Assert.Contains("MOVE", client.Capabilities);
        Assert.Contains("LITERAL+", client.Capabilities);
        server.AssertDone();
    }

    [Fact]
    public async Task ConnectAsync_PlainGreeting_AsksForCapabilities()
    {
        var server = new ScriptedServerStream().Send("* OK hello\r\n")
            .Expect("K0001 CAPABILITY\r\n").Send("* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\nK0001 OK done\r\n");
        await using var client = await ConnectAsync(server);

        Assert.Contains("AUTH=PLAIN", client.Capabilities);
        server.AssertDone();
    }

    [Fact]
    public async Task ConnectAsync_StartTlsNotOffered_ThrowsTlsException()
    {
        var server = new ScriptedServerStream().Send("* OK [CAPABILITY IMAP4rev1] hi\r\n");

        await Assert.ThrowsAsync<MailTlsException>(() =>
            ImapClient.ConnectAsync(server, Loopback with { Security = MailSecurity.StartTls }, CancellationToken.None));
        Assert.True(server.Disposed);
    }

    [Fact]
    public async Task ConnectAsync_ByeGreeting_ThrowsWithServerText()
    {
        var server = new ScriptedServerStream().Send("* BYE too many connections\r\n");

        var e = await Assert.ThrowsAsync<ImapCommandException>(() => ConnectAsync(server));
        Assert.Equal("BYE", e.Status);
        Assert.Contains("too many connections", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginAsync_QuotesAndBackslashes_AreEscapedInQuotedStrings()
    {
        var server = new ScriptedServerStream().Send("* OK [CAPABILITY IMAP4rev1] hi\r\n")
            .Expect("K0001 LOGIN support@khidma.test \"pa\\\"ss\\\\ word\"\r\n")
            .Send("K0001 OK [CAPABILITY IMAP4rev1 MOVE] Logged in\r\n");
        await using var client = await ConnectAsync(server);

        await client.LoginAsync("support@khidma.test", "pa\"ss\\ word", CancellationToken.None);

        Assert.Contains("MOVE", client.Capabilities);
        server.AssertDone();
    }

    [Fact]
    public async Task LoginAsync_ArabicPasswordWithoutLiteralPlus_WaitsForContinuationBeforeLiteral()
    {
        var password = Encoding.UTF8.GetBytes("كلمة");
        var server = new ScriptedServerStream().Send("* OK [CAPABILITY IMAP4rev1] hi\r\n")
            .Expect($"K0001 LOGIN agent {{{password.Length}}}\r\n")
            .Send("+ go ahead\r\n")
            .Expect([.. password, .. "\r\n"u8.ToArray()])
            .Send("K0001 OK logged in\r\n")
            .Expect("K0002 CAPABILITY\r\n").Send("* CAPABILITY IMAP4rev1 UIDPLUS\r\nK0002 OK\r\n");
        await using var client = await ConnectAsync(server);

        await client.LoginAsync("agent", "كلمة", CancellationToken.None);

        Assert.Contains("UIDPLUS", client.Capabilities);
        server.AssertDone();
    }

    [Fact]
    public async Task LoginAsync_ArabicPasswordWithLiteralPlus_SendsNonSynchronizingLiteral()
    {
        var password = Encoding.UTF8.GetBytes("كلمة");
        var server = new ScriptedServerStream().Send(Greeting)
            .Expect($"K0001 LOGIN agent {{{password.Length}+}}\r\n")
            .Expect([.. password, .. "\r\n"u8.ToArray()])
            .Send("K0001 OK [CAPABILITY IMAP4rev1 LITERAL+] logged in\r\n");
        await using var client = await ConnectAsync(server);

        await client.LoginAsync("agent", "كلمة", CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task LoginAsync_Rejected_ThrowsWithServerTextAndNoPassword()
    {
        var server = new ScriptedServerStream().Send(Greeting)
            .Expect("K0001 LOGIN agent s3cr3t-value\r\n")
            .Send("K0001 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");
        await using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<ImapCommandException>(() => client.LoginAsync("agent", "s3cr3t-value", CancellationToken.None));

        Assert.Equal("NO", e.Status);
        Assert.Equal("AUTHENTICATIONFAILED", e.ResponseCode);
        Assert.Equal("Authentication failed.", e.ResponseText);
        Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task LoginAsync_LoginDisabled_UsesAuthenticatePlainAfterContinuation()
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0agent\0pw"));
        var server = new ScriptedServerStream().Send("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=PLAIN] hi\r\n")
            .Expect("K0001 AUTHENTICATE PLAIN\r\n").Send("+ \r\n")
            .Expect(token + "\r\n").Send("K0001 OK [CAPABILITY IMAP4rev1] done\r\n");
        await using var client = await ConnectAsync(server);

        await client.LoginAsync("agent", "pw", CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task LoginAsync_PlainTextToRemoteHost_RefusesToSendPassword()
    {
        var server = new ScriptedServerStream().Send(Greeting);
        await using var client = await ImapClient.ConnectAsync(server, new MailEndpoint("mail.example.com", 143, MailSecurity.None), CancellationToken.None);

        await Assert.ThrowsAsync<MailTlsException>(() => client.LoginAsync("agent", "pw", CancellationToken.None));
        server.AssertDone();
    }

    [Fact]
    public async Task SelectAsync_ServerReportsState_ReturnsUidValidityUidNextAndExists()
    {
        var server = Selected();
        await using var client = await ConnectAsync(server);

        var box = await client.SelectAsync("INBOX", CancellationToken.None);

        Assert.Equal(new ImapMailbox("INBOX", 1700000001, 13, 3, false), box);
        server.AssertDone();
    }

    [Fact]
    public async Task SelectAsync_ArabicName_SendsModifiedUtf7()
    {
        var server = new ScriptedServerStream().Send(Greeting)
            .Expect("K0001 EXAMINE &BicGRAYjBjEGNAZKBkE-\r\n")
            .Send("* 0 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\nK0001 OK [READ-ONLY] done\r\n");
        await using var client = await ConnectAsync(server);

        var box = await client.SelectAsync("الأرشيف", CancellationToken.None, readOnly: true);

        Assert.True(box.ReadOnly);
        Assert.Equal(7u, box.UidValidity);
        server.AssertDone();
    }

    [Fact]
    public async Task FetchNewAsync_LiteralsSplitAcrossReads_ReturnsExactBytes()
    {
        // CR, LF, NUL, 8-bit bytes, a fake literal marker and parentheses inside the message.
        byte[] first = [.. "Subject: a\r\n\r\nline {5}\r\n) ( \"\r\n"u8.ToArray(), 0, 0xFF, 0xD8, 0xA7, (byte)'\r', (byte)'x', (byte)'\n'];
        byte[] second = [.. "Subject: b\r\n\r\n.\r\n"u8.ToArray()];
        var fetch = new MemoryStream();
        fetch.Write(Encoding.ASCII.GetBytes($"* 2 FETCH (UID 11 FLAGS (\\Recent) INTERNALDATE \" 7-Jul-2026 09:05:01 +0300\" BODY[] {{{first.Length}}}\r\n"));
        fetch.Write(first);
        fetch.Write(Encoding.ASCII.GetBytes($")\r\n* 3 FETCH (UID 12 BODY[] {{{second.Length}}}\r\n"));
        fetch.Write(second);
        fetch.Write(Encoding.ASCII.GetBytes(" FLAGS ())\r\nK0003 OK Fetch completed\r\n"));
        foreach (var chunk in new[] { 1, 2, 3, 7, 64 })
        {
            var server = Selected()
                .Expect("K0002 UID SEARCH UID 11:*\r\n").Send("* SEARCH 11 12\r\nK0002 OK done\r\n", chunk)
                .Expect("K0003 UID FETCH 11:12 (UID FLAGS INTERNALDATE BODY.PEEK[])\r\n").Send(fetch.ToArray(), chunk);
            await using var client = await ConnectAsync(server);
            await client.SelectAsync("INBOX", CancellationToken.None);

            var messages = await client.FetchNewAsync(10, 50, CancellationToken.None);

            Assert.Equal([11u, 12u], messages.Select(m => m.Uid));
            Assert.Equal(first, messages[0].Raw);
            Assert.Equal(second, messages[1].Raw);
            Assert.Equal(["\\Recent"], messages[0].Flags);
            Assert.Empty(messages[1].Flags);
            Assert.Equal(new DateTimeOffset(2026, 7, 7, 9, 5, 1, TimeSpan.FromHours(3)), messages[0].InternalDate);
            server.AssertDone();
        }
    }

    [Fact]
    public async Task FetchAsync_UntaggedResponsesInterleaved_IgnoresThemAndKeepsMessages()
    {
        var server = Selected()
            .Expect("K0002 UID FETCH 5,9 (UID FLAGS INTERNALDATE BODY.PEEK[])\r\n")
            .Send("* 1 FETCH (FLAGS (\\Seen))\r\n"
                  + "* 1 FETCH (UID 5 BODY[] {3}\r\nabc FLAGS (\\Seen))\r\n"
                  + "* 4 EXISTS\r\n* 2 EXPUNGE\r\n* OK [ALERT] maintenance tonight\r\n"
                  + "* 2 FETCH (UID 9 BODY[] \"quoted \\\"body\\\"\")\r\n"
                  + "* 3 FETCH (UID 10 BODY[] {1}\r\nz)\r\n"
                  + "K0002 OK done\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        var messages = await client.FetchAsync([9, 5], CancellationToken.None);

        Assert.Equal([5u, 9u], messages.Select(m => m.Uid));
        Assert.Equal("abc", Encoding.ASCII.GetString(messages[0].Raw));
        Assert.Equal("quoted \"body\"", Encoding.ASCII.GetString(messages[1].Raw));
        server.AssertDone();
    }

    [Fact]
    public async Task FetchAsync_MessageGoneBodyNil_LeavesItOut()
    {
        var server = Selected()
            .Expect("K0002 UID FETCH 4 (UID FLAGS INTERNALDATE BODY.PEEK[])\r\n")
            .Send("* 1 FETCH (UID 4 BODY[] NIL)\r\nK0002 OK done\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        Assert.Empty(await client.FetchAsync([4], CancellationToken.None));
    }

    [Fact]
    public async Task FetchAsync_OneMegabyteLiteralInSmallReads_ReturnsAllBytes()
    {
        var body = new byte[1024 * 1024 + 17];
        new Random(42).NextBytes(body);
        var server = Selected()
            .Expect("K0002 UID FETCH 1 (UID FLAGS INTERNALDATE BODY.PEEK[])\r\n")
            .Send($"* 1 FETCH (UID 1 BODY[] {{{body.Length}}}\r\n")
            .Send(body, 4093)
            .Send(")\r\nK0002 OK done\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        var messages = await client.FetchAsync([1], CancellationToken.None);

        Assert.Equal(body, messages.Single().Raw);
    }

    [Fact]
    public async Task FetchAsync_LiteralAboveLimit_ThrowsAndStopsReading()
    {
        var server = new ScriptedServerStream().Send(Greeting)
            .Expect("K0001 SELECT INBOX\r\n").Send(SelectReply + "K0001 OK done\r\n")
            .Expect("K0002 UID FETCH 1 (UID FLAGS INTERNALDATE BODY.PEEK[])\r\n")
            .Send("* 1 FETCH (UID 1 BODY[] {999999999}\r\n");
        await using var client = await ImapClient.ConnectAsync(server, Loopback with { MaxMessageBytes = 1000 }, CancellationToken.None);
        await client.SelectAsync("INBOX", CancellationToken.None);

        await Assert.ThrowsAsync<MailProtocolException>(() => client.FetchAsync([1], CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NoopAsync(CancellationToken.None));
    }

    [Fact]
    public async Task FetchAsync_MalformedResponse_ThrowsAndLeavesSessionClosed()
    {
        var server = Selected()
            .Expect("K0002 UID FETCH 1 (UID FLAGS INTERNALDATE BODY.PEEK[])\r\n")
            .Send("* 1 FETCH (UID 1 BODY[] \"unterminated)\r\nK0002 OK done\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        await Assert.ThrowsAsync<MailProtocolException>(() => client.FetchAsync([1], CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NoopAsync(CancellationToken.None));
    }

    [Fact]
    public async Task FetchNewAsync_StarMatchesOlderLastMessage_ReturnsNothing()
    {
        // "UID 13:*" matches the highest UID even when it is below 13 (RFC 3501 §6.4.8).
        var server = Selected().Expect("K0002 UID SEARCH UID 13:*\r\n").Send("* SEARCH 12\r\nK0002 OK done\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        Assert.Empty(await client.FetchNewAsync(12, 10, CancellationToken.None));
        server.AssertDone();
    }

    [Fact]
    public async Task FetchNewAsync_MoreThanMaxCount_FetchesOldestFirst()
    {
        var server = Selected()
            .Expect("K0002 UID SEARCH UID 1:*\r\n").Send("* SEARCH 9 3 4 7\r\nK0002 OK done\r\n")
            .Expect("K0003 UID FETCH 3:4 (UID FLAGS INTERNALDATE BODY.PEEK[])\r\n")
            .Send("* 1 FETCH (UID 3 BODY[] {1}\r\na)\r\n* 2 FETCH (UID 4 BODY[] {1}\r\nb)\r\nK0003 OK done\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        var messages = await client.FetchNewAsync(0, 2, CancellationToken.None);

        Assert.Equal([3u, 4u], messages.Select(m => m.Uid));
        server.AssertDone();
    }

    [Fact]
    public async Task SearchAsync_UnseenAndArabicHeader_UsesCharsetAndLiteral()
    {
        var value = Encoding.UTF8.GetBytes("طلب");
        var server = Selected()
            .Expect("K0002 UID SEARCH UNSEEN\r\n").Send("* SEARCH\r\nK0002 OK done\r\n")
            .Expect($"K0003 UID SEARCH CHARSET UTF-8 HEADER Subject {{{value.Length}+}}\r\n")
            .Expect([.. value, .. " UNSEEN\r\n"u8.ToArray()])
            .Send("* SEARCH 2 1\r\nK0003 OK done\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        Assert.Empty(await client.SearchAsync(ImapSearch.Unseen, CancellationToken.None));
        var found = await client.SearchAsync(ImapSearch.Header("Subject", "طلب").And(ImapSearch.Unseen), CancellationToken.None);

        Assert.Equal([1u, 2u], found);
        server.AssertDone();
    }

    [Fact]
    public async Task AddFlagsAsync_Seen_StoresSilentlyByUid()
    {
        var server = Selected()
            .Expect("K0002 UID STORE 1:3,8 +FLAGS.SILENT (\\Seen)\r\n").Send("K0002 OK done\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        await client.AddFlagsAsync([3, 1, 2, 8], [ImapFlags.Seen], CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task MoveAsync_ServerHasMove_UsesUidMove()
    {
        var server = Selected()
            .Expect("K0002 UID MOVE 4 Archive\r\n").Send("* OK [COPYUID 9 4 1] moved\r\n* 1 EXPUNGE\r\nK0002 OK done\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        await client.MoveAsync([4], "Archive", CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task MoveAsync_NoMoveButUidPlus_CopiesFlagsAndExpungesOnlyThoseUids()
    {
        var server = Selected("* OK [CAPABILITY IMAP4rev1 UIDPLUS] hi\r\n")
            .Expect("K0002 UID COPY 4:5 Archive\r\n").Send("K0002 NO [TRYCREATE] no such mailbox\r\n")
            .Expect("K0003 CREATE Archive\r\n").Send("K0003 OK created\r\n")
            .Expect("K0004 UID COPY 4:5 Archive\r\n").Send("K0004 OK copied\r\n")
            .Expect("K0005 UID STORE 4:5 +FLAGS.SILENT (\\Deleted)\r\n").Send("K0005 OK\r\n")
            .Expect("K0006 UID EXPUNGE 4:5\r\n").Send("* 1 EXPUNGE\r\n* 1 EXPUNGE\r\nK0006 OK\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        await client.MoveAsync([5, 4], "Archive", CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task CreateMailboxAsync_AlreadyExists_IsNotAnError()
    {
        var server = new ScriptedServerStream().Send(Greeting)
            .Expect("K0001 CREATE Archive\r\n").Send("K0001 NO [ALREADYEXISTS] Mailbox already exists\r\n");
        await using var client = await ConnectAsync(server);

        await client.CreateMailboxAsync("Archive", CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task ListMailboxesAsync_EncodedNames_AreDecoded()
    {
        var server = new ScriptedServerStream().Send(Greeting)
            .Expect("K0001 LIST \"\" \"*\"\r\n")
            .Send("* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasNoChildren \\Archive) \"/\" \"&BicGRAYjBjEGNAZKBkE-\"\r\n"
                  + "* LIST (\\Noselect) NIL {4}\r\nx &y\r\nK0001 OK done\r\n");
        await using var client = await ConnectAsync(server);

        var boxes = await client.ListMailboxesAsync(CancellationToken.None);

        Assert.Equal(["INBOX", "الأرشيف", "x &y"], boxes.Select(b => b.Name));
        Assert.Contains("\\Archive", boxes[1].Attributes);
        Assert.Null(boxes[2].Separator);
    }

    [Fact]
    public async Task RunAsync_BadCommand_ThrowsWithStatusBad()
    {
        var server = Selected().Expect("K0002 UID SEARCH UNSEEN\r\n").Send("K0002 BAD Error in IMAP command\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        var e = await Assert.ThrowsAsync<ImapCommandException>(() => client.SearchAsync(ImapSearch.Unseen, CancellationToken.None));

        Assert.Equal("BAD", e.Status);
        Assert.Equal("UID SEARCH", e.Command);
    }

    [Fact]
    public async Task SearchAsync_ServerSilent_CancelsAndLeavesSessionClosed()
    {
        var server = Selected().Expect("K0002 UID SEARCH UNSEEN\r\n").Hang();
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);
        using var cts = new CancellationTokenSource();
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SearchAsync(ImapSearch.Unseen, cts.Token));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NoopAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_ConnectionDropsAfterBye_ThrowsTransientBye()
    {
        var server = Selected().Expect("K0002 NOOP\r\n").Send("* BYE server shutting down\r\n");
        await using var client = await ConnectAsync(server);
        await client.SelectAsync("INBOX", CancellationToken.None);

        var e = await Assert.ThrowsAsync<ImapCommandException>(() => client.NoopAsync(CancellationToken.None));

        Assert.Equal("BYE", e.Status);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task LogoutAsync_ByeThenOk_Completes()
    {
        var server = new ScriptedServerStream().Send(Greeting)
            .Expect("K0001 LOGOUT\r\n").Send("* BYE Logging out\r\nK0001 OK Logout completed.\r\n");
        await using var client = await ConnectAsync(server);

        await client.LogoutAsync(CancellationToken.None);
        await client.LogoutAsync(CancellationToken.None);

        server.AssertDone();
    }

    [Fact]
    public async Task SelectAsync_NotSelected_FetchThrowsInvalidOperation()
    {
        var server = new ScriptedServerStream().Send(Greeting);
        await using var client = await ConnectAsync(server);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.FetchAsync([1], CancellationToken.None));
    }

    [Theory]
    [InlineData("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")]
    [InlineData("Sent & Drafts", "Sent &- Drafts")]
    [InlineData("الأرشيف", "&BicGRAYjBjEGNAZKBkE-")]
    [InlineData("INBOX", "INBOX")]
    public void ImapMailboxName_KnownNames_EncodeAndDecode(string name, string encoded)
    {
        Assert.Equal(encoded, ImapMailboxName.Encode(name));
        Assert.Equal(name, ImapMailboxName.Decode(encoded));
    }

    [Fact]
    public void ImapMailboxName_AnyText_RoundTrips()
    {
        FsCheck.Check.QuickThrowOnFailure(FsCheck.Fluent.Prop.ForAll<string>(s =>
        {
            var name = s ?? "";
            // Lone surrogates cannot be represented in UTF-16BE and are not valid names anyway.
            if (!IsWellFormed(name))
            {
                return true;
            }

            var encoded = ImapMailboxName.Encode(name);
            return encoded.All(c => c is >= ' ' and <= '~') && ImapMailboxName.Decode(encoded) == name;
        }));
    }

    [Theory]
    [InlineData("1", new uint[] { 1 })]
    [InlineData("1:3,5,7:8", new uint[] { 8, 7, 5, 3, 2, 1, 1 })]
    [InlineData("4294967295", new uint[] { uint.MaxValue })]
    public void UidSet_Uids_FormatsCompressedRanges(string expected, uint[] uids) =>
        Assert.Equal(expected, UidSet.Format(uids));

    [Theory]
    [InlineData("17-Jul-1996 02:44:25 -0700", "1996-07-17T02:44:25-07:00")]
    [InlineData(" 2-Feb-2026 23:00:00 +0000", "2026-02-02T23:00:00+00:00")]
    [InlineData("garbage", null)]
    public void ParseInternalDate_Formats_ParsesOrNull(string text, string? expected) =>
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ImapClient.ParseInternalDate(text));

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
