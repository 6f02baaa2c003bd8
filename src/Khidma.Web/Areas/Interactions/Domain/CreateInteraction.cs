using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Auditing;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Interactions.Domain;

/// <summary>
/// Opens an interaction: the default status, the service's stages (or the default stages), the customer's
/// first message on the timeline, the service's team unless another is chosen. Used by the console's
/// "new interaction" page, <c>POST /api/v1/interactions</c> and the channels.
/// </summary>
public sealed class CreateInteraction(AppDbContext db, TimeProvider clock, ReferenceCache references, InteractionWriter writer, ICurrentActor actor, SlaEngine sla)
{
    public const int SubjectMaxLength = 300;
    public const int CustomerNameMaxLength = 200;

    // The default status and stages are read by every create; admins change them rarely (and this node drops
    // the copy the moment they do).
    private static readonly TimeSpan ReferenceLifetime = TimeSpan.FromSeconds(30);
    private static readonly Type[] StatusTables = [typeof(InteractionStatus)];
    private static readonly Type[] StageTables = [typeof(StageDefinition), typeof(ServiceStage)];

    private sealed record NewStatus(int Id, StatusCategory Category);

    /// <summary>A customer to create on the spot (counter or phone: the person is new to us).</summary>
    public sealed record NewCustomer(string Name, string? Phone);

    public sealed record Request(
        long? CustomerId,
        NewCustomer? NewCustomer,
        Channel Channel,
        string Subject,
        string Body,
        int? ServiceId,
        Priority Priority,
        int? TeamId);

    /// <summary>A rule the request broke, on one of its fields; the message is a resource key (English text).</summary>
    public sealed record FieldError(string Field, string MessageKey);

    public sealed record Outcome(Interaction? Interaction, IReadOnlyList<FieldError> Errors)
    {
        public bool Succeeded => Interaction is not null;
    }

    /// <summary>
    /// Opens the interaction in this scope's context and leaves it tracked there, so the caller can go on with
    /// it (assign it, link a call) and save again; joins the caller's transaction if one is open.
    /// </summary>
    public async Task<Outcome> RunAsync(Request request, string? userId, CancellationToken ct = default)
    {
        var (errors, prepared) = await PrepareAsync(request, userId, ct);
        if (prepared is null) return new Outcome(null, errors);
        var interaction = prepared();

        if (request.CustomerId is { } existing)
        {
            interaction.CustomerId = existing;
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync(ct);
            return new Outcome(interaction, []);
        }

        // The customer needs its id before the interaction can point at it; both land or neither does.
        var now = interaction.CreatedAt;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customer = NewCustomerEntity(request.NewCustomer!, now);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        interaction.CustomerId = customer.Id;
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Outcome(interaction, []);
    }

    /// <summary>
    /// Opens the interaction through the shared <see cref="InteractionWriter"/>: concurrent creates are saved
    /// together, one transaction for many (group commit). For callers that only need the new id (the API, the
    /// console's form); the returned entity is not tracked by this scope's context. A request that also
    /// creates its customer, or runs inside the caller's transaction, is saved here as by <see cref="RunAsync"/>.
    /// </summary>
    public async Task<Outcome> RunGroupedAsync(Request request, string? userId, CancellationToken ct = default)
    {
        if (request.CustomerId is not { } customerId || db.Database.CurrentTransaction is not null)
            return await RunAsync(request, userId, ct);
        var (errors, prepared) = await PrepareAsync(request, userId, ct);
        if (prepared is null) return new Outcome(null, errors);
        var interaction = await writer.SaveAsync(() =>
        {
            var created = prepared();
            created.CustomerId = customerId;
            return created;
        }, actor.UserId, actor.Name, ct);
        return new Outcome(interaction, []);
    }

