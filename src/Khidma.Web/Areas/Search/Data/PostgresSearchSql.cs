using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Khidma.Web.Areas.Search.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Khidma.Web.Areas.Search.Data;

/// <summary>The PostgreSQL half of <see cref="SearchIndex.CandidatesAsync"/>: which documents a query can
/// match, found by one of two plans chosen here rather than by the planner, then scored in one composable
/// statement. See docs/benchmark.md, "PostgreSQL search at 1M (session 3)".</summary>
/// <remarks>
/// There are two ways to find the newest matches of a query in <c>search_docs</c>, and each is hopeless where
/// the other is good:
/// <list type="bullet">
/// <item>the walk: the primary key backwards, testing <c>@@</c> on each document, until enough match. A word in
/// every tenth document costs a few thousand rows; a word in no document of the kind reads all of them
/// (seconds at a million).</item>
/// <item>the GIN index (migration 0017: one per kind and column, so a customer query never reads interaction
/// posting lists): a rare word costs a few index pages, but a common one reads a posting list of hundreds of
/// thousands of entries before the first row, and then one heap row per match.</item>
/// </list>
/// PostgreSQL's own choice goes wrong both ways at 1M: it assumes matches are spread evenly and that a word is
/// as common in each kind as in the table, and it estimates every prefix (<c>:*</c>, the last word as typed)
/// at a fixed 2 %. So each statement here fixes its plan (<c>set_config</c> of the <c>enable_*</c> settings
/// for that statement only), and the choice comes from the index statistics read the way the planner reads
/// them, with prefixes summed over the most common lexemes that start with them (<see cref="Estimate"/>). A
/// wrong guess costs at most one bounded attempt: every plan falls back to one that is always right.
/// </remarks>
public static class PostgresSearchSql
{
    /// <summary>A walk tried first stops after this many documents of the kind; if it has not found the newest
    /// matches by then, the GIN index finds them instead.</summary>
    public const int WalkBudget = 10_000;

    /// <summary>Up to this many documents of a kind, the GIN index is always asked first: it is cheap there,
    /// and it tells exactly whether a query is narrow (fewer than <see cref="SearchIndex.RankWindow"/> matches).</summary>
    public const double SmallKind = 50_000;

    // The walk is tried first when it is expected to find the newest matches well inside its budget.
    private const double WalkMargin = 1.5;

    // Statistics are re-read this often; they only change when autovacuum analyzes the table.
    private static readonly long StatsTtlMs = (long)TimeSpan.FromMinutes(5).TotalMilliseconds;
    private static readonly ConcurrentDictionary<string, (long ReadAt, IReadOnlyDictionary<string, ColumnStats> Stats)> StatsCache = new();

    public enum Column
    {
        Body,
        Title,
    }

    public enum Plan
    {
        /// <summary>The GIN index, at most <see cref="SearchIndex.RankWindow"/> matches: when fewer come back, they
        /// are all of them.</summary>
        Gin,
        /// <summary>The primary key backwards, at most <see cref="WalkBudget"/> documents.</summary>
        Walk,
    }

    /// <summary>What ANALYZE recorded for one kind's column (its expression index in migration 0017): how many
    /// documents of the kind there are, and the share of them holding each of the most common lexemes.</summary>
    public sealed record ColumnStats(double Rows, IReadOnlyDictionary<string, double> Frequencies, double MinFrequency);

    /// <summary>The share of documents expected to match every term (the last one as a prefix): the least common
    /// term's share, since the terms of one query tend to come together. A lexeme below the statistics' list
    /// counts as half its smallest share, as in PostgreSQL's own estimate; a prefix counts every listed lexeme
    /// that starts with it.</summary>
    public static double Estimate(ColumnStats stats, IReadOnlyList<string> terms)
    {
        var rare = stats.MinFrequency / 2;
        var least = 1.0;
        for (var i = 0; i < terms.Count; i++)
        {
            double share;
            if (i < terms.Count - 1)
            {
                share = stats.Frequencies.GetValueOrDefault(terms[i], rare);
            }
            else
            {
                // The share of documents holding at least one of the lexemes, taking them as independent.
                var none = 1.0;
                foreach (var (lexeme, frequency) in stats.Frequencies)
                    if (lexeme.StartsWith(terms[i], StringComparison.Ordinal)) none *= 1 - frequency;
                share = Math.Max(1 - none, rare);
            }
            least = Math.Min(least, share);
        }
        return least;
    }

