using System.Globalization;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Auth;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Customers.Api;

/// <summary>A new customer. Phones, emails and faxes are plain strings in any common form.</summary>
/// <param name="Name">The customer's name (required, at most 200 characters).</param>
/// <param name="Phones">Phone numbers: "+966 55 123 4567", "0551234567" and "٠٥٥١٢٣٤٥٦٧" are the same number.</param>
/// <param name="Emails">Email addresses.</param>
/// <param name="Faxes">Fax numbers.</param>
/// <param name="Language">The customer's language for messages to them: ar (default), en or fr.</param>
/// <param name="Organization">The company or body the customer belongs to.</param>
/// <param name="Type">Individual (default), Business, Government or Vip.</param>
/// <param name="AllowDuplicate">Create the customer even when another one has the same phone or email.</param>
public sealed record CreateCustomerRequest(
    string? Name,
    List<string?>? Phones = null,
    List<string?>? Emails = null,
    List<string?>? Faxes = null,
    string? Language = null,
    string? Organization = null,
    string? Type = null,
    bool AllowDuplicate = false);

/// <summary>One contact: as written, and normalized (phones as international digits, emails lower-cased).</summary>
public sealed record ContactResponse(string Value, string Normalized, string? Label);

/// <summary>A customer's profile as the API shows it. The background is never exposed here.</summary>
public sealed record CustomerResponse(
    long Id,
    string Name,
    string Language,
    IReadOnlyList<ContactResponse> Phones,
    IReadOnlyList<ContactResponse> Emails,
    IReadOnlyList<ContactResponse> Faxes,
    string? Organization,
    string Type,
    string Lifecycle,
    DateTime CreatedAt);

/// <summary>A page of customers; pass <c>next</c> as <c>after</c> to get the following page (null on the last one).</summary>
public sealed record CustomerListResponse(IReadOnlyList<CustomerResponse> Items, string? Next);

