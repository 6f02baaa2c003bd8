using System.Security.Cryptography;
using System.Text;
using Khidma.Web.Areas.Mail.Mime;
using Xunit;

namespace Khidma.Tests.Mail;

public sealed class MimeParserTests
{
    private static ParsedMail Parse(string raw) => MailTestSupport.Parse(raw);

    [Fact]
    public void Parse_SimplePlainMessage_ReadsHeadersAndText()
    {
        var m = Parse("From: A <a@x.test>\r\nTo: b@x.test\r\nSubject: Hi\r\nMessage-ID: <1@x>\r\n\r\nHello\r\nthere\r\n");

        Assert.Equal("Hi", m.Subject);
        Assert.Equal(new MailAddress("A", "a@x.test"), m.From[0]);
        Assert.Equal("1@x", m.MessageId);
        Assert.Equal("Hello\nthere", m.Text);
        Assert.Null(m.Html);
        Assert.Empty(m.Attachments);
        Assert.Null(m.ParseError);
    }

    [Fact]
    public void Parse_Alternative_PlainForTextHtmlForHtml()
    {
        var m = Parse("Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>H</p>\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nP\r\n--b--\r\n");

        Assert.Equal("P", m.Text);
        Assert.Equal("<p>H</p>", m.Html);
        Assert.Empty(m.Attachments);
    }

    [Fact]
    public void Parse_HtmlOnly_TextDerivedFromHtml()
    {
        var m = Parse("Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello&nbsp;<b>world</b></p><p>Bye</p>");

        Assert.Equal("Hello world\nBye", m.Text);
        Assert.NotNull(m.Html);
    }

    [Fact]
    public void Parse_NestedMultiparts_FindsBodiesAndAttachments()
    {
        var raw = """
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain

            plain body
            --alt
            Content-Type: multipart/related; boundary="rel"

            --rel
            Content-Type: text/html

            <img src="cid:img1">
            --rel
            Content-Type: image/png
            Content-ID: <img1>
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --rel--
            --alt--
            --outer
            Content-Type: application/pdf; name="a.pdf"
            Content-Disposition: attachment

            %PDF
            --outer--
            """;
        var m = Parse(raw);

        Assert.Equal("plain body", m.Text);
        Assert.Equal("<img src=\"cid:img1\">", m.Html);
        Assert.Equal(2, m.Attachments.Count);
        Assert.Equal("attachment-1.png", m.Attachments[0].FileName);
        Assert.Equal("img1", m.Attachments[0].ContentId);
        Assert.True(m.Attachments[0].Inline);
        Assert.Equal(8, m.Attachments[0].Size);
        Assert.Equal("a.pdf", m.Attachments[1].FileName);
        Assert.Equal("%PDF"u8.ToArray(), m.Attachments[1].Content.ToArray());
        Assert.False(m.Attachments[1].Inline);
    }

    [Fact]
    public void Parse_MissingFinalBoundary_LastPartKept()
    {
        var m = Parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nbody text\r\n--b\r\nContent-Type: image/gif\r\n\r\nGIF89a");

        Assert.Equal("body text", m.Text);
        Assert.Equal("GIF89a"u8.ToArray(), Assert.Single(m.Attachments).Content.ToArray());
    }

    [Fact]
    public void Parse_PreambleAndEpilogue_Ignored()
    {
        var m = Parse("Content-Type: multipart/mixed; boundary=b\r\n\r\nThis is a preamble.\r\n--b\r\n\r\nreal\r\n--b--\r\nepilogue junk\r\n");

        Assert.Equal("real", m.Text);
        Assert.Empty(m.Attachments);
    }

    [Fact]
    public void Parse_BoundaryPrefixOfLongerLine_NotTreatedAsDelimiter()
    {
        var m = Parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nline\r\n--bx not a delimiter\r\nend\r\n--b--\r\n");

        Assert.Equal("line\n--bx not a delimiter\nend", m.Text);
    }

    [Fact]
    public void Parse_MultipartWithoutBoundaryParam_DetectsBoundary()
    {
        var m = Parse("Content-Type: multipart/mixed\r\n\r\n--zzz\r\nContent-Type: text/plain\r\n\r\nfound\r\n--zzz--\r\n");

        Assert.Equal("found", m.Text);
    }