    /// <summary>Which plan to try first for the newest <paramref name="newest"/> matches of a kind's column.</summary>
    public static Plan Choose(ColumnStats? stats, IReadOnlyList<string> terms, int newest)
    {
        if (stats is null || stats.Rows <= SmallKind) return Plan.Gin;
        return Estimate(stats, terms) * WalkBudget >= newest * WalkMargin ? Plan.Walk : Plan.Gin;
    }

    /// <summary>The candidates of one kind, scored like <see cref="SearchIndex.CandidatesAsync"/> promises, as a
    /// composable query over at most a few hundred ids. Narrow queries (fewer than RankWindow matches): all
    /// matches, ranked with ts_rank_cd (title A = 1, body B = 0.1). Broad queries: the newest title hits and the
    /// newest matches, newest first. Title hits get <see cref="SearchIndex.TitleTier"/> either way.</summary>
    public static async Task<IQueryable<SearchCandidate>> CandidatesAsync(AppDbContext db, SearchKind kind, SearchQuery query, int newest, CancellationToken ct)
    {
        var tsQuery = query.TsQuery;
        var stats = await StatsAsync(db, ct);
        long[] ids;
        bool narrow;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var body = await NewestAsync(db, kind, Column.Body, query, tsQuery, newest, stats, ct);
            narrow = body.Complete;
            if (narrow)
            {
                ids = body.Ids;
            }
            else
            {
                var titles = await NewestAsync(db, kind, Column.Title, query, tsQuery, newest, stats, ct);
                ids = [.. titles.Ids.Union(body.Ids)];
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var k = (short)kind;
        var tier = SearchIndex.TitleTier;
        if (narrow)
        {
            // Weights are {D, C, B, A}: title A, body B; a title hit counts ten times a body hit.
            var weights = new[] { 0.1f, 0.1f, 0.1f, 1.0f };
            return db.Database.SqlQuery<SearchCandidate>($"""
                SELECT ref_id AS "Id",
                       CASE WHEN title_tsv @@ to_tsquery('simple', {tsQuery}) THEN {tier} ELSE 0 END
                       + ts_rank_cd({weights}, tsv, to_tsquery('simple', {tsQuery}))::float8 AS "Score"
                FROM search_docs WHERE kind = {k} AND ref_id = ANY({ids})
                """);
        }
        return db.Database.SqlQuery<SearchCandidate>($"""
            SELECT ref_id AS "Id",
                   CASE WHEN title_tsv @@ to_tsquery('simple', {tsQuery}) THEN {tier} ELSE 0 END + ref_id AS "Score"
            FROM search_docs WHERE kind = {k} AND ref_id = ANY({ids})
            """);
    }

    /// <param name="Ids">Newest first.</param>
    /// <param name="Complete">Every match (fewer than RankWindow), not only the newest.</param>
    private readonly record struct Found(long[] Ids, bool Complete);

    // The newest matches of one kind's column: the plan Choose picks, then the fallbacks. A walk within its
    // budget that finds `newest` matches has the newest; a GIN fetch that returns fewer than RankWindow has all
    // of them; otherwise the walk without a budget, which is always right and stops at `newest` matches.
    private static async Task<Found> NewestAsync(AppDbContext db, SearchKind kind, Column column, SearchQuery query, string tsQuery,
        int newest, IReadOnlyDictionary<string, ColumnStats> stats, CancellationToken ct)
    {
        var plan = Choose(stats.GetValueOrDefault(IndexName(kind, column)), query.Terms, newest);
        if (plan == Plan.Walk)
        {
            var walked = await IdsAsync(db, Statements.For(kind, column).Walk, tsQuery, newest, WalkBudget, ct);
            if (walked.Count == newest) return new Found([.. walked], false);
        }
        var all = await IdsAsync(db, Statements.For(kind, column).Gin, tsQuery, SearchIndex.RankWindow, 0, ct);
        if (all.Count < SearchIndex.RankWindow)
        {
            all.Sort((a, b) => b.CompareTo(a));
            return new Found(all.Count <= newest ? [.. all] : [.. all.Take(newest)], column == Column.Body);
        }
        return new Found([.. await IdsAsync(db, Statements.For(kind, column).Walk, tsQuery, newest, long.MaxValue, ct)], false);
    }

    private static async Task<List<long>> IdsAsync(AppDbContext db, string sql, string tsQuery, int limit, long budget, CancellationToken ct)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        Add(cmd, "q", tsQuery);
        Add(cmd, "n", limit);
        Add(cmd, "budget", budget);
        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        // The first result is the set_config row; the ids follow.
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    // The expression indexes of migration 0017; their statistics are the kind's own.
    internal static string IndexName(SearchKind kind, Column column) =>
        $"ix_search_docs_{(kind == SearchKind.Customer ? "customer" : "interaction")}_{(column == Column.Title ? "title" : "tsv")}";

    // Per kind and column, the two statements. Each first fixes its plan for its own implicit transaction
    // (set_config(…, true) ends with it): the walk may not use a bitmap or a sequential scan, so it is the
    // primary key backwards; the GIN fetch may not use a plain index or sequential scan, so it is the kind's
    // expression index. The kind is a constant in the text because the index expression holds it.
    internal sealed record Statements(string Walk, string Gin)
    {
        private static readonly Statements[] All =
        [
            Make(SearchKind.Customer, Column.Body), Make(SearchKind.Customer, Column.Title),
            Make(SearchKind.Interaction, Column.Body), Make(SearchKind.Interaction, Column.Title),
        ];

        public static Statements For(SearchKind kind, Column column) => All[(kind == SearchKind.Customer ? 0 : 2) + (column == Column.Title ? 1 : 0)];

        private static Statements Make(SearchKind kind, Column column)
        {
            var k = ((short)kind).ToString(CultureInfo.InvariantCulture);
            var col = column == Column.Title ? "title_tsv" : "tsv";
            return new Statements(
                $"""
                SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true);
                SELECT ref_id FROM (SELECT ref_id, {col} FROM search_docs WHERE kind = {k} ORDER BY ref_id DESC LIMIT @budget) AS w
                WHERE {col} @@ to_tsquery('simple', @q) ORDER BY ref_id DESC LIMIT @n
                """,
                $"""
                SELECT set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true);
                SELECT ref_id FROM search_docs WHERE (CASE WHEN kind = {k} THEN {col} END) @@ to_tsquery('simple', @q) LIMIT @n
                """);
        }
    }

    // The statistics ANALYZE keeps for the expression indexes (pg_stats lists them under the index's name):
    // documents of the kind = the table's rows less the share where the expression is null (other kinds).
    private static async Task<IReadOnlyDictionary<string, ColumnStats>> StatsAsync(AppDbContext db, CancellationToken ct)
    {
        var key = db.Database.GetDbConnection().Database;
        var now = Environment.TickCount64;
        if (StatsCache.TryGetValue(key, out var cached) && now - cached.ReadAt < StatsTtlMs) return cached.Stats;
        var rows = await db.Database.SqlQuery<StatsRow>($"""
            SELECT s.tablename AS "Index", c.reltuples::float8 AS "TableRows", s.null_frac::float8 AS "NullFraction",
                   s.most_common_elems::text::text[] AS "Lexemes", s.most_common_elem_freqs AS "Frequencies"
            FROM pg_stats s JOIN pg_class c ON c.oid = 'search_docs'::regclass
            WHERE s.schemaname = current_schema() AND s.tablename LIKE 'ix_search_docs_%'
            """).ToListAsync(ct);
        var stats = new Dictionary<string, ColumnStats>();
        foreach (var r in rows)
        {
            if (r.TableRows <= 0 || r.Lexemes is null || r.Frequencies is null || r.Frequencies.Length < r.Lexemes.Length + 1) continue;
            var frequencies = new Dictionary<string, double>(r.Lexemes.Length, StringComparer.Ordinal);
            for (var i = 0; i < r.Lexemes.Length; i++) frequencies[r.Lexemes[i]] = r.Frequencies[i];
            // After the lexemes' shares come the smallest and the largest of them (and the share of nulls).
            stats[r.Index] = new ColumnStats(r.TableRows * (1 - r.NullFraction), frequencies, r.Frequencies[r.Lexemes.Length]);
        }
        StatsCache[key] = (now, stats);
        return stats;
    }

    private sealed class StatsRow
    {
        public string Index { get; set; } = "";
        public double TableRows { get; set; }
        public double NullFraction { get; set; }
        public string[]? Lexemes { get; set; }
        public float[]? Frequencies { get; set; }
    }
}
