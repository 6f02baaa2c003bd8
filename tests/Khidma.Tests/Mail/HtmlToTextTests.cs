using Khidma.Web.Areas.Mail.Mime;
using Xunit;

namespace Khidma.Tests.Mail;

public sealed class HtmlToTextTests
{
    [Fact]
    public void Convert_BreaksParagraphsDivsAndListItems_BecomeNewlines()
    {
        var text = HtmlToText.Convert("<div>one</div><div>two<br>three</div><p>four</p><ul><li>a</li><li>b</li></ul>");

        Assert.Equal("one\ntwo\nthree\nfour\na\nb", text);
    }

    [Fact]
    public void Convert_ScriptStyleHead_ContentsDropped()
    {
        var text = HtmlToText.Convert("<html><head><title>T</title><style>.a{}</style></head><body><script>alert('<b>x</b>')</script>body<style>p{}</style></body></html>");

        Assert.Equal("body", text);
    }

    [Fact]
    public void Convert_Entities_Decoded()
    {
        Assert.Equal("a & b < c \"d\" é ا €", HtmlToText.Convert("a &amp; b &lt; c &quot;d&quot; &eacute; &#1575; &#x20AC;"));
    }

    [Fact]
    public void Convert_WhitespaceRuns_Collapsed()
    {
        Assert.Equal("a b c", HtmlToText.Convert("  a \r\n\t  b\n\n\n c  "));
    }

    [Fact]
    public void Convert_NbspAndEmptyParagraphs_KeepOneBlankLine()
    {
        var text = HtmlToText.Convert("<p>Hi</p><p>&nbsp;</p><p>&nbsp;</p><p>there</p><br><br><br><br>end");

        Assert.Equal("Hi\n\nthere\n\nend", text);
    }

    [Fact]
    public void Convert_CommentsAndConditionals_Dropped()
    {
        Assert.Equal("ab", HtmlToText.Convert("a<!-- <p>hidden</p> --><![if !supportLists]>b<![endif]>"));
    }

    [Fact]
    public void Convert_TableCells_SeparatedBySpaceRowsByNewline()
    {
        Assert.Equal("a b\nc d", HtmlToText.Convert("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"));
    }

    [Fact]
    public void Convert_Pre_KeepsWhitespace()
    {
        Assert.Equal("x\n  indented\nline", HtmlToText.Convert("x<pre>  indented\nline</pre>"));
    }

    [Fact]
    public void Convert_QuotedGreaterThanInAttribute_DoesNotEndTag()
    {
        Assert.Equal("link", HtmlToText.Convert("<a title=\"a > b\" href='x>y'>link</a>"));
    }

    [Fact]
    public void Convert_LiteralLessThan_Kept()
    {
        Assert.Equal("1 < 2 and 3 <4", HtmlToText.Convert("1 < 2 and 3 <4"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<")]
    [InlineData("<script>never closed")]
    [InlineData("<a href=\"unterminated")]
    [InlineData("<!-- unterminated")]
    [InlineData("&#xD800; lone surrogate")]
    public void Convert_Malformed_DoesNotThrow(string? html)
    {
        var text = HtmlToText.Convert(html);

        Assert.NotNull(text);
        Assert.DoesNotContain('\uD800', text);
    }

    [Fact]
    public void Convert_OutlookWordHtml_ReadableText()
    {
        var html = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><style><!-- p.MsoNormal {margin:0cm;} --></style></head>\n"
            + "<body lang=EN-US><div class=WordSection1>\n<p class=MsoNormal>Hello,<o:p></o:p></p>\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n"
            + "<p class=MsoNormal>Line&nbsp;one<o:p></o:p></p>\n<p class=MsoNormal>Regards,<br>\nKhalid<o:p></o:p></p>\n</div></body></html>";

        Assert.Equal("Hello,\n\nLine one\nRegards,\nKhalid", HtmlToText.Convert(html));
    }

    [Fact]
    public void Convert_RtlArabicMarkup_TextKept()
    {
        Assert.Equal("مرحبا بك\nطلبك رقم 5", HtmlToText.Convert("<div dir=\"rtl\"><span>مرحبا</span> <b>بك</b><br/>طلبك رقم 5</div>"));
    }
}
