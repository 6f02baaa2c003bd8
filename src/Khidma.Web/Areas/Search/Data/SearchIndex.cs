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

/// <summary>The search index tables (migration 0005) behind one class; the provider switch is here and
/// nowhere else. SQLite: an FTS5 table ranked with bm25. PostgreSQL: a tsvector column with a GIN index
/// ranked with ts_rank_cd. All SQL is parameterized; user text only ever reaches it as a parameter.</summary>
public sealed class SearchIndex(AppDbContext db, string? countryCode)
{
    // How many of the newest matches of each kind are ranked. Ranking every match of a common word among a
    // million documents costs far more than the 100 ms a search may take; the newest matches are also what
    // a help desk looks for. Rare words have fewer matches than this and are ranked completely.
    public const int RankWindow = 1000;

    // Subject and name hits count ten times a body hit, so they come first unless a body says the words
    // over and over.
    private const double TitleWeight = 10.0;

    // Taken shared by every index write and exclusively by each rebuild batch on PostgreSQL, so a batch
    // never overwrites a document with rows it read before a concurrent change committed.
    internal const long WriteLockKey = 0x4B68536561726368; // "KhSearch"
    private const int LoadChunk = 500;

    public string? CountryCode => countryCode;

    public bool IsSqlite => db.IsSqlite;

    public static long RowId(SearchKind kind, long id) => kind == SearchKind.Customer ? -id : id;

    /// <summary>The newest <see cref="RankWindow"/> matches of one kind, scored; composable with LINQ so the
    /// caller can join permissions and titles in the same query.</summary>
    public IQueryable<SearchCandidate> Candidates(SearchKind kind, SearchQuery query)
    {
        if (db.IsSqlite)
        {
            var match = query.Fts5Match;
            return kind == SearchKind.Customer
                ? db.Database.SqlQuery<SearchCandidate>($"""
                    SELECT -rowid AS "Id", -bm25(search_docs, {TitleWeight}, 1.0) AS "Score" FROM search_docs
                    WHERE search_docs MATCH {match} AND rowid < 0 ORDER BY rowid LIMIT {RankWindow}
                    """)
                : db.Database.SqlQuery<SearchCandidate>($"""
                    SELECT rowid AS "Id", -bm25(search_docs, {TitleWeight}, 1.0) AS "Score" FROM search_docs
                    WHERE search_docs MATCH {match} AND rowid > 0 ORDER BY rowid DESC LIMIT {RankWindow}
                    """);
        }

        // Weights are {D, C, B, A}: title lexemes carry A, body lexemes B.
        var tsQuery = query.TsQuery;
        var weights = new[] { 0.1f, 0.1f, 0.1f, (float)(0.1 * TitleWeight) };
        return db.Database.SqlQuery<SearchCandidate>($"""
            SELECT d.ref_id AS "Id", ts_rank_cd({weights}, d.tsv, to_tsquery('simple', {tsQuery}))::float8 AS "Score"
            FROM (SELECT ref_id, tsv FROM search_docs
                  WHERE kind = {(short)kind} AND tsv @@ to_tsquery('simple', {tsQuery})
                  ORDER BY ref_id DESC LIMIT {RankWindow}) AS d
            """);
    }

    /// <summary>Customers with a phone number that ends with <paramref name="digits"/> (or equals it).</summary>
    public async Task<List<long>> CustomersByPhoneAsync(string digits, int limit, CancellationToken ct)
    {
        var reversed = Reverse(digits);
        // ':' sorts right after '9', so [reversed, reversed + ':') is every string that starts with it.
        var upper = reversed + ":";
        return await db.Database.SqlQuery<long>($"""
            SELECT DISTINCT customer_id AS "Value" FROM search_phones
            WHERE digits_reversed >= {reversed} AND digits_reversed < {upper}
            ORDER BY customer_id DESC LIMIT {limit}
            """).ToListAsync(ct);
    }

