using Khidma.Web.Platform.Auditing;
using Khidma.Web.Platform.Data;

namespace Khidma.Web.Areas.Interactions.Domain;

/// <summary>
/// Group commit for new interactions. Each create is a dozen rows (the interaction, its stages, its first
/// message, SLA clocks, search index entries, audit) and, on SQLite, every transaction waits for the one writer.
/// Saved one by one, the fixed cost of a transaction (the write lock, the savepoint, the commit, a new index
/// segment per full-text table) was paid per request; here one writer saves whatever creates have queued
/// meanwhile in one context and one transaction, and each request awaits its own interaction. All interceptors
/// run as for any save (SLA clocks, search index, audit under each request's own actor, live events after the
/// commit). If a group fails, each of its creates is saved again alone, so one bad create fails only itself.
/// </summary>
public sealed partial class InteractionWriter : IAsyncDisposable
{
    // Bounds one transaction's length (and a failed group's retries).
    private const int MaxGroup = 128;

    private sealed record Item(Func<Interaction> Build, string? UserId, string ActorName, TaskCompletionSource<Interaction> Done);

    private readonly System.Threading.Channels.Channel<Item> queue = System.Threading.Channels.Channel.CreateUnbounded<Item>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<InteractionWriter> logger;
    private readonly Task loop;

    public InteractionWriter(IServiceScopeFactory scopes, ILogger<InteractionWriter> logger)
    {
        this.scopes = scopes;
        this.logger = logger;
        // The first request would otherwise lend the loop its ExecutionContext (its HttpContext, its culture).
        using (ExecutionContext.SuppressFlow()) loop = Task.Run(RunAsync);
    }

    /// <summary>Saves the interaction <paramref name="build"/> makes (audited as the given actor) and returns it, saved.</summary>
    public Task<Interaction> SaveAsync(Func<Interaction> build, string? userId, string actorName, CancellationToken ct)
    {
        var item = new Item(build, userId, actorName, new TaskCompletionSource<Interaction>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(item), this);
        // A cancelled request stops waiting; its create, already queued, is still saved.
        return item.Done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var group = new List<Item>(MaxGroup);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && queue.Reader.TryRead(out var item)) group.Add(item);
            try
            {
                await SaveGroupAsync(group);
            }
            catch (Exception e) when (group.Count > 1)
            {
                LogGroupFailed(logger, group.Count, e);
                foreach (var item in group) await SaveAloneAsync(item);
            }
            catch (Exception e)
            {
                group[0].Done.TrySetException(e);
            }
            group.Clear();
        }
    }

    private async Task SaveAloneAsync(Item item)
    {
        try
        {
            await SaveGroupAsync([item]);
        }
        catch (Exception e)
        {
            item.Done.TrySetException(e);
        }
    }

    private async Task SaveGroupAsync(List<Item> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Everything saved here is new and tracked, whole graph, by Add: a DetectChanges scan (before the save,
        // over every entity of the group) would find nothing.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var built = new List<(Item Item, Interaction Interaction)>(group.Count);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // One save per actor, so each audit row names who made the change.
            foreach (var byActor in group.GroupBy(i => (i.UserId, i.ActorName)))
            {
                using var acting = ActingAs.Begin(byActor.Key.UserId, byActor.Key.ActorName);
                foreach (var item in byActor)
                {
                    var interaction = item.Build();
                    db.Interactions.Add(interaction);
                    built.Add((item, interaction));
                }
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
        }
        foreach (var (item, interaction) in built) item.Done.TrySetResult(interaction);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} new interactions failed to save; saving each alone")]
    private static partial void LogGroupFailed(ILogger logger, int count, Exception exception);
}
