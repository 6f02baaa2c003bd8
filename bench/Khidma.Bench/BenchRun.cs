using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Khidma.Bench;

public static partial class BenchRun
{
    private static readonly string[] InboxFilters = ["", "?channel=Phone", "?category=Open", "?priority=High", "?channel=Email&category=New", "?mine=true"];
    private static readonly string[] SearchTerms = ["الفاتورة", "بطاقة", "مشكلة في", "استفسار", "invoice", "محمد", "الصيانه", "٣٤٥٦"];

    public static async Task<int> SmokeAsync(BenchOptions o)
    {
        var dir = Path.Combine(Path.GetTempPath(), "khidma-bench-smoke-" + Environment.ProcessId);
        var tiny = o with { DataDir = dir, Customers = 300, Interactions = 2_000, EntriesPerInteraction = 3, Seconds = 2, Concurrency = 4 };
        try
        {
            await DataGenerator.RunAsync(tiny);
            var failures = await RunScenariosAsync(tiny, smoke: true);
            Console.WriteLine(failures == 0 ? "benchmark smoke: ok" : $"benchmark smoke: {failures} scenario(s) failed");
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    public static async Task<int> RunAsync(BenchOptions o)
    {
        if (!o.Postgres && !File.Exists(Path.Combine(o.DataDir, "khidma.db")))
            await DataGenerator.RunAsync(o);
        return await RunScenariosAsync(await Repo.WithDataSizesAsync(o), smoke: false) == 0 ? 0 : 1;
    }

    private static async Task<int> RunScenariosAsync(BenchOptions o, bool smoke)
    {
        var duration = TimeSpan.FromSeconds(o.Seconds);
        var results = new List<ScenarioResult>();
        var unavailable = new List<string>();

        // Ceilings first, in their own process so that the comparison is like for like.
        var ceilingPort = Repo.FreePort();
        var ceilingDb = Path.Combine(o.DataDir, "ceiling.db");
        using (var ceiling = StartCeiling(ceilingPort, ceilingDb))
        {
            try
            {
                await Repo.WaitHealthyAsync(ceilingPort, TimeSpan.FromSeconds(30));
                using var http = Client(ceilingPort, o.Concurrency);
                results.Add(await LoadRunner.RunAsync("ceiling: bare endpoint", http, o.Concurrency, duration, _ => new(HttpMethod.Get, "/bare"), ceiling.Id));
                results.Add(await LoadRunner.RunAsync("ceiling: one SQLite insert", http, o.Concurrency, duration,
                    i => new(HttpMethod.Post, "/bare-insert") { Content = new StringContent("استفسار عن الفاتورة " + i) }, ceiling.Id));
            }
            finally { ceiling.Kill(true); }
        }

        var mailbox = await MailScenario.EnsureMailboxAsync(o);
        var port = Repo.FreePort();
        using var server = Repo.StartServer(o, port);
        try
        {
            await Repo.WaitHealthyAsync(port, TimeSpan.FromSeconds(120));
            var token = (await File.ReadAllTextAsync(Path.Combine(o.DataDir, "bench-token.txt"))).Trim();
            using var http = Client(port, o.Concurrency);
            await SignInAsync(http);
            var interactions = o.Interactions;
            var customers = o.Customers;

            // Each read scenario runs twice: closed loop (throughput), then open loop at half that throughput, the
            // latency a user sees while the server is half busy. Writes run closed loop only.
            async Task Scenario(string name, Func<int, HttpRequestMessage> next, Func<HttpResponseMessage, bool>? ok = null, bool openLoop = true)
            {
                if (o.Only is { } only && !name.Contains(only, StringComparison.OrdinalIgnoreCase)) return;
                using var probe = await http.SendAsync(next(0));
                if (probe.StatusCode == HttpStatusCode.NotFound && name.Contains("search", StringComparison.Ordinal))
                {
                    unavailable.Add(name);
                    return;
                }
                var closed = await LoadRunner.RunAsync(name, http, o.Concurrency, duration, next, server.Id, ok);
                results.Add(closed);
                if (openLoop && closed.Rps >= 2)
                {
                    var rate = Math.Round(closed.Rps / 2);
                    results.Add(await LoadRunner.RunOpenAsync($"{name} at {rate:N0} req/s (half load)", http, rate, duration, next, server.Id, ok));
                }
            }

            await Scenario("inbox page", i => new(HttpMethod.Get, "/interactions" + InboxFilters[i % InboxFilters.Length]));
            await Scenario("inbox page (htmx fragment)", i => Htmx("/interactions?handler=List" + InboxFilters[i % InboxFilters.Length].Replace('?', '&')));
            await Scenario("interaction page", i => new(HttpMethod.Get, $"/interactions/{1 + (long)i * 7919 % interactions}"));
            await Scenario("customer 360", i => new(HttpMethod.Get, $"/customers/{1 + (long)i * 104729 % customers}"));
            await Scenario("create interaction (API)", i =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/interactions")
                {
                    Content = new StringContent($$"""{"customerId":{{1 + (long)i * 31 % customers}},"channel":"web","subject":"طلب رقم {{i}} بخصوص الفاتورة","body":"السلام عليكم، أرجو مساعدتي في الفاتورة الأخيرة رقم {{i}}"}""", Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return request;
            }, r => r.StatusCode == HttpStatusCode.Created, openLoop: false);
            var runId = Environment.ProcessId ^ (int)(DateTime.UtcNow.Ticks >> 20);
            await Scenario("mail ingest (pipe)", i =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/mail/inbound/{mailbox}")
                {
                    Content = new ByteArrayContent(MailScenario.Message(i, customers, runId)),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
                request.Headers.Add("X-Khidma-Mailbox-Token", MailScenario.Token);
                return request;
            }, r => r.StatusCode == HttpStatusCode.Accepted, openLoop: false);
            await Scenario("search (API)", i =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/search?q=" + Uri.EscapeDataString(SearchTerms[i % SearchTerms.Length]));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return request;
            });
        }
        finally { server.Kill(true); }

        var report = Report(o, results, unavailable, smoke);
        Console.WriteLine(report);
        if (o.Out is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, report);
        }
        return results.Count(r => r.Errors > 0 || r.Requests == 0);
    }

    private static Process StartCeiling(int port, string db)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(typeof(BenchRun).Assembly.Location);
        foreach (var a in new[] { "ceiling", "--port", port.ToString(CultureInfo.InvariantCulture), "--db", db }) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    private static HttpClient Client(int port, int concurrency) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

    private static HttpRequestMessage Htmx(string url)
    {
        var r = new HttpRequestMessage(HttpMethod.Get, url);
        r.Headers.Add("HX-Request", "true");
        return r;
    }

    private static async Task SignInAsync(HttpClient http)
    {
        var page = await http.GetStringAsync("/account/sign-in");
        var token = TokenPattern().Match(page).Groups[1].Value;
        using var response = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DataGenerator.AdminEmail,
            ["Input.Password"] = DataGenerator.AdminPassword,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("bench sign-in failed: " + (int)response.StatusCode);
    }

    private static string Report(BenchOptions o, List<ScenarioResult> results, List<string> unavailable, bool smoke)
    {
        var bare = results.FirstOrDefault(r => r.Name == "ceiling: bare endpoint");
        var insert = results.FirstOrDefault(r => r.Name == "ceiling: one SQLite insert");
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"### Khidma benchmark — {(o.Postgres ? "PostgreSQL" : "SQLite")}, {o.Customers:N0} customers, {o.Interactions:N0} interactions, {Environment.ProcessorCount} cores{(smoke ? " (smoke)" : "")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{o.Concurrency} concurrent clients, {o.Seconds} s per scenario, loopback; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine("| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/req | server peak MB | ratio to ceiling |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var ceiling = r.Name.StartsWith("create", StringComparison.Ordinal) || r.Name.StartsWith("mail", StringComparison.Ordinal) ? insert
                : r.Name.StartsWith("ceiling", StringComparison.Ordinal) || r.Name.Contains("half load", StringComparison.Ordinal) ? null : bare;
            var ratio = ceiling is null ? "" : $"{r.Rps / ceiling.Rps:P1} of {(ceiling == insert ? "one SQLite insert" : "bare endpoint")}";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Rps:N0} | {r.P50Ms:N1} | {r.P95Ms:N1} | {r.P99Ms:N1} | {r.Errors} | {r.ServerCpuMsPerRequest:N2} | {r.PeakRssBytes / 1048576.0:N0} | {ratio} |");
        }
        foreach (var name in unavailable) sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | not available yet | | | | | | |");
        return sb.ToString();
    }

    [GeneratedRegex("\"RequestVerificationToken\": \"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
