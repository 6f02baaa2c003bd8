using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Khidma.Bench;

// Finds the repository and starts the built web app as its own process, as it runs in production.
public static class Repo
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Khidma.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Khidma.slnx not found above " + AppContext.BaseDirectory);
    }

    public static string WebDll()
    {
        var web = Path.Combine(Root(), "src", "Khidma.Web");
        foreach (var config in new[] { "Release", "Debug" })
        {
            var dll = Path.Combine(web, "bin", config, "net10.0", "Khidma.Web.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new InvalidOperationException("Build the web app first: dotnet build src/Khidma.Web -c Release");
    }

    public static Dictionary<string, string> AppEnvironment(BenchOptions o)
    {
        var env = new Dictionary<string, string>
        {
            ["Khidma__DataDir"] = o.DataDir,
            ["Khidma__SeedDemo"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        if (o.Postgres)
        {
            env["Khidma__Database__Provider"] = "postgres";
            env["ConnectionStrings__Khidma"] = o.ConnectionString ?? throw new InvalidOperationException("--cs is required with --provider postgres");
        }
        return env;
    }

    public static async Task<string> RunAppCommandAsync(BenchOptions o, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(Root(), "src", "Khidma.Web") };
        psi.ArgumentList.Add(WebDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in AppEnvironment(o)) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"khidma {string.Join(' ', args)} failed: {await stderr}{await stdout}");
        return await stdout;
    }

    public static Process StartServer(BenchOptions o, int port, string? extraArgs = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(Root(), "src", "Khidma.Web") };
        psi.ArgumentList.Add(WebDll());
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        if (extraArgs is not null) psi.ArgumentList.Add(extraArgs);
        foreach (var (k, v) in AppEnvironment(o)) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[khidma] " + e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    public static async Task<DbConnection> OpenDatabaseAsync(BenchOptions o)
    {
        DbConnection conn = o.Postgres
            ? new NpgsqlConnection(o.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(o.DataDir, "khidma.db")}");
        await conn.OpenAsync();
        return conn;
    }

    /// <summary>The options with the sizes of the data actually there (the scenarios pick ids up to them, and the
    /// report names them), whatever sizes were passed.</summary>
    public static async Task<BenchOptions> WithDataSizesAsync(BenchOptions o)
    {
        await using var conn = await OpenDatabaseAsync(o);
        async Task<int> Count(string table)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT count(*) FROM {table}";
            return Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return o with { Customers = await Count("customers_customers"), Interactions = await Count("interactions_interactions") };
    }

    public static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public static async Task WaitHealthyAsync(int port, TimeSpan timeout)
    {
        using var http = new HttpClient();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"server on port {port} not healthy after {timeout}");
    }

    // Peak resident memory of a process (VmHWM); reset between scenarios through clear_refs.
    public static long PeakRssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    public static void ResetPeakRss(int pid)
    {
        try { File.WriteAllText($"/proc/{pid}/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