    /// <summary>Re-reads the given customers and interactions and rewrites their documents; ids that no
    /// longer exist lose theirs. Runs in the current transaction when there is one.</summary>
    public async Task UpdateAsync(IReadOnlyCollection<long> customers, IReadOnlyCollection<long> interactions,
        IReadOnlyCollection<long> removedCustomers, IReadOnlyCollection<long> removedInteractions, CancellationToken ct)
    {
        if (customers.Count + interactions.Count + removedCustomers.Count + removedInteractions.Count == 0) return;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var writer = new Writer(this);
            await writer.LockAsync(exclusive: false, ct);
            foreach (var chunk in customers.Distinct().Chunk(LoadChunk))
            {
                var docs = await LoadCustomersAsync(chunk, ct);
                foreach (var id in chunk)
                {
                    if (docs.TryGetValue(id, out var doc)) await writer.PutAsync(SearchKind.Customer, id, doc, ct);
                    else await writer.RemoveAsync(SearchKind.Customer, id, ct);
                }
            }
            foreach (var chunk in interactions.Distinct().Chunk(LoadChunk))
            {
                var docs = await LoadInteractionsAsync(chunk, ct);
                foreach (var id in chunk)
                {
                    if (docs.TryGetValue(id, out var doc)) await writer.PutAsync(SearchKind.Interaction, id, doc, ct);
                    else await writer.RemoveAsync(SearchKind.Interaction, id, ct);
                }
            }
            foreach (var id in removedCustomers) await writer.RemoveAsync(SearchKind.Customer, id, ct);
            foreach (var id in removedInteractions) await writer.RemoveAsync(SearchKind.Interaction, id, ct);
            await writer.FlushAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

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

    internal DbConnection Connection => db.Database.GetDbConnection();

    internal DbTransaction? Transaction => db.Database.CurrentTransaction?.GetDbTransaction();

    /// <summary>Writes documents in the current transaction. SQLite: prepared statements, one per document.
    /// PostgreSQL: documents are buffered and sent as one statement per kind (unnest of arrays).</summary>
    internal sealed class Writer : IAsyncDisposable
    {
        private readonly SearchIndex index;
        private readonly List<DbCommand> commands = [];
        private DbCommand? put;
        private DbCommand? delete;
        private DbCommand? deletePhones;
        private DbCommand? insertPhone;
        private readonly Dictionary<SearchKind, List<(long Id, SearchDocument Doc)>> puts = [];
        private readonly Dictionary<SearchKind, List<long>> removals = [];

        public Writer(SearchIndex index) => this.index = index;

        // PostgreSQL only (SQLite writers are serialized by the database): see WriteLockKey.
        public async Task LockAsync(bool exclusive, CancellationToken ct)
        {
            if (index.IsSqlite) return;
            await using var cmd = Command(exclusive ? "SELECT pg_advisory_xact_lock(@k)" : "SELECT pg_advisory_xact_lock_shared(@k)");
            Add(cmd, "@k", WriteLockKey);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public async Task PutAsync(SearchKind kind, long id, SearchDocument doc, CancellationToken ct)
        {
            if (!index.IsSqlite)
            {
                Buffer(puts, kind).Add((id, doc));
                return;
            }
            put ??= Prepared("INSERT OR REPLACE INTO search_docs (rowid, title_norm, body_norm) VALUES ($r, $t, $b)", "$r", "$t", "$b");
            put.Parameters[0].Value = RowId(kind, id);
            put.Parameters[1].Value = doc.TitleNorm;
            put.Parameters[2].Value = doc.BodyNorm;
            await put.ExecuteNonQueryAsync(ct);
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
            delete ??= Prepared("DELETE FROM search_docs WHERE rowid = $r", "$r");
            delete.Parameters[0].Value = RowId(kind, id);
            await delete.ExecuteNonQueryAsync(ct);
            if (kind == SearchKind.Customer) await DeletePhonesAsync(id, ct);
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            if (index.IsSqlite) return;
            foreach (var (kind, ids) in removals)
            {
                await using var cmd = Command("DELETE FROM search_docs WHERE kind = @k AND ref_id = ANY(@ids)");
                Add(cmd, "@k", (short)kind);
                Add(cmd, "@ids", ids.ToArray());
                await cmd.ExecuteNonQueryAsync(ct);
                if (kind == SearchKind.Customer) await DeletePhonesAsync(ids.ToArray(), ct);
            }
            foreach (var (kind, docs) in puts)
            {
                await using (var cmd = Command("""
                    INSERT INTO search_docs (kind, ref_id, tsv)
                    SELECT @k, x.id, setweight(to_tsvector('simple', x.t), 'A') || setweight(to_tsvector('simple', x.b), 'B')
                    FROM unnest(@ids, @titles, @bodies) AS x(id, t, b)
                    ON CONFLICT (kind, ref_id) DO UPDATE SET tsv = EXCLUDED.tsv
                    """))
                {
                    Add(cmd, "@k", (short)kind);
                    Add(cmd, "@ids", docs.Select(d => d.Id).ToArray());
                    Add(cmd, "@titles", docs.Select(d => d.Doc.TitleNorm).ToArray());
                    Add(cmd, "@bodies", docs.Select(d => d.Doc.BodyNorm).ToArray());
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
                Add(insert, "@d", phones.Select(p => p.Reversed).ToArray());
                Add(insert, "@c", phones.Select(p => p.Id).ToArray());
                await insert.ExecuteNonQueryAsync(ct);
            }
            puts.Clear();
            removals.Clear();
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
            Add(cmd, "@c", ids);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        private static List<T> Buffer<T>(Dictionary<SearchKind, List<T>> buffers, SearchKind kind)
        {
            if (!buffers.TryGetValue(kind, out var list)) buffers[kind] = list = [];
            return list;
        }

        private DbCommand Command(string sql)
        {
            var cmd = index.Connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = index.Transaction;
            cmd.CommandTimeout = 300;
            return cmd;
        }

        private DbCommand Prepared(string sql, params string[] names)
        {
            var cmd = Command(sql);
            foreach (var name in names) Add(cmd, name, DBNull.Value);
            cmd.Prepare();
            commands.Add(cmd);
            return cmd;
        }

        private static void Add(DbCommand cmd, string name, object value)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var cmd in commands) await cmd.DisposeAsync();
            commands.Clear();
        }
    }
}
