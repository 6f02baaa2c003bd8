using Khidma.Web.Areas.Counter.Domain;

namespace Khidma.Web.Areas.Counter;

public static class CounterModule
{
    public static WebApplicationBuilder AddCounter(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CounterOptions>(builder.Configuration.GetSection("Khidma:Counter"));
        builder.Services.AddScoped<CounterQueue>();
        builder.Services.AddHostedService<CounterBootstrap>();
        return builder;
    }
}
