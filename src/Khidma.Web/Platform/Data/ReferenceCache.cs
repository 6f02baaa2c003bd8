using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace Khidma.Web.Platform.Data;

/// <summary>
/// Small, rarely changed rows that hot paths read on every request (the default status and stages, SLA
/// policies, API tokens) kept in memory for a short time. A save on this node that adds, changes or deletes
/// an entity of a type a value depends on drops that value at once; other nodes see the change when their
/// copy expires (at most <c>lifetime</c> later).
/// </summary>
public sealed class ReferenceCache(IMemoryCache cache)
{
    private readonly ConcurrentDictionary<Type, ConcurrentDictionary<string, byte>> keysByType = new();

    /// <summary>The cached value under <paramref name="key"/>, loaded on a miss; a null result is not kept.</summary>
    public async Task<T> GetAsync<T>(string key, Type[] dependsOn, TimeSpan lifetime, Func<Task<T>> load)
    {
        if (cache.TryGetValue(key, out T? value) && value is not null) return value;
        foreach (var type in dependsOn) keysByType.GetOrAdd(type, _ => new(StringComparer.Ordinal)).TryAdd(key, 0);
        value = await load();
        if (value is not null) cache.Set(key, value, lifetime);
        return value;
    }

    /// <summary>Drops every value that depends on one of these entity types.</summary>
    public void Invalidate(IEnumerable<Type> changed)
    {
        foreach (var type in changed)
            if (keysByType.TryGetValue(type, out var keys))
                foreach (var key in keys.Keys) cache.Remove(key);
    }

    internal bool Watches(Type type) => keysByType.ContainsKey(type);
}

// Drops cached reference values after a save that touched their tables (and after a failed one: the
// entities may have been half written by then, and a reload is cheap).
internal sealed class ReferenceCacheInterceptor(ReferenceCache references) : SaveChangesInterceptor
{
    private HashSet<Type>? changed;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Flush();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush();
        return Task.CompletedTask;
    }

    private void Collect(DbContext? db)
    {
        if (db is null) return;
        foreach (var entry in db.ChangeTracker.Entries())
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && references.Watches(entry.Metadata.ClrType))
                (changed ??= []).Add(entry.Metadata.ClrType);
    }

    private void Flush()
    {
        if (changed is null) return;
        references.Invalidate(changed);
        changed = null;
    }
}
