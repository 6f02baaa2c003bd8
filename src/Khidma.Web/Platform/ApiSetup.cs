using Khidma.Web.Areas.People.Domain;
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
        api.MapSearchApi();
        return app;
    }
}
