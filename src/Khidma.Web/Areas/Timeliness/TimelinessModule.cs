using Khidma.Web.Areas.Timeliness.Data;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform;
using Khidma.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Khidma.Web.Areas.Timeliness;

public sealed class TimelinessOptions
{
    // Estimates read resolutions of the last EstimateDays days, at most EstimateSamplesPerGroup per group.
    public int EstimateDays { get; set; } = 180;
    public int EstimateSamplesPerGroup { get; set; } = 500;
    public int PromiseReminderMinutes { get; set; } = 60;
    public int SlaJobSeconds { get; set; } = 60;
    public int PromiseJobSeconds { get; set; } = 60;
    public int EstimateJobMinutes { get; set; } = 60;
}

public static class TimelinessModule
{
    public static WebApplicationBuilder AddTimeliness(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Khidma:Timeliness");
        var options = section.Get<TimelinessOptions>() ?? new TimelinessOptions();
        var services = builder.Services;
        services.Configure<TimelinessOptions>(section);
        services.AddSingleton<CalendarProvider>();
        services.AddSingleton<SlaEngine>();
        services.AddSingleton<IInterceptor, SlaInterceptor>();
        services.AddScoped<SlaSummary>();
        services.AddScoped<RecordPromise>();
        services.AddScoped<Pages.Promises.PromisesPanel>();
        services.AddScoped<IStartupStep, TimelinessDefaults>();
        services.AddJob<SlaMonitor>("timeliness.sla", TimeSpan.FromSeconds(Math.Max(5, options.SlaJobSeconds)));
        services.AddJob<PromiseMonitor>("timeliness.promises", TimeSpan.FromSeconds(Math.Max(5, options.PromiseJobSeconds)));
        services.AddJob<EstimateService>("timeliness.estimates", TimeSpan.FromMinutes(Math.Max(1, options.EstimateJobMinutes)));
        return builder;
    }
}
