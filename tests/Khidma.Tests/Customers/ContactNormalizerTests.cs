using FsCheck;
using FsCheck.Fluent;
using Khidma.Web.Areas.Customers.Domain;

namespace Khidma.Tests.Customers;

public sealed class ContactNormalizerTests
{
    private const string Saudi = "966";

    [Theory]
    [InlineData("+966 55 123 4567", "966551234567")]
    [InlineData("+05", "5")] // found by the idempotence property: "05" would read as national the second time
    [InlineData("٠٥٥١٢٣٤٥٦٧", "966551234567")]
    [InlineData("۰۵۵۱۲۳۴۵۶۷", "966551234567")]
    [InlineData("055-123-4567", "966551234567")]
    [InlineData("(055) 123 4567", "966551234567")]
    [InlineData("00966551234567", "966551234567")]
    [InlineData("+٩٦٦٥٥١٢٣٤٥٦٧", "966551234567")]
    [InlineData("966551234567", "966551234567")]
    [InlineData("+44 20 7946 0958", "442079460958")]
    [InlineData("0044 20 7946 0958", "442079460958")]
    [InlineData("055 123 4567 ext 12", "966551234567")]
    [InlineData("٠٥٥١٢٣٤٥٦٧ تحويلة ١٢", "966551234567")]
    [InlineData("920000000", "920000000")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    [InlineData("no digits", "")]
    public void NormalizePhone_CommonForms_GivesInternationalDigits(string? input, string expected) =>
        Assert.Equal(expected, ContactNormalizer.NormalizePhone(input, Saudi));

    [Theory]
    [InlineData("0551234567", "+971", "971551234567")]
    [InlineData("0551234567", "00971", "971551234567")]
    [InlineData("0551234567", "", "0551234567")] // no country configured: the number stays as typed
    public void NormalizePhone_LeadingZero_UsesConfiguredCountryCode(string input, string countryCode, string expected) =>
        Assert.Equal(expected, ContactNormalizer.NormalizePhone(input, countryCode));

    [Theory]
    [InlineData("  Ahmed@Example.COM ", "ahmed@example.com")]
    [InlineData("sara@mail.example.sa", "sara@mail.example.sa")]
    [InlineData(null, "")]
    public void NormalizeEmail_AnyCase_TrimsAndLowerCases(string? input, string expected) =>
        Assert.Equal(expected, ContactNormalizer.NormalizeEmail(input));

    [Theory]
    [InlineData("ahmed@example.com", true)]
    [InlineData("a.b+c@sub.example.org", true)]
    [InlineData("ahmed@example", false)]
    [InlineData("ahmed.example.com", false)]
    [InlineData("@example.com", false)]
    [InlineData("ahmed@@example.com", false)]
    [InlineData("ahmed @example.com", false)]
    [InlineData("ahmed@.example.com", false)]
    [InlineData("ahmed@example..com", false)]
    public void IsValidEmail_Address_MatchesExpectation(string email, bool valid) =>
        Assert.Equal(valid, ContactNormalizer.IsValidEmail(email));

    [Theory]
    [InlineData("966551234567", true)]
    [InlineData("123", false)]
    [InlineData("1234567890123456", false)]
    public void IsValidPhone_Digits_ChecksLength(string normalized, bool valid) =>
        Assert.Equal(valid, ContactNormalizer.IsValidPhone(normalized));

    [Fact]
    public void NormalizePhone_AnyInput_IsIdempotent()
    {
        // Phone-like text: digits of three scripts, prefixes, punctuation and the odd letter.
        var chars = Gen.Elements("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹+-() .x".ToCharArray());
        var phones = Gen.ArrayOf(chars).Select(cs => new string(cs));
        Prop.ForAll(Arb.From(Gen.OneOf(phones, ArbMap.Default.ArbFor<string>().Generator)), (string s) =>
        {
            var once = ContactNormalizer.NormalizePhone(s, Saudi);
            return ContactNormalizer.NormalizePhone(once, Saudi) == once && once.All(char.IsAsciiDigit);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void NormalizeEmail_AnyInput_IsIdempotent() =>
        Prop.ForAll((string s) =>
        {
            var once = ContactNormalizer.NormalizeEmail(s);
            return ContactNormalizer.NormalizeEmail(once) == once;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Customer_WithdrawConsent_ErasesBackground()
    {
        var customer = new Customer();
        customer.UpdateBackground(true, "phone call", new Background("BSc", "10 years", "Riyadh", "x", "football"), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal("BSc", customer.Education);
        customer.UpdateBackground(false, null, new Background("BSc", null, null, null, null), new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        Assert.Null(customer.ConsentAt);
        Assert.Null(customer.Education);
        Assert.Null(customer.Interests);
    }

    [Fact]
    public void Redact_HistoryRow_BlanksTextAndKeepsNumbers()
    {
        var redacted = EraseCustomer.Redact("""{"Name":["Old name","New name"],"Version":[1,2]}""", keepAfter: false);
        Assert.Equal("""{"Name":["[erased]","[erased]"],"Version":[1,2]}""", redacted);
        var erasure = EraseCustomer.Redact("""{"Name":["Old name","Erased customer #5"]}""", keepAfter: true);
        Assert.Equal("""{"Name":["[erased]","Erased customer #5"]}""", erasure);
    }
}
