using Khidma.Web.Areas.Search.Domain;
using Xunit;

namespace Khidma.Tests.Search;

public sealed class SearchDocumentTests
{
    [Theory]
    [InlineData("+966 55 123 4567", "966551234567|0551234567")]
    [InlineData("0551234567", "966551234567|0551234567")]
    [InlineData("+44 20 7946 0958", "442079460958")]
    [InlineData("abc", "")]
    public void PhoneForms_Number_GivesInternationalAndNationalForms(string value, string expected)
    {
        Assert.Equal(expected, string.Join('|', SearchDocument.PhoneForms(value, "966")));
    }

    [Fact]
    public void ForCustomer_NameContactsAndOrganization_AreIndexed()
    {
        var doc = SearchDocument.ForCustomer("أحمد العتيبي", "شركة الأفق", [(true, "+966 55 123 4567"), (false, "ahmed.otaibi@example.com")], "966");

        Assert.Equal("احمد عتيب", doc.TitleNorm);
        var body = doc.BodyNorm.Split(' ');
        Assert.Contains("شرك", body);
        Assert.Contains("ahm", body);
        Assert.Contains("otaibi", body);
        Assert.Contains("ahmedotaibi", body);
        Assert.Contains("966551234567", body);
        Assert.Contains("0551234567", body);
        Assert.Equal(["966551234567", "0551234567"], doc.Phones);
    }

    [Fact]
    public void BoundedBody_LongConversation_KeepsTheNewestText()
    {
        var newest = new string('ج', 15_000);
        var older = new string('ق', 15_000);

        var body = SearchDocument.BoundedBody([newest, older, "قديم جدا"]);

        Assert.True(body.Length <= SearchDocument.MaxBodyChars + 1);
        Assert.StartsWith(newest, body, StringComparison.Ordinal);
        Assert.DoesNotContain("قديم", body, StringComparison.Ordinal);
    }
}
