using Khidma.Web.Areas.Fax.Domain;

namespace Khidma.Web.Areas.Fax;

public static class FaxModule
{
    public static WebApplicationBuilder AddFax(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FaxOptions>(builder.Configuration.GetSection("Khidma:Fax"));
        builder.Services.AddScoped<ReceiveFax>();
        builder.Services.AddHttpClient(FaxSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton<FaxSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FaxSender>());
        return builder;
    }
}
