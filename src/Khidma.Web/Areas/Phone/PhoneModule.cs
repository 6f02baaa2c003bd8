using Khidma.Web.Areas.Phone.Domain;

namespace Khidma.Web.Areas.Phone;

public static class PhoneModule
{
    public static WebApplicationBuilder AddPhone(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PhoneOptions>(builder.Configuration.GetSection("Khidma:Phone"));
        builder.Services.AddScoped<RecordCallEvent>();
        return builder;
    }
}