    // Checks the request and returns a factory for the entity (a factory, so a failed group save can build it
    // afresh and save it alone).
    private async Task<(List<FieldError> Errors, Func<Interaction>? Build)> PrepareAsync(Request request, string? userId, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var subject = request.Subject?.Trim() ?? "";
        var body = request.Body?.Trim() ?? "";
        if (subject.Length == 0) errors.Add(new(nameof(Request.Subject), "Write a subject."));
        else if (subject.Length > SubjectMaxLength) errors.Add(new(nameof(Request.Subject), "The subject is too long."));
        if (body.Length == 0) errors.Add(new(nameof(Request.Body), "Write what the customer asked for."));
        if (!Enum.IsDefined(request.Channel)) errors.Add(new(nameof(Request.Channel), "Choose a channel."));
        if (!Enum.IsDefined(request.Priority)) errors.Add(new(nameof(Request.Priority), "Choose a priority."));

        var newCustomer = request.NewCustomer is { Name: var n } nc && !string.IsNullOrWhiteSpace(n) ? nc : null;
        CustomerType? customerType = null;
        if (request.CustomerId is { } customerId)
        {
            customerType = await db.Customers.Where(c => c.Id == customerId).Select(c => (CustomerType?)c.Type).FirstOrDefaultAsync(ct);
            if (customerType is null)
                errors.Add(new(nameof(Request.CustomerId), "This customer does not exist."));
        }
        else if (newCustomer is null)
        {
            errors.Add(new(nameof(Request.CustomerId), "Choose the customer, or enter a new customer's name."));
        }
        else if (newCustomer.Name.Trim().Length > CustomerNameMaxLength)
        {
            errors.Add(new(nameof(Request.NewCustomer), "The customer's name is too long."));
        }

        int? serviceTeamId = null;
        if (request.ServiceId is { } serviceId)
        {
            var service = await db.Services.AsNoTracking()
                .Where(s => s.Id == serviceId && s.IsActive)
                .Select(s => new { s.DefaultTeamId })
                .FirstOrDefaultAsync(ct);
            if (service is null) errors.Add(new(nameof(Request.ServiceId), "This service does not exist or is not active."));
            else serviceTeamId = service.DefaultTeamId;
        }
        if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId && t.IsActive, ct))
            errors.Add(new(nameof(Request.TeamId), "This team does not exist or is not active."));

        var status = await references.GetAsync("interactions:new-status", StatusTables, ReferenceLifetime, () =>
                db.InteractionStatuses.AsNoTracking()
                    .Where(s => s.IsActive && s.Category == StatusCategory.New)
                    .OrderByDescending(s => s.IsDefault).ThenBy(s => s.Position)
                    .Select(s => new NewStatus(s.Id, s.Category))
                    .FirstOrDefaultAsync(ct))
            ?? throw new InvalidOperationException("No active status in category New: reference data is missing.");

        if (errors.Count > 0) return (errors, null);

        var stages = await StagesAsync(request.ServiceId, ct);
        // Whole microseconds, as PostgreSQL stores them: the API answers with the saved entity, not a read back.
        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % 10));
        // The SLA clocks are worked out here, in the request, rather than by the save (which, for grouped
        // creates, is one writer doing the work of every request in turn).
        var clocks = customerType is { } type
            ? await sla.PlanAsync(db, request.Channel, request.Priority, status.Category, type, now, ct)
            : null;
        return (errors, () =>
        {
            var interaction = new Interaction
            {
                Channel = request.Channel,
                Subject = subject,
                ServiceId = request.ServiceId,
                StatusId = status.Id,
                StatusCategory = status.Category,
                Priority = request.Priority,
                TeamId = request.TeamId ?? serviceTeamId,
                CreatedById = userId,
                CreatedAt = now,
                UpdatedAt = now,
                LastActivityAt = now,
            };
            // Copies: the cached names are shared by every create.
            interaction.SetStages(stages.Select(x => (x.Key, new LocalizedText(x.Name.Ar, x.Name.En, x.Name.Fr))));
            interaction.AddEntry(TimelineKind.CustomerMessage, body, userId, now);
            if (clocks is not null) sla.StartWith(interaction, clocks);
            return interaction;
        });
    }

    private Task<List<(string Key, LocalizedText Name)>> StagesAsync(int? serviceId, CancellationToken ct) =>
        references.GetAsync("interactions:stages:" + serviceId, StageTables, ReferenceLifetime, () => LoadStagesAsync(serviceId, ct));

    private async Task<List<(string Key, LocalizedText Name)>> LoadStagesAsync(int? serviceId, CancellationToken ct)
    {
        if (serviceId is { } id)
        {
            var own = await db.ServiceStages.AsNoTracking()
                .Where(s => s.ServiceId == id && s.Stage!.IsActive)
                .OrderBy(s => s.Position)
                .Select(s => new { s.Stage!.Key, s.Stage.Name.Ar, s.Stage.Name.En, s.Stage.Name.Fr })
                .ToListAsync(ct);
            if (own.Count > 0) return own.Select(s => (s.Key, new LocalizedText(s.Ar, s.En, s.Fr))).ToList();
        }
        var defaults = await db.StageDefinitions.AsNoTracking()
            .Where(s => s.IsDefault && s.IsActive)
            .OrderBy(s => s.Position)
            .Select(s => new { s.Key, s.Name.Ar, s.Name.En, s.Name.Fr })
            .ToListAsync(ct);
        return defaults.Select(s => (s.Key, new LocalizedText(s.Ar, s.En, s.Fr))).ToList();
    }

    private static Customer NewCustomerEntity(NewCustomer input, DateTime now)
    {
        var customer = new Customer { Name = input.Name.Trim(), CreatedAt = now, UpdatedAt = now };
        var digits = PhoneDigits(input.Phone);
        if (digits.Length > 0)
            customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Phone, Value = input.Phone!.Trim(), Normalized = digits });
        return customer;
    }

    /// <summary>The digits of a phone number as typed, Arabic-Indic and other Unicode digits made ASCII.</summary>
    public static string PhoneDigits(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return "";
        var chars = new char[phone.Length];
        var count = 0;
        foreach (var c in phone)
            if (char.IsDigit(c)) chars[count++] = (char)('0' + (int)char.GetNumericValue(c));
        return new string(chars, 0, count);
    }
}
