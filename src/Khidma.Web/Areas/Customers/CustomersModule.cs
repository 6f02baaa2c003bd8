using Khidma.Web.Areas.Customers.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Customers;

public static class CustomersModule
{
    public static WebApplicationBuilder AddCustomers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<BackgroundAccess>();
        services.AddScoped<CustomerContacts>();
        services.AddScoped<CustomerSearch>();
        services.AddScoped<CustomerExport>();
        services.AddScoped<EraseCustomer>();
        // One form for both: /customers/new is the edit page without an id.
        services.Configure<RazorPagesOptions>(o => o.Conventions.AddAreaPageRoute("Customers", "/Edit/Edit", "/customers/new"));
        return builder;
    }
}
