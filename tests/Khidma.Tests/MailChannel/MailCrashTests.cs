using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Khidma.Web.Platform.Auth;
using Microsoft.Data.Sqlite;

namespace Khidma.Tests.MailChannel;

// The real app as a child process, killed by a fault right after storing a piped message and before processing it;
// restarted without the fault, it finishes the message exactly once.
public sealed class MailCrashTests
{
    [Fact]
    public async Task Pipe_ProcessExitsAfterStore_RestartProcessesExactlyOnce()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Khidma.slnx"))) root = Path.GetDirectoryName(root);
        Assert.NotNull(root);
        var config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var web = Path.Combine(root, "src", "Khidma.Web");
        var dll = Path.Combine(web, "bin", config, "net10.0", "Khidma.Web.dll");
        Assert.True(File.Exists(dll), dll);
        var dataDir = Path.Combine(Path.GetTempPath(), "khidma-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        try
        {
            var port = FreePort();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            var first = Start(dll, web, dataDir, port, fault: true);
            await WaitHealthyAsync(http, first);
            var token = AuthSetup.NewToken();
            await ExecAsync(dataDir, $"""
                INSERT INTO mail_mailboxes (address, inbound_kind, port, security, folder, delete_after_store, smtp_port, smtp_security,
                    send_acknowledgment, expected_reply_days, is_enabled, imap_uid_validity, imap_last_uid, version, pipe_token_hash)
                VALUES ('support@crash.test', 'Pipe', 0, 'None', 'INBOX', 0, 25, 'None', 0, 1, 1, 0, 0, 0, '{AuthSetup.HashToken(token)}');
                """);
            var raw = Mails.Build("crash-customer@example.test", "Crash test", "Kept across a crash", to: "support@crash.test");
            var content = new ByteArrayContent(raw);
            content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mail/inbound/1") { Content = content };
            request.Headers.Add("X-Khidma-Mailbox-Token", token);
            await Assert.ThrowsAnyAsync<Exception>(async () => (await http.SendAsync(request)).EnsureSuccessStatusCode());
            Assert.True(first.WaitForExit(30_000));
            Assert.Equal(137, first.ExitCode);
            Assert.Equal("Pending", await ScalarAsync(dataDir, "SELECT group_concat(state) FROM mail_inbound"));

            var second = Start(dll, web, dataDir, port, fault: false);
            try
            {
                await WaitHealthyAsync(http, second);
                string? state = null;
                for (var i = 0; i < 100 && state != "Processed"; i++)
                {
                    state = await ScalarAsync(dataDir, "SELECT group_concat(state) FROM mail_inbound");
                    if (state != "Processed") await Task.Delay(200);
                }
                Assert.Equal("Processed", state);
                Assert.Equal("1", await ScalarAsync(dataDir, "SELECT count(*) FROM interactions_interactions WHERE subject = 'Crash test'"));
                Assert.Equal("1", await ScalarAsync(dataDir, "SELECT count(*) FROM mail_inbound"));
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static Process Start(string dll, string workingDirectory, string dataDir, int port, bool fault)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["Khidma__DataDir"] = dataDir;
        info.Environment["Khidma__Mail__SendSeconds"] = "1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (fault) info.Environment["Khidma__Mail__FaultAfterStore"] = "exit";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process process)
    {
        for (var i = 0; i < 150; i++)
        {
            Assert.False(process.HasExited, "the app exited while starting");
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        Assert.Fail("the app did not become healthy");
    }

    private static async Task ExecAsync(string dataDir, string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(dataDir, "khidma.db")};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(string dataDir, string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(dataDir, "khidma.db")};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
