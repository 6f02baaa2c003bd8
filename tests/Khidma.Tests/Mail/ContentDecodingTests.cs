using System.Text;
using Khidma.Web.Areas.Mail.Mime;
using Xunit;

namespace Khidma.Tests.Mail;

public sealed class ContentDecodingTests
{
    [Fact]
    public void QuotedPrintable_SoftLineBreaks_Removed()
    {
        var decoded = ContentDecoding.QuotedPrintable("long line =\r\ncontinues=\ncontinues =  \r\nend"u8);

        Assert.Equal("long line continuescontinues end", Encoding.ASCII.GetString(decoded));
    }

    [Fact]
    public void QuotedPrintable_HexEscapes_DecodedCaseInsensitive()
    {
        var decoded = ContentDecoding.QuotedPrintable("=D8=B3=d9=84a=3Db"u8);

        Assert.Equal("سلa=b", Encoding.UTF8.GetString(decoded));
    }

    [Fact]
    public void QuotedPrintable_InvalidEscape_KeptLiteral()
    {
        var decoded = ContentDecoding.QuotedPrintable("a=ZZb=4"u8);

        Assert.Equal("a=ZZb=4", Encoding.ASCII.GetString(decoded));
    }

    [Fact]
    public void QuotedPrintable_TrailingEquals_IsSoftBreak()
    {
        Assert.Equal("abc", Encoding.ASCII.GetString(ContentDecoding.QuotedPrintable("abc="u8)));
    }

    [Fact]
    public void QuotedPrintable_HardLineBreaks_Kept()
    {
        Assert.Equal("a\r\nb", Encoding.ASCII.GetString(ContentDecoding.QuotedPrintable("a\r\nb"u8)));
    }

    [Fact]
    public void Base64_WithLineBreaksAndSpaces_Decoded()
    {
        var decoded = ContentDecoding.Base64("aGVs\r\n bG8g\td29y\nbGQ="u8);

        Assert.Equal("hello world", Encoding.ASCII.GetString(decoded));
    }

    [Theory]
    [InlineData("aGVsbG8", "hello")]
    [InlineData("aGVsbG8=", "hello")]
    [InlineData("aGVsbA", "hell")]
    [InlineData("aGVsbA=", "hell")]
    [InlineData("aGVsbG8gd29ybGQ", "hello world")]
    public void Base64_MissingOrShortPadding_Decoded(string input, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(ContentDecoding.Base64(Encoding.ASCII.GetBytes(input))));
    }

    [Fact]
    public void Base64_PaddingInMiddle_DecodesEachChunk()
    {
        // Two separately encoded chunks glued together: "a" + "bc".
        var decoded = ContentDecoding.Base64("YQ==YmM="u8);

        Assert.Equal("abc", Encoding.ASCII.GetString(decoded));
    }

    [Fact]
    public void Base64_GarbageCharacters_Skipped()
    {
        var decoded = ContentDecoding.Base64("aGV*sb#G8!"u8);

        Assert.Equal("hello", Encoding.ASCII.GetString(decoded));
    }

    [Fact]
    public void Base64_Truncated_DecodesWhatIsThere()
    {
        var full = Convert.ToBase64String(Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        var decoded = ContentDecoding.Base64(Encoding.ASCII.GetBytes(full[..130]));

        Assert.Equal(Enumerable.Range(0, 97).Select(i => (byte)i).ToArray(), decoded);
    }

    [Fact]
    public void Base64_LargeValidInput_MatchesConvert()
    {
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        var encoded = Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks);

        Assert.Equal(data, ContentDecoding.Base64(Encoding.ASCII.GetBytes(encoded)));
    }

    [Theory]
    [InlineData("7bit")]
    [InlineData("8bit")]
    [InlineData("binary")]
    [InlineData("x-unknown")]
    [InlineData("")]
    public void Decode_IdentityEncodings_ReturnInput(string encoding)
    {
        var raw = new byte[] { 0, 1, 0xFF, (byte)'=', (byte)'A' };

        Assert.Equal(raw, ContentDecoding.Decode(raw, encoding).ToArray());
    }

    [Fact]
    public void UnwrapFlowed_SoftBreaksAndQuotes_Joined()
    {
        var text = "Hello \nworld\n> quoted \n> more\n>> deeper\n-- \nsig";

        Assert.Equal("Hello world\n> quoted more\n>> deeper\n-- \nsig", ContentDecoding.UnwrapFlowed(text, false));
    }

    [Fact]
    public void UnwrapFlowed_DelSp_RemovesSoftSpace()
    {
        Assert.Equal("abcdef", ContentDecoding.UnwrapFlowed("abc \ndef", true));
    }

    [Fact]
    public void UnwrapFlowed_SpaceStuffedLine_Unstuffed()
    {
        Assert.Equal("From here", ContentDecoding.UnwrapFlowed(" From here", false));
    }
}