    [Fact]
    public void Parse_MultipartWithNoParts_BodyKeptAsText()
    {
        var m = Parse("Content-Type: multipart/mixed; boundary=nope\r\n\r\nnothing here\r\n");

        Assert.Equal("nothing here", m.Text);
    }

    [Fact]
    public void Parse_Rfc822Part_AttachmentNamedFromSubjectAndTextNotMerged()
    {
        var inner = "Subject: Inner: report/2024\r\nFrom: x@y\r\n\r\ninner secret text\r\n";
        var m = Parse("Subject: outer\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nouter text\r\n--b\r\n"
            + "Content-Type: message/rfc822\r\n\r\n" + inner + "--b--\r\n");

        Assert.Equal("outer text", m.Text);
        var a = Assert.Single(m.Attachments);
        Assert.Equal("Inner_ report_2024.eml", a.FileName);
        Assert.Equal("message/rfc822", a.ContentType);
        // The line break before the closing delimiter belongs to the delimiter.
        Assert.Equal(Encoding.UTF8.GetBytes(inner.TrimEnd('\r', '\n')), a.Content.ToArray());
        Assert.NotNull(m.Root.Children[1].Message);
        Assert.Equal("Inner: report/2024", m.Root.Children[1].Message!.Headers.First("Subject"));
    }

    [Fact]
    public void Parse_Rfc822PartWithFileName_UsesFileName()
    {
        var m = Parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: message/rfc822; name=\"orig.eml\"\r\n\r\nSubject: s\r\n\r\nx\r\n--b--");

