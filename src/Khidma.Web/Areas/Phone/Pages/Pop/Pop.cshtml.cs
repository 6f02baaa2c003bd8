using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Phone.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Phone.Pages.Pop;

// The screen pop (K2): the agent's ringing or live call with the caller's profile and open interactions,
// or "new caller" with a quick form. The layout polls the fragment for every employee.
[Authorize(Policy = "Employees")]
public sealed class PopModel(AppDbContext db, CreateInteraction create, TimeProvider clock, IOptions<KhidmaOptions> options,
    IOptions<PhoneOptions> phoneOptions, IStringLocalizer<PhoneText> text) : PageModel
{
    public CallRow? Call { get; private set; }
    public IReadOnlyList<OpenRow> Open { get; private set; } = [];

    public sealed record CallRow(long Id, CallDirection Direction, string Number, DateTime RingingAt, DateTime? AnsweredAt,
        long? CustomerId, string? CustomerName, long? InteractionId);

    public sealed record OpenRow(long Id, string Subject, Channel Channel, DateTime LastActivityAt);

    public sealed class NewCallerInput
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Caller's name")]
        public string Name { get; set; } = "";

        [StringLength(32, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Number")]
        public string? Phone { get; set; }
    }

    [BindProperty] public NewCallerInput NewCaller { get; set; } = new();

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetPopAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Pop", this);
    }

    // The agent takes the call on one of the caller's open interactions: the call's talk lands on its timeline.
    public async Task<IActionResult> OnPostLinkAsync(long callId, long interactionId, CancellationToken ct)
    {
        var call = await MyCallAsync(callId, ct);
        var interaction = await db.Interactions.VisibleTo(User).Where(i => i.Id == interactionId && i.CustomerId == call.CustomerId)
            .Select(i => (long?)i.Id).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        call.InteractionId = interaction;
        await db.SaveChangesAsync(ct);
        return Redirect($"/interactions/{interaction}");
    }

    // A new caller: the customer with the number, and the Phone interaction of this call.
    public async Task<IActionResult> OnPostNewCallerAsync(long callId, CancellationToken ct)
    {
        var call = await MyCallAsync(callId, ct);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = ContactNormalizer.NormalizePhone(string.IsNullOrWhiteSpace(NewCaller.Phone) ? call.CustomerNumber : NewCaller.Phone,
            options.Value.DefaultCountryCode);
        var customer = new Customer { Name = NewCaller.Name.Trim(), CreatedAt = now, UpdatedAt = now };
        if (ContactNormalizer.IsValidPhone(normalized))
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = "+" + normalized, Normalized = normalized });
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        var outcome = await create.RunAsync(new CreateInteraction.Request(customer.Id, null, Channel.Phone,
            text["Call from {0}", customer.Name], text["Phone call."], null, Priority.Normal, null), UserId, ct);
        var interaction = outcome.Interaction ?? throw new DomainException(outcome.Errors.Select(e => e.MessageKey).FirstOrDefault() ?? "The request is not valid.");
        interaction.Assign(interaction.TeamId, UserId, UserId, now);
        call.CustomerId = customer.Id;
        call.InteractionId = interaction.Id;
        await db.SaveChangesAsync(ct);
        return Redirect($"/interactions/{interaction.Id}");
    }

    private async Task<PhoneCall> MyCallAsync(long callId, CancellationToken ct) =>
        await db.PhoneCalls.FirstOrDefaultAsync(c => c.Id == callId && c.AgentId == UserId && c.EndedAt == null, ct)
        ?? throw new NotFoundException();

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = UserId;
        var since = clock.GetUtcNow().UtcDateTime.AddMinutes(-Math.Max(1, phoneOptions.Value.PopMinutes));
        var call = await db.PhoneCalls.AsNoTracking()
            .Where(c => c.AgentId == userId && c.EndedAt == null && c.RingingAt >= since)
            .OrderByDescending(c => c.RingingAt)
            .FirstOrDefaultAsync(ct);
        if (call is null) return;
        var name = call.CustomerId is { } id ? await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        Call = new CallRow(call.Id, call.Direction, call.CustomerNumber, call.RingingAt, call.AnsweredAt, call.CustomerId, name, call.InteractionId);
        if (call.CustomerId is { } customerId)
            Open = await db.Interactions.AsNoTracking().VisibleTo(User)
                .Where(i => i.CustomerId == customerId && i.StatusCategory != StatusCategory.Resolved && i.StatusCategory != StatusCategory.Closed)
                .OrderByDescending(i => i.LastActivityAt).Take(5)
                .Select(i => new OpenRow(i.Id, i.Subject, i.Channel, i.LastActivityAt))
                .ToListAsync(ct);
        if (string.IsNullOrEmpty(NewCaller.Phone) && call.CustomerNumber.Length > 0) NewCaller.Phone = "+" + call.CustomerNumber;
    }
}
