using Khidma.Web.Areas.Search.Domain;
using Xunit;

namespace Khidma.Tests.Search;

public sealed class ArabicNormalizerTests
{
    [Theory]
    [InlineData("أحمد", "احمد")]
    [InlineData("إستفسار", "استفسار")]
    [InlineData("آمنة", "امنه")]
    [InlineData("ٱلرحمن", "الرحمن")]
    [InlineData("مسؤول", "مسوول")]
    [InlineData("رئيس", "رييس")]
    [InlineData("ا\u0654", "ا")]
    [InlineData("و\u0654", "و")]
    [InlineData("ي\u0654", "ي")]
    public void Normalize_HamzaForms_FoldToBaseLetter(string input, string expected)
    {
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("شيء", "شي")]
    [InlineData("سماء", "سما")]
    [InlineData("عملاء", "عملا")]
    [InlineData("ء", "")]
    public void Normalize_StandaloneHamza_IsRemoved(string input, string expected)
    {
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("مكتبة", "مكتبه")]
    [InlineData("المدرسة", "المدرسه")]
    [InlineData("مستشفى", "مستشفي")]
    [InlineData("على", "علي")]
    public void Normalize_TaaMarbutaAndAlefMaqsura_AreFolded(string input, string expected)
    {
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("مُحَمَّد", "محمد")]
    [InlineData("قُرْآن", "قران")]
    [InlineData("الرَّحْمٰنِ", "الرحمن")]
    [InlineData("كِتَابٌ", "كتاب")]
    [InlineData("فيه\u06DB", "فيه")]
    [InlineData("الصلوٰة\u06D6", "الصلوه")]
    [InlineData("صلى\u0610", "صلي")]
    public void Normalize_DiacriticsAndQuranicMarks_AreRemoved(string input, string expected)
    {
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("خـــدمة", "خدمه")]
    [InlineData("ـ", "")]
    [InlineData("مـرحـبـا", "مرحبا")]
    public void Normalize_Tatweel_IsRemoved(string input, string expected)
    {
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("٠١٢٣٤٥٦٧٨٩", "0123456789")]
    [InlineData("۰۱۲۳۴۵۶۷۸۹", "0123456789")]
    [InlineData("طلب رقم ٤٥", "طلب رقم 45")]
    [InlineData("١٢٣abc", "123abc")]
    public void Normalize_ArabicIndicAndPersianDigits_BecomeAscii(string input, string expected)
    {
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("کتاب", "كتاب")]
    [InlineData("فارسی", "فارسي")]
    [InlineData("یک", "يك")]
    public void Normalize_PersianLetters_BecomeArabic(string input, string expected)
    {
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("HELLO World", "hello world")]
    [InlineData("ÀÉÎ", "àéî")]
    [InlineData("iPhone 15", "iphone 15")]
    public void Normalize_UppercaseLetters_AreLowercasedInvariantly(string input, string expected)
    {
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("\uFEE3\uFEA3\uFEE4\uFEAA", "محمد")]
    [InlineData("\uFEFB", "لا")]
    [InlineData("\uFEF7", "لا")]
    [InlineData("\uFEF5", "لا")]
    [InlineData("\uFDF2", "الله")]
    [InlineData("\uFE8E\uFE91", "اب")]
    [InlineData("\uFE71", "")]
    [InlineData("\uFE73", "")]
    [InlineData("\u0628\uFE73\u0628", "\u0628\u0628")]
    [InlineData("ＡＢＣ１２３", "abc123")]
    public void Normalize_CompatibilityForms_BecomeBaseLetters(string input, string expected)
    {
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("\u200Fمرحبا\u200E", "مرحبا")]
    [InlineData("\u202Babc\u202C", "abc")]
    [InlineData("\u202A\u202D\u202Ex", "x")]
    [InlineData("\u2066a\u2067b\u2068c\u2069", "abc")]
    [InlineData("\u061Cعربي", "عربي")]
    [InlineData("a\u200Bb\u200Cc\u200Dd", "abcd")]
    [InlineData("\uFEFFabc", "abc")]
    [InlineData("a\u2060b\u00ADc", "abc")]
    public void Normalize_BidiAndZeroWidthCharacters_AreRemoved(string input, string expected)
    {
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("مكتبه")]
    [InlineData("0551234567")]
    [InlineData("خدمه العملا، شكرا!")]
    public void Normalize_AlreadyNormalText_ReturnsSameInstance(string input)
    {
        Assert.Same(input, ArabicNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_Null_ReturnsEmpty()
    {
        Assert.Equal(string.Empty, ArabicNormalizer.Normalize(null));
    }

    [Fact]
    public void Normalize_LongTextBeyondStackBuffer_IsNormalizedCompletely()
    {
        var input = string.Concat(Enumerable.Repeat("أَحْمَد ", 200));
        var expected = string.Concat(Enumerable.Repeat("احمد ", 200));

        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_ManyLigaturesInLongText_GrowsBufferCorrectly()
    {
        var input = string.Concat(Enumerable.Repeat("\uFDFA", 300));
        var expected = string.Concat(Enumerable.Repeat("صلي الله عليه وسلم", 300));

        Assert.Equal(expected, ArabicNormalizer.Normalize(input));
    }
}
