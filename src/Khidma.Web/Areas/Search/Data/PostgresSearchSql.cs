using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Khidma.Web.Areas.Search.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Khidma.Web.Areas.Search.Data;

/// <summary>The PostgreSQL half of <see cref="SearchIndex.CandidatesAsync"/>: the documents a query matches, found
/// and scored by one of two plans chosen here rather than by the planner. See docs/arabic-search.md §6 and
/// docs/benchmark.md, "PostgreSQL search at 1M (session 3)".</summary>
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
    /// matches by then, it goes on (<see cref="WalkOn"/>) or the GIN index finds them instead.</summary>
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

    /// <summary>After a walk within its budget found <paramref name="found"/> matches but not enough, whether to walk
    /// on rather than ask the GIN index: when the matches seen promise the rest within a few budgets, and the kind
    /// promises at least twice <see cref="SearchIndex.RankWindow"/> of them (so the query is broad either way).</summary>
    public static bool WalkOn(ColumnStats? stats, int found, int newest)
    {
        if (stats is null || found == 0) return false;
        var share = (double)found / WalkBudget;
        return share * stats.Rows >= 2 * SearchIndex.RankWindow && newest / share <= MaxWalkOn;
    }

    private const double MaxWalkOn = 10.0 * WalkBudget;

    /// <summary>The candidates of one kind, scored like <see cref="SearchIndex.CandidatesAsync"/> promises, with their
    /// scores (the caller keeps those the user may see, best first). Narrow queries (fewer than
    /// RankWindow matches): all matches, ranked with ts_rank_cd (title A = 1, body B = 0.1). Broad queries: the
    /// newest title hits and the newest matches, newest first. Title hits get <see cref="SearchIndex.TitleTier"/>.</summary>
    public static async Task<List<SearchCandidate>> CandidatesAsync(AppDbContext db, SearchKind kind, SearchQuery query, int newest, CancellationToken ct)
    {
        var rows = await FindAsync(db, kind, query, newest, await StatsAsync(db, ct), ct);
        return rows.Select(r => new SearchCandidate { Id = r.Id, Score = r.Score }).ToList();
    }

    /// <summary>The candidates with their scores, found with the given statistics (tests pass their own to take
    /// each plan).</summary>
    internal static async Task<List<Row>> FindAsync(AppDbContext db, SearchKind kind, SearchQuery query, int newest,
        IReadOnlyDictionary<string, ColumnStats> stats, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await FindAsync(new Search(db, kind, query.TsQuery, query.Terms, stats, ct), newest);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    internal readonly record struct Row(long Id, double Score);

    private sealed record Search(AppDbContext Db, SearchKind Kind, string TsQuery, IReadOnlyList<string> Terms,
        IReadOnlyDictionary<string, ColumnStats> Stats, CancellationToken Ct)
    {
        public Statements Sql => Statements.For(Kind);
        public ColumnStats? Body => Stats.GetValueOrDefault(IndexName(Kind, Column.Body));
        public ColumnStats? Title => Stats.GetValueOrDefault(IndexName(Kind, Column.Title));
    }

    // The body first: a walk (newest first, each match with whether its title matches too) or the GIN index.
    // The GIN fetch that returns fewer than RankWindow has every match: the query is narrow and they are ranked.
    // Otherwise the query is broad: the newest matches, then the newest title hits. Every title hit is a body
    // hit (tsv holds the title), so the title hits newer than the last body match found are already known.
    private static async Task<List<Row>> FindAsync(Search s, int newest)
    {
        List<(long Id, bool Title)>? body = null;
        if (Choose(s.Body, s.Terms, newest) == Plan.Walk)
        {
            body = await WalkAsync(s, s.Sql.BodyWalk, long.MaxValue, newest, WalkBudget);
            if (body.Count < newest)
            {
                body = WalkOn(s.Body, body.Count, newest)
                    ? [.. body, .. await WalkAsync(s, s.Sql.BodyWalk, body[^1].Id, newest - body.Count, long.MaxValue)]
                    : null;
            }
        }
        if (body is null)
        {
            var all = await GinBodyAsync(s);
            if (all.Count < SearchIndex.RankWindow) return all;
            body = await WalkAsync(s, s.Sql.BodyWalk, long.MaxValue, newest, long.MaxValue);
        }

        var titles = body.Where(b => b.Title).Select(b => b.Id).Take(newest).ToList();
        // Fewer body matches than asked means the walk saw every document: no title hit is older.
        if (titles.Count < newest && body.Count == newest)
            titles.AddRange(await OlderTitlesAsync(s, body[^1].Id, newest - titles.Count));
        var rows = new Dictionary<long, double>(body.Count + titles.Count);
        foreach (var (id, _) in body) rows[id] = id;
        foreach (var id in titles) rows[id] = SearchIndex.TitleTier + id;
        return [.. rows.Select(r => new Row(r.Key, r.Value))];
    }

    // The newest `count` title hits older than `before`, by the same rules as the body.
    private static async Task<List<long>> OlderTitlesAsync(Search s, long before, int count)
    {
        if (Choose(s.Title, s.Terms, count) == Plan.Walk)
        {
            var walked = await WalkAsync(s, s.Sql.TitleWalk, before, count, WalkBudget);
            if (walked.Count == count) return [.. walked.Select(w => w.Id)];
            if (WalkOn(s.Title, walked.Count, count))
                return [.. walked.Select(w => w.Id), .. (await WalkAsync(s, s.Sql.TitleWalk, walked[^1].Id, count - walked.Count, long.MaxValue)).Select(w => w.Id)];
        }
        var all = new List<long>();
        await using (var reader = await ReaderAsync(s, s.Sql.TitleGin, long.MaxValue, SearchIndex.RankWindow, 0))
            while (await reader.ReadAsync(s.Ct)) all.Add(reader.GetInt64(0));
        if (all.Count < SearchIndex.RankWindow)
            return [.. all.Where(id => id < before).OrderDescending().Take(count)];
        return [.. (await WalkAsync(s, s.Sql.TitleWalk, before, count, long.MaxValue)).Select(w => w.Id)];
    }

    private static async Task<List<(long Id, bool Title)>> WalkAsync(Search s, string sql, long before, int count, long budget)
    {
        var found = new List<(long, bool)>(count);
        await using var reader = await ReaderAsync(s, sql, before, count, budget);
        while (await reader.ReadAsync(s.Ct)) found.Add((reader.GetInt64(0), reader.GetBoolean(1)));
        return found;
    }

    // Up to RankWindow matches, ranked only when they are all of them (fewer than RankWindow).
    private static async Task<List<Row>> GinBodyAsync(Search s)
    {
        var all = new List<Row>();
        await using var reader = await ReaderAsync(s, s.Sql.BodyGin, long.MaxValue, SearchIndex.RankWindow, 0);
        while (await reader.ReadAsync(s.Ct))
            all.Add(new Row(reader.GetInt64(0), (reader.GetBoolean(1) ? SearchIndex.TitleTier : 0) + (reader.IsDBNull(2) ? 0 : reader.GetDouble(2))));
        return all;
    }

    private static async Task<OwningReader> ReaderAsync(Search s, string sql, long before, int count, long budget)
    {
        var cmd = s.Db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        // Searches run outside transactions; inside a caller's transaction the plan settings would last until it ends.
        cmd.Transaction = s.Db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.AddParameter("q", s.TsQuery);
        cmd.AddParameter("before", before);
        cmd.AddParameter("n", count);
        cmd.AddParameter("budget", budget);
        // Weights are {D, C, B, A}: title A, body B; a title hit counts ten times a body hit.
        cmd.AddParameter("w", new[] { 0.1f, 0.1f, 0.1f, 1.0f });
        try
        {
            var reader = await cmd.ExecuteReaderAsync(s.Ct);
            // The first result is the set_config row; the rows follow.
            await reader.NextResultAsync(s.Ct);
            return new OwningReader(reader, cmd);
        }
        catch
        {
            await cmd.DisposeAsync();
            throw;
        }
    }


    // A reader that disposes its command with it.
    private sealed class OwningReader(DbDataReader reader, DbCommand command) : IAsyncDisposable
    {
        public Task<bool> ReadAsync(CancellationToken ct) => reader.ReadAsync(ct);
        public long GetInt64(int i) => reader.GetInt64(i);
        public bool GetBoolean(int i) => reader.GetBoolean(i);
        public double GetDouble(int i) => reader.GetDouble(i);
        public bool IsDBNull(int i) => reader.IsDBNull(i);

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await command.DisposeAsync();
        }
    }

    // The expression indexes of migration 0017; their statistics are the kind's own.
    internal static string IndexName(SearchKind kind, Column column) =>
        $"ix_search_docs_{(kind == SearchKind.Customer ? "customer" : "interaction")}_{(column == Column.Title ? "title" : "tsv")}";

    // Per kind, the statements. Each first fixes its plan for its own implicit transaction (set_config(…, true)
    // ends with it): a walk may not use a bitmap or a sequential scan, so it is the primary key backwards from
    // @before, at most @budget documents; a GIN fetch may not use a plain index or sequential scan, so it is the
    // kind's expression index. JIT is off: an unbounded walk is costed as reading the whole kind, above
    // jit_above_cost, and compiling it took 8 ms for a statement that ran in 20. The kind is a constant in the
    // text because the index expressions hold it. Parameters: @q the tsquery, @before, @n the most rows
    // returned, @budget, @w the ts_rank_cd weights.
    internal sealed record Statements(string BodyWalk, string TitleWalk, string BodyGin, string TitleGin)
    {
        private static readonly Statements Customers = Make(SearchKind.Customer);
        private static readonly Statements Interactions = Make(SearchKind.Interaction);

        public static Statements For(SearchKind kind) => kind == SearchKind.Customer ? Customers : Interactions;

        private static Statements Make(SearchKind kind)
        {
            var k = ((short)kind).ToString(CultureInfo.InvariantCulture);
            const string walk = "SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true);";
            const string gin = "SELECT set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true);";
            return new Statements(
                $"""
                {walk}
                SELECT ref_id, title_tsv @@ to_tsquery('simple', @q)
                FROM (SELECT ref_id, tsv, title_tsv FROM search_docs WHERE kind = {k} AND ref_id < @before
                      ORDER BY ref_id DESC LIMIT @budget) AS w
                WHERE tsv @@ to_tsquery('simple', @q) ORDER BY ref_id DESC LIMIT @n
                """,
                $"""
                {walk}
                SELECT ref_id, true
                FROM (SELECT ref_id, title_tsv FROM search_docs WHERE kind = {k} AND ref_id < @before
                      ORDER BY ref_id DESC LIMIT @budget) AS w
                WHERE title_tsv @@ to_tsquery('simple', @q) ORDER BY ref_id DESC LIMIT @n
                """,
                // ts_rank_cd only when the fetch holds every match: the window counts them first.
                $"""
                {gin}
                SELECT ref_id, title_tsv @@ to_tsquery('simple', @q),
                       CASE WHEN count(*) OVER () < @n THEN ts_rank_cd(@w, tsv, to_tsquery('simple', @q))::float8 END
                FROM (SELECT ref_id, tsv, title_tsv FROM search_docs
                      WHERE (CASE WHEN kind = {k} THEN tsv END) @@ to_tsquery('simple', @q) LIMIT @n) AS m
                """,
                $"""
                {gin}
                SELECT ref_id FROM search_docs WHERE (CASE WHEN kind = {k} THEN title_tsv END) @@ to_tsquery('simple', @q) LIMIT @n
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
