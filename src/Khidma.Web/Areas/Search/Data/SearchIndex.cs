using System.Data.Common;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Search.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Khidma.Web.Areas.Search.Data;

public enum SearchKind : short
{
    Customer = 0,
    Interaction = 1,
}

/// <summary>A document found by the full-text query, with a score where higher is better.</summary>
public sealed class SearchCandidate
{
    public long Id { get; set; }
    public double Score { get; set; }
}

/// <summary>The search index tables behind one class; the provider switch is here and nowhere else.
/// SQLite: FTS5 tables in their own file (<see cref="SearchFile"/>) ranked with bm25. PostgreSQL: tsvector
/// columns with GIN indexes in the main database (migration 0005) ranked with ts_rank_cd. Written only by
/// <see cref="SearchIndexer"/> and <see cref="SearchRebuild"/>. User text only ever reaches the SQL as a
/// parameter. See docs/arabic-search.md §6.</summary>
public sealed class SearchIndex(AppDbContext db, SearchFile file, string? countryCode)
{
    // Up to this many matches of a kind, SQLite ranks all of them with bm25; above it, the newest come
    // first. A help desk mostly looks for recent work, and ranking every match of a common word among a
    // million documents costs far more than a search may take.
    public const int RankWindow = 1000;

    /// <summary>Added to the score of a document whose title (name, subject) holds every query term, so
    /// those come first whatever the rest of the score; scores below it are a kind's own scale.</summary>
    public const double TitleTier = 1L << 50;

    // In bm25 and ts_rank_cd, a title hit counts ten times a body hit.
    private const double TitleWeight = 10.0;

    // PostgreSQL: held (transaction-scoped) by the indexer's batch and by each rebuild batch before they read
    // documents, so one never writes a document over a newer one the other read later.
    internal const long WriteLockKey = 0x4B68536561726368; // "KhSearch"

    // The longest prefix index of the FTS5 tables (migration 0005: prefix = '2 3 4 5').
    private const int LongestIndexedPrefix = 5;

    public string? CountryCode => countryCode;

    public bool IsSqlite => db.IsSqlite;

    // SQLite: per kind, the documents and their titles alone (migration 0005); rowid = the row's id.
    // Constants only: table names are never built from input.
    internal static (string Docs, string Titles) SqliteTables(SearchKind kind) => kind == SearchKind.Customer
        ? ("search_customers", "search_customer_titles")
        : ("search_interactions", "search_interaction_titles");

    public SearchFile File => file;

    /// <summary>The matches of one kind, scored (higher is better; title hits above <see cref="TitleTier"/>),
    /// at most a few thousand: the caller applies permissions and titles in the main database with the ids.
    /// Broad queries are bounded: the newest title hits and the newest matches, ten times
    /// <paramref name="limit"/> of each.</summary>
    public async Task<List<SearchCandidate>> CandidatesAsync(SearchKind kind, SearchQuery query, int limit, CancellationToken ct)
    {
        // Newest first, the first page only needs the newest hits the user may see: ten times the page
        // covers anyone who sees a tenth of the work, without joining a thousand rows to the permissions.
        var newest = Math.Clamp(limit * 10, 100, RankWindow);
        if (!db.IsSqlite) return await PostgresSearchSql.CandidatesAsync(db, kind, query, newest, ct);
        return await SqliteCandidatesAsync(kind, query, newest, ct);
    }

