using Khidma.Web.Areas.Customers.Api;
using Khidma.Web.Areas.Admin.Api;
using Khidma.Web.Areas.Interactions.Api;
using Khidma.Web.Areas.Mail.Api;
using Khidma.Web.Areas.Phone.Api;
using Khidma.Web.Areas.Fax.Api;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Timeliness.Api;
using Khidma.Web.Areas.Search.Api;
using Khidma.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Khidma.Web.Platform;

public static class ApiSetup
{
    // Bearer tokens only: a cookie session cannot call the API, so the API needs no antiforgery tokens.
    public static readonly AuthorizationPolicy ApiPolicy = new AuthorizationPolicyBuilder(AuthSetup.ApiTokenScheme)
        .RequireAuthenticatedUser()
        .RequireRole(Roles.Employees)
        .Build();

    public static WebApplication MapKhidmaApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicy).DisableAntiforgery();
        api.MapCustomersApi();
        api.MapAdminApi();
        api.MapInteractionsApi();
        api.MapTimelinessApi();
        api.MapMailApi();
        api.MapPhoneApi();
        api.MapFaxApi();
        api.MapSearchApi();
        return app;
    }
}
