using System.Text;
using Khidma.Web.Areas.Mail.Mime;
using Xunit;

namespace Khidma.Tests.Mail;

public sealed class MimeHeadersTests
{
    private static HeaderCollection Headers(string raw) =>
        MimeHeaders.ParseBlock(Encoding.UTF8.GetBytes(raw), out _);

    [Fact]
    public void ParseBlock_FoldedHeader_UnfoldsKeepingWhitespace()
    {
        var h = Headers("Subject: first part\r\n second part\r\n\tthird\r\nTo: a@b.c\r\n\r\nbody");

        Assert.Equal("first part second part\tthird", h.First("subject"));
        Assert.Equal("a@b.c", h.First("TO"));
    }

    [Fact]
    public void ParseBlock_RepeatedHeaders_KeepsAllInOrder()
    {
        var h = Headers("Received: one\r\nReceived: two\r\nreceived: three\r\n\r\n");

        Assert.Equal(["one", "two", "three"], h.All("Received"));
        Assert.Equal("one", h["RECEIVED"]);
        Assert.Equal(3, h.Count);
    }

    [Fact]
    public void ParseBlock_BareLf_FindsBody()
    {
        var data = Encoding.ASCII.GetBytes("Subject: x\nTo: y\n\nhello\n");
        var h = MimeHeaders.ParseBlock(data, out var bodyOffset);

        Assert.Equal("x", h.First("Subject"));
        Assert.Equal("hello\n", Encoding.ASCII.GetString(data, bodyOffset, data.Length - bodyOffset));
    }

    [Fact]
    public void ParseBlock_LineWithoutColonBeforeHeaders_IsSkipped()
    {
        var h = Headers("X-Broken\r\nSubject: kept\r\n\r\n");

        Assert.Equal("kept", h.First("Subject"));
        Assert.Single(h);
    }

    [Fact]
    public void ParseBlock_NoBlankLineThenText_BodyStartsAtText()
    {
        var data = Encoding.ASCII.GetBytes("Subject: x\r\nJust some text here\r\nmore\r\n");
        MimeHeaders.ParseBlock(data, out var bodyOffset);

        Assert.Equal("Just some text here\r\nmore\r\n", Encoding.ASCII.GetString(data, bodyOffset, data.Length - bodyOffset));
    }

    [Fact]
    public void ParseBlock_NoHeadersAtAll_WholeInputIsBody()
    {
        var h = MimeHeaders.ParseBlock("just text, no headers"u8, out var bodyOffset);

        Assert.Empty(h);
        Assert.Equal(0, bodyOffset);
    }

    [Fact]
    public void ParseBlock_MboxFromLine_IsSkipped()
    {
        var h = Headers("From someone@example.com Mon Jan  1 00:00:00 2024\r\nSubject: s\r\n\r\n");

        Assert.Equal("s", h.First("Subject"));
        Assert.Single(h);
    }

    [Fact]
    public void ParseBlock_EightBitWindows1256Header_UsesContentTypeCharset()
    {
        var bytes = new List<byte>();
        bytes.AddRange("Subject: "u8.ToArray());
        bytes.AddRange(MailTestSupport.Windows1256.GetBytes("سلام"));
        bytes.AddRange("\r\nContent-Type: text/plain; charset=windows-1256\r\n\r\n"u8.ToArray());

        var h = MimeHeaders.ParseBlock(bytes.ToArray(), out _);

        Assert.Equal("سلام", h.First("Subject"));
    }

    [Fact]
    public void DecodeEncodedWords_Utf8Base64_Decodes()
    {
        Assert.Equal("مرحبا بكم", MimeHeaders.DecodeEncodedWords("=?UTF-8?B?2YXYsdit2KjYpyDYqNmD2YU=?="));
    }

    [Fact]
    public void DecodeEncodedWords_Utf8Q_DecodesUnderscoreAndHex()
    {
        Assert.Equal("Café au lait?", MimeHeaders.DecodeEncodedWords("=?utf-8?q?Caf=C3=A9_au_lait=3F?="));
    }

    [Fact]
    public void DecodeEncodedWords_Windows1256Base64_Decodes()
    {
        var word = "=?windows-1256?B?" + Convert.ToBase64String(MailTestSupport.Windows1256.GetBytes("طلب استرجاع")) + "?=";

        Assert.Equal("طلب استرجاع", MimeHeaders.DecodeEncodedWords(word));
    }

    [Fact]
    public void DecodeEncodedWords_Windows1256Q_Decodes()
    {
        // "شكرا" in windows-1256 is D4 DF D1 C7.
        Assert.Equal("شكرا جزيلا", MimeHeaders.DecodeEncodedWords("=?windows-1256?Q?=D4=DF=D1=C7_=CC=D2=ED=E1=C7?="));
    }

    [Fact]
    public void DecodeEncodedWords_Iso88596_DecodesBothEncodings()
    {
        var bytes = MailTestSupport.Iso88596.GetBytes("طلب");
        var q = "=?ISO-8859-6?Q?" + string.Concat(bytes.Select(b => $"={b:X2}")) + "?=";
        var b64 = "=?iso-8859-6?b?" + Convert.ToBase64String(bytes) + "?=";

        Assert.Equal("طلب", MimeHeaders.DecodeEncodedWords(q));
        Assert.Equal("طلب", MimeHeaders.DecodeEncodedWords(b64));
    }

    [Fact]
    public void DecodeEncodedWords_AdjacentWords_DropsWhitespaceBetween()
    {
        Assert.Equal("ab", MimeHeaders.DecodeEncodedWords("=?utf-8?q?a?=  \t =?utf-8?q?b?="));
        Assert.Equal("ab", MimeHeaders.DecodeEncodedWords("=?utf-8?q?a?=\r\n =?iso-8859-1?q?b?="));
    }

