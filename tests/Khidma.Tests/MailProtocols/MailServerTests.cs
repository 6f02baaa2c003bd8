using System.Text;
using Khidma.Web.Areas.Mail.Protocols;
using static Khidma.Tests.MailProtocols.MimeTestReader;

namespace Khidma.Tests.MailProtocols;

// Against the real private dovecot and postfix of scripts/mailserver.sh. One class, so the tests run one
// after another; each finds its own messages by Message-ID, so reruns on the same servers work.
public class MailServerTests
{
    private const string Support = "support@khidma.test";
    private const string Customer = "customer@example.test";
    private const string ArabicSubject = "استفسار عن الطلب رقم ٤٥٦ — نرجو الرد في أقرب وقت ممكن، مع خالص الشكر والتقدير";
    private const string ArabicFileName = "صورة الفاتورة.pdf";
    private static readonly DateTimeOffset Date = new(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(3));

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static (BuiltMessage Built, byte[] Attachment) NewMessage(string to, int attachmentSize = 200_000)
    {
        var attachment = new byte[attachmentSize];
        new Random(attachmentSize).NextBytes(attachment);
        var message = new OutgoingMessage
        {
            From = new MailboxAddress(Customer, "أحمد بن علي"),
            To = { new MailboxAddress(to, "خدمة العملاء") },
            Subject = ArabicSubject,
            TextBody = "السلام عليكم،\n.سطر يبدأ بنقطة\n.\nشكراً",
            HtmlBody = "<p dir=\"rtl\">السلام عليكم</p>",
            Attachments = { new OutgoingAttachment(ArabicFileName, "application/pdf", attachment) },
        };
        return (message.Build(Date), attachment);
    }

    private static async Task SendAsync(MailEndpoint endpoint, BuiltMessage built, string recipient, bool authenticate, CancellationToken ct)
    {
        await using var smtp = await SmtpClient.ConnectAsync(endpoint, "client.khidma.test", ct);
        Assert.True(smtp.IsEncrypted);
        if (authenticate)
        {
            await smtp.AuthenticateAsync(Customer, MailTestServer.Password, ct);
        }

        var result = await smtp.SendAsync(Customer, [recipient], built.Raw, ct);
        Assert.Equal([recipient], result.Accepted);
        await smtp.QuitAsync(ct);
    }

    private static async Task<ImapClient> ImapAsync(MailEndpoint endpoint, string user, CancellationToken ct)
    {
        var imap = await ImapClient.ConnectAsync(endpoint, ct);
        await imap.LoginAsync(user, MailTestServer.Password, ct);
        return imap;
    }

    // Delivery through postfix takes a moment: search until the message is there (bounded).
    private static async Task<uint> WaitForUidAsync(ImapClient imap, string messageId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await imap.SelectAsync("INBOX", ct);
            var found = await imap.SearchAsync(ImapSearch.Header("Message-ID", messageId), ct);
            if (found.Count > 0)
            {
                return found[0];
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"{messageId} did not arrive.");
    }

    private static void AssertSameMessage(byte[] fetched, BuiltMessage built, byte[] attachment)
    {
        // The server only prepends trace headers (Return-Path, Delivered-To, Received).
        Assert.True(fetched.AsSpan().EndsWith(built.Raw), "the stored message ends with the bytes that were sent");
        var text = Ascii(fetched);
        Assert.Equal(ArabicSubject, DecodeWords(Header(text, "subject")));
        Assert.Equal(RawHeaderField(Ascii(built.Raw), "Subject"), RawHeaderField(text, "Subject"));
        var file = Parts(text)[1];
        Assert.Equal(ArabicFileName, ExtendedParameter(Header(file, "content-disposition"), "filename"));
        Assert.Equal(attachment, DecodedBody(file));
    }

