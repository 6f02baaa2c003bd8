using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Interactions.Pages.New;

// Any employee logs an encounter ("from the manager to the security guard", seed 001): pick or add the
// customer, say what they asked for, and the interaction starts with the service's stages.
[Authorize(Policy = "Employees")]
public sealed class IndexModel(AppDbContext db, CreateInteraction create, InteractionLookups lookups, IStringLocalizer<InteractionsText> text) : PageModel
{
    private const int SuggestionLimit = 10;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? Q { get; private set; }
    public IReadOnlyList<CustomerOption> Suggestions { get; private set; } = [];
    public CustomerOption? Chosen { get; private set; }
    public InteractionLookups.Set Lookups { get; private set; } = null!;

    public sealed record CustomerOption(long Id, string Name, string? Phone);

    public sealed class InputModel
    {
        [Display(Name = "Customer")]
        public long? CustomerId { get; set; }

        [StringLength(CreateInteraction.CustomerNameMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "New customer's name")]
        public string? NewCustomerName { get; set; }

        [StringLength(40, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "New customer's phone")]
        public string? NewCustomerPhone { get; set; }

        [Display(Name = "Channel")]
        public Channel Channel { get; set; } = Channel.WalkIn;

        [Display(Name = "Service")]
        public int? ServiceId { get; set; }

        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(CreateInteraction.SubjectMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Subject")]
        public string Subject { get; set; } = "";

        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(20000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "What the customer said")]
        public string Body { get; set; } = "";

        [Display(Name = "Priority")]
        public Priority Priority { get; set; } = Priority.Normal;

        [Display(Name = "Team")]
        public int? TeamId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long? customerId, string? q, CancellationToken ct)
    {
        Input.CustomerId = customerId;
        Q = q?.Trim();
        await LoadAsync(ct);
        return Page();
    }

    // Suggestions while typing in the customer box; without JavaScript the search button reloads the page.
    public async Task<IActionResult> OnGetCustomersAsync(string? q, CancellationToken ct)
    {
        if (!Request.Headers.ContainsKey("HX-Request")) return await OnGetAsync(null, q, ct);
        Q = q?.Trim();
        Suggestions = await SearchAsync(Q, ct);
        return Partial("_CustomerSuggestions", this);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var request = new CreateInteraction.Request(
                Input.CustomerId,
                Input.CustomerId is null && !string.IsNullOrWhiteSpace(Input.NewCustomerName)
                    ? new CreateInteraction.NewCustomer(Input.NewCustomerName, Input.NewCustomerPhone)
                    : null,
                Input.Channel, Input.Subject, Input.Body, Input.ServiceId, Input.Priority, Input.TeamId);
            var outcome = await create.RunGroupedAsync(request, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            if (outcome.Interaction is { } created) return Redirect($"/interactions/{created.Id}");
            foreach (var error in outcome.Errors)
                ModelState.AddModelError(FieldOf(error.Field), text[error.MessageKey]);
        }
        await LoadAsync(ct);
        return Page();
    }

    private static string FieldOf(string field) => field switch
    {
        nameof(CreateInteraction.Request.NewCustomer) => "Input.NewCustomerName",
        _ => "Input." + field,
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        Lookups = await lookups.GetAsync(ct);
        if (Input.CustomerId is { } id)
            Chosen = await Customers(db.Customers.Where(c => c.Id == id)).FirstOrDefaultAsync(ct);
        if (Chosen is null && !string.IsNullOrEmpty(Q))
            Suggestions = await SearchAsync(Q, ct);
    }

    private Task<List<CustomerOption>> SearchAsync(string? q, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return Task.FromResult(new List<CustomerOption>());
        var pattern = "%" + EscapeLike(q.Trim().ToLower()) + "%";
        // A phone may be stored with or without its trunk zero or country code: match the digits after them.
        var digits = CreateInteraction.PhoneDigits(q).TrimStart('0');
        var phonePattern = "%" + digits + "%";
        var query = digits.Length >= 4
            ? db.Customers.Where(c => EF.Functions.Like(c.Name.ToLower(), pattern, "\\")
                || db.CustomerContacts.Any(k => k.CustomerId == c.Id && k.Kind == ContactKind.Phone && EF.Functions.Like(k.Normalized, phonePattern)))
            : db.Customers.Where(c => EF.Functions.Like(c.Name.ToLower(), pattern, "\\"));
        return Customers(query.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(SuggestionLimit)).ToListAsync(ct);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private IQueryable<CustomerOption> Customers(IQueryable<Customer> query) =>
        query.AsNoTracking().Select(c => new CustomerOption(c.Id, c.Name,
            db.CustomerContacts.Where(k => k.CustomerId == c.Id && k.Kind == ContactKind.Phone).OrderBy(k => k.Id).Select(k => k.Value).FirstOrDefault()));
}
