using Khidma.Web.Areas.Customers.Domain;

namespace Khidma.Web.Areas.Customers.Pages;

// Resource keys (English text) for the module's enum values, and the native names of the customer languages.
public static class Labels
{
    public static string Type(CustomerType type) => type switch
    {
        CustomerType.Business => "Business",
        CustomerType.Government => "Government",
        CustomerType.Vip => "VIP",
        _ => "Individual",
    };

    public static string Lifecycle(Lifecycle lifecycle) => lifecycle switch
    {
        Domain.Lifecycle.Regular => "Regular",
        Domain.Lifecycle.AtRisk => "At risk",
        Domain.Lifecycle.Lost => "Lost",
        _ => "New",
    };

    // Written in their own language so everyone recognises them, whatever the page's language.
    public static string Language(string code) => code switch
    {
        "en" => "English",
        "fr" => "Français",
        _ => "العربية",
    };
}
