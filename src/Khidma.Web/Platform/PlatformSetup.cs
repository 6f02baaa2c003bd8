using Khidma.Web.Platform.Auditing;
using Khidma.Web.Platform.Auth;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Jobs;
using Khidma.Web.Platform.Localization;
using Khidma.Web.Platform.Realtime;
using Khidma.Web.Resources;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Platform;

public static class PlatformSetup
{
    public static WebApplicationBuilder AddKhidmaPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<KhidmaOptions>(builder.Configuration.GetSection("Khidma"));
        services.TryAddTimeProvider();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        builder.AddKhidmaDatabase();
        services.AddScoped<Bootstrap>();
        services.AddKhidmaJobs(builder.Configuration);
        services.AddMemoryCache();
        services.AddScoped<Khidma.Web.Areas.Charter.Domain.CharterReader>();
        services.AddKhidmaLocalization();
        services.AddKhidmaAuth();
        services.AddKhidmaErrors();
        services.AddRouting(o => o.LowercaseUrls = true);
        // Arabic text is written as text, not as &#x...; entities (smaller pages, readable source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeAreaFolder("Customers", "/", "Employees");
                o.Conventions.AuthorizeAreaFolder("Interactions", "/", "Employees");
                // Admin pages need "Admins" unless a page names its own policy (the audit log is open to managers).
                o.Conventions.AddAreaFolderApplicationModelConvention("Admin", "/", m =>
                {
                    if (!m.HandlerTypeAttributes.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any())
                        m.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute("Admins"));
                });
                o.Conventions.AuthorizeFolder("/Account/Preferences");
                o.Conventions.AddFolderApplicationModelConvention("/", m => m.Filters.Add(new NotFoundPageFilter()));
            })
            .AddMvcOptions(o => o.Filters.Add(new NotFoundPageFilter()))
            .AddKhidmaViewLocalization();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "khidma.af";
        });
        services.AddKhidmaOpenApi();
        services.AddKhidmaRealtime();
        // Modules add named policies (the chat widget is embedded in other sites); no endpoint is open by default.
        services.AddCors();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        var dataDir = builder.Configuration["Khidma:DataDir"] ?? "./data";
        services.AddDataProtection()
            .SetApplicationName("khidma")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDir), "keys")));
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    public static WebApplication UseKhidmaPlatform(this WebApplication app)
    {
        LocalizationSetup.UseSharedLocalizer(app.Services.GetRequiredService<IStringLocalizer<SharedResource>>());
        app.UseKhidmaErrors();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        // After authentication, so a signed-in user's stored language can win over the browser's.
        app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use(async (ctx, next) =>
        {
            // Dual-use URLs answer both full pages and htmx fragments; caches must keep them apart.
            ctx.Response.Headers.Append("Vary", "HX-Request");
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            ctx.Response.Headers["Referrer-Policy"] = "same-origin";
            await next();
        });
        app.MapHealthChecks("/healthz");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapRazorPages();
        app.MapKhidmaRealtime();
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext ctx) =>
        {
            if (!LocalizationSetup.IsSupported(culture)) return Results.BadRequest();
            ctx.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UnixEpoch.AddYears(100), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/");
        }).ExcludeFromDescription();
        return app;
    }
}

internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken) && await db.InteractionStatuses.AnyAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("database not ready");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
