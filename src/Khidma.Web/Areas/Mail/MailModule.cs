using Khidma.Web.Areas.Mail.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Mail;

public static class MailModule
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<MailOptions>(builder.Configuration.GetSection("Khidma:Mail"));
        services.AddSingleton<MailFiles>();
        services.AddSingleton<MailFaults>();
        services.AddSingleton<MailSecrets>();
        services.AddSingleton<ISmtpTransport, SmtpTransport>();
        services.AddScoped<MailIngest>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<MailFacts>();
        services.AddScoped<MailReplies>();
        services.AddScoped<MailAcknowledgments>();
        services.AddScoped<MailPolling>();
        services.AddHostedService<MailWorker>();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeAreaFolder("Mail", "/Mailboxes", "Admins");
            o.Conventions.AuthorizeAreaFolder("Mail", "/Failed", "Admins");
            o.Conventions.AuthorizeAreaFolder("Mail", "/Outbox", "Admins");
            o.Conventions.AuthorizeAreaFolder("Mail", "/Messages", "Employees");
        });
        return builder;
    }
}
