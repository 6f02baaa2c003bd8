using Khidma.Web.Platform.Data;
using Microsoft.Data.Sqlite;

namespace Khidma.Web.Areas.Search.Data;

/// <summary>SQLite only: the full-text index lives in its own database file (<c>search.db</c> next to the
/// main one), reached through its own connections. FTS5 merges segments while it writes; in the main file
/// those merges held SQLite's only write lock for seconds and every create queued behind them. Here they
/// only hold this file's lock, which no request waits for. The main write connections never ATTACH this
/// file: BEGIN IMMEDIATE locks every attached database. The file is derived data: when it is missing or
/// from another schema version it is recreated empty and rebuilt (<see cref="SearchRebuild"/>).</summary>
public sealed class SearchFile
{
    // Bump when the tables below change: a file with another version is deleted and rebuilt at start.
    public const int SchemaVersion = 1;

    private const string Schema = """
        CREATE VIRTUAL TABLE search_customers USING fts5(
            title_norm, body_norm,
            content = '', contentless_delete = 1,
            tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Mn Mc'",
            prefix = '2 3 4 5', detail = column
        );
        CREATE VIRTUAL TABLE search_customer_titles USING fts5(
            title_norm,
            content = '', contentless_delete = 1,
            tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Mn Mc'",
            prefix = '2 3 4 5', detail = none
        );
        CREATE VIRTUAL TABLE search_interactions USING fts5(
            title_norm, body_norm,
            content = '', contentless_delete = 1,
            tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Mn Mc'",
            prefix = '2 3 4 5', detail = column
        );
        CREATE VIRTUAL TABLE search_interaction_titles USING fts5(
            title_norm,
            content = '', contentless_delete = 1,
            tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Mn Mc'",
            prefix = '2 3 4 5', detail = none
        );
        CREATE TABLE search_phones (
            digits_reversed TEXT NOT NULL,
            customer_id INTEGER NOT NULL,
            PRIMARY KEY (digits_reversed, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_search_phones_customer_id ON search_phones (customer_id);
        CREATE TABLE search_state (
            name TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );
        """;

    private SearchFile(string? path)
    {
        Path = path;
        ConnectionString = path is null ? "" : new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The file's path; null on PostgreSQL, where the index stays in the main database.</summary>
    public string? Path { get; }

    public string ConnectionString { get; }

    public bool Enabled => Path is not null;

    public static SearchFile For(ProviderInfo provider)
    {
        if (provider.IsPostgres) return new SearchFile(null);
        var main = new SqliteConnectionStringBuilder(provider.ConnectionString).DataSource;
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(main)) ?? ".";
        return new SearchFile(System.IO.Path.Combine(dir, "search.db"));
    }

    public static readonly string[] FtsTables =
        ["search_customers", "search_customer_titles", "search_interactions", "search_interaction_titles"];

    /// <summary>An open connection to the search file (pooled). WAL and NORMAL sync, like the main file;
    /// a larger page cache, since queries walk FTS5 doclists.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-16384;", ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the file's tables when the file is new, empty, unreadable or of another version.
    /// Returns true when it did: the index is then empty and needs a rebuild.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        if (Path is null) return false;
        if (File.Exists(Path))
        {
            try
            {
                await using var existing = await OpenAsync(ct);
                if (await ScalarAsync(existing, "PRAGMA user_version", ct) == SchemaVersion) return false;
            }
            catch (SqliteException)
            {
                // Not a database any more (a torn copy, a truncated file): it is rebuilt below.
            }
            Delete();
        }
        await using var connection = await OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL", ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        // Another process may have created it meanwhile; BEGIN IMMEDIATE made the check and the creation one step.
        if (await ScalarAsync(connection, "PRAGMA user_version", ct, tx) == SchemaVersion) return false;
        await ExecuteAsync(connection, Schema, ct, tx);
        foreach (var table in FtsTables)
        {
            // Commits never merge segments themselves (the indexer merges in bounded steps, SearchIndexer);
            // crisismerge is the backstop should it fall behind.
            await ExecuteAsync(connection, $"INSERT INTO {table} ({table}, rank) VALUES ('automerge', 0)", ct, tx);
            await ExecuteAsync(connection, $"INSERT INTO {table} ({table}, rank) VALUES ('crisismerge', 64)", ct, tx);
        }
        await ExecuteAsync(connection, $"PRAGMA user_version = {SchemaVersion}", ct, tx);
        await tx.CommitAsync(ct);
        return true;
    }

    private void Delete()
    {
        using (var pooled = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(pooled);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(Path + suffix);
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
