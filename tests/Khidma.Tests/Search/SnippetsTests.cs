using Khidma.Web.Areas.Search.Domain;
using Xunit;

namespace Khidma.Tests.Search;

public sealed class SnippetsTests
{
    private static SearchQuery Q(string text) => SearchQuery.Parse(text, "966");

    [Theory]
    [InlineData("الفواتير", "أرجو توضيح الفاتورة الأخيرة", "أرجو توضيح <mark>الفاتورة</mark> الأخيرة")]
    [InlineData("فاتوره", "أرجو توضيح الفاتورة الأخيرة", "أرجو توضيح <mark>الفاتورة</mark> الأخيرة")]
    [InlineData("احمد", "السيد أحمد العتيبي", "السيد <mark>أحمد</mark> العتيبي")]
    [InlineData("بالبطاقة", "البطاقة لا تعمل", "<mark>البطاقة</mark> لا تعمل")]
    [InlineData("خدمة", "شكراً على خـــدمتكم وخدمة العملاء", "شكراً على <mark>خـــدمتكم</mark> <mark>وخدمة</mark> العملاء")]
    [InlineData("مُحمد", "مُحَمَّد", "<mark>مُحَمَّد</mark>")]
    [InlineData("Cards", "two CARDS blocked", "two <mark>CARDS</mark> blocked")]
    public void Highlight_QueryWord_MarksTheOriginalWord(string query, string text, string expected)
    {
        Assert.Equal(expected, Snippets.Highlight(text, Q(query), "966"));
    }

    [Fact]
    public void Highlight_LastTermIsAPrefix_MarksWordsStartingWithIt()
    {
        Assert.Equal("<mark>الخدمات</mark> <mark>وخدمة</mark>", Snippets.Highlight("الخدمات وخدمة", Q("خد"), "966"));
    }

    [Fact]
    public void Highlight_HtmlInText_IsEncoded()
    {
        var html = Snippets.Highlight("<script>alert('الفاتورة')</script> & \"الفاتورة\"", Q("الفاتورة"), "966");

        Assert.Equal("&lt;script&gt;alert(&#39;<mark>الفاتورة</mark>&#39;)&lt;/script&gt; &amp; &quot;<mark>الفاتورة</mark>&quot;", html);
    }

    [Theory]
    [InlineData("٠٥٥١٢٣٤٥٦٧", "اتصل على +966 55 123 4567 مساءً", "اتصل على <mark>+966 55 123 4567</mark> مساءً")]
    [InlineData("0551234567", "الرقم ٠٥٥-١٢٣-٤٥٦٧", "الرقم <mark>٠٥٥-١٢٣-٤٥٦٧</mark>")]
    [InlineData("1234567", "966551234567", "<mark>966551234567</mark>")]
    public void Highlight_PhoneQuery_MarksTheNumberAsWritten(string query, string text, string expected)
    {
        Assert.Equal(expected, Snippets.Highlight(text, Q(query), "966"));
    }

    [Fact]
    public void Highlight_ShortWordsNextToLongerTerms_AreNotMarked()
    {
        Assert.Equal("<mark>مشكلة</mark> في الدفع", Snippets.Highlight("مشكلة في الدفع", Q("مشكلة في"), "966"));
    }

    [Fact]
    public void Window_HitFarIntoLongText_ShowsAWindowAroundItWithEllipses()
    {
        var text = string.Join(' ', Enumerable.Repeat("كلام عادي", 60)) + " أين الفاتورة الآن؟ " + string.Join(' ', Enumerable.Repeat("نص آخر", 60));

        var snippet = Snippets.Window(text, Q("فاتورة"), "966");

        Assert.NotNull(snippet);
        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>الفاتورة</mark>", snippet, StringComparison.Ordinal);
        Assert.InRange(snippet.Length, 60, 200);
    }

    [Fact]
    public void Window_HitNearTheStart_StartsAtTheBeginning()
    {
        var snippet = Snippets.Window("يتم الموظف الموعد واجهتها على في المشكلة الفاتورة على", Q("الفاتورة"), "966");

        Assert.Equal("يتم الموظف الموعد واجهتها على في المشكلة <mark>الفاتورة</mark> على", snippet);
    }

    [Fact]
    public void Window_NoHit_ReturnsNull()
    {
        Assert.Null(Snippets.Window("لا شيء هنا", Q("الفاتورة"), "966"));
    }

    [Fact]
    public void Window_LineBreaks_BecomeSpaces()
    {
        Assert.Equal("سطر أول <mark>الفاتورة</mark> سطر ثالث", Snippets.Window("سطر أول\r\n\r\nالفاتورة\nسطر ثالث", Q("فاتورة"), "966"));
    }

    [Fact]
    public void Plain_LongText_IsCutOnAWordWithAnEllipsis()
    {
        var text = string.Join(' ', Enumerable.Repeat("كلمة", 100));

        var plain = Snippets.Plain(text, 50);

        Assert.EndsWith("كلمة…", plain, StringComparison.Ordinal);
        Assert.True(plain.Length <= 51);
    }
}
