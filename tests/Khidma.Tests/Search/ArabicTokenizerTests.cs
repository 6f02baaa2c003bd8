using Khidma.Web.Areas.Search.Domain;
using Xunit;

namespace Khidma.Tests.Search;

public sealed class ArabicTokenizerTests
{
    [Theory]
    [InlineData("مرحبا، كيف حالك؟", "مرحبا|كيف|حالك")]
    [InlineData("نعم؛ لا", "نعم|لا")]
    [InlineData("Hello, World!", "hello|world")]
    [InlineData("  خدمة\tالعملاء\n", "خدمه|العملا")]
    [InlineData("«الخدمة» (ممتازة)", "الخدمه|ممتازه")]
    [InlineData("خدمة_العملاء", "خدمه|العملا")]
    [InlineData("e-mail", "e|mail")]
    [InlineData("\u200Fنص\u200E مختلط", "نص|مختلط")]
    public void Tokenize_PunctuationAndWhitespace_SplitWords(string input, string expected)
    {
        Assert.Equal(expected.Split('|'), ArabicNormalizer.Tokenize(input));
    }

    [Theory]
    [InlineData("طلب order رقم 55", "طلب|order|رقم|55")]
    [InlineData("My iPhone15 لا يعمل", "my|iphone15|لا|يعمل")]
    [InlineData("abc123 def", "abc123|def")]
    [InlineData("Café مقهى", "café|مقهي")]
    public void Tokenize_MixedScripts_KeepsLettersAndDigitsOfEveryScript(string input, string expected)
    {
        Assert.Equal(expected.Split('|'), ArabicNormalizer.Tokenize(input));
    }

    [Theory]
    [InlineData("ahmed.ali@example.com", "ahmed|ali|example|com")]
    [InlineData("راسلنا على support@khidma.sa", "راسلنا|علي|support|khidma|sa")]
    public void Tokenize_Email_SplitsIntoSearchableParts(string input, string expected)
    {
        Assert.Equal(expected.Split('|'), ArabicNormalizer.Tokenize(input));
    }

    [Theory]
    [InlineData("+966 55 123 4567", "966551234567")]
    [InlineData("0551234567", "0551234567")]
    [InlineData("٠٥٥١٢٣٤٥٦٧", "0551234567")]
    [InlineData("(055) 123.4567", "0551234567")]
    [InlineData("055-123-4567", "0551234567")]
    [InlineData("اتصل على ٠٥٥-١٢٣-٤٥٦٧ اليوم", "اتصل|علي|0551234567|اليوم")]
    [InlineData("2024 2025", "20242025")]
    public void Tokenize_PhoneLikeDigitGroups_JoinIntoOneToken(string input, string expected)
    {
        Assert.Equal(expected.Split('|'), ArabicNormalizer.Tokenize(input));
    }

    [Theory]
    [InlineData("12 50", "12|50")]
    [InlineData("12/05/2024", "12|05|2024")]
    [InlineData("order 12 items", "order|12|items")]
    [InlineData("1234567 890123456", "1234567|890123456")]
    [InlineData("055 123   4567", "055|123|4567")]
    public void Tokenize_DigitGroupsThatAreNotPhones_StaySeparate(string input, string expected)
    {
        Assert.Equal(expected.Split('|'), ArabicNormalizer.Tokenize(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...!!! ؟؟ ،")]
    [InlineData("\u200F\u200E")]
    [InlineData(null)]
    public void Tokenize_NoWords_ReturnsEmpty(string? input)
    {
        Assert.Empty(ArabicNormalizer.Tokenize(input));
    }
}
