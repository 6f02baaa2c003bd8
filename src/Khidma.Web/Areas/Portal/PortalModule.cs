using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Portal.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Portal;

// Bound from "Khidma:Portal"; environment variables (Khidma__Portal__ContactPermitLimit) override.
public sealed class PortalOptions
{
    // Web form posts (and sign-in link requests) per client address inside the window; more get a 429.
    public int ContactPermitLimit { get; set; } = 5;
    public int ContactWindowMinutes { get; set; } = 10;
    public int LinkMinutes { get; set; } = 15;
    public int MaxFiles { get; set; } = 10;
    // The address customers reach the site at, for links in emails ("https://help.example.com"). Without it the
    // request's own host is used, which is only safe behind a proxy that pins the Host header.
    public string? PublicUrl { get; set; }
}

public static class PortalModule
{
    public const string CustomersPolicy = "Customers";

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalOptions>().Bind(builder.Configuration.GetSection("Khidma:Portal"))
            .Validate(o => o.ContactPermitLimit > 0 && o.ContactWindowMinutes > 0 && o.LinkMinutes > 0 && o.MaxFiles > 0,
                "Khidma:Portal limits must be positive")
            .ValidateOnStart();
        services.AddSingleton<PortalRateLimits>();
        services.AddScoped<PortalFiles>();
        services.AddScoped<WebContact>();
        services.AddScoped<SignInLinks>();
        services.AddScoped<CustomerAccounts>();
        services.AddScoped<CustomerReply>();
        services.AddScoped<ExpectedReply>();
        // Only a customer's own account, bound to a customer record, opens the portal; staff have the console.
        services.AddAuthorizationBuilder().AddPolicy(CustomersPolicy, p => p
            .RequireRole(Roles.Customer)
            .RequireClaim(KhidmaClaims.CustomerId));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeAreaFolder("Portal", "/Customer", CustomersPolicy);
            o.Conventions.AuthorizeAreaFolder("Portal", "/Files");
        });
        // Portal pages send a signed-out visitor to the portal's own sign-in (link or password), not the staff one.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var inner = o.Events.OnRedirectToLogin;
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/portal"))
                    ctx.RedirectUri = "/portal/sign-in?returnUrl=" + Uri.EscapeDataString(ctx.Request.Path + ctx.Request.QueryString);
                return inner(ctx);
            };
        });
        return builder;
    }
}
