using System.Net;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.People.Domain;

namespace Khidma.Tests.Platform;

// What every page and API call relies on: health, error pages, sign-in lockout, language and direction,
// display preferences, culture-independent binding and the OpenAPI document.
public sealed class HttpPlatformTests(PlatformFactory f) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task Healthz_Anonymous_Returns200()
    {
        using var client = f.NewClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MissingPage_Arabic_ShowsLocalized404RightToLeft()
    {
        using var client = f.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ar");

        var page = await client.GetPageAsync("/no-such-page", HttpStatusCode.NotFound);

        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("الصفحة أو السجل المطلوب غير موجود", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task MissingPage_English_ShowsLocalized404LeftToRight()
    {
        using var client = f.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var page = await client.GetPageAsync("/no-such-page", HttpStatusCode.NotFound);

        Assert.Equal("ltr", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("does not exist", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task MissingApiRoute_WithToken_ReturnsProblemJsonWithoutInternals()
    {
        using var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));

        var response = await client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("title").GetString()));
        Assert.False(json.RootElement.TryGetProperty("exception", out _));
        Assert.DoesNotContain("Microsoft.", json.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnhandledException_Page_ShowsLocalized500WithoutStackTrace()
    {
        using var client = f.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ar");

        var response = await client.GetAsync("/test/throw");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = Http.Parse(html);
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Contains("حدث خطأ من جهتنا", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain(PlatformFactory.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnhandledException_Api_ReturnsProblemJsonWithoutInternals()
    {
        using var client = f.NewClient();

        var response = await client.GetAsync("/api/test/throw");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(PlatformFactory.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPasswordFiveTimes_LocksAccountWithArabicMessage()
    {
        var user = await f.CreateUserAsync(Roles.Agent);
        using var client = f.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ar");

        string html = "";
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostFormAsync("/account/sign-in", [new("Input.Email", user.Email!), new("Input.Password", "not-the-password")]);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            html = await wrong.Content.ReadAsStringAsync();
        }
        var right = await client.PostFormAsync("/account/sign-in", [new("Input.Email", user.Email!), new("Input.Password", KhidmaFactory.Password)]);

        Assert.Contains("تم قفل الحساب", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("تم قفل الحساب", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CultureSwitch_English_SetsCookieAndPageBecomesLeftToRight()
    {
        using var client = f.NewClient();

        var before = await client.GetPageAsync("/charter");
        var response = await client.GetAsync("/culture/en?returnUrl=/charter");
        var after = await client.GetPageAsync("/charter");

        Assert.Equal("rtl", before.DocumentElement.GetAttribute("dir"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/charter", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
        Assert.Equal("en", after.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", after.DocumentElement.GetAttribute("dir"));
    }

    [Fact]
    public async Task CultureSwitch_ExternalReturnUrl_RedirectsHome()
    {
        using var client = f.NewClient();

        var response = await client.GetAsync("/culture/fr?returnUrl=//evil.example/x");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Preferences_HijriAndArabicIndicDigits_DatesRenderInUmmAlQuraWithArabicIndicDigits()
    {
        var user = await f.CreateUserAsync(Roles.Agent);
        using var client = f.NewClient();
        await client.SignInAsync(user.Email!);

        var saved = await client.PostFormAsync("/account/preferences",
            [new("Input.Culture", "ar"), new("Input.Digits", nameof(DigitStyle.ArabicIndic)), new("Input.Calendar", nameof(CalendarStyle.Hijri))]);
        var rendered = await client.GetStringAsync("/test/date");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("١٤٤٥/٠٩/٠١ ١٢:٠٠ هـ|١٤٤٥/٠٩/٠١ هـ", rendered);
        var stored = await f.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == user.Id)));
        Assert.Equal(CalendarStyle.Hijri, stored.Calendar);
        Assert.Equal(DigitStyle.ArabicIndic, stored.Digits);
    }

    [Fact]
    public async Task Preferences_Defaults_DatesRenderGregorianWithLatinDigits()
    {
        var user = await f.CreateUserAsync(Roles.Agent);
        using var client = f.NewClient();
        await client.SignInAsync(user.Email!);

        var rendered = await client.GetStringAsync("/test/date");

        Assert.Equal("2024/03/11 12:00|2024/03/11", rendered);
    }

    // Dates and numbers are posted in invariant formats; under Arabic they must bind the same (no Arabic
    // decimal separator, no Umm al-Qura year read from "2026-11-22").
    [Fact]
    public async Task FormBinding_ArabicCulture_BindsInvariantNumbersAndGregorianDates()
    {
        using var client = f.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ar-SA");

        var response = await client.PostAsync("/test/bind", new FormUrlEncodedContent(
            [new("Input.Amount", "1234.5"), new("Input.Ratio", "0.25"), new("Input.Count", "42"), new("Input.Day", "2026-11-22")]));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var r = json.RootElement;

        Assert.StartsWith("ar", r.GetProperty("culture").GetString(), StringComparison.Ordinal);
        Assert.True(r.GetProperty("valid").GetBoolean(), r.GetRawText());
        Assert.Equal(1234.5m, r.GetProperty("amount").GetDecimal());
        Assert.Equal(0.25, r.GetProperty("ratio").GetDouble());
        Assert.Equal(42, r.GetProperty("count").GetInt32());
        Assert.Equal("2026-11-22", r.GetProperty("day").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_IsJsonWithTitleAndBearerScheme()
    {
        using var client = f.NewClient();

        var response = await client.GetAsync("/openapi/v1.json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var doc = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Khidma API", doc.GetProperty("info").GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(doc.GetProperty("info").GetProperty("description").GetString()));
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains(doc.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("bearer", out _));
    }
}
