using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Platform.Localization;
using Khidma.Web.Platform;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Khidma.Tests.Platform;

// The real app plus a few endpoints that exist only in tests (never in the app): they are added after the
// app's own pipeline, so they run inside its error handling, localization and authentication.
public class PlatformFactory : KhidmaFactory
{
    public const string Secret = "Secret internal detail 7f3a";

    // 2024-03-11 is 1 Ramadan 1445 in the Umm al-Qura calendar; 09:00 UTC is 12:00 in Riyadh.
    public static readonly DateTime KnownInstant = new(2024, 3, 11, 9, 0, 0, DateTimeKind.Utc);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestEndpoints>());
    }

    public sealed class BindForm
    {
        public decimal Amount { get; set; }
        public double Ratio { get; set; }
        public int Count { get; set; }
        public DateTime Day { get; set; }
    }

    private sealed class TestEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use(async (HttpContext ctx, RequestDelegate rest) =>
            {
                var path = ctx.Request.Path.Value ?? "";
                switch (path)
                {
                    case "/test/throw" or "/api/test/throw":
                        throw new InvalidOperationException(Secret);
                    case "/test/date":
                        var f = ctx.RequestServices.GetRequiredService<Formatter>();
                        await ctx.Response.WriteAsync($"{f.DateTime(KnownInstant)}|{f.Date(KnownInstant)}");
                        return;
                    case "/test/whoami":
                        // Authenticated the way /api/v1 authenticates: by its policy, which names the bearer scheme.
                        var policy = ctx.RequestServices.GetRequiredService<IPolicyEvaluator>();
                        await policy.AuthenticateAsync(ApiSetup.ApiPolicy, ctx);
                        await ctx.Response.WriteAsJsonAsync(new
                        {
                            authenticated = ctx.User.Identity?.IsAuthenticated == true,
                            name = ctx.User.Identity?.Name,
                            roles = ctx.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
                        });
                        return;
                    case "/test/bind" when HttpMethods.IsPost(ctx.Request.Method):
                        await BindAsync(ctx);
                        return;
                    default:
                        await rest(ctx);
                        return;
                }
            });
        };

        // MVC's own model binding, as a Razor Page's [BindProperty] uses it: the form value provider reads
        // values with the request's culture, which is the Arabic one when the request is Arabic.
        private static async Task BindAsync(HttpContext ctx)
        {
            var sp = ctx.RequestServices;
            var mvc = sp.GetRequiredService<IOptions<MvcOptions>>().Value;
            var action = new ActionContext(ctx, ctx.GetRouteData(), new ActionDescriptor(), new ModelStateDictionary());
            var values = await CompositeValueProvider.CreateAsync(action, mvc.ValueProviderFactories);
            var metadata = sp.GetRequiredService<IModelMetadataProvider>().GetMetadataForType(typeof(BindForm));
            var parameter = new Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor { Name = "Input", ParameterType = typeof(BindForm), BindingInfo = new BindingInfo() };
            var binder = sp.GetRequiredService<IModelBinderFactory>().CreateBinder(new ModelBinderFactoryContext
            {
                Metadata = metadata,
                BindingInfo = parameter.BindingInfo,
                CacheToken = parameter,
            });
            var result = await sp.GetRequiredService<ParameterBinder>().BindModelAsync(action, binder, values, parameter, metadata, value: null, container: null);
            var form = result.Model as BindForm;
            await ctx.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                culture = CultureInfo.CurrentCulture.Name,
                valid = action.ModelState.IsValid,
                amount = form?.Amount,
                ratio = form?.Ratio,
                count = form?.Count,
                day = form?.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                errors = action.ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToArray(),
            }));
        }
    }
}

public sealed class PostgresPlatformFactory : PlatformFactory
{
    public override bool Postgres => true;
}