        Assert.Equal("orig.eml", Assert.Single(m.Attachments).FileName);
    }

    [Fact]
    public void Parse_TopLevelRfc822WithoutSubject_SynthesizesName()
    {
        var m = Parse("Content-Type: message/rfc822\r\n\r\nFrom: a@b\r\n\r\nbody");

        Assert.Equal("attachment-1.eml", Assert.Single(m.Attachments).FileName);
        Assert.Equal(string.Empty, m.Text);
    }

    [Fact]
    public void Parse_DeepNesting_StopsAtLimitWithoutThrowing()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            sb.Append("Content-Type: multipart/mixed; boundary=b").Append(i).Append("\r\n\r\n--b").Append(i).Append("\r\n");
        }

        sb.Append("Content-Type: text/plain\r\n\r\ndeep\r\n");
        var m = Parse(sb.ToString());

        Assert.Null(m.ParseError);
        Assert.Equal(string.Empty, m.Text);
        Assert.Single(m.Attachments);
    }

    [Fact]
    public void Parse_DeepMessageRfc822Chain_StopsAtLimit()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            sb.Append("Content-Type: message/rfc822\r\n\r\n");
        }

        var m = Parse(sb.ToString());

        Assert.Null(m.ParseError);
        Assert.Single(m.Attachments);
    }

    [Fact]
    public void Parse_AttachmentFileNames_FromDispositionThenContentTypeThenSynthesized()
    {
        var m = Parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nbody\r\n"
            + "--b\r\nContent-Type: application/pdf; name=\"ct.pdf\"\r\nContent-Disposition: attachment; filename=\"disp.pdf\"\r\n\r\nx\r\n"
            + "--b\r\nContent-Type: application/pdf; name=\"ct-only.pdf\"\r\n\r\nx\r\n"
            + "--b\r\nContent-Type: application/vnd.ms-excel\r\nContent-Disposition: attachment\r\n\r\nx\r\n"
            + "--b\r\nContent-Type: application/x-custom\r\nContent-Disposition: attachment; filename=\"C:\\\\Users\\\\me\\\\..\\\\evil.txt\"\r\n\r\nx\r\n"
            + "--b--\r\n");

        Assert.Equal(["disp.pdf", "ct-only.pdf", "attachment-3.xls", "evil.txt"], m.Attachments.Select(a => a.FileName));
    }

    [Fact]
    public void Parse_Attachment_Sha256IsLowercaseHexOfDecodedContent()
    {
        var data = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var m = Parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks) + "\r\n--b--");

        var a = Assert.Single(m.Attachments);
        Assert.Equal(300, a.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), a.Sha256);
        Assert.Equal("attachment-1.bin", a.FileName);
    }

    [Fact]
    public void Parse_TextPlainAttachmentDisposition_IsAttachmentNotBody()
    {
        var m = Parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nbody\r\n--b\r\nContent-Type: text/plain\r\n"
            + "Content-Disposition: attachment; filename=notes.txt\r\n\r\nnotes\r\n--b--");

        Assert.Equal("body", m.Text);
        Assert.Equal("notes.txt", Assert.Single(m.Attachments).FileName);
    }

    [Fact]
    public void Parse_PlainFooterAfterHtmlBody_DoesNotBecomeText()
    {
        var m = Parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Main</p>\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nlist footer\r\n--b--");

        Assert.Equal("Main", m.Text);
        Assert.Equal("attachment-1.txt", Assert.Single(m.Attachments).FileName);
    }

    [Fact]
    public void Parse_Windows1256Body_Decoded()
    {
        var body = MailTestSupport.Windows1256.GetBytes("مرحبا، كيف يمكنني المساعدة؟");
        var raw = Encoding.ASCII.GetBytes("Content-Type: text/plain; charset=windows-1256\r\n\r\n").Concat(body).ToArray();

        Assert.Equal("مرحبا، كيف يمكنني المساعدة؟", MimeParser.Parse(raw).Text);
    }

    [Fact]
    public void Parse_Iso88596Body_Decoded()
    {
        var body = MailTestSupport.Iso88596.GetBytes("طلب جديد");
        var raw = Encoding.ASCII.GetBytes("Content-Type: text/plain; charset=\"iso-8859-6\"\r\n\r\n").Concat(body).ToArray();

        Assert.Equal("طلب جديد", MimeParser.Parse(raw).Text);
    }

    [Fact]
    public void Parse_Latin1Body_Decoded()
    {
        var raw = Encoding.ASCII.GetBytes("Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCaf=E9 cr=E8me");

        Assert.Equal("Café crème", MimeParser.Parse(raw).Text);
    }

    [Fact]
    public void Parse_UsAsciiLabelWithUtf8Bytes_DecodedAsUtf8()
    {
        var raw = Encoding.ASCII.GetBytes("Content-Type: text/plain; charset=us-ascii\r\n\r\n").Concat(Encoding.UTF8.GetBytes("نعم")).ToArray();

        Assert.Equal("نعم", MimeParser.Parse(raw).Text);
    }

    [Fact]
    public void Parse_UnknownCharsetLabel_FallsBackToUtf8ThenLatin1()
    {
        var utf8 = Encoding.ASCII.GetBytes("Content-Type: text/plain; charset=x-bogus\r\n\r\n").Concat(Encoding.UTF8.GetBytes("ok ü")).ToArray();
        var latin = Encoding.ASCII.GetBytes("Content-Type: text/plain; charset=x-bogus\r\n\r\nok ").Append((byte)0xFC).ToArray();

        Assert.Equal("ok ü", MimeParser.Parse(utf8).Text);
        Assert.Equal("ok ü", MimeParser.Parse(latin).Text);
    }

    [Fact]
    public void Parse_HtmlWithoutCharsetParam_SniffsMetaCharset()
    {
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-6\"></head><body>طلب</body></html>";
        var raw = Encoding.ASCII.GetBytes("Content-Type: text/html\r\n\r\n").Concat(MailTestSupport.Iso88596.GetBytes(html)).ToArray();
        var m = MimeParser.Parse(raw);

        Assert.Equal("طلب", m.Text);
        Assert.Contains("<body>طلب</body>", m.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Utf8Bom_Stripped()
    {
        var raw = "Content-Type: text/plain; charset=windows-1252\r\n\r\n"u8.ToArray().Concat(new byte[] { 0xEF, 0xBB, 0xBF }).Concat("hi"u8.ToArray()).ToArray();

        Assert.Equal("hi", MimeParser.Parse(raw).Text);
    }

    [Fact]
    public void Parse_EightBitUtf8Headers_Decoded()
    {
        var m = Parse("From: سارة <sara@x.test>\r\nSubject: شكوى بخصوص التوصيل\r\n\r\nbody");

        Assert.Equal("شكوى بخصوص التوصيل", m.Subject);
        Assert.Equal("سارة", m.From[0].Name);
    }

    [Fact]
    public void Parse_EightBitWindows1256HeadersWithoutCharset_Guessed()
    {
        var raw = "Subject: "u8.ToArray().Concat(MailTestSupport.Windows1256.GetBytes("استفسار")).Concat("\r\n\r\nbody"u8.ToArray()).ToArray();

        Assert.Equal("استفسار", MimeParser.Parse(raw).Subject);
    }

    [Fact]
    public void Parse_BareLfMultipart_Parsed()
    {
        var m = Parse("Subject: lf\nContent-Type: multipart/alternative; boundary=q\n\n--q\nContent-Type: text/plain\n\na\nb\n--q\nContent-Type: text/html\n\n<i>x</i>\n--q--\n");

        Assert.Equal("lf", m.Subject);
        Assert.Equal("a\nb", m.Text);
        Assert.Equal("<i>x</i>", m.Html);
    }

    [Fact]
    public void Parse_GarbageBytes_ReturnsBestEffortMessage()
    {
        var garbage = Enumerable.Range(0, 5000).Select(i => (byte)((i * 7919) % 251)).ToArray();
        var m = MimeParser.Parse(garbage);

        Assert.Null(m.ParseError);
        Assert.Equal(string.Empty, m.Subject);
        Assert.NotNull(m.Text);
    }

    [Fact]
    public void Parse_EmptyInput_EmptyMessage()
    {
        var m = MimeParser.Parse(Array.Empty<byte>());

        Assert.Equal(string.Empty, m.Subject);
        Assert.Equal(string.Empty, m.Text);
        Assert.Empty(m.From);
        Assert.Null(m.Date);
    }

    [Fact]
    public void Parse_TruncatedBase64Body_DecodesPrefix()
    {
        var m = Parse("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n2YXYsdit2KjY");

        Assert.StartsWith("مرحب", m.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidContentType_TreatedAsTextPlain()
    {
        var m = Parse("Content-Type: garbage\r\n\r\nstill text");

        Assert.Equal("still text", m.Text);
        Assert.Equal("text/plain", m.Root.MediaType);
    }

    [Fact]
    public void Parse_ContentTransferEncodingWithNoise_Recognized()
    {
        var m = Parse("Content-Type: text/plain\r\nContent-Transfer-Encoding: \"Base64\" (comment)\r\n\r\naGVsbG8=");

        Assert.Equal("hello", m.Text);
    }

    [Fact]
    public void Parse_Stream_SameAsBytes()
    {
        var bytes = "Subject: s\r\n\r\nbody"u8.ToArray();
        using var stream = new MemoryStream(bytes);

        Assert.Equal("body", MimeParser.Parse(stream).Text);
        Assert.Equal("body", MimeParser.Parse((ReadOnlySpan<byte>)bytes).Text);
    }

    [Fact]
    public void Header_CaseInsensitiveAndDecoded_ReturnsFirstValue()
    {
        var m = Parse("X-Thing: =?utf-8?B?2LfZhNio?=\r\nx-thing: second\r\nAuto-Submitted: auto-replied\r\nPrecedence: bulk\r\nReturn-Path: <bounce@x>\r\n\r\n");

        Assert.Equal("طلب", m.Header("x-THING"));
        Assert.Equal(2, m.Headers.All("X-Thing").Count);
        Assert.Equal("auto-replied", m.AutoSubmitted);
        Assert.Equal("bulk", m.Precedence);
        Assert.Equal("<bounce@x>", m.ReturnPath);
        Assert.Null(m.Header("Missing"));
    }

    [Fact]
    public void Parse_RepeatedToHeaders_Combined()
    {
        var m = Parse("To: a@x\r\nTo: b@x\r\n\r\n");

        Assert.Equal(["a@x", "b@x"], m.To.Select(a => a.Address));
    }

    [Fact]
    public void Parse_AlternativeWithAmpAndWatchHtml_ExtraRenderingsDropped()
    {
        var m = Parse("Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\np\r\n"
            + "--b\r\nContent-Type: text/watch-html\r\n\r\nw\r\n--b\r\nContent-Type: text/x-amp-html\r\n\r\na\r\n"
            + "--b\r\nContent-Type: text/html\r\n\r\nh\r\n--b--");

        Assert.Equal("p", m.Text);
        Assert.Equal("h", m.Html);
        Assert.Empty(m.Attachments);
    }

    [Fact]
    public void Parse_DigestChildrenWithoutContentType_AreMessages()
    {
        var m = Parse("Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: one\r\n\r\n1\r\n--d\r\n\r\nSubject: two\r\n\r\n2\r\n--d--");

        Assert.Equal(["one.eml", "two.eml"], m.Attachments.Select(a => a.FileName));
    }
}
