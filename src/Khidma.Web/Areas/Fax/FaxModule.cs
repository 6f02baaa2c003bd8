using Khidma.Web.Areas.Fax.Domain;
using Khidma.Web.Areas.Fax.Pages.Outgoing;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Platform.Jobs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Fax;

public static class FaxModule
{
    public static WebApplicationBuilder AddFax(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FaxOptions>(builder.Configuration.GetSection("Khidma:Fax"));
        builder.Services.AddScoped<ReceiveFax>();
        builder.Services.AddScoped<SendFax>();
        builder.Services.AddScoped<FaxPanel>();
        builder.Services.AddSingleton<FaxSecrets>();
        builder.Services.AddScoped<IInboundMailHandler, FaxMailIntake>();
        builder.Services.AddHttpClient(FaxSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        builder.Services.AddJob<FaxSender>(FaxSender.JobName, TimeSpan.FromSeconds(15));
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeAreaFolder("Fax", "/Gateway", "Admins");
            o.Conventions.AuthorizeAreaFolder("Fax", "/Failed", "Admins");
        });
        return builder;
    }
}