    private async Task<List<SearchCandidate>> SqliteCandidatesAsync(SearchKind kind, SearchQuery query, int newest, CancellationToken ct)
    {
        var sql = SqliteStatements.For(kind);
        await using var connection = await file.OpenAsync(ct);
        // FTS5's bm25 first counts every document of every query term (its IDF), whatever the LIMIT: a few
        // milliseconds for rare words, tens for a word in most of a million documents. So bm25 ranks the
        // queries with fewer matches than the window, all of them; broader queries list the newest title
        // hits, then the newest other matches, which reads no more than two windows of the index.
        async Task<long> CountAsync(string fts5Match)
        {
            await using var cmd = SqliteCommand(connection, sql.Count, ("@match", fts5Match), ("@window", RankWindow));
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        var match = query.Fts5Match;
        long matches;
        if (query.Terms[^1].Length > LongestIndexedPrefix
            && await CountAsync(query.Fts5ExactMatch) is var exactMatches && exactMatches >= RankWindow)
        {
            // A last word longer than the prefix indexes makes FTS5 gather the documents of every word that
            // starts with it before it returns one row. When the whole word alone fills the window, the user
            // has finished typing it, and the longer words would rank below the window anyway.
            match = query.Fts5ExactMatch;
            matches = exactMatches;
        }
        else
        {
            matches = await CountAsync(match);
        }

        await using var select = matches < RankWindow
            ? SqliteCommand(connection, sql.Ranked, ("@match", match), ("@tier", TitleTier), ("@weight", TitleWeight), ("@window", RankWindow))
            : SqliteCommand(connection, sql.Newest, ("@match", match), ("@tier", TitleTier), ("@newest", newest));
        var candidates = new List<SearchCandidate>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            candidates.Add(new SearchCandidate { Id = reader.GetInt64(0), Score = reader.GetDouble(1) });
        return candidates;
    }

    private static Microsoft.Data.Sqlite.SqliteCommand SqliteCommand(Microsoft.Data.Sqlite.SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return cmd;
    }

    // The SQLite statements of one kind: the templates with that kind's table names, made once.
    internal sealed record SqliteStatements(string Count, string Ranked, string Newest)
    {
        private static readonly SqliteStatements Customers = Make(SearchKind.Customer);
        private static readonly SqliteStatements Interactions = Make(SearchKind.Interaction);

        public static SqliteStatements For(SearchKind kind) => kind == SearchKind.Customer ? Customers : Interactions;

        private static SqliteStatements Make(SearchKind kind)
        {
            var (docs, titles) = SqliteTables(kind);
            string Sql(string template) => template.Replace("DOCS", docs, StringComparison.Ordinal).Replace("TITLES", titles, StringComparison.Ordinal);
            return new SqliteStatements(
                Sql("""
                    SELECT count(*) FROM (SELECT rowid FROM DOCS WHERE DOCS MATCH @match ORDER BY rowid DESC LIMIT @window)
                    """),
                Sql("""
                    SELECT rowid AS "Id",
                           (rowid IN (SELECT rowid FROM TITLES WHERE TITLES MATCH @match)) * @tier - bm25(DOCS, @weight, 1.0) AS "Score"
                    FROM DOCS WHERE DOCS MATCH @match ORDER BY rowid DESC LIMIT @window
                    """),
                Sql("""
                    SELECT "Id", max("Score") AS "Score" FROM (
                        SELECT * FROM (SELECT rowid AS "Id", @tier + rowid AS "Score" FROM TITLES WHERE TITLES MATCH @match
                                       ORDER BY rowid DESC LIMIT @newest)
                        UNION ALL
                        SELECT * FROM (SELECT rowid AS "Id", rowid * 1.0 AS "Score" FROM DOCS WHERE DOCS MATCH @match
                                       ORDER BY rowid DESC LIMIT @newest))
                    GROUP BY "Id"
                    """));
        }
    }

    /// <summary>Customers with a phone number that ends with <paramref name="digits"/> (or equals it).</summary>
    public async Task<List<long>> CustomersByPhoneAsync(string digits, int limit, CancellationToken ct)
    {
        var reversed = Reverse(digits);
        // ':' sorts right after '9', so [reversed, reversed + ':') is every string that starts with it.
        var upper = reversed + ":";
        if (!db.IsSqlite)
        {
            return await db.Database.SqlQuery<long>($"""
                SELECT DISTINCT customer_id AS "Value" FROM search_phones
                WHERE digits_reversed >= {reversed} AND digits_reversed < {upper}
                ORDER BY customer_id DESC LIMIT {limit}
                """).ToListAsync(ct);
        }
        await using var connection = await file.OpenAsync(ct);
        await using var cmd = SqliteCommand(connection, """
            SELECT DISTINCT customer_id FROM search_phones
            WHERE digits_reversed >= @lower AND digits_reversed < @upper
            ORDER BY customer_id DESC LIMIT @limit
            """, ("@lower", reversed), ("@upper", upper), ("@limit", limit));
        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>The documents of these ids of one kind, loaded from the main tables; ids without a row are
    /// missing from the result (deleted: their documents are removed).</summary>
    internal Task<Dictionary<long, SearchDocument>> LoadAsync(SearchKind kind, long[] ids, CancellationToken ct) => kind switch
    {
        SearchKind.Customer => LoadCustomersAsync(ids, ct),
        SearchKind.Interaction => LoadInteractionsAsync(ids, ct),
        _ => throw new InvalidDataException("Unknown search document kind " + (short)kind),
    };

    internal async Task<Dictionary<long, SearchDocument>> LoadCustomersAsync(long[] ids, CancellationToken ct)
    {
        var rows = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.Organization }).ToListAsync(ct);
        var contacts = (await db.CustomerContacts.AsNoTracking().Where(x => ids.Contains(x.CustomerId))
                .OrderBy(x => x.Id).Select(x => new { x.CustomerId, x.Kind, x.Value }).ToListAsync(ct))
            .ToLookup(x => x.CustomerId, x => (x.Kind != ContactKind.Email, x.Value));
        return rows.ToDictionary(r => r.Id, r => SearchDocument.ForCustomer(r.Name, r.Organization, contacts[r.Id], countryCode));
    }

