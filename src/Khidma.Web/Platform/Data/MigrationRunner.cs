using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Platform.Data;

// Numbered SQL scripts per provider, embedded in the assembly, applied in one transaction under a lock
// (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock) and recorded in schema_versions.
public sealed partial class MigrationRunner(AppDbContext db, ProviderInfo provider, TimeProvider clock, ILogger<MigrationRunner> log)
{
    private const long AdvisoryLockKey = 0x4B6869646D61; // "Khidma"

    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> Scripts(bool postgres)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{(postgres ? "Postgres" : "Sqlite")}.";
        var list = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var name = resource[prefix.Length..^4];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore < 1 || !int.TryParse(name[..underscore], out var version))
                throw new InvalidOperationException($"Migration {resource} must be named NNNN_name.sql");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add(new Script(version, name, reader.ReadToEnd()));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < list.Count; i++)
            if (list[i].Version == list[i - 1].Version) throw new InvalidOperationException($"Two migrations numbered {list[i].Version}");
        return list;
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        var scripts = Scripts(provider.IsPostgres);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (!provider.IsPostgres) await ExecAsync(connection, "PRAGMA journal_mode=WAL;", ct);
            await ExecAsync(connection, provider.IsPostgres ? "BEGIN; SELECT pg_advisory_xact_lock(" + AdvisoryLockKey + ");" : "BEGIN IMMEDIATE;", ct);
            var applied = new List<string>();
            try
            {
                await ExecAsync(connection, """
                    CREATE TABLE IF NOT EXISTS schema_versions (
                        version integer PRIMARY KEY,
                        name varchar(200) NOT NULL,
                        applied_at varchar(40) NOT NULL
                    );
                    """, ct);
                // Every script not recorded yet, not only those above the highest: a database that received a
                // later-numbered script first (merged branches, a hotfix) still gets the earlier ones.
                var done = await AppliedVersionsAsync(connection, ct);
                foreach (var script in scripts.Where(s => !done.Contains(s.Version)))
                {
                    LogApplying(log, script.Name);
                    await ExecAsync(connection, script.Sql, ct);
                    await using var record = connection.CreateCommand();
                    record.CommandText = "INSERT INTO schema_versions (version, name, applied_at) VALUES (@v, @n, @a)";
                    record.AddParameter("@v", script.Version);
                    record.AddParameter("@n", script.Name);
                    record.AddParameter("@a", clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    await record.ExecuteNonQueryAsync(ct);
                    applied.Add(script.Name);
                }
                await ExecAsync(connection, "COMMIT;", ct);
            }
            catch
            {
                await ExecAsync(connection, "ROLLBACK;", CancellationToken.None);
                throw;
            }
            return applied;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<int> CurrentVersionAsync(CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try { return await CurrentVersionAsync(connection, ct); }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_versions";
        try { return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture); }
        catch (DbException) { return 0; }
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(DbConnection connection, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_versions";
        var versions = new HashSet<int>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) versions.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        return versions;
    }

    private static async Task ExecAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync(ct);
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Applying migration {Name}")]
    private static partial void LogApplying(ILogger logger, string name);
}
