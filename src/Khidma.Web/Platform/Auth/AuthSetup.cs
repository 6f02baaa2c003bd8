using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Platform.Auth;

public static class AuthSetup
{
    public const string ApiTokenScheme = "ApiToken";
    public const string SmartScheme = "Smart";

    public static IServiceCollection AddKhidmaAuth(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<KhidmaClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "khidma.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            // The API answers 401/403 as problem details instead of redirecting to a sign-in page.
            o.Events.OnRedirectToLogin = ctx => Deny(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Deny(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, null, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenScheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenScheme, null);

        services.AddAuthorizationBuilder()
            .AddPolicy("Employees", p => p.RequireRole(Roles.Employees))
            .AddPolicy("ServiceDesk", p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Supervisor, Roles.Agent))
            .AddPolicy("Managers", p => p.RequireRole(Roles.Admin, Roles.Manager))
            .AddPolicy("Admins", p => p.RequireRole(Roles.Admin));
        return services;
    }

    private static Task Deny(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Headers.ContainsKey("HX-Request"))
        {
            ctx.Response.StatusCode = status;
            if (ctx.Request.Headers.ContainsKey("HX-Request") && status == 401)
                ctx.Response.Headers["HX-Redirect"] = ctx.RedirectUri;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NewToken() => "kh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}

public sealed class KhidmaClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(KhidmaClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(KhidmaClaims.Culture, user.Culture));
        identity.AddClaim(new Claim(KhidmaClaims.Digits, user.Digits.ToString()));
        identity.AddClaim(new Claim(KhidmaClaims.Calendar, user.Calendar.ToString()));
        if (user.CustomerId is { } customerId)
            identity.AddClaim(new Claim(KhidmaClaims.CustomerId, customerId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var teams = await db.TeamMembers.Where(m => m.UserId == user.Id).Select(m => m.TeamId).ToListAsync();
        foreach (var team in teams)
            identity.AddClaim(new Claim(KhidmaClaims.Team, team.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}

// Bearer tokens for integrations. A token acts with one role and is not bound to a team. Known tokens are
// kept in the reference cache (30 s; revoking on this node drops them at once), so an API call costs no
// token query.
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, TimeProvider clock, ReferenceCache references) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private static readonly Type[] DependsOn = [typeof(ApiToken)];

    private sealed class KnownToken(int id, string name, string role, DateTime? lastUsedAt)
    {
        public int Id { get; } = id;
        public string Name { get; } = name;
        public string Role { get; } = role;
        public DateTime? LastUsedAt { get; set; } = lastUsedAt;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0) return AuthenticateResult.Fail("empty token");
        var hash = AuthSetup.HashToken(token);
        var row = await references.GetAsync("auth:token:" + hash, DependsOn, CacheLifetime, () =>
            db.ApiTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.RevokedAt == null)
                .Select(t => new KnownToken(t.Id, t.Name, t.Role, t.LastUsedAt)).FirstOrDefaultAsync());
        if (row is null) return AuthenticateResult.Fail("unknown token");

        var now = clock.GetUtcNow().UtcDateTime;
        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            row.LastUsedAt = now;
            await db.ApiTokens.Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "token:" + row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, "token:" + row.Name),
            new Claim(ClaimTypes.Role, row.Role),
            new Claim(KhidmaClaims.DisplayName, row.Name),
            new Claim("khidma:token", "1"),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
