using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Khidma.Web.Platform.Auditing;

public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Entity { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string Action { get; set; } = "";
    // {"Property": [before, after]} for the properties that changed.
    public string Changes { get; set; } = "{}";
}

internal sealed class AuditEntryConfig : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Entity).HasMaxLength(100);
        b.Property(x => x.EntityId).HasMaxLength(100);
        b.Property(x => x.Action).HasMaxLength(16);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.Entity, x.EntityId });
    }
}

// Who is making the change: the signed-in person, an API token, or the command line.
public interface ICurrentActor
{
    string? UserId { get; }
    string Name { get; }
}

public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public string? UserId => ActingAs.Current is { } actor ? actor.UserId : accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
    public string Name => ActingAs.Current is { } actor ? actor.Name : accessor.HttpContext?.User.Identity?.Name ?? "system";
}

/// <summary>
/// Work done on someone's behalf outside their request (a write queued by the request and saved by a shared
/// writer) is audited as theirs: inside the scope, <see cref="HttpCurrentActor"/> answers with this actor. An
/// AsyncLocal, like <see cref="BulkImport"/>, so it covers exactly the code awaited inside the using block.
/// </summary>
public sealed class ActingAs : IDisposable
{
    private static readonly AsyncLocal<ActingAs?> Active = new();
    private readonly ActingAs? outer;

    private ActingAs(string? userId, string name)
    {
        UserId = userId;
        Name = name;
        outer = Active.Value;
        Active.Value = this;
    }

    public string? UserId { get; }
    public string Name { get; }

    internal static ActingAs? Current => Active.Value;

    public static ActingAs Begin(string? userId, string name) => new(userId, name);

    public void Dispose()
    {
        if (Active.Value == this) Active.Value = outer;
    }
}

// A bulk import (the demo company, later CSV imports) would write one audit row per imported row and bury
// the real history under thousands of rows nobody reads. Inside a BulkImport scope the interceptor writes
// no per-row entries but counts the rows per table; the importer then records the whole import as ONE
// entry (Summary). The scope is an AsyncLocal, so it covers exactly the code awaited inside the using block
// and never leaks into other requests running at the same time.
public sealed class BulkImport : IDisposable
{
    private static readonly AsyncLocal<BulkImport?> Active = new();
    private readonly BulkImport? outer;
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private BulkImport(string name)
    {
        Name = name;
        outer = Active.Value;
        Active.Value = this;
    }

    public string Name { get; }

    internal static BulkImport? Current => Active.Value;

    public static BulkImport Begin(string name) => new(name);

    internal void Count(string table, string action, int rows = 1)
    {
        lock (gate) counts[$"{table}.{action}"] = counts.GetValueOrDefault($"{table}.{action}") + rows;
    }

    // {"customers_customers.Added": 200, ...}
    public AuditEntry Summary(ICurrentActor actor, DateTime at)
    {
        lock (gate)
            return new AuditEntry
            {
                At = at,
                UserId = actor.UserId,
                UserName = actor.Name,
                Entity = "import",
                EntityId = Name,
                Action = "Import",
                Changes = JsonSerializer.Serialize(new SortedDictionary<string, int>(counts, StringComparer.Ordinal)),
            };
    }

    public void Dispose()
    {
        if (Active.Value == this) Active.Value = outer;
    }
}

