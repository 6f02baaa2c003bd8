using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.People.Domain;
using static Khidma.Tests.Customers.CustomersTestData;

namespace Khidma.Tests.Customers;

// /api/v1/customers with bearer tokens. Runs on SQLite (CustomersApiTests) and PostgreSQL (CustomersApiPostgresTests).
public abstract class CustomersApiTestsBase(KhidmaFactory f)
{
    private async Task<HttpClient> ApiAsync(string role = Roles.Agent, string? language = null)
    {
        var client = f.CreateClient().WithBearer(await f.CreateTokenAsync(role));
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public virtual async Task Create_ValidCustomerWithStaffToken_Returns201AndReadsBack()
    {
        var api = await ApiAsync(Roles.Staff);
        var phone = NewPhone();

        var created = await api.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "شركة النخيل للتجارة",
            phones = new[] { ToArabicIndic(phone) },
            emails = new[] { "Info@Nakheel.example" },
            faxes = new[] { "011 465 0000" },
            language = "en",
            organization = "النخيل",
            type = "Business",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/customers/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("966" + phone[1..], body.GetProperty("phones")[0].GetProperty("normalized").GetString());
        Assert.Equal("info@nakheel.example", body.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.Equal("966114650000", body.GetProperty("faxes")[0].GetProperty("normalized").GetString());
        Assert.Equal("Business", body.GetProperty("type").GetString());
        Assert.Equal("New", body.GetProperty("lifecycle").GetString());
        Assert.Equal("2026-11-22T09:00:00Z", body.GetProperty("createdAt").GetString());

        var read = await api.GetAsync($"/api/v1/customers/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var again = await JsonAsync(read);
        Assert.Equal("شركة النخيل للتجارة", again.GetProperty("name").GetString());
        Assert.Equal("en", again.GetProperty("language").GetString());
        Assert.Equal("النخيل", again.GetProperty("organization").GetString());
    }

    [Fact]
    public virtual async Task Get_MissingCustomer_Returns404Problem()
    {
        var api = await ApiAsync();
        var response = await api.GetAsync("/api/v1/customers/987654321");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, (await JsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public virtual async Task Create_SamePhoneTypedDifferently_Returns409UnlessAllowed()
    {
        var api = await ApiAsync();
        var phone = NewPhone();
        var existing = await AddCustomerAsync(f, "يوسف البقمي", phone);
        var international = "+966 " + phone[1..3] + " " + phone[3..6] + " " + phone[6..];

        var conflict = await api.PostAsJsonAsync("/api/v1/customers", new { name = "يوسف", phones = new[] { international } });

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType!.MediaType);
        var problem = await JsonAsync(conflict);
        Assert.Equal([existing], problem.GetProperty("existingCustomerIds").EnumerateArray().Select(e => e.GetInt64()));

        var allowed = await api.PostAsJsonAsync("/api/v1/customers", new { name = "يوسف", phones = new[] { international }, allowDuplicate = true });
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public virtual async Task Create_InvalidFieldsInArabic_Returns400WithLocalizedFieldErrors()
    {
        var api = await ApiAsync(language: "ar");
        var response = await api.PostAsJsonAsync("/api/v1/customers", new { name = " ", emails = new[] { "ok@example.com", "ليس بريدًا" }, phones = new[] { "12" }, language = "de", type = "Alien" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        var errors = problem.GetProperty("errors");
        Assert.Contains("مطلوب", errors.GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("ليس عنوان بريد إلكتروني صالح", errors.GetProperty("emails[1]")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("ليس رقم هاتف صالحًا", errors.GetProperty("phones[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("language", out _));
        Assert.True(errors.TryGetProperty("type", out _));
        Assert.False(errors.TryGetProperty("emails[0]", out _));

        var english = await ApiAsync(language: "en");
        var en = await JsonAsync(await english.PostAsJsonAsync("/api/v1/customers", new { name = "" }));
        Assert.Equal("The Name field is required.", en.GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public virtual async Task List_QueryPhoneEmailAndCursor_ReturnsMatchingPages()
    {
        var api = await ApiAsync();
        var phone = NewPhone();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
            ids.Add(await AddCustomerAsync(f, $"عميل {tag} {i}", i == 0 ? phone : null, i == 1 ? $"c{tag}@Example.com" : null));

        var page1 = await JsonAsync(await api.GetAsync($"/api/v1/customers?q={tag}&limit=2"));
        Assert.Equal(ids[..2], page1.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        var next = page1.GetProperty("next").GetString()!;
        var page2 = await JsonAsync(await api.GetAsync($"/api/v1/customers?q={tag}&limit=2&after={Uri.EscapeDataString(next)}"));
        Assert.Equal([ids[2]], page2.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next").ValueKind);

        var byPhone = await JsonAsync(await api.GetAsync("/api/v1/customers?phone=" + Uri.EscapeDataString("+966" + phone[1..])));
        Assert.Equal([ids[0]], byPhone.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        var byEmail = await JsonAsync(await api.GetAsync($"/api/v1/customers?email=C{tag}@EXAMPLE.COM"));
        Assert.Equal([ids[1]], byEmail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));

        var bad = await api.GetAsync("/api/v1/customers?after=not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public virtual async Task Export_StaffTokenThenManagerToken_ForbidsStaffOnly()
    {
        var id = await AddCustomerAsync(f, "وعد الشهري", NewPhone());
        var staff = await ApiAsync(Roles.Staff);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/v1/customers/{id}/export")).StatusCode);
        var manager = await ApiAsync(Roles.Manager);
        var export = await manager.GetAsync($"/api/v1/customers/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("وعد الشهري", (await JsonAsync(export)).GetProperty("customer").GetProperty("name").GetString());
    }

    [Fact]
    public virtual async Task Create_NoToken_Returns401()
    {
        var response = await f.CreateClient().PostAsJsonAsync("/api/v1/customers", new { name = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public virtual async Task OpenApi_Document_DescribesCustomerEndpoints()
    {
        var response = await f.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await JsonAsync(response);
        var paths = doc.GetProperty("paths");
        var post = paths.GetProperty("/api/v1/customers").GetProperty("post");
        Assert.Equal("CreateCustomer", post.GetProperty("operationId").GetString());
        Assert.True(post.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("409", out _));
        Assert.Equal("GetCustomer", paths.GetProperty("/api/v1/customers/{id}").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("ListCustomers", paths.GetProperty("/api/v1/customers").GetProperty("get").GetProperty("operationId").GetString());
    }
}

public sealed class CustomersApiTests(KhidmaFactory f) : CustomersApiTestsBase(f), IClassFixture<KhidmaFactory>;

public sealed class CustomersApiPostgresTests(PostgresKhidmaFactory f) : CustomersApiTestsBase(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task Create_ValidCustomerWithStaffToken_Returns201AndReadsBack() => base.Create_ValidCustomerWithStaffToken_Returns201AndReadsBack();
    [PostgresFact] public override Task Get_MissingCustomer_Returns404Problem() => base.Get_MissingCustomer_Returns404Problem();
    [PostgresFact] public override Task Create_SamePhoneTypedDifferently_Returns409UnlessAllowed() => base.Create_SamePhoneTypedDifferently_Returns409UnlessAllowed();
    [PostgresFact] public override Task Create_InvalidFieldsInArabic_Returns400WithLocalizedFieldErrors() => base.Create_InvalidFieldsInArabic_Returns400WithLocalizedFieldErrors();
    [PostgresFact] public override Task List_QueryPhoneEmailAndCursor_ReturnsMatchingPages() => base.List_QueryPhoneEmailAndCursor_ReturnsMatchingPages();
    [PostgresFact] public override Task Export_StaffTokenThenManagerToken_ForbidsStaffOnly() => base.Export_StaffTokenThenManagerToken_ForbidsStaffOnly();
    [PostgresFact] public override Task Create_NoToken_Returns401() => base.Create_NoToken_Returns401();
    [PostgresFact] public override Task OpenApi_Document_DescribesCustomerEndpoints() => base.OpenApi_Document_DescribesCustomerEndpoints();
}
