using System.Buffers;
using System.Text;
using Khidma.Web.Areas.Mail.Protocols;
using static Khidma.Tests.MailProtocols.MimeTestReader;

namespace Khidma.Tests.MailProtocols;

public class OutgoingMessageTests
{
    private static readonly DateTimeOffset Date = new(2026, 11, 22, 12, 30, 5, TimeSpan.FromHours(3));
    private const string ArabicSubject = "ردّ على طلبكم رقم ١٢٣٤: تم استلام الطلب وسيتم التواصل معكم خلال يومي عمل، مع الشكر الجزيل لتعاونكم";

    private static OutgoingMessage Message(string? text = "مرحبا", string? html = null, params OutgoingAttachment[] attachments) => new()
    {
        From = new MailboxAddress("support@khidma.test", "خدمة العملاء"),
        To = { new MailboxAddress("customer@example.test", "أحمد بن علي") },
        Cc = { new MailboxAddress("sales@khidma.test", "Sales, \"East\" team"), new MailboxAddress("plain@example.test") },
        Bcc = { new MailboxAddress("audit@khidma.test") },
        Subject = ArabicSubject,
        TextBody = text,
        HtmlBody = html,
        Attachments = attachments,
    };

    private static void AssertLineLengths(byte[] raw, int headerMax = 78)
    {
        var text = Ascii(raw);
        Assert.True(raw.All(b => b < 128), "the message is 7-bit");
        var lines = text.Split("\r\n");
        var headerEnd = Array.IndexOf(lines, "");
        Assert.All(lines[..headerEnd], l => Assert.True(l.Length <= headerMax, $"header line of {l.Length}: {l}"));
        Assert.All(lines, l => Assert.True(l.Length <= 998, "line over 998"));
        var withoutCrlf = text.Replace("\r\n", "", StringComparison.Ordinal);
        Assert.DoesNotContain('\n', withoutCrlf);
        Assert.DoesNotContain('\r', withoutCrlf);
    }

    [Fact]
    public void Build_ArabicSubject_EncodedWordsDecodeBackAndLinesStayShort()
    {
        var built = Message().Build(Date);
        var text = Ascii(built.Raw);

        var raw = RawHeaderField(text, "Subject");
        Assert.Contains("=?UTF-8?B?", raw, StringComparison.Ordinal);
        Assert.Equal(ArabicSubject, DecodeWords(Header(text, "subject")));
        Assert.All(raw.Split("\r\n"), l => Assert.True(l.Length <= 78, l));
        Assert.All(System.Text.RegularExpressions.Regex.Matches(raw, @"=\?[^ ]+\?=").Select(m => m.Value), w => Assert.True(w.Length <= 75, w));
        AssertLineLengths(built.Raw);
    }

