using System.Data.Common;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Customers.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Khidma.Tests.Platform;

// The migration runner on an empty database, an up-to-date one, one made by an older version, and two
// runners at once; and the proof that the hand-written SQL and the EF model describe the same schema.
public abstract class MigrationTests
{
    protected abstract bool Postgres { get; }

    [Fact]
    public virtual async Task MigrateAsync_EmptyDatabase_AppliesEveryScriptAndRecordsVersions()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Postgres);
        await using var db = scratch.NewContext();

        var applied = await scratch.NewRunner(db).MigrateAsync();

        Assert.Equal(scratch.Scripts.Select(s => s.Name), applied);
        var recorded = await scratch.QueryAsync("SELECT version, name FROM schema_versions ORDER BY version",
            r => (Version: Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Name: r.GetString(1)));
        Assert.Equal(scratch.Scripts.Select(s => (s.Version, s.Name)), recorded);
        Assert.Equal(scratch.Scripts[^1].Version, await scratch.NewRunner(db).CurrentVersionAsync());
    }

    [Fact]
    public virtual async Task MigrateAsync_RunTwice_SecondRunAppliesNothing()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Postgres);
        await using var db = scratch.NewContext();
        await scratch.NewRunner(db).MigrateAsync();

        var second = await scratch.NewRunner(db).MigrateAsync();

        Assert.Empty(second);
        var rows = await scratch.QueryAsync("SELECT COUNT(*) FROM schema_versions", r => Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(scratch.Scripts.Count, rows.Single());
    }

    // A database made by the first released version (only 0001 applied, with data in it) upgrades to the
    // current schema and keeps its rows. Stays meaningful as migrations are added: every later one must
    // apply on top of real data.
    [Fact]
    public virtual async Task MigrateAsync_DatabaseFromFirstVersion_AppliesLaterScriptsAndKeepsRows()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Postgres);
        var first = scratch.Scripts[0];
        var created = new DateTime(2025, 1, 15, 7, 30, 0, DateTimeKind.Utc);
        await using (var conn = await scratch.OpenAsync())
        {
            await ExecAsync(conn, "CREATE TABLE schema_versions (version integer PRIMARY KEY, name varchar(200) NOT NULL, applied_at varchar(40) NOT NULL)");
            await ExecAsync(conn, first.Sql);
            await ExecAsync(conn, "INSERT INTO schema_versions (version, name, applied_at) VALUES (@v, @n, '2025-01-15T07:30:00Z')", ("@v", first.Version), ("@n", first.Name));
            await ExecAsync(conn, """
                INSERT INTO customers_customers (name, language, type, lifecycle, created_at, updated_at, version)
                VALUES (@name, 'ar', 'Individual', 'Regular', @at, @at, 0)
                """, ("@name", "عميل من الإصدار الأول"), ("@at", created));
        }

        await using var db = scratch.NewContext();
        var applied = await scratch.NewRunner(db).MigrateAsync();

        Assert.Equal(scratch.Scripts.Skip(1).Select(s => s.Name), applied);
        Assert.Equal(scratch.Scripts[^1].Version, await scratch.NewRunner(db).CurrentVersionAsync());
        var survivor = await db.Customers.AsNoTracking().SingleAsync(c => c.Name == "عميل من الإصدار الأول");
        Assert.Equal(created, survivor.CreatedAt);
        Assert.Equal(Lifecycle.Regular, survivor.Lifecycle);
    }

    // Branches merged out of order: a database that already has a later script (here the last one) but not an
    // earlier one still gets the earlier one, and nothing is applied twice.
    [Fact]
    public virtual async Task MigrateAsync_EarlierScriptMissingBelowLaterOne_AppliesOnlyTheMissingOne()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Postgres);
        var skipped = scratch.Scripts[^2];
        await using (var conn = await scratch.OpenAsync())
        {
            await ExecAsync(conn, "CREATE TABLE schema_versions (version integer PRIMARY KEY, name varchar(200) NOT NULL, applied_at varchar(40) NOT NULL)");
            foreach (var script in scratch.Scripts.Where(s => s != skipped))
            {
                await ExecAsync(conn, script.Sql);
                await ExecAsync(conn, "INSERT INTO schema_versions (version, name, applied_at) VALUES (@v, @n, '2026-01-01T00:00:00Z')", ("@v", script.Version), ("@n", script.Name));
            }
        }

        await using var db = scratch.NewContext();
        var applied = await scratch.NewRunner(db).MigrateAsync();

        Assert.Equal([skipped.Name], applied);
        Assert.Empty(await scratch.NewRunner(db).MigrateAsync());
    }

    [Fact]
    public virtual async Task Schema_AfterMigration_AgreesWithEfModel()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Postgres);
        await using var db = scratch.NewContext();
        await scratch.NewRunner(db).MigrateAsync();

        var actual = await ReadSchemaAsync(scratch);
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var problems = new List<string>();
        foreach (var table in model.Tables)
        {
            if (!actual.TryGetValue(table.Name, out var columns))
            {
                problems.Add($"table {table.Name} ({string.Join(", ", table.EntityTypeMappings.Select(m => m.TypeBase.DisplayName()))}) is missing");
                continue;
            }
            foreach (var column in table.Columns)
            {
                if (!columns.TryGetValue(column.Name, out var c))
                    problems.Add($"column {table.Name}.{column.Name} is missing");
                else if (c.Nullable != column.IsNullable)
                    problems.Add($"column {table.Name}.{column.Name} is {(c.Nullable ? "NULL" : "NOT NULL")} in the schema but {(column.IsNullable ? "nullable" : "required")} in the model");
            }
            // A column EF does not know about is harmless unless it makes EF's inserts fail.
            foreach (var (name, c) in columns)
                if (table.FindColumn(name) is null && !c.Nullable && !c.HasDefault)
                    problems.Add($"column {table.Name}.{name} is NOT NULL without a default but is not in the model");
        }
        // The search index is the one store kept by raw SQL (FTS5 / tsvector), not by entities: see Areas/Search/Data.
        foreach (var name in actual.Keys)
            if (name != "schema_versions" && !name.StartsWith("search_", StringComparison.Ordinal)
                && model.FindTable(name, null) is null && model.Tables.All(t => t.Name != name))
                problems.Add($"table {name} has no entity in the model");

        Assert.True(problems.Count == 0, "The migrations and the EF model disagree:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public virtual async Task MigrateAsync_TwoRunnersAtOnce_BothSucceedAndScriptsApplyOnce()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Postgres);
        await using var db1 = scratch.NewContext();
        await using var db2 = scratch.NewContext();
        var r1 = scratch.NewRunner(db1);
        var r2 = scratch.NewRunner(db2);

        var results = await Task.WhenAll(Task.Run(() => r1.MigrateAsync()), Task.Run(() => r2.MigrateAsync()));

        Assert.Equal(scratch.Scripts.Select(s => s.Name).Order(), results.SelectMany(r => r).Order());
        var versions = await scratch.QueryAsync("SELECT version FROM schema_versions ORDER BY version", r => Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(scratch.Scripts.Select(s => s.Version), versions);
    }

    private sealed record Column(bool Nullable, bool HasDefault);

    private static async Task<Dictionary<string, Dictionary<string, Column>>> ReadSchemaAsync(ScratchDatabase scratch)
    {
        var schema = new Dictionary<string, Dictionary<string, Column>>(StringComparer.Ordinal);
        if (scratch.Postgres)
        {
            var tables = await scratch.QueryAsync(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
                r => r.GetString(0));
            foreach (var t in tables) schema[t] = new(StringComparer.Ordinal);
            var columns = await scratch.QueryAsync(
                "SELECT table_name, column_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = current_schema()",
                r => (Table: r.GetString(0), Name: r.GetString(1), Nullable: r.GetString(2) == "YES", HasDefault: !r.IsDBNull(3)));
            foreach (var c in columns)
                if (schema.TryGetValue(c.Table, out var cols)) cols[c.Name] = new Column(c.Nullable, c.HasDefault);
        }
        else
        {
            var tables = await scratch.QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", r => r.GetString(0));
            foreach (var t in tables)
            {
                var columns = await scratch.QueryAsync($"SELECT name, \"notnull\", dflt_value FROM pragma_table_info('{t}')",
                    r => (Name: r.GetString(0), NotNull: r.GetInt64(1) == 1, HasDefault: !r.IsDBNull(2)));
                schema[t] = columns.ToDictionary(c => c.Name, c => new Column(!c.NotNull, c.HasDefault), StringComparer.Ordinal);
            }
        }
        return schema;
    }

    private static async Task ExecAsync(DbConnection conn, string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        await cmd.ExecuteNonQueryAsync();
    }
}