    [Fact]
    public void DecodeEncodedWords_WordNextToText_KeepsWhitespace()
    {
        Assert.Equal("Re: طلب 5", MimeHeaders.DecodeEncodedWords("Re: =?utf-8?B?2LfZhNio?= 5"));
    }

    [Fact]
    public void DecodeEncodedWords_CharacterSplitAcrossWords_JoinsBytes()
    {
        // "ع" is D8 B9; the first word ends after D8.
        var first = "=?utf-8?B?" + Convert.ToBase64String([0xD8]) + "?=";
        var second = "=?utf-8?B?" + Convert.ToBase64String([0xB9]) + "?=";

        Assert.Equal("ع", MimeHeaders.DecodeEncodedWords(first + " " + second));
    }

    [Theory]
    [InlineData("=?utf-8?X?abc?=")]
    [InlineData("=?utf-8?B?abc")]
    [InlineData("=??B?abc?=")]
    [InlineData("=?utf-8?Q?has space?=")]
    [InlineData("price =? unknown")]
    public void DecodeEncodedWords_Malformed_LeftAsIs(string input)
    {
        Assert.Equal(input, MimeHeaders.DecodeEncodedWords(input));
    }

    [Fact]
    public void DecodeEncodedWords_UnknownCharset_FallsBackToUtf8()
    {
        Assert.Equal("é", MimeHeaders.DecodeEncodedWords("=?x-unknown?Q?=C3=A9?="));
    }

    [Fact]
    public void DecodeEncodedWords_UnknownCharsetInvalidUtf8_FallsBackToLatin1()
    {
        Assert.Equal("é", MimeHeaders.DecodeEncodedWords("=?x-unknown?Q?=E9?="));
    }

    [Fact]
    public void DecodeEncodedWords_LanguageSuffix_Ignored()
    {
        Assert.Equal("Hi", MimeHeaders.DecodeEncodedWords("=?utf-8*en?Q?Hi?="));
    }

    [Fact]
    public void DecodeEncodedWords_BadBase64Padding_StillDecodes()
    {
        Assert.Equal("hello", MimeHeaders.DecodeEncodedWords("=?utf-8?B?aGVsbG8?="));
    }

    [Fact]
    public void ParseParameterized_QuotedAndTokenValues_ParsedCaseInsensitively()
    {
        var p = MimeHeaders.ParseParameterized("Text/HTML; Charset=\"UTF-8\"; format=flowed ; NAME=\"a \\\"b\\\".txt\"");

        Assert.Equal("text/html", p.Value);
        Assert.Equal("UTF-8", p["charset"]);
        Assert.Equal("flowed", p["FORMAT"]);
        Assert.Equal("a \"b\".txt", p["name"]);
    }

    [Fact]
    public void ParseParameterized_Rfc2231Continuations_JoinedAndDecoded()
    {
        var p = MimeHeaders.ParseParameterized(
            "attachment; filename*0*=utf-8'ar'%D8%B9%D9%82; filename*1*=%D8%AF%20; filename*2=\"final.pdf\"");

        Assert.Equal("attachment", p.Value);
        Assert.Equal("عقد final.pdf", p["filename"]);
    }

    [Fact]
    public void ParseParameterized_Rfc2231OutOfOrderSections_SortedBySection()
    {
        var p = MimeHeaders.ParseParameterized("attachment; name*1=\"world\"; name*0=\"hello \"");

        Assert.Equal("hello world", p["name"]);
    }

    [Fact]
    public void ParseParameterized_Rfc2231SingleValue_DecodesCharset()
    {
        var p = MimeHeaders.ParseParameterized("attachment; filename*=windows-1256''%DD%C7%CA%E6%D1%C9.pdf");

        Assert.Equal("فاتورة.pdf", p["filename"]);
    }

    [Fact]
    public void ParseParameterized_ExtendedAndPlain_ExtendedWins()
    {
        var p = MimeHeaders.ParseParameterized("attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%D9%85.pdf");

        Assert.Equal("م.pdf", p["filename"]);
    }

    [Fact]
    public void ParseParameterized_EncodedWordInQuotedValue_Decoded()
    {
        var p = MimeHeaders.ParseParameterized("application/pdf; name=\"=?UTF-8?B?2YHYp9iq2YjYsdipLnBkZg==?=\"");

        Assert.Equal("فاتورة.pdf", p["name"]);
    }

    [Fact]
    public void ParseParameterized_MissingSemicolon_ParameterStillRead()
    {
        var p = MimeHeaders.ParseParameterized("text/plain charset=windows-1256");

        Assert.Equal("text/plain", p.Value);
        Assert.Equal("windows-1256", p["charset"]);
    }

    [Fact]
    public void ParseParameterized_Garbage_DoesNotThrow()
    {
        var p = MimeHeaders.ParseParameterized("; ;= ; \"unterminated; x*=''%; y*9999999999=1");

        Assert.Equal(string.Empty, p.Value);
    }

    [Fact]
    public void ParseMessageIds_References_ListWithoutBrackets()
    {
        var ids = MimeHeaders.ParseMessageIds("<a@x> <b@y>\r\n\t<c@z>");

        Assert.Equal(["a@x", "b@y", "c@z"], ids);
    }

    [Fact]
    public void ParseMessageIds_NoBrackets_UsesTokens()
    {
        Assert.Equal(["abc@host"], MimeHeaders.ParseMessageIds("abc@host"));
    }

    [Fact]
    public void ParseMessageIds_InReplyToWithPhrase_OnlyBracketedIds()
    {
        Assert.Equal(["m1@x"], MimeHeaders.ParseMessageIds("Your message of Mon <m1@x> (comment)"));
    }
}
