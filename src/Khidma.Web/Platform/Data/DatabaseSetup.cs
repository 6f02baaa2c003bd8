using Khidma.Web.Platform.Auditing;
using Khidma.Web.Platform.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Platform.Data;

public sealed class KhidmaOptions
{
    public string DataDir { get; set; } = "./data";
    public DatabaseOptions Database { get; set; } = new();
    // The company's time zone: dates are shown in it and business days are counted in it.
    public string TimeZone { get; set; } = "Asia/Riyadh";
    public string DefaultCountryCode { get; set; } = "966";
}

public sealed class DatabaseOptions
{
    public string Provider { get; set; } = "sqlite";
    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "postgresql", StringComparison.OrdinalIgnoreCase);
}

// The one seam per database provider: options, connection string and tuning live here and nowhere else.
public static class DatabaseSetup
{
    public static IHostApplicationBuilder AddKhidmaDatabase(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Khidma").Get<KhidmaOptions>() ?? new KhidmaOptions();
        var connectionString = ConnectionString(builder.Configuration, options);
        builder.Services.AddSingleton(new ProviderInfo(options.Database.IsPostgres, connectionString));
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ReferenceCache>();
        builder.Services.AddDbContext<AppDbContext>((sp, o) =>
        {
            Configure(o, options.Database.IsPostgres, connectionString);
            // Modules' interceptors (e.g. SLA clocks) first, so the audit interceptor records what they change.
            o.AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
            // Search before audit: it queues index work inside the transaction the audit interceptor commits (see SearchIndexInterceptor).
            o.AddInterceptors(new Khidma.Web.Areas.Search.Data.SearchIndexInterceptor(sp.GetService<Khidma.Web.Areas.Search.Data.SearchIndexSignal>()));
            o.AddInterceptors(new AuditInterceptor(sp.GetRequiredService<ICurrentActor>(), sp.GetRequiredService<TimeProvider>()));
            // After the audit interceptor: live events leave once the change and its audit rows are committed.
            if (sp.GetService<ChangeNotifier>() is { } notifier) o.AddInterceptors(new ChangeEventsInterceptor(notifier));
            o.AddInterceptors(new ReferenceCacheInterceptor(sp.GetRequiredService<ReferenceCache>()));
        });
        builder.Services.AddScoped<MigrationRunner>();
        return builder;
    }

    public static string ConnectionString(IConfiguration configuration, KhidmaOptions options)
    {
        if (options.Database.IsPostgres)
            return configuration.GetConnectionString("Khidma")
                ?? throw new InvalidOperationException("Khidma__Database__Provider=postgres needs ConnectionStrings__Khidma.");
        var dir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dir);
        return configuration.GetConnectionString("Khidma") is { Length: > 0 } cs && cs.Contains("Data Source", StringComparison.OrdinalIgnoreCase)
            ? cs
            : $"Data Source={Path.Combine(dir, "khidma.db")};Default Timeout=30;Pooling=True";
    }

    public static void Configure(DbContextOptionsBuilder o, bool postgres, string connectionString)
    {
        if (postgres)
            o.UseNpgsql(connectionString, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
        else
            o.UseSqlite(connectionString).AddInterceptors(SqliteTuning.Instance, SqliteWriteGate.Instance);
    }
}

public sealed record ProviderInfo(bool IsPostgres, string ConnectionString);

// WAL lets readers go on while one writer writes; NORMAL sync is safe with WAL and much faster.
internal sealed class SqliteTuning : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqliteTuning Instance = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData) =>
        Tune(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Tune(connection);
        return Task.CompletedTask;
    }

    private static void Tune(System.Data.Common.DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        cmd.ExecuteNonQuery();
    }
}
