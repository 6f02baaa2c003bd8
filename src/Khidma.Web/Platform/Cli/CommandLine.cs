using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Auth;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Demo;

namespace Khidma.Web.Platform.Cli;

// Subcommands of the web app: `migrate`, `admin create`, `token create`, `demo seed`, `mail parse`, `search reindex`.
public static class CommandLine
{
    public static readonly string[] Commands = ["migrate", "admin", "token", "demo", "schema", "mail", "search", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static Task<int> RunAsync(WebApplication app, string[] args) => RunAsync(app.Services, args, Console.Out, Console.Error);

    // The same commands against any host's services, writing where the caller says (tests run them in-process).
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        switch (args)
        {
            case ["migrate", ..]:
            {
                var applied = await sp.GetRequiredService<MigrationRunner>().MigrateAsync();
                await sp.GetRequiredService<Bootstrap>().EnsureReferenceDataAsync();
                await StartupSteps.RunAsync(sp);
                var version = await sp.GetRequiredService<MigrationRunner>().CurrentVersionAsync();
                await output.WriteLineAsync(applied.Count == 0
                    ? $"Schema is up to date (version {version})."
                    : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}. Schema version {version}.");
                return 0;
            }
            case ["admin", "create", ..]:
            {
                await Migrate(sp);
                var email = Option(args, "--email") ?? "admin@khidma.local";
                var name = Option(args, "--name") ?? "مدير النظام";
                var password = Option(args, "--password") ?? Bootstrap.NewPassword();
                await sp.GetRequiredService<Bootstrap>().CreateUserAsync(email, name, password, Roles.Admin);
                await output.WriteLineAsync($"Administrator created.\n  email:    {email}\n  password: {password}");
                return 0;
            }
            case ["token", "create", ..]:
            {
                await Migrate(sp);
                var name = Option(args, "--name");
                var role = Option(args, "--role") ?? Roles.Agent;
                if (string.IsNullOrWhiteSpace(name) || !Roles.Employees.Contains(role))
                {
                    await error.WriteLineAsync($"usage: token create --name NAME --role {string.Join('|', Roles.Employees)}");
                    return 2;
                }
                var db = sp.GetRequiredService<AppDbContext>();
                var token = AuthSetup.NewToken();
                db.ApiTokens.Add(new ApiToken
                {
                    Name = name,
                    Role = role,
                    TokenHash = AuthSetup.HashToken(token),
                    Prefix = token[..8],
                    CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
                    CreatedBy = "cli",
                });
                await db.SaveChangesAsync();
                await output.WriteLineAsync(token);
                return 0;
            }
            case ["demo", "seed", ..]:
            {
                await Migrate(sp);
                var summary = await sp.GetRequiredService<DemoSeeder>().SeedAsync(force: args.Contains("--force"));
                await output.WriteLineAsync(summary);
                return 0;
            }
            case ["mail", "parse", var file, ..]:
            {
                if (!File.Exists(file))
                {
                    await error.WriteLineAsync($"no such file: {file}");
                    return 2;
                }
                await output.WriteLineAsync(Khidma.Web.Areas.Mail.Mime.MailJson.Serialize(Khidma.Web.Areas.Mail.Mime.MimeParser.Parse(await File.ReadAllBytesAsync(file))));
                return 0;
            }
            case ["search", "reindex", ..]:
            {
                await Migrate(sp);
                await sp.GetRequiredService<Khidma.Web.Areas.Search.Data.SearchRebuild>().RunAsync(output, CancellationToken.None);
                return 0;
            }
            case ["schema", "sql", ..]:
            {
                // For writing the next migration: the schema EF expects, for the configured provider.
                await output.WriteLineAsync(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GenerateCreateScript(sp.GetRequiredService<AppDbContext>().Database));
                return 0;
            }
            default:
                await output.WriteLineAsync("""
                    Khidma — commands:
                      (no command)                         run the web app (--urls http://localhost:5080)
                      migrate                              apply database migrations
                      admin create [--email E] [--name N] [--password P]
                      token create --name NAME --role ROLE print a new API token (roles: admin, manager, supervisor, agent, staff)
                      demo seed [--force]                  seed the Arabic demo company
                      mail parse FILE                      print a raw message (.eml) as JSON: subject, from, to, cc, date, ids, text, html, attachments
                      search reindex                       rebuild the search index of customers and interactions
                      schema sql                           print the schema the EF model expects (to write migrations)
                    """);
                return args is ["help", ..] ? 0 : 2;
        }
    }

    private static async Task Migrate(IServiceProvider sp)
    {
        await sp.GetRequiredService<MigrationRunner>().MigrateAsync();
        await sp.GetRequiredService<Bootstrap>().EnsureReferenceDataAsync();
        await StartupSteps.RunAsync(sp);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
