using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Platform.Jobs;

/// <summary>
/// Work that runs every <see cref="JobDefinition.Interval"/> on exactly one node at a time. Modules register a job
/// with <see cref="JobsSetup.AddJob{TJob}"/>; the job is resolved in its own service scope for every run.
/// Implementations must be safe to run again after a crash half-way (their state lives in the database).
/// </summary>
public interface IJob
{
    /// <summary>Does one round of work and returns a short summary for the jobs table (no personal data).</summary>
    Task<string> RunAsync(CancellationToken ct);
}

public sealed record JobDefinition(string Name, TimeSpan Interval, Type JobType);

public sealed class JobOptions
{
    // Null: on, except in the Testing environment, where tests run jobs by hand with the fake clock.
    public bool? Enabled { get; set; }
    public int IntervalSeconds { get; set; } = 15;
    // Longer than any run: a node that dies mid-run loses its lease after this long.
    public int LeaseSeconds { get; set; } = 300;
}

// One row per job: when it runs next and who holds it now. Leases instead of locks, so a crashed node's
// claim simply expires; the row is the timer, so schedules survive restarts.
public sealed class JobRow
{
    public string Name { get; set; } = "";
    public DateTime NextRunAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? LastStartedAt { get; set; }
    public DateTime? LastFinishedAt { get; set; }
    public string? LastResult { get; set; }
    public bool LastFailed { get; set; }
    public int Runs { get; set; }
}

internal sealed class JobRowConfig : IEntityTypeConfiguration<JobRow>
{
    public void Configure(EntityTypeBuilder<JobRow> b)
    {
        b.ToTable("platform_jobs");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.LeaseOwner).HasMaxLength(200);
        b.Property(x => x.LastResult).HasMaxLength(500);
    }
}

public static class JobsSetup
{
    public static IServiceCollection AddKhidmaJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JobOptions>(configuration.GetSection("Khidma:Jobs"));
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }

    public static IServiceCollection AddJob<TJob>(this IServiceCollection services, string name, TimeSpan interval)
        where TJob : class, IJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new JobDefinition(name, interval, typeof(TJob)));
        return services;
    }
}
