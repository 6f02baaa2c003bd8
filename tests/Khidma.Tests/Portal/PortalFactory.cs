using System.Net;
using Khidma.Tests.MailChannel;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Portal;

// The app with the mail loops off (the outbox is inspected, not sent) and a web form limit high enough for a
// whole test class; the rate limit test makes its own factory with a small one.
public class PortalFactory : MailFactory
{
    public int ContactLimit { get; init; } = 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Khidma:Portal:ContactPermitLimit", ContactLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task<int> AddServiceAsync(string ar = "تجديد الاشتراك", string en = "Subscription renewal") =>
        WithDbAsync(async db =>
        {
            var service = new Service { Name = new LocalizedText(ar, en, "Renouvellement"), IsActive = true, TypicalMinutes = 240 };
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return service.Id;
        });

    public Task<long> AddCustomerAsync(string? email, string name = "سارة الأحمد", string language = "ar") =>
        WithDbAsync(async db =>
        {
            var now = Clock.GetUtcNow().UtcDateTime;
            var customer = new Customer { Name = name, Language = language, CreatedAt = now, UpdatedAt = now };
            if (email is not null)
                customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Email, Value = email, Normalized = ContactNormalizer.NormalizeEmail(email) });
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Id;
        });

    public Task<long> AddInteractionAsync(long customerId, string subject = "استفسار عن فاتورة", string body = "أرجو توضيح الفاتورة") =>
        WithScopeAsync(async sp =>
        {
            var outcome = await sp.GetRequiredService<CreateInteraction>().RunAsync(
                new CreateInteraction.Request(customerId, null, Channel.Phone, subject, body, null, Priority.Normal, null), null);
            return outcome.Interaction!.Id;
        });

    /// <summary>A customer's portal account with a password, as if set after a first sign-in by link.</summary>
    public Task<AppUser> AddCustomerAccountAsync(long customerId, string email, string culture = "ar") =>
        WithScopeAsync(async sp =>
        {
            var user = await sp.GetRequiredService<Bootstrap>().CreateUserAsync(email, "عميل", Password, Roles.Customer, culture);
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            user.CustomerId = customerId;
            await users.UpdateAsync(user);
            return user;
        });

    public async Task<HttpClient> SignedInCustomerAsync(long customerId, string email)
    {
        await AddCustomerAccountAsync(customerId, email);
        var client = NewClient();
        var response = await client.PostFormAsync("/portal/sign-in",
            [new("Password.Email", email), new("Password.Password", Password)], "/portal/sign-in?handler=Password");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, Http.Trim(System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), "(?s)^.*<main", "<main")));
        Assert.Equal("/portal", response.Headers.Location?.OriginalString);
        return client;
    }

    public Task<List<OutboxMessage>> OutboxOfKindAsync(OutboxKind kind) =>
        WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(o => o.Kind == kind).OrderBy(o => o.Id).ToListAsync());

    /// <summary>The text of a queued message, as the customer will read it.</summary>
    public Task<string> OutboxTextAsync(OutboxMessage row) =>
        WithScopeAsync(async sp => MimeParser.Parse(await sp.GetRequiredService<MailFiles>().ReadAsync(row.RawPath, default)).Text);
}

public sealed class PostgresPortalFactory : PortalFactory
{
    public override bool Postgres => true;
}

public static class PortalHttp
{
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string pageUrl, string postUrl,
        IEnumerable<(string Name, string Value)> fields, IEnumerable<(string FileName, byte[] Content, string Type)>? files = null)
    {
        var page = await client.GetPageAsync(pageUrl);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        content.Add(new StringContent(Http.Token(page)), "__RequestVerificationToken");
        foreach (var (fileName, bytes, type) in files ?? [])
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            content.Add(file, "Files", fileName);
        }
        return await client.PostAsync(postUrl, content);
    }

    public static string LinkIn(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, @"https?://\S+/portal/link/\S+").Value;
}
