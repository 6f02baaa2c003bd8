using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;

namespace Khidma.Web.Areas.Admin.Domain;

// Resource keys (English text) for names the code knows by identifier.
public static class Labels
{
    public static string Role(string role) => role switch
    {
        Roles.Admin => "Administrator",
        Roles.Manager => "Manager",
        Roles.Supervisor => "Supervisor",
        Roles.Agent => "Agent",
        Roles.Staff => "Staff member",
        Roles.Customer => "Customer",
        _ => role,
    };

    public static string Category(StatusCategory category) => category switch
    {
        StatusCategory.New => "New",
        StatusCategory.Open => "Open",
        StatusCategory.WaitingOnCustomer => "Waiting on customer",
        StatusCategory.Resolved => "Resolved",
        StatusCategory.Closed => "Closed",
        _ => category.ToString(),
    };

    public static string AuditAction(string action) => action switch
    {
        "Added" => "Added",
        "Modified" => "Modified",
        "Deleted" => "Deleted",
        _ => action,
    };

    public static string Language(string culture) => culture switch
    {
        "ar" => "العربية",
        "en" => "English",
        "fr" => "Français",
        _ => culture,
    };
}
