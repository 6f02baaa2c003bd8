using Khidma.Web.Areas.Search.Domain;
using Xunit;

namespace Khidma.Tests.Search;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("KH-123", 123)]
    [InlineData("kh-123", 123)]
    [InlineData(" KH 123 ", 123)]
    [InlineData("KH-١٢٣", 123)]
    public void Parse_Reference_IsRecognised(string text, long expected)
    {
        var query = SearchQuery.Parse(text, "966");

        Assert.Equal(expected, query.Reference);
        Assert.Null(query.PhoneDigits);
    }

    [Theory]
    [InlineData("٠٥٥١٢٣٤٥٦٧", "966551234567")]
    [InlineData("+966 55 123 4567", "966551234567")]
    [InlineData("055-123-4567", "966551234567")]
    [InlineData("4567", "4567")]
    [InlineData("tel 0551234567", "966551234567")]
    public void Parse_MostlyDigits_IsAPhoneQuery(string text, string expected)
    {
        Assert.Equal(expected, SearchQuery.Parse(text, "966").PhoneDigits);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("طلب رقم 4567")]
    [InlineData("الفاتورة")]
    [InlineData("KH-4567")]
    public void Parse_WordsOrFewDigits_IsNotAPhoneQuery(string text)
    {
        Assert.Null(SearchQuery.Parse(text, "966").PhoneDigits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("، ؛ ؟ !!")]
    [InlineData(null)]
    public void Parse_NothingSearchable_IsEmpty(string? text)
    {
        Assert.True(SearchQuery.Parse(text, "966").IsEmpty);
    }

    [Fact]
    public void Parse_VeryLongQuery_IsCutToTheMaximumTerms()
    {
        var query = SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 400).Select(i => "كلمة" + i)), "966");

        Assert.Equal(SearchText.MaxQueryTerms, query.Terms.Count);
        Assert.True(query.Text.Length <= SearchQuery.MaxLength);
    }
}
