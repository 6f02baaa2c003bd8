using Khidma.Web.Areas.Search.Domain;
using Xunit;

namespace Khidma.Tests.Search;

public sealed class LightStemmerTests
{
    [Theory]
    [InlineData("والعملا", "عملا")]
    [InlineData("بالبطاقه", "بطاق")]
    [InlineData("كالعاده", "عاد")]
    [InlineData("فالموظف", "موظف")]
    [InlineData("للعملا", "عملا")]
    [InlineData("العملا", "عملا")]
    [InlineData("المكتبه", "مكتب")]
    [InlineData("الخدمات", "خدم")]
    [InlineData("بالخدمه", "خدم")]
    public void Stem_ArticlePrefix_IsStripped(string token, string expected)
    {
        Assert.Equal(expected, LightStemmer.Stem(token));
    }

    [Theory]
    [InlineData("والد", "والد")]
    [InlineData("والده", "والد")]
    [InlineData("بالغ", "بالغ")]
    [InlineData("الم", "الم")]
    [InlineData("لله", "لل")]
    public void Stem_ArticlePrefixLeavingTooLittle_IsKept(string token, string expected)
    {
        Assert.Equal(expected, LightStemmer.Stem(token));
    }

    [Theory]
    [InlineData("ولد")]
    [InlineData("بيت")]
    [InlineData("فيل")]
    [InlineData("لعب")]
    [InlineData("وقت")]
    [InlineData("بحر")]
    public void Stem_ShortWordStartingWithCliticLetter_IsUnchanged(string token)
    {
        Assert.Equal(token, LightStemmer.Stem(token));
    }

    [Theory]
    [InlineData("بطاقه", "بطاق")]
    [InlineData("وظيفه", "وظيف")]
    [InlineData("فيلم", "فيلم")]
    [InlineData("لغات", "لغ")]
    public void Stem_LongWordStartingWithCliticLetter_KeepsTheLetter(string token, string expected)
    {
        Assert.Equal(expected, LightStemmer.Stem(token));
    }

    [Theory]
    [InlineData("مكتبه", "مكتب")]
    [InlineData("خدمات", "خدم")]
    [InlineData("موظفون", "موظف")]
    [InlineData("موظفين", "موظف")]
    [InlineData("مهندسان", "مهندس")]
    [InlineData("حسابها", "حساب")]
    [InlineData("تعليميه", "تعليم")]
    [InlineData("كتابي", "كتاب")]
    [InlineData("مستشفي", "مستشف")]
    [InlineData("يده", "يد")]
    [InlineData("محظوره", "محظور")]
    public void Stem_Suffix_IsStripped(string token, string expected)
    {
        Assert.Equal(expected, LightStemmer.Stem(token));
    }

    [Theory]
    [InlineData("خدماتها", "خدم")]
    [InlineData("موظفيها", "موظف")]
    [InlineData("بياناته", "بيان")]
    [InlineData("مدينه", "مدين")]
    public void Stem_StackedSuffixes_AreStrippedWhileThreeLettersRemain(string token, string expected)
    {
        Assert.Equal(expected, LightStemmer.Stem(token));
    }

    [Theory]
    [InlineData("بين")]
    [InlineData("عين")]
    [InlineData("دين")]
    [InlineData("احمد")]
    [InlineData("استفسار")]
    [InlineData("و")]
    [InlineData("في")]
    public void Stem_WordWhereSuffixWouldLeaveTooLittle_IsUnchanged(string token)
    {
        Assert.Equal(token, LightStemmer.Stem(token));
    }

    [Theory]
    [InlineData("2024")]
    [InlineData("0551234567")]
    [InlineData("abc123")]
    [InlineData("café")]
    [InlineData("ب100")]
    public void Stem_DigitsAndMixedTokens_AreUntouched(string token)
    {
        Assert.Same(token, LightStemmer.Stem(token));
    }

    [Theory]
    [InlineData("cards", "card")]
    [InlineData("services", "servic")]
    [InlineData("blocked", "block")]
    [InlineData("running", "run")]
    public void Stem_EnglishToken_UsesPorter(string token, string expected)
    {
        Assert.Equal(expected, LightStemmer.Stem(token));
    }

    [Fact]
    public void Stem_AppliedTwice_IsNotIdempotentByDesign()
    {
        var once = LightStemmer.Stem("مدينه");

        Assert.Equal("مدين", once);
        Assert.Equal("مد", LightStemmer.Stem(once));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Stem_EmptyInput_ReturnsEmpty(string? token, string expected)
    {
        Assert.Equal(expected, LightStemmer.Stem(token));
    }

    [Theory]
    [InlineData("وخدمه", "خدم")]
    [InlineData("بطاقه", "طاق")]
    [InlineData("وبالخدمه", "خدم")]
    [InlineData("لعملا", "عملا")]
    [InlineData("فشكرا", "شكرا")]
    [InlineData("وبيت", "بيت")]
    public void StemWithoutClitic_LeadingCliticLetter_ReturnsStemOfRest(string token, string expected)
    {
        Assert.Equal(expected, LightStemmer.StemWithoutClitic(token));
    }

    [Theory]
    [InlineData("ولد")]
    [InlineData("بيت")]
    [InlineData("فيل")]
    [InlineData("بالخدمه")]
    [InlineData("والعملا")]
    [InlineData("والد")]
    [InlineData("بالغ")]
    [InlineData("مكتبه")]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData(null)]
    public void StemWithoutClitic_NoCliticOrTooShort_ReturnsNull(string? token)
    {
        Assert.Null(LightStemmer.StemWithoutClitic(token));
    }

    [Theory]
    [InlineData("الفواتير", "فاتور")]
    [InlineData("فواتير", "فاتور")]
    [InlineData("فواتيرها", "فاتور")]
    [InlineData("صواريخ", "صاروخ")]
    [InlineData("القوانين", "قان")]
    [InlineData("الهواتف", "هاتف")]
    [InlineData("رواتب", "راتب")]
    [InlineData("قواعد", "قاعد")]
    [InlineData("الجوايز", "جايز")]
    [InlineData("شوارع", "شارع")]
    public void Stem_BrokenPlural_FoldsOntoItsSingular(string token, string expected)
    {
        Assert.Equal(expected, LightStemmer.Stem(token));
    }

    [Theory]
    [InlineData("الفواتير", "الفاتوره")]
    [InlineData("هواتف", "هاتفي")]
    [InlineData("قوانين", "القانونيه")]
    [InlineData("قواعد", "قاعده")]
    [InlineData("جوايز", "جايزه")]
    public void Stem_BrokenPluralAndSingular_HaveTheSameStem(string plural, string singular)
    {
        Assert.Equal(LightStemmer.Stem(singular), LightStemmer.Stem(plural));
    }

    [Theory]
    [InlineData("يواجه", "يواج")]
    [InlineData("تواصل", "تواصل")]
    [InlineData("حواله", "حوال")]
    [InlineData("حوالتي", "حوالت")]
    [InlineData("والعملا", "عملا")]
    [InlineData("سوال", "سوال")]
    public void Stem_VerbsAndFeminineEndings_AreNotTakenForBrokenPlurals(string token, string expected)
    {
        Assert.Equal(expected, LightStemmer.Stem(token));
    }
}
