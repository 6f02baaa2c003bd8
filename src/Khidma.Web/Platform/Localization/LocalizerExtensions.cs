using System.Globalization;
using Khidma.Web.Areas.Customers.Domain;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Platform.Localization;

public static class LocalizerExtensions
{
    /// <summary>A module string in a customer's language (Arabic when the language is not one we write),
    /// whatever the current request's or background job's culture is.</summary>
    public static string InLanguage(this IStringLocalizer text, string language, string key, params object[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Customer.Languages.Contains(language) ? language : "ar");
            return text[key, args].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
