using Microsoft.Data.Sqlite;

namespace Khidma.Bench;

// The machine's ceilings, measured in the same run: a bare Kestrel endpoint, and one that inserts one row
// per request into SQLite (WAL, synchronous=NORMAL — the same settings as Khidma).
public static class CeilingServer
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{o.Port}");
        var app = builder.Build();
        var cs = $"Data Source={o.Db};Pooling=True";
        await using (var conn = new SqliteConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY AUTOINCREMENT, subject TEXT NOT NULL, created_at TEXT NOT NULL);";
            await cmd.ExecuteNonQueryAsync();
        }
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/bare", () => "ok");
        app.MapPost("/bare-insert", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            await using var conn = new SqliteConnection(cs);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; INSERT INTO rows (subject, created_at) VALUES ($s, $t) RETURNING id;";
            cmd.Parameters.AddWithValue("$s", body.Length > 200 ? body[..200] : body);
            cmd.Parameters.AddWithValue("$t", DateTime.UtcNow.ToString("O"));
            return Results.Created($"/rows/{await cmd.ExecuteScalarAsync()}", null);
        });
        await app.RunAsync();
        return 0;
    }
}
