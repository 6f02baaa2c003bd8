using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Timeliness;

// Data for the timeliness integration tests, written through the app's own DbContext (so the SLA interceptor
// runs exactly as it does behind the pages and the API).
internal static class TimelinessTestData
{
    public static async Task<int> TeamAsync(this KhidmaFactory f, string? name = null) =>
        await f.WithDbAsync(async db =>
        {
            var team = new Team { Name = name ?? "فريق " + Guid.NewGuid().ToString("N")[..6] };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return team.Id;
        });

    public static async Task<int> ServiceAsync(this KhidmaFactory f, string name = "خدمة") =>
        await f.WithDbAsync(async db =>
        {
            var service = new Service { Name = new LocalizedText(name + " " + Guid.NewGuid().ToString("N")[..4], "Service", "Service") };
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return service.Id;
        });

    public static async Task<long> CustomerAsync(this KhidmaFactory f, CustomerType type = CustomerType.Individual) =>
        await f.WithDbAsync(async db =>
        {
            var now = f.Clock.GetUtcNow().UtcDateTime;
            var customer = new Customer { Name = "عميل " + Guid.NewGuid().ToString("N")[..6], Type = type, CreatedAt = now, UpdatedAt = now };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Id;
        });

    public static async Task<long> InteractionAsync(this KhidmaFactory f, Channel channel = Channel.Email, Priority priority = Priority.Normal,
        int? teamId = null, int? serviceId = null, long? customerId = null, string subject = "طلب تجديد الاشتراك")
    {
        var customer = customerId ?? await f.CustomerAsync();
        return await f.WithDbAsync(async db =>
        {
            var now = f.Clock.GetUtcNow().UtcDateTime;
            var status = await db.InteractionStatuses.FirstAsync(s => s.Category == StatusCategory.New);
            var interaction = new Interaction
            {
                CustomerId = customer,
                Channel = channel,
                Priority = priority,
                Subject = subject,
                ServiceId = serviceId,
                TeamId = teamId,
                StatusId = status.Id,
                StatusCategory = status.Category,
                CreatedAt = now,
                UpdatedAt = now,
                LastActivityAt = now,
            };
            interaction.AddEntry(TimelineKind.CustomerMessage, "أرجو المساعدة", null, now);
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync();
            return interaction.Id;
        });
    }

    public static Task AddEntryAsync(this KhidmaFactory f, long interactionId, TimelineKind kind, string body = "نص") =>
        f.WithDbAsync(async db =>
        {
            var interaction = await db.Interactions.FirstAsync(i => i.Id == interactionId);
            interaction.AddEntry(kind, body, null, f.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

    public static Task SetStatusAsync(this KhidmaFactory f, long interactionId, StatusCategory category) =>
        f.WithDbAsync(async db =>
        {
            var interaction = await db.Interactions.Include(i => i.Stages).FirstAsync(i => i.Id == interactionId);
            var status = await db.InteractionStatuses.FirstAsync(s => s.Category == category);
            interaction.ChangeStatus(status, "اختبار", null, f.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

    public static Task<List<SlaTimer>> TimersAsync(this KhidmaFactory f, long interactionId) =>
        f.WithDbAsync(db => db.Set<SlaTimer>().AsNoTracking().Where(t => t.InteractionId == interactionId).OrderBy(t => t.Id).ToListAsync());

    public static async Task<SlaTimer> TimerAsync(this KhidmaFactory f, long interactionId, SlaKind kind) =>
        (await f.TimersAsync(interactionId)).Last(t => t.Kind == kind);

    public static Task<List<Notification>> NotificationsAsync(this KhidmaFactory f, long interactionId) =>
        f.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.InteractionId == interactionId).OrderBy(n => n.Id).ToListAsync());

    public static Task<string> RunJobAsync<TJob>(this KhidmaFactory f) where TJob : Khidma.Web.Platform.Jobs.IJob =>
        f.WithScopeAsync(sp => sp.GetRequiredService<TJob>().RunAsync(CancellationToken.None));

    public static Task<int> PolicyAsync(this KhidmaFactory f, SlaPolicy policy) =>
        f.WithDbAsync(async db =>
        {
            policy.UpdatedAt = f.Clock.GetUtcNow().UtcDateTime;
            db.Set<SlaPolicy>().Add(policy);
            await db.SaveChangesAsync();
            return policy.Id;
        });

    public static async Task<HttpClient> SignedInAsync(this KhidmaFactory f, string role, string culture = "ar", params int[] teams)
    {
        var user = await f.CreateUserAsync(role, null, culture, teams);
        var client = f.NewClient();
        await client.SignInAsync(user.Email!);
        return client;
    }

    // Resolved interactions whose creation-to-resolution business time (default calendar) is exactly each duration.
    public static Task SeedHistoryAsync(this KhidmaFactory f, int? serviceId, Channel channel, Priority priority, IEnumerable<TimeSpan> durations, DateTime firstCreatedUtc) =>
        f.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Khidma.Web.Platform.Data.AppDbContext>();
            var calendar = await sp.GetRequiredService<CalendarProvider>().DefaultAsync(db);
            var customer = await f.CustomerAsync();
            var status = await db.InteractionStatuses.FirstAsync(s => s.Category == StatusCategory.Resolved);
            var created = firstCreatedUtc;
            foreach (var duration in durations)
            {
                var resolved = calendar.AddBusinessTime(created, duration);
                db.Interactions.Add(new Interaction
                {
                    CustomerId = customer, Channel = channel, Priority = priority, ServiceId = serviceId, Subject = "سابق",
                    StatusId = status.Id, StatusCategory = status.Category,
                    CreatedAt = created, UpdatedAt = resolved, LastActivityAt = resolved, ResolvedAt = resolved,
                });
                created = created.AddMinutes(7);
            }
            await db.SaveChangesAsync();
            return 0;
        });
}
