using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Demo;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Platform;

public static partial class StartUp
{
    // Migrate, make sure reference data and an administrator exist, and seed the demo company when asked.
    public static async Task PrepareAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Khidma.StartUp");
        await sp.GetRequiredService<MigrationRunner>().MigrateAsync();
        var bootstrap = sp.GetRequiredService<Bootstrap>();
        await bootstrap.EnsureReferenceDataAsync();
        await StartupSteps.RunAsync(sp);
        if (await bootstrap.EnsureAdministratorAsync() is { } admin)
        {
            // Printed once, to the console only (never to the log files): there is no other way to learn it.
            Console.WriteLine($"""

                ==== Khidma: an administrator was created ====
                  email:    {admin.Email}
                  password: {admin.Password}
                ==============================================

                """);
        }
        if (app.Configuration.GetValue<bool>("Khidma:SeedDemo")
            && !await sp.GetRequiredService<AppDbContext>().Customers.AnyAsync())
        {
            var summary = await sp.GetRequiredService<DemoSeeder>().SeedAsync(force: false);
            Console.WriteLine(summary);
        }
        LogReady(log);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Khidma is ready")]
    private static partial void LogReady(ILogger logger);
}
