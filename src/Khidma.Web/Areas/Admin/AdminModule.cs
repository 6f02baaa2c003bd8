using Khidma.Web.Areas.Admin.Domain;

namespace Khidma.Web.Areas.Admin;

public static class AdminModule
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserAccounts>();
        builder.Services.AddScoped<CharterPublisher>();
        return builder;
    }
}