    [Fact]
    public void Build_DisplayNames_ArabicEncodedAndSpecialsQuoted()
    {
        var text = Ascii(Message().Build(Date).Raw);

        Assert.Equal("خدمة العملاء <support@khidma.test>", DecodeWords(Header(text, "from")));
        Assert.Equal("أحمد بن علي <customer@example.test>", DecodeWords(Header(text, "to")));
        Assert.Equal("\"Sales, \\\"East\\\" team\" <sales@khidma.test>, <plain@example.test>", Header(text, "cc"));
        Assert.DoesNotContain("audit@khidma.test", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Recipients_ToCcAndBcc_AreListedOnceInOrder()
    {
        var m = Message();
        m.To.Add(new MailboxAddress("SALES@khidma.test"));

        Assert.Equal(["customer@example.test", "SALES@khidma.test", "plain@example.test", "audit@khidma.test"], m.Recipients);
    }

    [Fact]
    public void Build_LongArabicDisplayNames_HeaderLinesStayWithin78()
    {
        var longName = string.Join(' ', Enumerable.Repeat("عبد الرحمن بن عبد الله", 4));
        var m = new OutgoingMessage
        {
            From = new("a@khidma.test", longName),
            To = { new("b@example.test", longName), new("c@example.test", longName) },
            Subject = "x",
        };

        var built = m.Build(Date);

        AssertLineLengths(built.Raw);
        Assert.Equal($"{longName} <b@example.test>, {longName} <c@example.test>", DecodeWords(Header(Ascii(built.Raw), "to")));
    }

    [Fact]
    public void Build_DateAndIds_WrittenInRfc5322Form()
    {
        var m = new OutgoingMessage
        {
            From = new MailboxAddress("support@khidma.test"),
            To = { new MailboxAddress("c@example.test") },
            Subject = "Re: your request",
            TextBody = "ok",
            InReplyTo = "abc@mail.example.test",
            References = { "<first@example.test>", "abc@mail.example.test" },
            AutoSubmitted = AutoSubmitted.AutoReplied,
        };

        var built = m.Build(Date);
        var text = Ascii(built.Raw);

        Assert.Equal("Sun, 22 Nov 2026 12:30:05 +0300", Header(text, "date"));
        Assert.Equal("<abc@mail.example.test>", Header(text, "in-reply-to"));
        Assert.Equal("<first@example.test> <abc@mail.example.test>", Header(text, "references"));
        Assert.Equal("auto-replied", Header(text, "auto-submitted"));
        Assert.Equal("Re: your request", Header(text, "subject"));
        Assert.Equal("1.0", Header(text, "mime-version"));
        Assert.Matches("^<[0-9a-f]{32}@khidma.test>$", built.MessageId);
        Assert.Equal(built.MessageId, Header(text, "message-id"));
    }

    [Fact]
    public void Build_NegativeOffset_WritesSignedZone()
    {
        var m = new OutgoingMessage { From = new("a@khidma.test"), To = { new("b@example.test") }, MessageId = "x@khidma.test" };

        var text = Ascii(m.Build(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.FromMinutes(-210))).Raw);

        Assert.Equal("Mon, 05 Jan 2026 08:00:00 -0330", Header(text, "date"));
        Assert.Equal("<x@khidma.test>", Header(text, "message-id"));
    }

    [Fact]
    public void Build_LongAsciiSubject_FoldsAtSpaces()
    {
        var subject = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"word{i}"));
        var m = new OutgoingMessage { From = new("a@khidma.test"), To = { new("b@example.test") }, Subject = subject };

        var text = Ascii(m.Build(Date).Raw);