public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");

        customers.MapPost("/", CreateAsync)
            .WithName("CreateCustomer")
            .WithSummary("Create a customer")
            .WithDescription("Creates a customer with their contacts. When a phone or email (normalized) already belongs to another customer the answer is 409 with the ids of those customers in existingCustomerIds, unless allowDuplicate is true.")
            .Accepts<CreateCustomerRequest>("application/json")
            .Produces<CustomerResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        customers.MapGet("/{id:long}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("Get a customer")
            .WithDescription("The customer's profile and contacts.")
            .Produces<CustomerResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        customers.MapGet("/", ListAsync)
            .WithName("ListCustomers")
            .WithSummary("List and search customers")
            .WithDescription("q searches names, phones and emails (contains); phone and email find exact matches after normalization. Sorted by name then id; page with the next cursor (after) and limit (1-200, default 50).")
            .Produces<CustomerListResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        customers.MapGet("/{id:long}/export", ExportAsync)
            .WithName("ExportCustomer")
            .WithSummary("Export a customer's data")
            .WithDescription("Everything held about the customer (profile, contacts, shared notes, interactions with their timeline), for a request by the customer. Admin and manager tokens only.")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(AuthSetup.ApiTokenScheme).RequireRole(Roles.Admin, Roles.Manager))
            .Produces<CustomerExportDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return api;
    }

    private static async Task<IResult> CreateAsync(CreateCustomerRequest body, AppDbContext db, CustomerContacts contacts,
        IOptions<KhidmaOptions> options, IStringLocalizerFactory localizers, TimeProvider clock, CancellationToken ct)
    {
        var text = ModuleLocalizer.For(typeof(CustomersText), localizers);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Error(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name)) Error("name", text["The {0} field is required.", text["Name"]]);
        else if (name.Length > Customer.MaxNameLength) Error("name", text["The field {0} must be a string with a maximum length of {1}.", text["Name"], Customer.MaxNameLength]);

        var language = string.IsNullOrWhiteSpace(body.Language) ? "ar" : body.Language.Trim().ToLowerInvariant();
        if (!Customer.Languages.Contains(language)) Error("language", text["The value '{0}' is not valid for {1}.", body.Language!, text["Language"]]);

        var type = CustomerType.Individual;
        if (!string.IsNullOrWhiteSpace(body.Type) && !(Enum.TryParse(body.Type, ignoreCase: true, out type)
                && Enum.IsDefined(type) && !char.IsDigit(body.Type.Trim()[0])))
            Error("type", text["The value '{0}' is not valid for {1}.", body.Type, text["Customer type"]]);

        var organization = string.IsNullOrWhiteSpace(body.Organization) ? null : body.Organization.Trim();
        if (organization is { Length: > 200 }) Error("organization", text["The field {0} must be a string with a maximum length of {1}.", text["Organization"], 200]);

        var built = new List<CustomerContact>();
        var cc = options.Value.DefaultCountryCode;
        foreach (var (kind, values, field, label) in new[]
                 {
                     (ContactKind.Phone, body.Phones, "phones", "Phone"),
                     (ContactKind.Email, body.Emails, "emails", "Email"),
                     (ContactKind.Fax, body.Faxes, "faxes", "Fax"),
                 })
        {
            for (var i = 0; i < (values?.Count ?? 0); i++)
            {
                var (contact, error) = CustomerContacts.Build(kind, values![i], null, cc);
                if (error is not null) Error($"{field}[{i}]", text[error.Key, text[label], error.Max]);
                else if (contact is not null) built.Add(contact);
            }
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: text["The request is not valid."]);

        if (!body.AllowDuplicate)
        {
            var duplicates = await contacts.FindDuplicatesAsync(built, null, ct);
            if (duplicates.Count > 0)
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: text["Another customer already has this phone or email."],
                    detail: text["Send allowDuplicate: true to create the customer anyway."],
                    extensions: new Dictionary<string, object?> { ["existingCustomerIds"] = duplicates.Select(d => d.CustomerId).Distinct().ToArray() });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var customer = new Customer { Name = name!, Language = language, Organization = organization, Type = type, CreatedAt = now, UpdatedAt = now };
        customer.SetContacts(built);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/customers/{customer.Id.ToString(CultureInfo.InvariantCulture)}", ToResponse(customer, customer.Contacts));
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetAsync(long id, AppDbContext db, IStringLocalizerFactory localizers, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            var text = ModuleLocalizer.For(typeof(CustomersText), localizers);
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["The page or record you asked for does not exist."]);
        }
        return TypedResults.Ok(ToResponse(customer, customer.Contacts));
    }

    private static async Task<Results<Ok<CustomerListResponse>, ProblemHttpResult>> ListAsync(
        CustomerSearch search, IStringLocalizerFactory localizers, CancellationToken ct,
        string? q = null, string? phone = null, string? email = null, string? after = null, int? limit = null)
    {
        CustomerPage page;
        try
        {
            page = await search.PageAsync(new CustomerQuery(q, phone, email, After: after, Limit: limit ?? 50), ct);
        }
        catch (InvalidCursorException)
        {
            var text = ModuleLocalizer.For(typeof(CustomersText), localizers);
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: text["The paging cursor is not valid."]);
        }
        var contacts = await search.ContactsOfAsync(page.Items.Select(h => h.Id), ct);
        var items = page.Items.Select(h => ToResponse(
                new Customer { Id = h.Id, Name = h.Name, Language = h.Language, Organization = h.Organization, Type = h.Type, Lifecycle = h.Lifecycle, CreatedAt = h.CreatedAt },
                contacts[h.Id]))
            .ToList();
        return TypedResults.Ok(new CustomerListResponse(items, page.Next));
    }

    private static async Task<IResult> ExportAsync(long id, CustomerExport export, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await export.BuildAsync(id, http.User, ct));

    private static CustomerResponse ToResponse(Customer c, IEnumerable<CustomerContact> contacts)
    {
        var list = contacts.OrderBy(k => k.Id).ToList();
        List<ContactResponse> Of(ContactKind kind) =>
            list.Where(k => k.Kind == kind).Select(k => new ContactResponse(k.Value, k.Normalized, k.Label)).ToList();
        return new CustomerResponse(c.Id, c.Name, c.Language, Of(ContactKind.Phone), Of(ContactKind.Email), Of(ContactKind.Fax),
            c.Organization, c.Type.ToString(), c.Lifecycle.ToString(), c.CreatedAt);
    }
}
