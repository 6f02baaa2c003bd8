using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Customers.Pages.Edit;

// /customers/new and /customers/{id}/edit (the second route is added in CustomersModule).
public sealed class EditModel(
    AppDbContext db,
    CustomerContacts contacts,
    BackgroundAccess backgroundAccess,
    IOptions<KhidmaOptions> options,
    IStringLocalizerFactory localizers,
    TimeProvider clock) : PageModel
{
    private readonly IStringLocalizer text = ModuleLocalizer.For(typeof(CustomersText), localizers);

    [BindProperty(SupportsGet = true, Name = "id")]
    public long? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    // Which add/remove button was pressed: "add:Phones", "remove:Emails:1".
    [BindProperty]
    public string? Command { get; set; }

    public bool CanEditBackground { get; private set; }
    public IReadOnlyList<Duplicate> Duplicates { get; private set; } = [];
    public bool BackgroundDropped { get; private set; }

    public string FormUrl => Id is { } id ? $"/customers/{id}/edit" : "/customers/new";
    public string ContactsUrl => FormUrl + "?handler=Contacts";

    public sealed class InputModel
    {
        [Display(Name = "Name")]
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(Customer.MaxNameLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? Name { get; set; }

        public List<ContactRow> Phones { get; set; } = [];
        public List<ContactRow> Emails { get; set; } = [];
        public List<ContactRow> Faxes { get; set; } = [];

        [Display(Name = "Language")]
        [Required(ErrorMessage = "The {0} field is required.")]
        public string Language { get; set; } = "ar";

        [Display(Name = "Organization")]
        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? Organization { get; set; }

        [Display(Name = "Customer type")]
        public CustomerType Type { get; set; } = CustomerType.Individual;

        [Display(Name = "How to deal with them")]
        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? HowToDeal { get; set; }

        [Display(Name = "Motives")]
        [StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? Motives { get; set; }

        [Display(Name = "The customer agreed to us keeping their background")]
        public bool Consent { get; set; }

        [Display(Name = "Consent note")]
        [StringLength(1000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? ConsentNote { get; set; }

        [Display(Name = "Education")]
        [StringLength(2000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? Education { get; set; }

        [Display(Name = "Work experience")]
        [StringLength(2000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? WorkExperience { get; set; }

        [Display(Name = "Region and origin")]
        [StringLength(2000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? Region { get; set; }

        [Display(Name = "Customs")]
        [StringLength(2000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? Customs { get; set; }

        [Display(Name = "Interests")]
        [StringLength(2000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? Interests { get; set; }

        [Display(Name = "Save anyway")]
        public bool SaveAnyway { get; set; }

        // The customers the warning listed: "save anyway" confirms those, not ones that appear later.
        public string? DuplicateIds { get; set; }

        public int Version { get; set; }
    }

    public sealed class ContactRow
    {
        public string? Value { get; set; }
        public string? Label { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CanEditBackground = await backgroundAccess.AllowsAsync(User, ct);
        if (Id is { } id)
        {
            var c = await db.Customers.AsNoTracking().Include(x => x.Contacts).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException();
            Input = new InputModel
            {
                Name = c.Name,
                Language = c.Language,
                Organization = c.Organization,
                Type = c.Type,
                HowToDeal = c.HowToDeal,
                Motives = c.Motives,
                Version = c.Version,
                Phones = Rows(c, ContactKind.Phone),
                Emails = Rows(c, ContactKind.Email),
                Faxes = Rows(c, ContactKind.Fax),
            };
            if (CanEditBackground)
            {
                Input.Consent = c.HasConsent;
                Input.ConsentNote = c.ConsentNote;
                (Input.Education, Input.WorkExperience, Input.Region, Input.Customs, Input.Interests) =
                    (c.Education, c.WorkExperience, c.Region, c.Customs, c.Interests);
            }
        }
        EnsureRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        CanEditBackground = await backgroundAccess.AllowsAsync(User, ct);
        if (!Customer.Languages.Contains(Input.Language))
            ModelState.AddModelError("Input.Language", text["The value '{0}' is not valid for {1}.", Input.Language, text["Language"]]);
        var built = BuildContacts();
        if (!ModelState.IsValid)
        {
            EnsureRows();
            return Page();
        }

        Duplicates = await contacts.FindDuplicatesAsync(built, Id, ct);
        var confirmed = (Input.DuplicateIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (Duplicates.Count > 0 && !(Input.SaveAnyway && Duplicates.All(d => confirmed.Contains(d.CustomerId.ToString(CultureInfo.InvariantCulture)))))
        {
            Input.SaveAnyway = false;
            Input.DuplicateIds = string.Join(',', Duplicates.Select(d => d.CustomerId).Distinct());
            EnsureRows();
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Customer customer;
        if (Id is { } id)
        {
            customer = await db.Customers.Include(x => x.Contacts).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
            // The version the form was drawn from: a save over someone else's newer change fails instead of erasing it.
            db.Entry(customer).Property(x => x.Version).OriginalValue = Input.Version;
        }
        else
        {
            customer = new Customer { CreatedAt = now };
            db.Customers.Add(customer);
        }
        customer.Name = Input.Name!.Trim();
        customer.Language = Input.Language;
        customer.Organization = Clean(Input.Organization);
        customer.Type = Input.Type;
        customer.HowToDeal = Clean(Input.HowToDeal);
        customer.Motives = Clean(Input.Motives);
        customer.UpdatedAt = now;
        customer.SetContacts(built);
        if (CanEditBackground)
        {
            var background = new Background(Input.Education, Input.WorkExperience, Input.Region, Input.Customs, Input.Interests);
            BackgroundDropped = !Input.Consent && HasAny(background);
            customer.UpdateBackground(Input.Consent, Input.ConsentNote, background, now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", text["Someone else changed this at the same time. Reload and try again."]);
            EnsureRows();
            return Page();
        }
        TempData["customers.saved"] = BackgroundDropped
            ? "Saved. The background was not kept because the customer's consent is not recorded."
            : "Saved.";
        return Redirect($"/customers/{customer.Id}");
    }

    // Adds or removes a contact row: htmx swaps the contacts fragment; without JavaScript the whole form comes back.
    public async Task<IActionResult> OnPostContactsAsync(CancellationToken ct)
    {
        CanEditBackground = await backgroundAccess.AllowsAsync(User, ct);
        ModelState.Clear();
        var parts = (Command ?? "").Split(':');
        var list = parts.ElementAtOrDefault(1) switch
        {
            nameof(InputModel.Phones) => Input.Phones,
            nameof(InputModel.Emails) => Input.Emails,
            nameof(InputModel.Faxes) => Input.Faxes,
            _ => null,
        };
        if (list is not null && parts[0] == "add" && list.Count < 20) list.Add(new ContactRow());
        if (list is not null && parts[0] == "remove" && int.TryParse(parts.ElementAtOrDefault(2), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index >= 0 && index < list.Count)
            list.RemoveAt(index);
        return Request.Headers.ContainsKey("HX-Request") ? Partial("_Contacts", this) : Page();
    }

    private List<CustomerContact> BuildContacts()
    {
        var cc = options.Value.DefaultCountryCode;
        var result = new List<CustomerContact>();
        foreach (var (kind, rows, field, label) in new[]
                 {
                     (ContactKind.Phone, Input.Phones, nameof(InputModel.Phones), "Phone"),
                     (ContactKind.Email, Input.Emails, nameof(InputModel.Emails), "Email"),
                     (ContactKind.Fax, Input.Faxes, nameof(InputModel.Faxes), "Fax"),
                 })
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var (contact, error) = CustomerContacts.Build(kind, rows[i].Value, rows[i].Label, cc);
                if (error is not null)
                    ModelState.AddModelError($"Input.{field}[{i}].{error.Field}",
                        text[error.Key, text[error.Field == "Label" ? "Label" : label], error.Max]);
                else if (contact is not null)
                    result.Add(contact);
            }
        }
        return result;
    }

    // Empty rows to type into: one phone and one email at least; faxes only when asked for.
    private void EnsureRows()
    {
        if (Input.Phones.Count == 0) Input.Phones.Add(new ContactRow());
        if (Input.Emails.Count == 0) Input.Emails.Add(new ContactRow());
    }

    private static List<ContactRow> Rows(Customer c, ContactKind kind) =>
        c.Contacts.Where(x => x.Kind == kind).OrderBy(x => x.Id).Select(x => new ContactRow { Value = x.Value, Label = x.Label }).ToList();

    private static bool HasAny(Background b) =>
        new[] { b.Education, b.WorkExperience, b.Region, b.Customs, b.Interests }.Any(s => !string.IsNullOrWhiteSpace(s));

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