        Assert.Equal(subject, Header(text, "subject"));
        Assert.True(RawHeaderField(text, "Subject").Split("\r\n").Length > 1);
        AssertLineLengths(m.Build(Date).Raw);
    }

    [Fact]
    public void Build_HeaderInjectionInSubjectAndName_IsNeutralised()
    {
        var m = new OutgoingMessage
        {
            From = new("a@khidma.test", "Evil\r\nBcc: victim@example.test"),
            To = { new("b@example.test") },
            Subject = "hi\r\nBcc: victim@example.test",
        };

        var headers = Headers(Ascii(m.Build(Date).Raw));

        Assert.DoesNotContain(headers, h => h.Name == "bcc");
        Assert.Equal("hi Bcc: victim@example.test", headers.First(h => h.Name == "subject").Value);
    }

    [Fact]
    public void Build_TextAndHtml_MultipartAlternativeInUtf8()
    {
        var html = "<p dir=\"rtl\">شكراً لتواصلكم</p>";
        var built = Message("شكراً لتواصلكم\nسطر ثانٍ", html).Build(Date);
        var text = Ascii(built.Raw);

        Assert.StartsWith("multipart/alternative;", Header(text, "content-type"), StringComparison.Ordinal);
        var parts = Parts(text);
        Assert.Equal(2, parts.Count);
        Assert.Equal("text/plain; charset=utf-8", Header(parts[0], "content-type"));
        Assert.Equal("شكراً لتواصلكم\r\nسطر ثانٍ", Encoding.UTF8.GetString(DecodedBody(parts[0])));
        Assert.Equal("text/html; charset=utf-8", Header(parts[1], "content-type"));
        Assert.Equal(html, Encoding.UTF8.GetString(DecodedBody(parts[1])));
        AssertLineLengths(built.Raw);
    }

    [Fact]
    public void Build_MostlyAsciiText_UsesQuotedPrintable()
    {
        var body = "Dear customer, your order is ready. Ref: طلب\r\nA line with trailing space \r\n" + new string('x', 200) + "=end";
        var m = new OutgoingMessage { From = new("a@khidma.test"), To = { new("b@example.test") }, TextBody = body };

        var text = Ascii(m.Build(Date).Raw);

        Assert.Equal("quoted-printable", Header(text, "content-transfer-encoding"));
        Assert.Equal(body, Encoding.UTF8.GetString(DecodedBody(text)));
        Assert.Contains("space=20\r\n", text, StringComparison.Ordinal);
        Assert.All(Body(text).Split("\r\n"), l => Assert.True(l.Length <= 76, l));
    }

    [Fact]
    public void Build_AttachmentWithArabicName_Rfc2231NameAndBase64Lines()
    {
        var content = new byte[5000];
        new Random(7).NextBytes(content);
        var name = "فاتورة شهر نوفمبر للعميل أحمد بن علي - نسخة نهائية.pdf";
        var built = Message("مرفق", null, new OutgoingAttachment(name, "application/pdf", content), new OutgoingAttachment("notes.txt", "text/plain", "hi"u8.ToArray())).Build(Date);
        var text = Ascii(built.Raw);

        Assert.StartsWith("multipart/mixed;", Header(text, "content-type"), StringComparison.Ordinal);
        var parts = Parts(text);
        Assert.Equal(3, parts.Count);
        var pdf = parts[1];
        Assert.Equal(name, ExtendedParameter(Header(pdf, "content-disposition"), "filename"));
        Assert.Equal(name, ExtendedParameter(Header(pdf, "content-type"), "name"));
        Assert.Equal(content, DecodedBody(pdf));
        Assert.All(Body(pdf).TrimEnd().Split("\r\n"), l => Assert.True(l.Length <= 76, l));
        Assert.Equal("attachment; filename=\"notes.txt\"", Header(parts[2], "content-disposition"));
        Assert.Equal("hi"u8.ToArray(), DecodedBody(parts[2]));
        AssertLineLengths(built.Raw);
    }

    [Fact]
    public void Build_InternationalDomain_WritesPunycode()
    {
        var m = new OutgoingMessage { From = new("info@خدمة.test"), To = { new("b@example.test") } };

        var built = m.Build(Date);

        Assert.Contains("<info@xn--", Header(Ascii(built.Raw), "from"), StringComparison.Ordinal);
        Assert.EndsWith(".test>", built.MessageId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("أحمد@example.test")]
    [InlineData("a b@example.test")]
    public void Build_BadAddress_ThrowsArgument(string address)
    {
        var m = new OutgoingMessage { From = new("a@khidma.test"), To = { new(address) } };

        Assert.Throws<ArgumentException>(() => m.Build(Date));
    }

    [Fact]
    public void Build_NoRecipients_ThrowsArgument() =>
        Assert.Throws<ArgumentException>(() => new OutgoingMessage { From = new("a@khidma.test") }.Build(Date));

    [Fact]
    public void EncodedWords_AnyText_DecodesBackWithinLength()
    {
        FsCheck.Check.QuickThrowOnFailure(FsCheck.Fluent.Prop.ForAll<string>(s =>
        {
            var text = new string((s ?? "").Where(c => !char.IsSurrogate(c)).ToArray());
            if (text.Length == 0)
            {
                return true;
            }

            var words = MessageWriter.EncodedWords(text, 60);
            return words.All(w => w.Length <= 75) && words[0].Length <= 60
                && DecodeWords(string.Join("\r\n ", words)) == text;
        }));
    }

    [Fact]
    public void QuotedPrintable_AnyBytes_DecodesBackWithShortLines()
    {
        FsCheck.Check.QuickThrowOnFailure(FsCheck.Fluent.Prop.ForAll<byte[]>(bytes =>
        {
            // The writer is given CRLF-separated text; other CR and LF bytes are data and get encoded.
            var data = bytes ?? [];
            var output = new ArrayBufferWriter<byte>();
            MessageWriter.QuotedPrintable(output, data);
            var encoded = Encoding.ASCII.GetString(output.WrittenSpan);
            return encoded.Split("\r\n").All(l => l.Length <= 76 && !l.EndsWith(' ') && !l.EndsWith('\t'))
                   && QuotedPrintableBytes(encoded).SequenceEqual(data);
        }));
    }

    [Fact]
    public void Parameter_LongAsciiName_UsesContinuations()
    {
        var name = new string('a', 70) + ".txt";

        var chunks = MessageWriter.Parameter("filename", name);

        Assert.True(chunks.Count > 1);
        Assert.Equal(name, ExtendedParameter(string.Join(" ", chunks), "filename"));
    }
}
