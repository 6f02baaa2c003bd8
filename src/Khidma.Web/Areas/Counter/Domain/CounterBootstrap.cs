using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Counter.Domain;

// A fresh install can take numbers at once: branch "main" with three counters serving every service.
// Idempotent: it does nothing once any branch exists. Runs when the host starts, after the migrations.
public sealed partial class CounterBootstrap(IServiceScopeFactory scopes, ILogger<CounterBootstrap> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Branches.AnyAsync(cancellationToken)) return;
        var branch = new Branch { Code = "main", Name = new Khidma.Web.Platform.Localization.LocalizedText("الفرع الرئيسي", "Main branch", "Agence principale") };
        db.Branches.Add(branch);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 1; i <= 3; i++)
            db.CounterDesks.Add(new CounterDesk { BranchId = branch.Id, Number = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Name = "" });
        await db.SaveChangesAsync(cancellationToken);
        LogCreated(log);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Counter: created branch main with three counters")]
    private static partial void LogCreated(ILogger logger);
}
