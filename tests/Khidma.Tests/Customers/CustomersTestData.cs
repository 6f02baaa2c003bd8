using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Tests.Customers;

// Customers and interactions written straight through the DbContext, with numbers unique per test so the
// tests of one class (one database) never see each other's duplicates.
internal static class CustomersTestData
{
    private static int counter = Random.Shared.Next(1000, 9000);

    // A Saudi mobile number in national form, e.g. "0551234567"; unique within the test run.
    public static string NewPhone() => "05" + Interlocked.Increment(ref counter).ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ToArabicIndic(string digits) => string.Concat(digits.Select(c => char.IsAsciiDigit(c) ? (char)('\u0660' + (c - '0')) : c));

    public static async Task<long> AddCustomerAsync(KhidmaFactory f, string name, string? phone = null, string? email = null, Action<Customer>? configure = null) =>
        await f.WithDbAsync(async db =>
        {
            var now = f.Clock.GetUtcNow().UtcDateTime;
            var customer = new Customer { Name = name, CreatedAt = now, UpdatedAt = now };
            var contacts = new List<CustomerContact>();
            if (phone is not null) contacts.Add(CustomerContacts.Build(ContactKind.Phone, phone, null, "966").Contact!);
            if (email is not null) contacts.Add(CustomerContacts.Build(ContactKind.Email, email, null, "966").Contact!);
            customer.SetContacts(contacts);
            configure?.Invoke(customer);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Id;
        });

    public static async Task<long> AddInteractionAsync(KhidmaFactory f, long customerId, Channel channel, string subject, DateTime at,
        StatusCategory category = StatusCategory.Open, string? customerMessage = null, string? handlerId = null, int? teamId = null) =>
        await f.WithDbAsync(async db =>
        {
            var status = await db.InteractionStatuses.FirstAsync(s => s.Category == category);
            var interaction = new Interaction
            {
                CustomerId = customerId, Channel = channel, Subject = subject, StatusId = status.Id, StatusCategory = category,
                Priority = Priority.Normal, CreatedAt = at, UpdatedAt = at, LastActivityAt = at, HandlerId = handlerId, TeamId = teamId,
            };
            if (customerMessage is not null) interaction.AddEntry(TimelineKind.CustomerMessage, customerMessage, null, at);
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync();
            return interaction.Id;
        });

    public static async Task<HttpClient> SignedInAsync(KhidmaFactory f, string role, string culture = "ar")
    {
        var user = await f.CreateUserAsync(role, culture: culture);
        var client = f.NewClient();
        await client.SignInAsync(user.Email!);
        return client;
    }

    public static Task<HttpClient> AdminAsync(KhidmaFactory f) => SignedInAsync(f, Roles.Admin);
}
