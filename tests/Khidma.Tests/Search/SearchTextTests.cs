using Khidma.Web.Areas.Search.Domain;
using Xunit;

namespace Khidma.Tests.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("المكتبة", "مكتبه")]
    [InlineData("أحمد", "احمد")]
    [InlineData("إستفسار", "استفسار")]
    [InlineData("مستشفى", "مستشفي")]
    [InlineData("الخدمات", "خدمات")]
    [InlineData("الخدمات", "خدمة")]
    [InlineData("والعملاء", "العملاء")]
    [InlineData("والعملاء", "عملاء")]
    [InlineData("العملاء", "عملاء")]
    [InlineData("بالبطاقة", "بطاقه")]
    [InlineData("البطاقات", "بطاقة")]
    [InlineData("مُحَمَّد", "محمد")]
    [InlineData("خـــدمة", "خدمة")]
    [InlineData("٠٥٥١٢٣٤٥٦٧", "0551234567")]
    [InlineData("+966 ٥٥ ١٢٣ ٤٥٦٧", "+966 55 123 4567")]
    [InlineData("کتاب", "كتاب")]
    [InlineData("\uFEFB", "لا")]
    [InlineData("\u200Fطلب\u200E", "طلب")]
    [InlineData("Customer Services خدمة العملاء", "customer service الخدمه والعملاء")]
    [InlineData("Refunds طلبات الاسترداد", "refund طلب استرداد")]
    [InlineData("الفواتير", "الفاتورة")]
    [InlineData("فواتير", "فاتوره")]
    [InlineData("الهواتف", "هاتف")]
    public void ForQuery_EquivalentSpellings_MatchEachOthersIndex(string first, string second)
    {
        Assert.True(Matches(first, second), $"'{first}' should find '{second}'");
        Assert.True(Matches(second, first), $"'{second}' should find '{first}'");
    }

    [Theory]
    [InlineData("card blocked بطاقة", "The CARDS were blocked البطاقات محظورة")]
    [InlineData("خدمة", "وخدمة العملاء ممتازة")]
    [InlineData("عملاء", "للعملاء فقط")]
    [InlineData("بطاقه", "دفعت ببطاقتي وبالبطاقة")]
    [InlineData("0551234567", "رقم الجوال: ٠٥٥-١٢٣-٤٥٦٧")]
    [InlineData("order 45", "Order #٤٥ was delayed تأخر الطلب")]
    [InlineData("تأخر الطلب", "Order #٤٥ was delayed تاخر طلبي")]
    public void ForQuery_QueryWordsInDocument_MatchDocumentIndex(string query, string document)
    {
        Assert.True(Matches(query, document));
    }

    [Theory]
    [InlineData("خدمة", "مكتبة")]
    [InlineData("ولد", "بلد")]
    [InlineData("refund", "delivery")]
    [InlineData("0551234567", "0561234567")]
    [InlineData("والد", "ولد")]
    [InlineData("حوالة", "حالة")]
    public void ForQuery_UnrelatedWords_DoNotMatch(string query, string document)
    {
        Assert.False(Matches(query, document));
    }

    [Theory]
    [InlineData("خدمة العملاء", "خدم عملا")]
    [InlineData("وخدمة العملاء", "وخدم خدم عملا")]
    [InlineData("بطاقة", "بطاق طاق")]
    [InlineData("Customer Services", "custom servic")]
    [InlineData("", "")]
    [InlineData("،؛؟", "")]
    [InlineData(null, "")]
    public void ForIndex_Text_ReturnsSpaceJoinedStems(string? text, string expected)
    {
        Assert.Equal(expected, SearchText.ForIndex(text));
    }

    [Theory]
    [InlineData("خدمة العملاء", "خدم|عملا")]
    [InlineData("وخدمة", "وخدم")]
    [InlineData("The Cards", "the|card")]
    public void ForQuery_Text_ReturnsStemsWithoutCliticVariants(string query, string expected)
    {
        Assert.Equal(expected.Split('|'), SearchText.ForQuery(query));
    }

    [Fact]
    public void ForQuery_VeryLongQuery_IsCappedAtMaxTerms()
    {
        var query = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"w{i}"));

        Assert.Equal(SearchText.MaxQueryTerms, SearchText.ForQuery(query).Count);
    }

    [Theory]
    [InlineData("خدمة العملاء", "\"خدم\" \"عملا\"*")]
    [InlineData("بطاقة", "\"بطاق\"*")]
    [InlineData("Refund status", "\"refund\" \"statu\"*")]
    [InlineData("", "")]
    [InlineData("\"; DROP TABLE x; --", "\"drop\" \"tabl\" \"x\"*")]
    [InlineData("a OR b NOT c", "\"a\" \"or\" \"b\" \"not\" \"c\"*")]
    [InlineData("title:خدمة", "\"titl\" \"خدم\"*")]
    [InlineData("خدمة*", "\"خدم\"*")]
    [InlineData("NEAR(خدمة عملاء)", "\"near\" \"خدم\" \"عملا\"*")]
    public void Fts5MatchFor_UserQuery_QuotesEveryTermAndPrefixesTheLast(string query, string expected)
    {
        Assert.Equal(expected, SearchText.Fts5MatchFor(query));
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, true, "\"a\" \"b\"*")]
    [InlineData(new[] { "a", "b" }, false, "\"a\" \"b\"")]
    [InlineData(new[] { "a\" OR \"b", "c" }, true, "\"aORb\" \"c\"*")]
    [InlineData(new[] { "x", "\"*^:" }, true, "\"x\"*")]
    [InlineData(new string[0], true, "")]
    public void BuildFts5Match_ArbitraryTerms_AreSanitizedAndQuoted(string[] terms, bool prefixLast, string expected)
    {
        Assert.Equal(expected, SearchText.BuildFts5Match(terms, prefixLast));
    }

    [Theory]
    [InlineData("خدمة العملاء", "'خدم' & 'عملا':*")]
    [InlineData("بطاقة", "'بطاق':*")]
    [InlineData("foo & !bar | baz:*", "'foo' & 'bar' & 'baz':*")]
    [InlineData("it's <-> (x)", "'it' & 's' & 'x':*")]
    [InlineData("\\' OR 1=1 --", "'or' & '1' & '1':*")]
    [InlineData("", "")]
    public void TsQueryFor_UserQuery_JoinsQuotedTermsWithAndAndPrefixesTheLast(string query, string expected)
    {
        Assert.Equal(expected, SearchText.TsQueryFor(query));
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, true, "'a' & 'b':*")]
    [InlineData(new[] { "a", "b" }, false, "'a' & 'b'")]
    [InlineData(new[] { "a' | 'b", "c" }, true, "'ab' & 'c':*")]
    [InlineData(new[] { "x\\", "!:*&|()<->" }, true, "'x':*")]
    [InlineData(new string[0], false, "")]
    public void BuildTsQuery_ArbitraryTerms_AreSanitizedAndQuoted(string[] terms, bool prefixLast, string expected)
    {
        Assert.Equal(expected, SearchText.BuildTsQuery(terms, prefixLast));
    }

    internal static bool Matches(string query, string document)
    {
        var indexed = SearchText.ForIndex(document).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var terms = SearchText.ForQuery(query);
        return terms.Count > 0 && terms.All(indexed.Contains);
    }
}
