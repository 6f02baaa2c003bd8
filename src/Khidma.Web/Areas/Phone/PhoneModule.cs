using Khidma.Web.Areas.Phone.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Khidma.Web.Areas.Phone.Domain;

namespace Khidma.Web.Areas.Phone;

public static class PhoneModule
{
    public static WebApplicationBuilder AddPhone(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PhoneOptions>(builder.Configuration.GetSection("Khidma:Phone"));
        builder.Services.AddScoped<RecordCallEvent>();
        builder.Services.AddScoped<PhoneQueue>();
        builder.Services.AddScoped<RequestCallback>();
        builder.Services.AddSingleton<IInterceptor, CallbackPromiseKeeper>();
        return builder;
    }
}