    internal async Task<Dictionary<long, SearchDocument>> LoadInteractionsAsync(long[] ids, CancellationToken ct)
    {
        var subjects = await db.Interactions.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Subject }).ToListAsync(ct);
        var bodies = (await db.TimelineEntries.AsNoTracking().Where(t => ids.Contains(t.InteractionId) && t.Body != null)
                .OrderBy(t => t.InteractionId).ThenByDescending(t => t.Id).Select(t => new { t.InteractionId, t.Body }).ToListAsync(ct))
            .ToLookup(t => t.InteractionId, t => t.Body);
        return subjects.ToDictionary(s => s.Id, s => SearchDocument.ForInteraction(s.Subject, bodies[s.Id]));
    }

    internal static string Reverse(string digits)
    {
        var chars = digits.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    // PostgreSQL writes go to the main database, in its current transaction.
    internal DbConnection Connection => db.Database.GetDbConnection();

    internal DbTransaction? Transaction => db.Database.CurrentTransaction?.GetDbTransaction();

    /// <summary>Writes documents. SQLite: in the search file, on the given connection and transaction, prepared
    /// statements, one per document. PostgreSQL: in the main database's current transaction; documents are
    /// buffered and sent as one statement per kind (unnest of arrays).</summary>
    internal sealed class Writer : IAsyncDisposable
    {
        private readonly SearchIndex index;
        private readonly DbConnection connection;
        private readonly DbTransaction? transaction;
        private readonly List<DbCommand> commands = [];
        private readonly Dictionary<SearchKind, (DbCommand Docs, DbCommand Titles)> prepared = [];
        private readonly Dictionary<SearchKind, (DbCommand Docs, DbCommand Titles)> deletes = [];
        private DbCommand? deletePhones;
        private DbCommand? insertPhone;
        private readonly Dictionary<SearchKind, List<(long Id, SearchDocument Doc)>> puts = [];
        private readonly Dictionary<SearchKind, List<long>> removals = [];

        public Writer(SearchIndex index, Microsoft.Data.Sqlite.SqliteConnection? searchFile = null, Microsoft.Data.Sqlite.SqliteTransaction? searchTransaction = null)
        {
            this.index = index;
            if (index.IsSqlite)
            {
                connection = searchFile ?? throw new InvalidOperationException("SQLite index writes go to the search file.");
                transaction = searchTransaction;
            }
            else
            {
                connection = index.Connection;
                transaction = index.Transaction;
            }
        }

        // PostgreSQL only (on SQLite the search file's write transaction orders writers): see WriteLockKey.
        // Without waiting, false when another node holds it.
        public async Task<bool> LockAsync(bool wait, CancellationToken ct)
        {
            if (index.IsSqlite) return true;
            await using var cmd = Command(wait ? "SELECT true FROM (SELECT pg_advisory_xact_lock(@k)) AS l" : "SELECT pg_try_advisory_xact_lock(@k)");
            cmd.AddParameter("@k", WriteLockKey);
            return await cmd.ExecuteScalarAsync(ct) is true;
        }

        public async Task PutAsync(SearchKind kind, long id, SearchDocument doc, CancellationToken ct)
        {
            if (!index.IsSqlite)
            {
                Buffer(puts, kind).Add((id, doc));
                return;
            }
            var (put, putTitle) = Puts(kind);
            put.Parameters[0].Value = putTitle.Parameters[0].Value = id;
            put.Parameters[1].Value = putTitle.Parameters[1].Value = doc.TitleNorm;
            put.Parameters[2].Value = doc.BodyNorm;
            await put.ExecuteNonQueryAsync(ct);
            await putTitle.ExecuteNonQueryAsync(ct);
            if (kind != SearchKind.Customer) return;
            await DeletePhonesAsync(id, ct);
            insertPhone ??= Prepared("INSERT OR IGNORE INTO search_phones (digits_reversed, customer_id) VALUES ($d, $c)", "$d", "$c");
            foreach (var phone in doc.Phones)
            {
                insertPhone.Parameters[0].Value = Reverse(phone);
                insertPhone.Parameters[1].Value = id;
                await insertPhone.ExecuteNonQueryAsync(ct);
            }
        }

        public async Task RemoveAsync(SearchKind kind, long id, CancellationToken ct)
        {
            if (!index.IsSqlite)
            {
                Buffer(removals, kind).Add(id);
                return;
            }
            var (delete, deleteTitle) = Deletes(kind);
            delete.Parameters[0].Value = deleteTitle.Parameters[0].Value = id;
            await delete.ExecuteNonQueryAsync(ct);
            await deleteTitle.ExecuteNonQueryAsync(ct);
            if (kind == SearchKind.Customer) await DeletePhonesAsync(id, ct);
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            if (index.IsSqlite) return;
            foreach (var (kind, ids) in removals)
            {
                await using var cmd = Command("DELETE FROM search_docs WHERE kind = @k AND ref_id = ANY(@ids)");
                cmd.AddParameter("@k", (short)kind);
                cmd.AddParameter("@ids", ids.ToArray());
                await cmd.ExecuteNonQueryAsync(ct);
                if (kind == SearchKind.Customer) await DeletePhonesAsync(ids.ToArray(), ct);
            }
            foreach (var (kind, docs) in puts)
            {
                await using (var cmd = Command("""
                    INSERT INTO search_docs (kind, ref_id, tsv, title_tsv)
                    SELECT @k, x.id, setweight(to_tsvector('simple', x.t), 'A') || setweight(to_tsvector('simple', x.b), 'B'),
                           to_tsvector('simple', x.t)
                    FROM unnest(@ids, @titles, @bodies) AS x(id, t, b)
                    ON CONFLICT (kind, ref_id) DO UPDATE SET tsv = EXCLUDED.tsv, title_tsv = EXCLUDED.title_tsv
                    """))
                {
                    cmd.AddParameter("@k", (short)kind);
                    cmd.AddParameter("@ids", docs.Select(d => d.Id).ToArray());
                    cmd.AddParameter("@titles", docs.Select(d => d.Doc.TitleNorm).ToArray());
                    cmd.AddParameter("@bodies", docs.Select(d => d.Doc.BodyNorm).ToArray());
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                if (kind != SearchKind.Customer) continue;
                await DeletePhonesAsync(docs.Select(d => d.Id).ToArray(), ct);
                var phones = docs.SelectMany(d => d.Doc.Phones.Select(p => (Reversed: Reverse(p), d.Id))).ToArray();
                if (phones.Length == 0) continue;
                await using var insert = Command("""
                    INSERT INTO search_phones (digits_reversed, customer_id)
                    SELECT * FROM unnest(@d, @c) ON CONFLICT DO NOTHING
                    """);
                insert.AddParameter("@d", phones.Select(p => p.Reversed).ToArray());
                insert.AddParameter("@c", phones.Select(p => p.Id).ToArray());
                await insert.ExecuteNonQueryAsync(ct);
            }
            puts.Clear();
            removals.Clear();
        }

        private (DbCommand Docs, DbCommand Titles) Puts(SearchKind kind)
        {
            if (prepared.TryGetValue(kind, out var commands)) return commands;
            var (docs, titles) = SqliteTables(kind);
            return prepared[kind] = (
                Prepared($"INSERT OR REPLACE INTO {docs} (rowid, title_norm, body_norm) VALUES ($r, $t, $b)", "$r", "$t", "$b"),
                Prepared($"INSERT OR REPLACE INTO {titles} (rowid, title_norm) VALUES ($r, $t)", "$r", "$t"));
        }

        private (DbCommand Docs, DbCommand Titles) Deletes(SearchKind kind)
        {
            if (deletes.TryGetValue(kind, out var commands)) return commands;
            var (docs, titles) = SqliteTables(kind);
            return deletes[kind] = (
                Prepared($"DELETE FROM {docs} WHERE rowid = $r", "$r"),
                Prepared($"DELETE FROM {titles} WHERE rowid = $r", "$r"));
        }

        private async Task DeletePhonesAsync(long id, CancellationToken ct)
        {
            deletePhones ??= Prepared("DELETE FROM search_phones WHERE customer_id = $c", "$c");
            deletePhones.Parameters[0].Value = id;
            await deletePhones.ExecuteNonQueryAsync(ct);
        }

        private async Task DeletePhonesAsync(long[] ids, CancellationToken ct)
        {
            await using var cmd = Command("DELETE FROM search_phones WHERE customer_id = ANY(@c)");
            cmd.AddParameter("@c", ids);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        private static List<T> Buffer<T>(Dictionary<SearchKind, List<T>> buffers, SearchKind kind)
        {
            if (!buffers.TryGetValue(kind, out var list)) buffers[kind] = list = [];
            return list;
        }

        private DbCommand Command(string sql)
        {
            var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = transaction;
            cmd.CommandTimeout = 300;
            return cmd;
        }

        private DbCommand Prepared(string sql, params string[] names)
        {
            var cmd = Command(sql);
            foreach (var name in names) cmd.AddParameter(name, DBNull.Value);
            cmd.Prepare();
            commands.Add(cmd);
            return cmd;
        }


        public async ValueTask DisposeAsync()
        {
            foreach (var cmd in commands) await cmd.DisposeAsync();
            commands.Clear();
        }
    }
}