public sealed class MigrationSqliteTests : MigrationTests
{
    protected override bool Postgres => false;
}

public sealed class MigrationPostgresTests : MigrationTests
{
    protected override bool Postgres => true;

    [PostgresFact]
    public override Task MigrateAsync_EmptyDatabase_AppliesEveryScriptAndRecordsVersions() => base.MigrateAsync_EmptyDatabase_AppliesEveryScriptAndRecordsVersions();

    [PostgresFact]
    public override Task MigrateAsync_RunTwice_SecondRunAppliesNothing() => base.MigrateAsync_RunTwice_SecondRunAppliesNothing();

    [PostgresFact]
    public override Task MigrateAsync_DatabaseFromFirstVersion_AppliesLaterScriptsAndKeepsRows() => base.MigrateAsync_DatabaseFromFirstVersion_AppliesLaterScriptsAndKeepsRows();

    [PostgresFact]
    public override Task MigrateAsync_EarlierScriptMissingBelowLaterOne_AppliesOnlyTheMissingOne() => base.MigrateAsync_EarlierScriptMissingBelowLaterOne_AppliesOnlyTheMissingOne();

    [PostgresFact]
    public override Task Schema_AfterMigration_AgreesWithEfModel() => base.Schema_AfterMigration_AgreesWithEfModel();

    [PostgresFact]
    public override Task MigrateAsync_TwoRunnersAtOnce_BothSucceedAndScriptsApplyOnce() => base.MigrateAsync_TwoRunnersAtOnce_BothSucceedAndScriptsApplyOnce();
}
