using Khidma.Web.Areas.Search.Domain;
using Xunit;

namespace Khidma.Tests.Search;

public sealed class PhoneNormalizerTests
{
    [Theory]
    [InlineData("+966 ٥٥ ١٢٣ ٤٥٦٧", "966551234567")]
    [InlineData("00966551234567", "966551234567")]
    [InlineData("+966551234567", "966551234567")]
    [InlineData("+٩٦٦٥٥١٢٣٤٥٦٧", "966551234567")]
    [InlineData("00 966 55 123 4567", "966551234567")]
    [InlineData("+44 (0)20 7946 0958", "442079460958")]
    [InlineData("\u200F+966 55 123 4567\u200E", "966551234567")]
    [InlineData("966551234567", "966551234567")]
    public void Normalize_InternationalForms_ReturnCountryCodeAndNumber(string input, string expected)
    {
        Assert.Equal(expected, PhoneNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("0551234567", "966", "966551234567")]
    [InlineData("0551234567", "+966", "966551234567")]
    [InlineData("0551234567", "00966", "966551234567")]
    [InlineData("٠٥٥١٢٣٤٥٦٧", "966", "966551234567")]
    [InlineData("۰۵۵۱۲۳۴۵۶۷", "٩٦٦", "966551234567")]
    [InlineData("(055) 123-4567", "966", "966551234567")]
    [InlineData("055.123.4567", "966", "966551234567")]
    [InlineData("02 123 4567", "971", "97121234567")]
    public void Normalize_NationalNumberWithDefaultCountry_AddsCountryCode(string input, string countryCode, string expected)
    {
        Assert.Equal(expected, PhoneNormalizer.Normalize(input, countryCode));
    }

    [Theory]
    [InlineData("0551234567", null, "0551234567")]
    [InlineData("0551234567", "", "0551234567")]
    [InlineData("0551234567", "abc", "0551234567")]
    [InlineData("551234567", "966", "551234567")]
    [InlineData("0", "966", "0")]
    [InlineData("+966551234567", "44", "966551234567")]
    [InlineData("00966551234567", "44", "966551234567")]
    public void Normalize_NoUsableDefaultCountry_KeepsDigitsAsWritten(string input, string? countryCode, string expected)
    {
        Assert.Equal(expected, PhoneNormalizer.Normalize(input, countryCode));
    }

    [Theory]
    [InlineData("055 123 4567 ext 89", "966", "966551234567")]
    [InlineData("0551234567 x12", "966", "966551234567")]
    [InlineData("جوال: ٠٥٥١٢٣٤٥٦٧ تحويلة ١٢", "966", "966551234567")]
    [InlineData("Tel: +966 55 123 4567", null, "966551234567")]
    public void Normalize_SurroundingText_IsIgnoredAndExtensionDropped(string input, string? countryCode, string expected)
    {
        Assert.Equal(expected, PhoneNormalizer.Normalize(input, countryCode));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("+")]
    [InlineData("--- ()")]
    public void Normalize_NoDigits_ReturnsEmpty(string? input)
    {
        Assert.Equal(string.Empty, PhoneNormalizer.Normalize(input, "966"));
    }

    [Fact]
    public void Normalize_SameNumberInEveryFormat_GivesOneCanonicalValue()
    {
        string[] formats = ["+966 ٥٥ ١٢٣ ٤٥٦٧", "00966551234567", "0551234567", "٠٥٥ ١٢٣ ٤٥٦٧", "(055) 123-4567", "+966551234567"];

        var canonical = formats.Select(f => PhoneNormalizer.Normalize(f, "966")).Distinct().ToList();

        Assert.Equal(["966551234567"], canonical);
    }
}