    [MailServerFact]
    public async Task SmtpThenImap_ArabicSubjectAndAttachment_RoundTripAndFlagsAndMove()
    {
        var ct = Timeout();
        var (built, attachment) = NewMessage(Support);
        await SendAsync(MailTestServer.Smtp(), built, Support, authenticate: true, ct);

        await using var imap = await ImapAsync(MailTestServer.Imap(), Support, ct);
        Assert.True(imap.IsEncrypted);
        var uid = await WaitForUidAsync(imap, built.MessageId, ct);
        var box = imap.Selected!;

        var fetched = await imap.FetchNewAsync(uid - 1, 1, ct);
        var message = Assert.Single(fetched);
        Assert.Equal(uid, message.Uid);
        Assert.DoesNotContain(ImapFlags.Seen, message.Flags);
        Assert.NotNull(message.InternalDate);
        AssertSameMessage(message.Raw, built, attachment);
        Assert.DoesNotContain(await imap.FetchNewAsync(box.UidNext - 1, 10, ct), m => m.Uid <= uid);

        Assert.Contains(uid, await imap.SearchAsync(ImapSearch.Unseen, ct));
        await imap.AddFlagsAsync([uid], [ImapFlags.Seen], ct);
        Assert.DoesNotContain(uid, await imap.SearchAsync(ImapSearch.Unseen, ct));
        Assert.Contains(ImapFlags.Seen, (await imap.FetchAsync([uid], ct)).Single().Flags);

        await imap.MoveAsync([uid], "Archive", ct);
        Assert.Empty(await imap.SearchAsync(ImapSearch.Header("Message-ID", built.MessageId), ct));
        var archive = await imap.SelectAsync("Archive", ct);
        Assert.NotEqual(0u, archive.UidValidity);
        var archived = await imap.SearchAsync(ImapSearch.Header("Message-ID", built.MessageId), ct);
        Assert.Single(archived);
        await imap.LogoutAsync(ct);

        // A new session sees the same UIDVALIDITY: the poller's stored UIDs stay meaningful.
        await using var again = await ImapAsync(MailTestServer.Imaps, Support, ct);
        Assert.Equal(box.UidValidity, (await again.SelectAsync("INBOX", ct)).UidValidity);
        await again.LogoutAsync(ct);
    }

    [MailServerFact]
    public async Task SmtpThenPop3_Message_RetrievedByUidlAndDeletedAtQuit()
    {
        var ct = Timeout();
        const string Pop3User = "pop3@khidma.test";
        var (built, attachment) = NewMessage(Pop3User);
        await SendAsync(MailTestServer.Smtps, built, Pop3User, authenticate: false, ct);
        await using (var imap = await ImapAsync(MailTestServer.Imap(), Pop3User, ct))
        {
            await WaitForUidAsync(imap, built.MessageId, ct);
            await imap.LogoutAsync(ct);
        }

        string uidl;
        await using (var pop = await Pop3Client.ConnectAsync(MailTestServer.Pop3s, ct))
        {
            await pop.LoginAsync(Pop3User, MailTestServer.Password, ct);
            var stat = await pop.StatAsync(ct);
            var uids = await pop.ListUidsAsync(ct);
            var sizes = await pop.ListAsync(ct);
            Assert.Equal(stat.Count, uids.Count);
            Assert.Equal(stat.Size, sizes.Sum(s => s.Size));
            Pop3MessageUid? mine = null;
            byte[]? raw = null;
            foreach (var candidate in uids)
            {
                var bytes = await pop.RetrieveAsync(candidate.Number, ct);
                if (Ascii(bytes).Contains(built.MessageId, StringComparison.Ordinal))
                {
                    (mine, raw) = (candidate, bytes);
                }
            }

            Assert.NotNull(mine);
            Assert.Equal(sizes.Single(s => s.Number == mine.Number).Size, raw!.Length);
            AssertSameMessage(raw, built, attachment);
            uidl = mine.Uid;
            await pop.DeleteAsync(mine.Number, ct);
            await pop.QuitAsync(ct);
        }

        await using var after = await Pop3Client.ConnectAsync(MailTestServer.Pop3(), ct);
        Assert.True(after.IsEncrypted);
        await after.LoginAsync(Pop3User, MailTestServer.Password, ct);
        Assert.DoesNotContain(uidl, (await after.ListUidsAsync(ct)).Select(u => u.Uid));
        await after.QuitAsync(ct);
    }

