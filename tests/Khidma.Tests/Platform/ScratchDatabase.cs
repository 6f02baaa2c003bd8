using System.Data.Common;
using Khidma.Tests.Support;
using Khidma.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Khidma.Tests.Platform;

// An empty database of either provider, without the app around it, for testing the migration runner itself.
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string? sqliteDir;
    private readonly string? pgDatabase;

    private ScratchDatabase(bool postgres, string connectionString, string? sqliteDir, string? pgDatabase)
    {
        Postgres = postgres;
        ConnectionString = connectionString;
        this.sqliteDir = sqliteDir;
        this.pgDatabase = pgDatabase;
    }

    public bool Postgres { get; }
    public string ConnectionString { get; }
    public FakeClock Clock { get; } = new();

    public static async Task<ScratchDatabase> CreateAsync(bool postgres)
    {
        if (!postgres)
        {
            var dir = Path.Combine(Path.GetTempPath(), "khidma-tests", "scratch-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return new ScratchDatabase(false, $"Data Source={Path.Combine(dir, "khidma.db")};Default Timeout=30;Pooling=False", dir, null);
        }
        var server = KhidmaFactory.PostgresServer ?? throw new InvalidOperationException("KHIDMA_TEST_PG is not set");
        var name = "khidma_scratch_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE {name}";
            await cmd.ExecuteNonQueryAsync();
        }
        return new ScratchDatabase(true, new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString, null, name);
    }

    public IReadOnlyList<MigrationRunner.Script> Scripts => MigrationRunner.Scripts(Postgres);

    public AppDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, Postgres, ConnectionString);
        return new AppDbContext(options.Options);
    }

    public MigrationRunner NewRunner(AppDbContext db) =>
        new(db, new ProviderInfo(Postgres, ConnectionString), Clock, NullLogger<MigrationRunner>.Instance);

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection conn = Postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read)
    {
        await using var conn = await OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync()) list.Add(read(reader));
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteDir is not null)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(sqliteDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        if (pgDatabase is not null && KhidmaFactory.PostgresServer is { } server)
        {
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS {pgDatabase} WITH (FORCE)";
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
