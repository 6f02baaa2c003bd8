using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Platform.Realtime;

namespace Khidma.Web.Areas.Counter;

public static class CounterModule
{
    public static WebApplicationBuilder AddCounter(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CounterOptions>(builder.Configuration.GetSection("Khidma:Counter"));
        builder.Services.AddScoped<CounterQueue>();
        builder.Services.AddHostedService<CounterBootstrap>();
        builder.Services.AddSingleton<ILiveTarget, CounterHubTarget>();
        return builder;
    }

    public static WebApplication MapCounter(this WebApplication app)
    {
        app.MapHub<CounterHub>("/hubs/counter");
        return app;
    }
}
