using System.Globalization;
using System.Security.Claims;
using Khidma.Web.Resources;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Platform.Localization;

public static class LocalizationSetup
{
    public const string DefaultCulture = "ar";
    public static readonly string[] Cultures = ["ar", "en", "fr"];

    public static bool IsSupported(string? culture) => culture is not null && Cultures.Contains(culture);

    // Our own culture objects: Gregorian calendar and invariant number formats everywhere, so that posted
    // dates and numbers bind the same under Arabic; Hijri dates and Arabic-Indic digits are a display choice
    // made by Formatter from the user's preference.
    public static CultureInfo Culture(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        culture.DateTimeFormat.Calendar = new GregorianCalendar();
        culture.NumberFormat = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        return CultureInfo.ReadOnly(culture);
    }

    public static IServiceCollection AddKhidmaLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddScoped<Formatter>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(Culture).ToList();
            o.DefaultRequestCulture = new RequestCulture(cultures[0], cultures[0]);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(ctx =>
                {
                    var c = ctx.User.FindFirstValue(KhidmaClaims.Culture);
                    return Task.FromResult(IsSupported(c) ? new ProviderCultureResult(c!) : null);
                }),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static IMvcBuilder AddKhidmaViewLocalization(this IMvcBuilder mvc) =>
        mvc.AddViewLocalization()
           .AddDataAnnotationsLocalization(o =>
               o.DataAnnotationLocalizerProvider = ModuleLocalizer.For)
           .AddMvcOptions(o =>
           {
               // Model binding errors in the user's language too, keyed by their English text.
               var m = o.ModelBindingMessageProvider;
               m.SetAttemptedValueIsInvalidAccessor((v, f) => L("The value '{0}' is not valid for {1}.", v, f));
               m.SetMissingBindRequiredValueAccessor(f => L("A value for the '{0}' parameter or property was not provided.", f));
               m.SetMissingKeyOrValueAccessor(() => L("A value is required."));
               m.SetMissingRequestBodyRequiredValueAccessor(() => L("A non-empty request body is required."));
               m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => L("The value '{0}' is not valid.", v));
               m.SetNonPropertyUnknownValueIsInvalidAccessor(() => L("The supplied value is invalid."));
               m.SetUnknownValueIsInvalidAccessor(f => L("The supplied value is invalid for {0}.", f));
               m.SetValueIsInvalidAccessor(v => L("The value '{0}' is invalid.", v));
               m.SetValueMustBeANumberAccessor(f => L("The field {0} must be a number.", f));
               m.SetValueMustNotBeNullAccessor(v => L("The value '{0}' is invalid.", v));
               m.SetNonPropertyValueMustBeANumberAccessor(() => L("The field must be a number."));
           });

    private static IStringLocalizer? shared;

    internal static void UseSharedLocalizer(IStringLocalizer localizer) => shared = localizer;

    private static string L(string key, params object[] args) =>
        shared is null ? string.Format(CultureInfo.CurrentCulture, key, args) : shared[key, args];
}

public static class KhidmaClaims
{
    public const string Culture = "khidma:culture";
    public const string Digits = "khidma:digits";
    public const string Calendar = "khidma:calendar";
    public const string DisplayName = "khidma:name";
    public const string Team = "khidma:team";
    public const string CustomerId = "khidma:customer";
}
