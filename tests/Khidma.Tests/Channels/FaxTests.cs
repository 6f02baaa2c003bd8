using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Fax.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Tests.Channels;

public sealed class FaxSqliteTests(KhidmaFactory f) : FaxTests(f), IClassFixture<KhidmaFactory>;

public sealed class FaxPostgresTests(PostgresKhidmaFactory f) : FaxTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task Inbound_Pdf_CreatesFaxInteractionAndDocumentForAllowedEmployeeOnly() => base.Inbound_Pdf_CreatesFaxInteractionAndDocumentForAllowedEmployeeOnly();
    [PostgresFact] public override Task Inbound_KnownFaxNumberTiff_UsesCustomerAndDownloads() => base.Inbound_KnownFaxNumberTiff_UsesCustomerAndDownloads();
    [PostgresFact] public override Task Inbound_NotPdfOrTiff_Returns400() => base.Inbound_NotPdfOrTiff_Returns400();
    [PostgresFact] public override Task Inbound_MissingDocument_Returns400() => base.Inbound_MissingDocument_Returns400();
    [PostgresFact] public override Task Inbound_Oversized_Returns413() => base.Inbound_Oversized_Returns413();
    [PostgresFact] public override Task Inbound_SameFaxTwice_IsRecognised() => base.Inbound_SameFaxTwice_IsRecognised();
}

public abstract class FaxTests(KhidmaFactory f)
{
    private static byte[] Pdf(string marker) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {marker}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private async Task<HttpClient> ApiAsync() => f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient api, byte[]? document, string fileName, string contentType,
        string from = "+966 11 222 3333", string pages = "3")
    {
        using var form = new MultipartFormDataContent();
        if (document is not null)
        {
            var file = new ByteArrayContent(document);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "document", fileName);
        }
        form.Add(new StringContent(from), "from");
        form.Add(new StringContent("+966 11 000 0000"), "to");
        form.Add(new StringContent(pages), "pages");
        return await api.PostAsync("/api/v1/fax/inbound", form);
    }

    private static string NewFax() => "0112" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(AppUser User, HttpClient Client)> SignedInAsync(string role, params int[] teams)
    {
        var user = await f.CreateUserAsync(role, teams: teams);
        var client = f.NewClient();
        await client.SignInAsync(user.Email!);
        return (user, client);
    }

    private Task<int> TeamAsync() => f.WithDbAsync(async db =>
    {
        var t = new Team { Name = "فريق " + Guid.NewGuid().ToString("N")[..6] };
        db.Teams.Add(t);
        await db.SaveChangesAsync();
        return t.Id;
    });

    [Fact]
    public virtual async Task Inbound_Pdf_CreatesFaxInteractionAndDocumentForAllowedEmployeeOnly()
    {
        var from = NewFax();
        var bytes = Pdf(Guid.NewGuid().ToString());
        var response = await SendAsync(await ApiAsync(), bytes, "fax.pdf", "application/pdf", from, "3");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var docId = json.GetProperty("id").GetInt64();
        var interactionId = json.GetProperty("interactionId").GetInt64();

        var (interaction, customer) = await f.WithDbAsync(async db =>
        {
            var i = await db.Interactions.AsNoTracking().SingleAsync(x => x.Id == interactionId);
            var c = await db.Customers.AsNoTracking().Include(x => x.Contacts).SingleAsync(x => x.Id == i.CustomerId);
            return (i, c);
        });
        Assert.Equal(Channel.Fax, interaction.Channel);
        Assert.Equal($"فاكس من +966{from[1..]} (3 صفحات)", interaction.Subject);
        Assert.Equal($"Fax +966{from[1..]}", customer.Name);
        Assert.Equal((ContactKind.Fax, "966" + from[1..]), (customer.Contacts[0].Kind, customer.Contacts[0].Normalized));

        // Put the interaction in team A: an agent of team A sees the document, an agent of team B gets 404.
        var teamA = await TeamAsync();
        var teamB = await TeamAsync();
        await f.WithDbAsync(db => db.Interactions.Where(i => i.Id == interactionId).ExecuteUpdateAsync(s => s.SetProperty(i => i.TeamId, teamA)));
        var (_, allowed) = await SignedInAsync(Roles.Agent, teamA);
        var download = await allowed.GetAsync($"/fax/documents/{docId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Null(download.Content.Headers.ContentDisposition);

        var (_, other) = await SignedInAsync(Roles.Agent, teamB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/fax/documents/{docId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await f.NewClient().GetAsync($"/fax/documents/{docId}")).StatusCode);
    }

    [Fact]
    public virtual async Task Inbound_KnownFaxNumberTiff_UsesCustomerAndDownloads()
    {
        var from = NewFax();
        var customerId = await f.WithDbAsync(async db =>
        {
            var now = f.Clock.GetUtcNow().UtcDateTime;
            var c = new Customer { Name = "Acme Trading", Language = "en", CreatedAt = now, UpdatedAt = now };
            c.Contacts.Add(new CustomerContact { Kind = ContactKind.Fax, Value = from, Normalized = "966" + from[1..] });
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var tiff = new byte[] { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 2, 3, 4 };
        var response = await SendAsync(await ApiAsync(), tiff, "fax.tif", "image/tiff", from, "1");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var interaction = await f.WithDbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == json.GetProperty("interactionId").GetInt64()));
        Assert.Equal(customerId, interaction.CustomerId);
        Assert.Equal($"Fax from +966{from[1..]} (1 pages)", interaction.Subject);

        var (_, admin) = await SignedInAsync(Roles.Admin);
        var download = await admin.GetAsync($"/fax/documents/{json.GetProperty("id").GetInt64()}");
        Assert.Equal("image/tiff", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public virtual async Task Inbound_NotPdfOrTiff_Returns400()
    {
        var api = await ApiAsync();
        var png = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0 };
        foreach (var (bytes, name) in new[] { (png, "fax.pdf"), (Encoding.UTF8.GetBytes("just text, not a fax"), "fax.pdf") })
        {
            var response = await SendAsync(api, bytes, name, "application/pdf");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("document", out _));
        }
    }

    [Fact]
    public virtual async Task Inbound_MissingDocument_Returns400()
    {
        var response = await SendAsync(await ApiAsync(), null, "", "");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("document", out _));
    }

    [Fact]
    public virtual async Task Inbound_Oversized_Returns413()
    {
        var big = new byte[20 * 1024 * 1024 + 1];
        Pdf("big").CopyTo(big, 0);
        var response = await SendAsync(await ApiAsync(), big, "big.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public virtual async Task Inbound_SameFaxTwice_IsRecognised()
    {
        var api = await ApiAsync();
        var from = NewFax();
        var bytes = Pdf(Guid.NewGuid().ToString());
        var first = await SendAsync(api, bytes, "a.pdf", "application/pdf", from);
        var second = await SendAsync(api, bytes, "a.pdf", "application/pdf", from);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var b = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(a, b);
    }
}