// Writes one audit row per changed entity in the same transaction as the change. Rows added together with
// the principal they belong to, through a relationship marked with WithPrincipal (an interaction's stages,
// first message and SLA clocks), are recorded inside the principal's row (key = their table, after = the
// list of the rows with their ids): one "Added" row says who opened the interaction, when, and with what,
// instead of ten rows per create.
public sealed class AuditInterceptor(ICurrentActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>Annotation on a relationship: a dependent added with its principal is audited in the principal's row.</summary>
    public const string WithPrincipal = "Khidma:AuditWithPrincipal";

    private sealed record TypeInfo(bool Skip, string Table, IForeignKey[] FoldInto);

    private sealed class Pending(EntityEntry entry, string action, Dictionary<string, object?[]> changes)
    {
        public EntityEntry Entry { get; } = entry;
        public string Action { get; } = action;
        public Dictionary<string, object?[]> Changes { get; } = changes;
        public List<Pending>? Children { get; set; }
    }

    private static readonly ConcurrentDictionary<IReadOnlyEntityType, TypeInfo> Types = new();

    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "Password", "Secret",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        nameof(AuditEntry), "IdentityUserToken<string>", "IdentityUserLogin<string>",
    };

    // Enums by name and Arabic as text, so the log reads "Calendar": ["Gregorian", "Hijri"], not [0, 1].
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private List<Pending>? pending;
    private IDbContextTransaction? ownTransaction;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var db = eventData.Context!;
        pending = Collect(db);
        if (pending.Count > 0 && db.Database.CurrentTransaction is null)
            ownTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        var db = eventData.Context!;
        pending = Collect(db);
        if (pending.Count > 0 && db.Database.CurrentTransaction is null)
            ownTransaction = db.Database.BeginTransaction();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Taken before the nested save of the audit rows, so that save does not commit it early.
        var tx = ownTransaction;
        ownTransaction = null;
        try
        {
            if (Flush(eventData.Context!) is { } rows)
                foreach (var command in InsertCommands(eventData.Context!, rows))
                    await using (command)
                        await command.ExecuteNonQueryAsync(cancellationToken);
            if (tx is not null) await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            if (tx is not null) await tx.DisposeAsync();
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        var tx = ownTransaction;
        ownTransaction = null;
        try
        {
            if (Flush(eventData.Context!) is { } rows)
                foreach (var command in InsertCommands(eventData.Context!, rows))
                    using (command)
                        command.ExecuteNonQuery();
            tx?.Commit();
        }
        finally
        {
            tx?.Dispose();
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        pending = null;
        if (ownTransaction is { } tx)
        {
            ownTransaction = null;
            await tx.RollbackAsync(cancellationToken);
            await tx.DisposeAsync();
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        pending = null;
        if (ownTransaction is { } tx)
        {
            ownTransaction = null;
            tx.Rollback();
            tx.Dispose();
        }
    }

    private static TypeInfo Info(IEntityType type) => Types.GetOrAdd(type, t => new TypeInfo(
        Skipped.Contains(t.DisplayName()),
        t.GetTableName() ?? t.ShortName(),
        ((IEntityType)t).GetForeignKeys().Where(fk => fk.Properties.Count == 1 && fk.FindAnnotation(WithPrincipal)?.Value is true).ToArray()));

    private static List<Pending> Collect(DbContext db)
    {
        var list = new List<Pending>();
        var bulk = BulkImport.Current;
        List<(Pending Item, TypeInfo Info)>? dependents = null;
        Dictionary<(IReadOnlyEntityType, object), Pending>? addedByKey = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var info = Info(entry.Metadata);
            if (info.Skip) continue;
            if (bulk is not null)
            {
                bulk.Count(info.Table, entry.State.ToString());
                continue;
            }
            var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var p in entry.Properties)
            {
                if (p.Metadata.IsPrimaryKey()) continue;
                var name = p.Metadata.Name;
                var before = entry.State == EntityState.Added ? null : p.OriginalValue;
                var after = entry.State == EntityState.Deleted ? null : p.CurrentValue;
                if (entry.State == EntityState.Modified && !p.IsModified) continue;
                if (Equals(before, after)) continue;
                changes[name] = Secret.Contains(name) ? ["***", "***"] : [before, after];
            }
            foreach (var c in entry.ComplexProperties)
                foreach (var p in c.Properties)
                {
                    var before = entry.State == EntityState.Added ? null : p.OriginalValue;
                    var after = entry.State == EntityState.Deleted ? null : p.CurrentValue;
                    if (Equals(before, after)) continue;
                    changes[$"{c.Metadata.Name}.{p.Metadata.Name}"] = [before, after];
                }
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            var item = new Pending(entry, entry.State.ToString(), changes);
            if (entry.State == EntityState.Added)
            {
                // Before the save an added row's key is a temporary value, which its added dependents' keys repeat.
                if (entry.Metadata.FindPrimaryKey() is { Properties.Count: 1 } key && entry.Property(key.Properties[0].Name).CurrentValue is { } id)
                    (addedByKey ??= [])[(entry.Metadata, id)] = item;
                if (info.FoldInto.Length > 0)
                {
                    (dependents ??= []).Add((item, info));
                    continue;
                }
            }
            list.Add(item);
        }
        foreach (var (item, info) in dependents ?? [])
        {
            var principal = info.FoldInto
                .Select(fk => item.Entry.Property(fk.Properties[0].Name).CurrentValue is { } value
                    && addedByKey!.TryGetValue((fk.PrincipalEntityType, value), out var p) ? p : null)
                .FirstOrDefault(p => p is not null);
            if (principal is null) list.Add(item);
            else (principal.Children ??= []).Add(item);
        }
        return list;
    }

    private List<AuditEntry>? Flush(DbContext db)
    {
        if (pending is not { Count: > 0 } items) return null;
        pending = null;
        var entries = new List<AuditEntry>(items.Count);
        var now = clock.GetUtcNow().UtcDateTime;
        var (userId, userName) = (actor.UserId, actor.Name);
        foreach (var item in items)
        {
            var changes = item.Changes;
            foreach (var group in (item.Children ?? []).GroupBy(c => Info(c.Entry.Metadata).Table))
            {
                var rows = group.Select(c =>
                {
                    // The key to the principal is the principal's own id (before the save: a temporary value).
                    var link = Info(c.Entry.Metadata).FoldInto.Select(fk => fk.Properties[0].Name).ToHashSet(StringComparer.Ordinal);
                    var row = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Id"] = Id(c.Entry) };
                    foreach (var (name, values) in c.Changes)
                        if (!link.Contains(name)) row[name] = values[1];
                    return row;
                }).ToList();
                changes[group.Key] = [null, rows];
            }
            entries.Add(new AuditEntry
            {
                At = now,
                UserId = userId,
                UserName = userName,
                Entity = Info(item.Entry.Metadata).Table,
                EntityId = Id(item.Entry),
                Action = item.Action,
                Changes = JsonSerializer.Serialize(changes, Json),
            });
        }
        return entries;
    }

    // The audit rows go in with plain INSERTs on the save's own connection and transaction. They used to be a
    // second SaveChanges, which ran every interceptor and walked the change tracker again (every entity of a
    // group of creates) only to add rows nobody reads back in the same unit of work.
    private const int RowsPerCommand = 200;

    private static IEnumerable<System.Data.Common.DbCommand> InsertCommands(DbContext db, List<AuditEntry> rows)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        for (var start = 0; start < rows.Count; start += RowsPerCommand)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new System.Text.StringBuilder("INSERT INTO audit_entries (\"at\", user_id, user_name, entity, entity_id, action, changes) VALUES ");
            var end = Math.Min(rows.Count, start + RowsPerCommand);
            for (var i = start; i < end; i++)
            {
                var row = rows[i];
                var n = i - start;
                if (n > 0) sql.Append(',');
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"(@a{n}, @u{n}, @n{n}, @e{n}, @i{n}, @c{n}, @j{n})");
                command.AddParameter($"@a{n}", row.At);
                command.AddParameter($"@u{n}", row.UserId);
                command.AddParameter($"@n{n}", row.UserName);
                command.AddParameter($"@e{n}", row.Entity);
                command.AddParameter($"@i{n}", row.EntityId);
                command.AddParameter($"@c{n}", row.Action);
                command.AddParameter($"@j{n}", row.Changes);
            }
            command.CommandText = sql.ToString();
            yield return command;
        }
    }


    private static string Id(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue ?? entry.Property(p.Name).OriginalValue));
    }
}
