using System.Security.Cryptography;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Counter.Domain;

public sealed class CounterOptions
{
    // How many of today's finished tickets of a service make its live average service time.
    public int RecentTickets { get; set; } = 10;
}

// The queue's operations shared by the kiosk, the console and the public pages.
public sealed class CounterQueue(AppDbContext db, TimeProvider clock, IOptions<KhidmaOptions> options, IOptions<CounterOptions> counterOptions,
    ChangeNotifier notifier)
{
    private const int NumberingAttempts = 5;
    private const int CallAttempts = 10;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in the company's time zone.</summary>
    public DateOnly Today => DayIn(null);

    /// <summary>Today where the branch is: its own time zone, else the company's.</summary>
    public DateOnly DayIn(string? branchTimeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, Zone(string.IsNullOrWhiteSpace(branchTimeZone) ? options.Value.TimeZone : branchTimeZone)));

    public async Task<DateOnly> TodayAsync(int branchId, CancellationToken ct) =>
        DayIn(await db.Branches.AsNoTracking().Where(b => b.Id == branchId).Select(b => b.TimeZoneId).FirstOrDefaultAsync(ct));

    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Takes the next number of the service for today; a clash with a kiosk taking the same number retries.</summary>
    public async Task<CounterTicket> TakeTicketAsync(int branchId, int serviceId, string? phone, CancellationToken ct)
    {
        var normalized = ContactNormalizer.NormalizePhone(phone, options.Value.DefaultCountryCode);
        long? customerId = null;
        if (ContactNormalizer.IsValidPhone(normalized))
            customerId = await CustomerContacts.CustomerIdByAsync(db.CustomerContacts, ContactKind.Phone, normalized, ct);
        else normalized = "";

        for (var attempt = 1; ; attempt++)
        {
            var today = await TodayAsync(branchId, ct);
            var letter = CounterTicket.LetterFor(serviceId);
            var prefix = letter + "-";
            var last = await db.CounterTickets.Where(t => t.BranchId == branchId && t.Day == today && t.Label.StartsWith(prefix))
                .MaxAsync(t => (int?)t.Number, ct) ?? 0;
            var ticket = new CounterTicket
            {
                PublicId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                BranchId = branchId,
                ServiceId = serviceId,
                Day = today,
                Number = last + 1,
                Label = CounterTicket.FormatLabel(letter, last + 1),
                Phone = normalized.Length > 0 ? normalized : null,
                CustomerId = customerId,
                TakenAt = Now,
            };
            db.CounterTickets.Add(ticket);
            try
            {
                await db.SaveChangesAsync(ct);
                await PublishAsync(branchId, null, ct);
                return ticket;
            }
            catch (DbUpdateException) when (attempt < NumberingAttempts)
            {
                db.Entry(ticket).State = EntityState.Detached;
            }
        }
    }

    /// <summary>The services a counter serves: its own list, or every active service when the list is empty.</summary>
    public async Task<List<int>> ServicesOfAsync(int deskId, CancellationToken ct)
    {
        var own = await db.CounterDeskServices.AsNoTracking().Where(s => s.CounterDeskId == deskId).Select(s => s.ServiceId).ToListAsync(ct);
        return own.Count > 0 ? own : await db.Services.AsNoTracking().Where(s => s.IsActive).Select(s => s.Id).ToListAsync(ct);
    }

    /// <summary>The services the agent is skilled for; empty when none is configured (the agent serves everything).</summary>
    public Task<List<int>> SkillsOfAsync(string? agentId, CancellationToken ct) =>
        agentId is null ? Task.FromResult(new List<int>())
            : db.Set<AgentSkill>().AsNoTracking().Where(s => s.UserId == agentId).Select(s => s.ServiceId).ToListAsync(ct);

    /// <summary>What the agent is called for at this counter: the counter's services the agent is skilled for.</summary>
    public async Task<List<int>> CallableAsync(int deskId, string? agentId, CancellationToken ct)
    {
        var services = await ServicesOfAsync(deskId, ct);
        var skills = await SkillsOfAsync(agentId, ct);
        return skills.Count == 0 ? services : services.Intersect(skills).ToList();
    }

    /// <summary>
    /// Calls the ticket that has waited longest among the counter's services the agent is skilled for (fair by
    /// waiting time, whatever the service; a transferred ticket keeps its original taken_at, hence its place).
    /// Two counters calling at once: the loser of the concurrency check takes the next one.
    /// </summary>
    public async Task<CounterTicket?> CallNextAsync(int branchId, int deskId, string? agentId, CancellationToken ct)
    {
        var services = await CallableAsync(deskId, agentId, ct);
        if (services.Count == 0) return null;
        var today = await TodayAsync(branchId, ct);
        for (var attempt = 0; attempt < CallAttempts; attempt++)
        {
            var ticket = await db.CounterTickets
                .Where(t => t.BranchId == branchId && t.Day == today && t.State == TicketState.Waiting && services.Contains(t.ServiceId))
                .OrderBy(t => t.TakenAt).ThenBy(t => t.Id)
                .FirstOrDefaultAsync(ct);
            if (ticket is null) return null;
            ticket.Call(deskId, agentId, Now);
            try
            {
                await db.SaveChangesAsync(ct);
                await PublishAsync(branchId, ticket, ct);
                return ticket;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(ticket).State = EntityState.Detached;
            }
        }
        return null;
    }

    /// <summary>
    /// Tells the branch's boards and consoles that its queue changed. A call carries the number and the counter
    /// (what the board shows anyway); nothing else, the board being public.
    /// </summary>
    public async Task PublishAsync(int branchId, CounterTicket? called, CancellationToken ct)
    {
        var code = await db.Branches.AsNoTracking().Where(b => b.Id == branchId).Select(b => b.Code).FirstOrDefaultAsync(ct);
        if (code is null) return;
        var counter = called?.CounterDeskId is { } deskId
            ? await db.CounterDesks.AsNoTracking().Where(d => d.Id == deskId).Select(d => d.Number).FirstOrDefaultAsync(ct)
            : null;
        notifier.Publish(CounterHub.HubName, [CounterHub.BranchGroup(code)], CounterHub.QueueChanged,
            called is null || called.State != TicketState.Called ? new { branch = code } : new { branch = code, label = called.Label, counter });
    }

    public sealed record Position(int Ahead, int? WaitMinutes);

    /// <summary>People ahead of a waiting ticket in its service, and the estimated wait (T4).</summary>
    public async Task<Position> PositionAsync(CounterTicket ticket, CancellationToken ct)
    {
        if (ticket.State != TicketState.Waiting) return new Position(0, 0);
        var ahead = await db.CounterTickets.AsNoTracking()
            .CountAsync(t => t.BranchId == ticket.BranchId && t.Day == ticket.Day && t.ServiceId == ticket.ServiceId
                && t.State == TicketState.Waiting
                && (t.TakenAt < ticket.TakenAt || (t.TakenAt == ticket.TakenAt && t.Id < ticket.Id)), ct);
        return new Position(ahead, await EstimateAsync(ticket.BranchId, ticket.ServiceId, ahead, ct));
    }

    public async Task<int?> EstimateAsync(int branchId, int serviceId, int peopleAhead, CancellationToken ct)
    {
        var today = await TodayAsync(branchId, ct);
        var n = Math.Max(1, counterOptions.Value.RecentTickets);
        var recent = await db.CounterTickets.AsNoTracking()
            .Where(t => t.BranchId == branchId && t.Day == today && t.ServiceId == serviceId && t.State == TicketState.Done
                && t.ServedAt != null && t.DoneAt != null)
            .OrderByDescending(t => t.DoneAt).Take(n)
            .Select(t => new { t.ServedAt, t.DoneAt })
            .ToListAsync(ct);
        var minutes = recent.Select(r => (r.DoneAt!.Value - r.ServedAt!.Value).TotalMinutes).ToList();
        var typical = await db.Services.AsNoTracking().Where(s => s.Id == serviceId).Select(s => s.TypicalMinutes).FirstOrDefaultAsync(ct);

        var desks = await db.CounterDesks.AsNoTracking().Where(d => d.BranchId == branchId && d.IsOpen)
            .Select(d => new { d.Id, Services = d.Services.Select(s => s.ServiceId).ToList() })
            .ToListAsync(ct);
        var open = desks.Count(d => d.Services.Count == 0 || d.Services.Contains(serviceId));
        return WaitEstimate.Minutes(peopleAhead, minutes, typical, open);
    }
}
