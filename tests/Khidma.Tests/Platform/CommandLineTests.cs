using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Khidma.Tests.Support;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Cli;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Khidma.Tests.Platform;

// The subcommands run in-process against the test host's services, exactly as `Khidma.Web.dll <command>` runs them.
public abstract partial class CommandLineTests(PlatformFactory f)
{
    protected async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(f.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public virtual async Task Migrate_UpToDateDatabase_ReportsSchemaVersion()
    {
        var (code, output, _) = await RunAsync("migrate");

        Assert.Equal(0, code);
        Assert.Matches(@"^Schema is up to date \(version \d+\)\.", output);
    }

    [Fact]
    public virtual async Task AdminCreate_EmailAndPassword_CreatesAdministratorWhoCanSignIn()
    {
        var email = $"cli-admin-{Guid.NewGuid():N}@test.local";

        var (code, output, _) = await RunAsync("admin", "create", "--email", email, "--password", "Cli-Password-9");

        Assert.Equal(0, code);
        Assert.Contains(email, output, StringComparison.Ordinal);
        var isAdmin = await f.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, Roles.Admin);
        });
        Assert.True(isAdmin);
        using var client = f.NewClient();
        await client.SignInAsync(email, "Cli-Password-9");
    }

    [Fact]
    public virtual async Task AdminCreate_NoPassword_PrintsGeneratedPassword()
    {
        var email = $"cli-admin-{Guid.NewGuid():N}@test.local";

        var (code, output, _) = await RunAsync("admin", "create", "--email", email);

        Assert.Equal(0, code);
        var password = PasswordLine().Match(output).Groups[1].Value;
        using var client = f.NewClient();
        await client.SignInAsync(email, password);
    }

    [Fact]
    public virtual async Task TokenCreate_NameAndRole_PrintsTokenThatAuthenticatesAsBearer()
    {
        var (code, output, _) = await RunAsync("token", "create", "--name", "pbx", "--role", Roles.Agent);
        var token = output.Trim();
        using var client = f.NewClient().WithBearer(token);

        var who = await client.GetFromJsonAsync<WhoAmI>("/test/whoami");

        Assert.Equal(0, code);
        Assert.Matches("^kh_[0-9a-f]{48}$", token);
        Assert.True(who!.Authenticated);
        Assert.Equal("token:pbx", who.Name);
        Assert.Equal([Roles.Agent], who.Roles);
    }

    [Fact]
    public virtual async Task Bearer_UnknownToken_IsNotAuthenticated()
    {
        using var client = f.NewClient().WithBearer("kh_" + new string('0', 48));

        var who = await client.GetFromJsonAsync<WhoAmI>("/test/whoami");

        Assert.False(who!.Authenticated);
    }

    [Fact]
    public virtual async Task TokenCreate_UnknownRole_FailsWithUsage()
    {
        var (code, output, error) = await RunAsync("token", "create", "--name", "x", "--role", "customer");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("usage: token create", error, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task SchemaSql_ConfiguredProvider_PrintsCreateScript()
    {
        var (code, output, _) = await RunAsync("schema", "sql");

        Assert.Equal(0, code);
        Assert.Contains("CREATE TABLE", output, StringComparison.Ordinal);
        Assert.Contains("interactions_interactions", output, StringComparison.Ordinal);
    }

    public sealed record WhoAmI(bool Authenticated, string? Name, string[] Roles);

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex PasswordLine();
}

public sealed class CommandLineSqliteTests(PlatformFactory f) : CommandLineTests(f), IClassFixture<PlatformFactory>;

public sealed class CommandLinePostgresTests(PostgresPlatformFactory f) : CommandLineTests(f), IClassFixture<PostgresPlatformFactory>
{
    [PostgresFact]
    public override Task Migrate_UpToDateDatabase_ReportsSchemaVersion() => base.Migrate_UpToDateDatabase_ReportsSchemaVersion();

    [PostgresFact]
    public override Task AdminCreate_EmailAndPassword_CreatesAdministratorWhoCanSignIn() => base.AdminCreate_EmailAndPassword_CreatesAdministratorWhoCanSignIn();

    [PostgresFact]
    public override Task AdminCreate_NoPassword_PrintsGeneratedPassword() => base.AdminCreate_NoPassword_PrintsGeneratedPassword();

    [PostgresFact]
    public override Task TokenCreate_NameAndRole_PrintsTokenThatAuthenticatesAsBearer() => base.TokenCreate_NameAndRole_PrintsTokenThatAuthenticatesAsBearer();

    [PostgresFact]
    public override Task Bearer_UnknownToken_IsNotAuthenticated() => base.Bearer_UnknownToken_IsNotAuthenticated();

    [PostgresFact]
    public override Task TokenCreate_UnknownRole_FailsWithUsage() => base.TokenCreate_UnknownRole_FailsWithUsage();

    [PostgresFact]
    public override Task SchemaSql_ConfiguredProvider_PrintsCreateScript() => base.SchemaSql_ConfiguredProvider_PrintsCreateScript();
}
