using System.Text;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.Charter.Domain;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Platform.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Khidma.Web.Platform.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerContact> CustomerContacts => Set<CustomerContact>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<StageDefinition> StageDefinitions => Set<StageDefinition>();
    public DbSet<ServiceStage> ServiceStages => Set<ServiceStage>();
    public DbSet<InteractionStatus> InteractionStatuses => Set<InteractionStatus>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<InteractionStage> InteractionStages => Set<InteractionStage>();
    public DbSet<CharterGoal> CharterGoals => Set<CharterGoal>();
    public DbSet<CharterVersion> CharterVersions => Set<CharterVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<Khidma.Web.Areas.Counter.Domain.Branch> Branches => Set<Khidma.Web.Areas.Counter.Domain.Branch>();
    public DbSet<Khidma.Web.Areas.Counter.Domain.CounterDesk> CounterDesks => Set<Khidma.Web.Areas.Counter.Domain.CounterDesk>();
    public DbSet<Khidma.Web.Areas.Counter.Domain.CounterDeskService> CounterDeskServices => Set<Khidma.Web.Areas.Counter.Domain.CounterDeskService>();
    public DbSet<Khidma.Web.Areas.Counter.Domain.CounterTicket> CounterTickets => Set<Khidma.Web.Areas.Counter.Domain.CounterTicket>();
    public DbSet<Khidma.Web.Areas.Phone.Domain.PhoneExtension> PhoneExtensions => Set<Khidma.Web.Areas.Phone.Domain.PhoneExtension>();
    public DbSet<Khidma.Web.Areas.Phone.Domain.PhoneCall> PhoneCalls => Set<Khidma.Web.Areas.Phone.Domain.PhoneCall>();
    public DbSet<Khidma.Web.Areas.Fax.Domain.FaxDocument> FaxDocuments => Set<Khidma.Web.Areas.Fax.Domain.FaxDocument>();
    public DbSet<Khidma.Web.Areas.Fax.Domain.FaxOutboxItem> FaxOutbox => Set<Khidma.Web.Areas.Fax.Domain.FaxOutboxItem>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().ToTable("people_users");
        builder.Entity<IdentityRole>().ToTable("people_roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("people_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("people_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("people_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("people_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("people_role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() is { } name && !name.Contains('_', StringComparison.Ordinal))
                    property.SetColumnName(SnakeCase(name));
                if (typeof(IVersioned).IsAssignableFrom(entity.ClrType) && property.Name == nameof(IVersioned.Version))
                    property.IsConcurrencyToken = true;
            }
            foreach (var complex in entity.GetComplexProperties())
                foreach (var property in complex.ComplexType.GetProperties())
                    property.SetColumnName(SnakeCase(complex.Name) + "_" + SnakeCase(property.Name));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC. SQLite returns Kind=Unspecified, so the kind is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    // Changes are detected once per save. Every SaveChanges interceptor reads ChangeTracker.Entries(), and each
    // such call scanned every tracked entity again (eight scans per save, and again for the audit rows' save:
    // 16 % of a create's CPU). Interceptors that change tracked entities call DetectChanges themselves (the SLA
    // engine does); entities they Add are tracked at once.
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = PrepareSave();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private bool PrepareSave()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        BumpVersions();
        return detect;
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
            if (entry.State == EntityState.Modified)
                entry.Property(nameof(IVersioned.Version)).CurrentValue = entry.Entity.Version + 1;
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
