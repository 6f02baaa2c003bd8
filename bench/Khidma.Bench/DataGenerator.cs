using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Khidma.Bench;

// Writes realistic data straight into the schema (the app's own migrations create it first): customers with
// contacts, interactions on every channel with their stage checklists and timelines, Arabic and mixed text.
public static partial class DataGenerator
{
    public const string AdminEmail = "bench@khidma.local";
    public const string AdminPassword = "Bench-Password-1";

    private static readonly string[] FirstNames = ["محمد", "أحمد", "عبدالله", "فاطمة", "عائشة", "خالد", "نورة", "سارة", "يوسف", "مريم", "عمر", "ليلى", "حسن", "زينب", "إبراهيم", "هدى", "سلمان", "ريم", "طارق", "أمل", "Karim", "Sophie", "John"];
    private static readonly string[] FamilyNames = ["العتيبي", "القحطاني", "الشمري", "الحربي", "الزهراني", "المطيري", "الدوسري", "الغامدي", "بن علي", "الخطيب", "المصري", "الحسيني", "Benali", "Martin", "Smith"];
    private static readonly string[] SubjectHeads = ["استفسار عن", "طلب", "شكوى بخصوص", "مشكلة في", "متابعة", "تحديث", "إلغاء", "Question about", "Demande de"];
    private static readonly string[] SubjectTails = ["الفاتورة الشهرية", "بطاقة الصراف", "فتح حساب جديد", "تأخر التوصيل", "الصيانة الدورية", "تحديث البيانات الشخصية", "رسوم الخدمة", "موعد الزيارة", "استرداد المبلغ", "the invoice", "mon contrat", "خدمة الإنترنت"];
    private static readonly string[] Channels = ["WalkIn", "Phone", "Email", "Web", "Chat", "Fax"];
    private static readonly string[] Priorities = ["Low", "Normal", "Normal", "Normal", "High", "Urgent"];
    private static readonly string[] Kinds = ["CustomerMessage", "Reply", "Note", "Call"];