    [MailServerFact]
    public async Task Maildir_FileWithDotLinesAndEightBitBytes_ImapAndPop3ReturnItByteForByte()
    {
        var ct = Timeout();
        const string User = "imap@khidma.test";
        var id = $"<{Guid.NewGuid():N}@khidma.test>";
        byte[] raw = [.. Encoding.UTF8.GetBytes($"Message-ID: {id}\r\nSubject: =?UTF-8?B?2LfZhNio?=\r\n\r\n.\r\n..two\r\nعربي\r\n"), 0xFF, 0x01, .. "\r\nend\r\n"u8.ToArray()];
        MailTestServer.DeliverToMaildir(User, raw);

        await using (var imap = await ImapAsync(MailTestServer.Imaps, User, ct))
        {
            var uid = await WaitForUidAsync(imap, id, ct);
            Assert.Equal(raw, (await imap.FetchAsync([uid], ct)).Single().Raw);
            await imap.LogoutAsync(ct);
        }

        await using var pop = await Pop3Client.ConnectAsync(MailTestServer.Pop3s, ct);
        await pop.LoginAsync(User, MailTestServer.Password, ct);
        var found = false;
        foreach (var m in await pop.ListAsync(ct))
        {
            var bytes = await pop.RetrieveAsync(m.Number, ct);
            found |= bytes.AsSpan().SequenceEqual(raw);
        }

        Assert.True(found);
        await pop.QuitAsync(ct);
    }

    [MailServerFact]
    public async Task ImapLogin_WrongPassword_ThrowsAuthenticationFailedWithoutPassword()
    {
        var ct = Timeout();
        await using var imap = await ImapClient.ConnectAsync(MailTestServer.Imap(), ct);

        var e = await Assert.ThrowsAsync<ImapCommandException>(() => imap.LoginAsync(Support, "wrong-Pa55", ct));

        Assert.Equal("NO", e.Status);
        Assert.Equal("AUTHENTICATIONFAILED", e.ResponseCode);
        Assert.DoesNotContain("wrong-Pa55", e.Message, StringComparison.Ordinal);
    }

    [MailServerFact]
    public async Task Pop3Login_WrongPassword_ThrowsCommandException()
    {
        var ct = Timeout();
        await using var pop = await Pop3Client.ConnectAsync(MailTestServer.Pop3s, ct);

        var e = await Assert.ThrowsAsync<Pop3CommandException>(() => pop.LoginAsync(Support, "wrong-Pa55", ct));

        Assert.Equal("PASS", e.Command);
        Assert.DoesNotContain("wrong-Pa55", e.Message, StringComparison.Ordinal);
    }

    [MailServerFact]
    public async Task Tls_SelfSignedCertificateNotPinned_IsRejected()
    {
        var ct = Timeout();
        var unpinned = MailTestServer.Imaps with { AcceptedCertificateThumbprint = null };

        await Assert.ThrowsAsync<MailTlsException>(() => ImapClient.ConnectAsync(unpinned, ct));
        await Assert.ThrowsAsync<MailTlsException>(() => SmtpClient.ConnectAsync(MailTestServer.Smtp() with { AcceptedCertificateThumbprint = null }, "client.khidma.test", ct));

        await using var skipped = await Pop3Client.ConnectAsync(MailTestServer.Pop3s with { AcceptedCertificateThumbprint = null, SkipCertificateValidation = true }, ct);
        Assert.True(skipped.IsEncrypted);
    }

    [MailServerFact]
    public async Task Smtp_RecipientOutsideTestDomains_RefusedPermanently()
    {
        var ct = Timeout();
        await using var smtp = await SmtpClient.ConnectAsync(MailTestServer.Smtp(MailSecurity.None), "client.khidma.test", ct);
        await smtp.AuthenticateAsync(Customer, MailTestServer.Password, ct);
        var (built, _) = NewMessage("someone@elsewhere.example", 10);

        var e = await Assert.ThrowsAsync<SmtpPermanentException>(() => smtp.SendAsync(Customer, ["someone@elsewhere.example"], built.Raw, ct));

        Assert.Equal("RCPT TO", e.Command);
        Assert.Equal(554, e.StatusCode);

        // The session stays usable after the refusal.
        var mixed = await smtp.SendAsync(Customer, ["someone@elsewhere.example", "sales@khidma.test"], built.Raw, ct);
        Assert.Equal(["sales@khidma.test"], mixed.Accepted);
        Assert.Equal("someone@elsewhere.example", Assert.Single(mixed.Rejected).Address);
        await smtp.QuitAsync(ct);
    }

    [MailServerFact]
    public async Task SmtpAuth_WrongPassword_ThrowsPermanent()
    {
        var ct = Timeout();
        await using var smtp = await SmtpClient.ConnectAsync(MailTestServer.Smtp(), "client.khidma.test", ct);

        var e = await Assert.ThrowsAsync<SmtpPermanentException>(() => smtp.AuthenticateAsync(Customer, "wrong-Pa55", ct));

        Assert.Equal(535, e.StatusCode);
    }
}
