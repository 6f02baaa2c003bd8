using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Khidma.Web.Areas.Timeliness.Data;

// Every save that adds an interaction or a timeline entry, or changes an interaction's status category, moves
// its SLA clocks in the same transaction. Registered before the audit interceptor, so clock changes are audited.
public sealed class SlaInterceptor(SlaEngine engine) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await engine.ApplyAsync(db, cancellationToken);
        return result;
    }

    // Synchronous saves are rare (none in the app's own code); the engine's queries are short.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) engine.ApplyAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }
}
