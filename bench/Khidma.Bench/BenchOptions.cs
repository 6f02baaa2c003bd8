namespace Khidma.Bench;

public sealed record BenchOptions(
    string DataDir, int Customers, int Interactions, int EntriesPerInteraction, bool Postgres, string? ConnectionString,
    int Seconds, int Concurrency, string? Out, int Port, string? Db, string? Only = null)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        int Int(string name, int fallback) => int.TryParse(Get(name), out var v) ? v : fallback;
        return new BenchOptions(
            Path.GetFullPath(Get("--data") ?? "bench-data"),
            Int("--customers", 200_000),
            Int("--interactions", 1_000_000),
            Int("--entries", 3),
            string.Equals(Get("--provider"), "postgres", StringComparison.OrdinalIgnoreCase),
            Get("--cs"),
            Int("--seconds", 15),
            Int("--concurrency", 16),
            Get("--out"),
            Int("--port", 0),
            Get("--db"),
            Get("--only"));
    }
}
