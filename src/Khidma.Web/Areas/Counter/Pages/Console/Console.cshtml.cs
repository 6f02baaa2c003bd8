using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Counter.Pages.Console;

// The counter console (K1): the agent picks their counter once (a cookie remembers it), then calls the next
// customer, recalls, marks a no-show, transfers, starts serving (a WalkIn interaction with its stages) and finishes.
[Authorize(Policy = "Employees")]
public sealed class ConsoleModel(AppDbContext db, CounterQueue queue, CreateInteraction create, TimeProvider clock,
    IOptions<KhidmaOptions> options, IStringLocalizer<CounterText> text) : PageModel
{
    public const string CookieName = "khidma.counter";

    public DeskRow? Desk { get; private set; }
    public IReadOnlyList<DeskRow> Desks { get; private set; } = [];
    public CurrentRow? Current { get; private set; }
    public IReadOnlyList<QueueRow> Queue { get; private set; } = [];
    public IReadOnlyDictionary<int, LocalizedText> ServiceNames { get; private set; } = new Dictionary<int, LocalizedText>();
    public IReadOnlyList<int> DeskServices { get; private set; } = [];
    // The agent's skills at this counter; empty with HasSkills false means the agent serves all of the counter's services.
    public IReadOnlyList<int> Callable { get; private set; } = [];
    public bool HasSkills { get; private set; }
    public string? Message { get; private set; }

    public sealed record DeskRow(int Id, string Number, string Name, int BranchId, string BranchCode, LocalizedText BranchName, string? TimeZoneId);

    public sealed record CurrentRow(long Id, string Label, int ServiceId, TicketState State, DateTime TakenAt, DateTime? CalledAt,
        int Recalls, long? CustomerId, string? CustomerName, string? Phone, long? InteractionId);

    public sealed record QueueRow(long Id, string Label, int ServiceId, DateTime TakenAt);

    public sealed class StartInput
    {
        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Customer name")]
        public string? Name { get; set; }

        [StringLength(32, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Mobile number")]
        public string? Phone { get; set; }
    }

    [BindProperty] public StartInput Start { get; set; } = new();

    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<IActionResult> OnGetAsync(bool change, string? note, CancellationToken ct)
    {
        Message = note switch { "empty" => text["Nobody is waiting for this counter's services."].Value, _ => null };
        if (!change && await DeskFromCookieAsync(ct) is { } desk) await LoadAsync(desk, ct);
        else Desks = await DesksAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetQueueAsync(CancellationToken ct)
    {
        var desk = await DeskFromCookieAsync(ct) ?? throw new NotFoundException();
        await LoadAsync(desk, ct);
        return Partial("_Queue", this);
    }

    public async Task<IActionResult> OnPostChooseAsync(int deskId, CancellationToken ct)
    {
        if ((await DesksAsync(deskId, ct)).Count == 0) throw new NotFoundException();
        Response.Cookies.Append(CookieName, deskId.ToString(CultureInfo.InvariantCulture), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, Expires = clock.GetUtcNow().AddDays(365),
        });
        return Redirect("/counter");
    }

    public async Task<IActionResult> OnPostCallNextAsync(CancellationToken ct)
    {
        var desk = await DeskFromCookieAsync(ct) ?? throw new NotFoundException();
        if (await CurrentEntityAsync(desk.Id, ct) is not null) throw new DomainException("Finish the current ticket first.");
        var ticket = await queue.CallNextAsync(desk.BranchId, desk.Id, UserId, ct);
        return Redirect(ticket is null ? "/counter?note=empty" : "/counter");
    }

    public Task<IActionResult> OnPostRecallAsync(long ticketId, CancellationToken ct) =>
        ActAsync(ticketId, t => t.Recall(queue.Now), ct);

    public Task<IActionResult> OnPostNoShowAsync(long ticketId, CancellationToken ct) =>
        ActAsync(ticketId, t => t.MarkNoShow(queue.Now), ct);

    public Task<IActionResult> OnPostFinishAsync(long ticketId, CancellationToken ct) =>
        ActAsync(ticketId, t => t.Finish(queue.Now), ct);

    public async Task<IActionResult> OnPostTransferAsync(long ticketId, int serviceId, CancellationToken ct)
    {
        if (!await db.Services.AnyAsync(s => s.Id == serviceId && s.IsActive, ct)) throw new DomainException("Choose another service.");
        return await ActAsync(ticketId, t => t.Transfer(serviceId), ct);
    }

    // Starting to serve opens the WalkIn interaction: the ticket's customer, else the one with the given phone number,
    // else a new customer with the given name (or "walk-in customer" and the ticket number).
    public async Task<IActionResult> OnPostStartAsync(long ticketId, CancellationToken ct)
    {
        var desk = await DeskFromCookieAsync(ct) ?? throw new NotFoundException();
        var ticket = await CurrentEntityAsync(desk.Id, ct);
        if (ticket is null || ticket.Id != ticketId) throw new NotFoundException();
        if (!ModelState.IsValid)
        {
            await LoadAsync(desk, ct);
            return Page();
        }
        var now = queue.Now;
        var customerId = ticket.CustomerId;
        if (customerId is null)
        {
            var normalized = ContactNormalizer.NormalizePhone(string.IsNullOrWhiteSpace(Start.Phone) ? ticket.Phone : Start.Phone, options.Value.DefaultCountryCode);
            if (!ContactNormalizer.IsValidPhone(normalized)) normalized = "";
            if (normalized.Length > 0)
                customerId = await CustomerContacts.CustomerIdByAsync(db.CustomerContacts, ContactKind.Phone, normalized, ct);
            if (customerId is null)
            {
                var customer = new Customer
                {
                    Name = string.IsNullOrWhiteSpace(Start.Name) ? text["Walk-in customer {0}", ticket.Label].Value : Start.Name.Trim(),
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                if (normalized.Length > 0)
                    customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = "+" + normalized, Normalized = normalized });
                db.Customers.Add(customer);
                await db.SaveChangesAsync(ct);
                customerId = customer.Id;
            }
        }
        var serviceName = (await CounterReads.ServiceNamesAsync(db, ct)).GetValueOrDefault(ticket.ServiceId)?.InCurrentCulture() ?? "";
        var outcome = await create.RunAsync(new CreateInteraction.Request(customerId, null, Channel.WalkIn,
            $"{serviceName} ({ticket.Label})", text["Walk-in visit with ticket {0} at counter {1}.", ticket.Label, desk.Number],
            ticket.ServiceId, Priority.Normal, null), UserId, ct);
        if (outcome.Interaction is not { } interaction)
            throw new DomainException(outcome.Errors.Select(e => e.MessageKey).FirstOrDefault() ?? "The interaction could not be opened.");
        interaction.Assign(interaction.TeamId, UserId, UserId, now);
        ticket.StartServing(interaction.Id, customerId.Value, now);
        await db.SaveChangesAsync(ct);
        await queue.PublishAsync(desk.BranchId, ticket, ct);
        return Redirect($"/interactions/{interaction.Id}");
    }

    private async Task<IActionResult> ActAsync(long ticketId, Action<CounterTicket> action, CancellationToken ct)
    {
        var desk = await DeskFromCookieAsync(ct) ?? throw new NotFoundException();
        var ticket = await CurrentEntityAsync(desk.Id, ct);
        if (ticket is null || ticket.Id != ticketId) throw new NotFoundException();
        action(ticket);
        await db.SaveChangesAsync(ct);
        await queue.PublishAsync(desk.BranchId, ticket, ct);
        return Redirect("/counter");
    }

    private Task<CounterTicket?> CurrentEntityAsync(int deskId, CancellationToken ct) =>
        db.CounterTickets.Where(t => t.CounterDeskId == deskId && (t.State == TicketState.Called || t.State == TicketState.Serving))
            .OrderByDescending(t => t.CalledAt).FirstOrDefaultAsync(ct);

    private async Task<DeskRow?> DeskFromCookieAsync(CancellationToken ct)
    {
        if (!int.TryParse(Request.Cookies[CookieName], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        return (await DesksAsync(id, ct)).FirstOrDefault();
    }

    private async Task<List<DeskRow>> DesksAsync(int? id, CancellationToken ct) =>
        (await db.CounterDesks.AsNoTracking().Where(d => (id == null || d.Id == id) && d.IsOpen)
            .Join(db.Branches.Where(b => b.IsActive), d => d.BranchId, b => b.Id, (d, b) => new { d, b })
            .OrderBy(x => x.b.Code).ThenBy(x => x.d.Number)
            .Select(x => new { x.d.Id, x.d.Number, x.d.Name, BranchId = x.b.Id, x.b.Code, x.b.Name.Ar, x.b.Name.En, x.b.Name.Fr, x.b.TimeZoneId })
            .ToListAsync(ct))
        .Select(x => new DeskRow(x.Id, x.Number, x.Name, x.BranchId, x.Code, new LocalizedText(x.Ar, x.En, x.Fr), x.TimeZoneId))
        .ToList();

    private async Task LoadAsync(DeskRow desk, CancellationToken ct)
    {
        Desk = desk;
        ServiceNames = await CounterReads.ServiceNamesAsync(db, ct);
        DeskServices = await queue.ServicesOfAsync(desk.Id, ct);
        HasSkills = (await queue.SkillsOfAsync(UserId, ct)).Count > 0;
        var services = await queue.CallableAsync(desk.Id, UserId, ct);
        Callable = services;
        var today = queue.DayIn(desk.TimeZoneId);
        Current = await db.CounterTickets.AsNoTracking()
            .Where(t => t.CounterDeskId == desk.Id && (t.State == TicketState.Called || t.State == TicketState.Serving))
            .OrderByDescending(t => t.CalledAt)
            .Select(t => new CurrentRow(t.Id, t.Label, t.ServiceId, t.State, t.TakenAt, t.CalledAt, t.Recalls, t.CustomerId,
                db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).FirstOrDefault(), t.Phone, t.InteractionId))
            .FirstOrDefaultAsync(ct);
        Queue = await db.CounterTickets.AsNoTracking()
            .Where(t => t.BranchId == desk.BranchId && t.Day == today && t.State == TicketState.Waiting && services.Contains(t.ServiceId))
            .OrderBy(t => t.TakenAt).ThenBy(t => t.Id)
            .Take(50)
            .Select(t => new QueueRow(t.Id, t.Label, t.ServiceId, t.TakenAt))
            .ToListAsync(ct);
        if (Current is { Phone: { } phone } && string.IsNullOrEmpty(Start.Phone)) Start.Phone = "+" + phone;
    }
}