    public static async Task<int> RunAsync(BenchOptions o)
    {
        Directory.CreateDirectory(o.DataDir);
        var total = Stopwatch.StartNew();
        await Repo.RunAppCommandAsync(o, "migrate");
        try { await Repo.RunAppCommandAsync(o, "admin", "create", "--email", AdminEmail, "--password", AdminPassword, "--name", "Bench"); }
        catch (InvalidOperationException) { /* already there from an earlier run */ }
        var token = (await Repo.RunAppCommandAsync(o, "token", "create", "--name", "bench", "--role", "admin")).Trim();
        await File.WriteAllTextAsync(Path.Combine(o.DataDir, "bench-token.txt"), token);

        await using DbConnection conn = o.Postgres
            // No command timeout: completing a binary COPY of a million rows (index builds included) takes minutes.
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(o.ConnectionString) { CommandTimeout = 0 }.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(o.DataDir, "khidma.db")}");
        await conn.OpenAsync();
        if (conn is SqliteConnection)
            await Exec(conn, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;");

        if (await Scalar(conn, "SELECT COUNT(*) FROM interactions_interactions") > 0)
        {
            Console.WriteLine("data already generated; delete the data folder to regenerate");
            return 0;
        }
        var statuses = await Rows(conn, "SELECT id, category FROM interactions_statuses ORDER BY position");
        var stages = await Rows(conn, "SELECT key, name_ar, name_en, name_fr FROM services_stage_definitions WHERE is_default ORDER BY position");
        var teams = await EnsureTeamsAsync(conn);
        var services = await EnsureServicesAsync(conn, teams);
        var now = DateTime.UtcNow;
        var rng = new Random(20261122);

        var sw = Stopwatch.StartNew();
        if (conn is NpgsqlConnection pg)
            await GeneratePostgresAsync(pg, o, rng, now, statuses, stages, teams, services);
        else
            await GenerateSqliteAsync((SqliteConnection)conn, o, rng, now, statuses, stages, teams, services);
        // The bench user handles a share of the work in progress, so "mine" reads a real personal queue.
        await Exec(conn, $"UPDATE interactions_interactions SET handler_id = (SELECT id FROM people_users WHERE email = '{AdminEmail}') WHERE id % 40 = 0 AND status_category <> 'New'");
        Console.WriteLine($"generated {o.Customers:N0} customers, {o.Interactions:N0} interactions, ~{(long)o.Interactions * o.EntriesPerInteraction:N0} timeline entries ({VocabularySize:N0} distinct words) in {sw.Elapsed.TotalSeconds:N0} s");
        if (conn is SqliteConnection) await Exec(conn, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        else await Exec(conn, "ANALYZE;");
        // The rows were written behind the app's back: build the search index now, not at the app's start
        // (on SQLite into its own file, search.db, in transactions of 10,000 documents, then one optimize).
        Console.Write(await Repo.RunAppCommandAsync(o, "search", "reindex"));
        Console.WriteLine($"done in {total.Elapsed.TotalSeconds:N0} s");
        return 0;
    }

    private static async Task<List<long>> EnsureTeamsAsync(DbConnection conn)
    {
        if (await Scalar(conn, "SELECT COUNT(*) FROM people_teams") == 0)
            foreach (var name in new[] { "الفرع الرئيسي", "مركز الاتصال", "الدعم الإلكتروني", "الشكاوى والجودة" })
                await Exec(conn, $"INSERT INTO people_teams (name, description, is_active) VALUES ('{name}', NULL, {True(conn)})");
        return (await Rows(conn, "SELECT id FROM people_teams")).Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ToList();
    }

    private static async Task<List<long>> EnsureServicesAsync(DbConnection conn, List<long> teams)
    {
        if (await Scalar(conn, "SELECT COUNT(*) FROM services_services") == 0)
        {
            var names = new[] { ("فتح حساب", "Open an account"), ("استبدال بطاقة", "Replace a card"), ("استفسار عن فاتورة", "Invoice question"), ("تقديم شكوى", "File a complaint"), ("تحديث البيانات", "Update details"), ("طلب صيانة", "Maintenance request") };
            var i = 0;
            foreach (var (ar, en) in names)
                await Exec(conn, $"INSERT INTO services_services (typical_minutes, required_skills, default_team_id, is_active, benefits_ar, conditions_ar, description_ar, name_ar, name_en) VALUES ({15 + i * 10}, NULL, {teams[i++ % teams.Count]}, {True(conn)}, '', '', '', '{ar}', '{en}')");
        }
        return (await Rows(conn, "SELECT id FROM services_services")).Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ToList();
    }

    private static string True(DbConnection conn) => conn is NpgsqlConnection ? "TRUE" : "1";

    private static string Pick(Random rng, string[] list) => list[rng.Next(list.Length)];

    // Zipf-distributed words (DataGenerator.Vocabulary.cs), now and then an order number (a term of its own,
    // as in real messages) or a product with its model.
    private static string Body(Random rng)
    {
        var words = new List<string>(40);
        var count = 8 + rng.Next(25);
        for (var i = 0; i < count; i++) words.Add(Word(rng));
        if (rng.Next(7) == 0) words.Insert(rng.Next(words.Count), "رقم الطلب " + rng.Next(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture));
        if (rng.Next(12) == 0) words.Insert(rng.Next(words.Count), Pick(rng, Brands) + " " + Word(rng));
        return string.Join(' ', words);
    }

    private static string Subject(Random rng) => rng.Next(2) == 0
        ? $"{Pick(rng, SubjectHeads)} {Pick(rng, SubjectTails)}"
        : $"{Pick(rng, SubjectHeads)} {Pick(rng, SubjectTails)} {Word(rng)}";

    private static string PersonName(Random rng) =>
        (rng.Next(3) == 0 ? Pick(rng, ExtraFirstNames) : Pick(rng, FirstNames)) + " "
        + (rng.Next(3) == 0 ? Pick(rng, ExtraFamilyNames) : Pick(rng, FamilyNames));

    private static string Phone(long i) => "9665" + (10_000_000 + i * 37 % 89_999_999).ToString(CultureInfo.InvariantCulture);

    private sealed record Interaction(long Id, long CustomerId, string Channel, string Subject, long ServiceId, long StatusId, string Category,
        string Priority, long TeamId, DateTime Created, DateTime Last, DateTime? Resolved);

    private static Interaction MakeInteraction(long id, Random rng, BenchOptions o, DateTime now, List<object[]> statuses, List<long> teams, List<long> services)
    {
        var created = now.AddMinutes(-rng.Next(365 * 24 * 60));
        var status = statuses[rng.Next(statuses.Count)];
        var category = (string)status[1];
        var last = created.AddMinutes(rng.Next(60 * 24 * 5));
        if (last > now) last = now;
        DateTime? resolved = category is "Resolved" or "Closed" ? last : null;
        return new Interaction(id, 1 + rng.Next(o.Customers), Pick(rng, Channels), Subject(rng),
            services[rng.Next(services.Count)], Convert.ToInt64(status[0], CultureInfo.InvariantCulture), category, Pick(rng, Priorities),
            teams[rng.Next(teams.Count)], created, last, resolved);
    }

    private static string Ts(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static async Task GenerateSqliteAsync(SqliteConnection conn, BenchOptions o, Random rng, DateTime now,
        List<object[]> statuses, List<object[]> stages, List<long> teams, List<long> services)
    {
        const int batch = 50_000;
        var customer = Prepare(conn, "INSERT INTO customers_customers (id, name, language, organization, type, lifecycle, created_at, updated_at, version) VALUES ($id, $name, $lang, NULL, 'Individual', 'Regular', $at, $at, 0)", "$id", "$name", "$lang", "$at");
        var contact = Prepare(conn, "INSERT INTO customers_contacts (customer_id, kind, value, normalized, label) VALUES ($c, $k, $v, $v, NULL)", "$c", "$k", "$v");
        for (long id = 1; id <= o.Customers; id += batch)
        {
            await using var tx = conn.BeginTransaction();
            customer.Transaction = contact.Transaction = tx;
            for (var c = id; c < id + batch && c <= o.Customers; c++)
            {
                Run(customer, c, PersonName(rng), rng.Next(10) == 0 ? "en" : "ar", Ts(now.AddDays(-rng.Next(900))));
                Run(contact, c, "Phone", Phone(c));
                if (c % 2 == 0) Run(contact, c, "Email", $"customer{c}@example.com");
            }
            await tx.CommitAsync();
        }
        var interaction = Prepare(conn, "INSERT INTO interactions_interactions (id, customer_id, channel, subject, service_id, status_id, status_category, priority, team_id, handler_id, created_by_id, created_at, updated_at, last_activity_at, resolved_at, skipped_stages_reason, version) VALUES ($id,$c,$ch,$s,$sv,$st,$cat,$p,$t,NULL,NULL,$cr,$l,$l,$r,NULL,0)",
            "$id", "$c", "$ch", "$s", "$sv", "$st", "$cat", "$p", "$t", "$cr", "$l", "$r");
        var entry = Prepare(conn, "INSERT INTO interactions_timeline (interaction_id, kind, body, author_id, created_at, data) VALUES ($i, $k, $b, NULL, $at, NULL)", "$i", "$k", "$b", "$at");
        var stage = Prepare(conn, "INSERT INTO interactions_stages (interaction_id, key, position, done_at, done_by_id, name_ar, name_en, name_fr) VALUES ($i, $k, $p, $d, NULL, $ar, $en, $fr)", "$i", "$k", "$p", "$d", "$ar", "$en", "$fr");
        for (long id = 1; id <= o.Interactions; id += batch)
        {
            await using var tx = conn.BeginTransaction();
            interaction.Transaction = entry.Transaction = stage.Transaction = tx;
            for (var n = id; n < id + batch && n <= o.Interactions; n++)
            {
                var x = MakeInteraction(n, rng, o, now, statuses, teams, services);
                Run(interaction, x.Id, x.CustomerId, x.Channel, x.Subject, x.ServiceId, x.StatusId, x.Category, x.Priority, x.TeamId, Ts(x.Created), Ts(x.Last), x.Resolved is { } r ? Ts(r) : DBNull.Value);
                var entries = Math.Max(1, o.EntriesPerInteraction - 1 + rng.Next(3));
                for (var e = 0; e < entries; e++)
                    Run(entry, n, e == 0 ? "CustomerMessage" : Kinds[rng.Next(Kinds.Length)], Body(rng), Ts(x.Created.AddMinutes(e * 30)));
                for (var s = 0; s < stages.Count; s++)
                    Run(stage, n, stages[s][0], s, x.Resolved is not null || s < 2 ? Ts(x.Created.AddMinutes(s)) : DBNull.Value, stages[s][1], stages[s][2], stages[s][3]);
            }
            await tx.CommitAsync();
            Console.Write($"\r{Math.Min(id + batch - 1, o.Interactions):N0} interactions");
        }
        Console.WriteLine();
    }

    private static async Task GeneratePostgresAsync(NpgsqlConnection conn, BenchOptions o, Random rng, DateTime now,
        List<object[]> statuses, List<object[]> stages, List<long> teams, List<long> services)
    {
        await using (var w = await conn.BeginBinaryImportAsync("COPY customers_customers (id, name, language, type, lifecycle, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)"))
        {
            for (long c = 1; c <= o.Customers; c++)
            {
                var at = now.AddDays(-rng.Next(900));
                await w.WriteRowAsync(default, c, PersonName(rng), rng.Next(10) == 0 ? "en" : "ar", "Individual", "Regular", at, at, 0);
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY customers_contacts (customer_id, kind, value, normalized) FROM STDIN (FORMAT BINARY)"))
        {
            for (long c = 1; c <= o.Customers; c++)
            {
                await w.WriteRowAsync(default, c, "Phone", Phone(c), Phone(c));
                if (c % 2 == 0) await w.WriteRowAsync(default, c, "Email", $"customer{c}@example.com", $"customer{c}@example.com");
            }
            await w.CompleteAsync();
        }
        var all = new List<Interaction>(o.Interactions);
        await using (var w = await conn.BeginBinaryImportAsync("COPY interactions_interactions (id, customer_id, channel, subject, service_id, status_id, status_category, priority, team_id, created_at, updated_at, last_activity_at, resolved_at, version) FROM STDIN (FORMAT BINARY)"))
        {
            for (long n = 1; n <= o.Interactions; n++)
            {
                var x = MakeInteraction(n, rng, o, now, statuses, teams, services);
                all.Add(x);
                await w.StartRowAsync();
                await w.WriteAsync(x.Id, NpgsqlDbType.Bigint);
                await w.WriteAsync(x.CustomerId, NpgsqlDbType.Bigint);
                await w.WriteAsync(x.Channel);
                await w.WriteAsync(x.Subject);
                await w.WriteAsync((int)x.ServiceId, NpgsqlDbType.Integer);
                await w.WriteAsync((int)x.StatusId, NpgsqlDbType.Integer);
                await w.WriteAsync(x.Category);
                await w.WriteAsync(x.Priority);
                await w.WriteAsync((int)x.TeamId, NpgsqlDbType.Integer);
                await w.WriteAsync(x.Created, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(x.Last, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(x.Last, NpgsqlDbType.TimestampTz);
                if (x.Resolved is { } r) await w.WriteAsync(r, NpgsqlDbType.TimestampTz); else await w.WriteNullAsync();
                await w.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY interactions_timeline (interaction_id, kind, body, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var x in all)
            {
                var entries = Math.Max(1, o.EntriesPerInteraction - 1 + rng.Next(3));
                for (var e = 0; e < entries; e++)
                    await w.WriteRowAsync(default, x.Id, e == 0 ? "CustomerMessage" : Kinds[rng.Next(Kinds.Length)], Body(rng), x.Created.AddMinutes(e * 30));
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY interactions_stages (interaction_id, key, position, done_at, name_ar, name_en, name_fr) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var x in all)
                for (var s = 0; s < stages.Count; s++)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(x.Id, NpgsqlDbType.Bigint);
                    await w.WriteAsync((string)stages[s][0]);
                    await w.WriteAsync(s, NpgsqlDbType.Integer);
                    if (x.Resolved is not null || s < 2) await w.WriteAsync(x.Created.AddMinutes(s), NpgsqlDbType.TimestampTz); else await w.WriteNullAsync();
                    await w.WriteAsync((string)stages[s][1]);
                    if (stages[s][2] is string en) await w.WriteAsync(en); else await w.WriteNullAsync();
                    if (stages[s][3] is string fr) await w.WriteAsync(fr); else await w.WriteNullAsync();
                }
            await w.CompleteAsync();
        }
        foreach (var table in new[] { "customers_customers", "interactions_interactions" })
            await Exec(conn, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))");
    }

    private static SqliteCommand Prepare(SqliteConnection conn, string sql, params string[] names)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var n in names) cmd.Parameters.Add(new SqliteParameter(n, null));
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i];
        cmd.ExecuteNonQuery();
    }

    private static async Task Exec(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<object[]>> Rows(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            for (var i = 0; i < row.Length; i++) if (row[i] is DBNull) row[i] = null!;
            list.Add(row);
        }
        return list;
    }
}
