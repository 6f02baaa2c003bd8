using System.Net;
using System.Net.Sockets;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Auth;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

// The real app on a real Kestrel port with a fresh SQLite database, and Debian's Chromium driven by Playwright.
public sealed class LiveFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Browser-Test-1";
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "khidma-browser", Guid.NewGuid().ToString("N"));
    private readonly int port = FreePort();
    private IPlaywright? playwright;

    public string BaseUrl => $"http://127.0.0.1:{port}";
    public IBrowser Browser { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(dataDir);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Khidma:DataDir", dataDir);
        builder.UseSetting("Khidma:SeedDemo", "false");
    }

    public async Task InitializeAsync()
    {
        UseKestrel(port);
        StartServer();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    public async Task<AppUser> CreateUserAsync(string role, string name)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Bootstrap>()
            .CreateUserAsync($"{role}-{Guid.NewGuid():N}@browser.test", name, Password, role, "ar");
    }

    public async Task<string> CreateTokenAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var token = AuthSetup.NewToken();
        db.ApiTokens.Add(new ApiToken { Name = "browser", Role = Roles.Admin, TokenHash = AuthSetup.HashToken(token), Prefix = token[..8], CreatedAt = DateTime.UnixEpoch });
        await db.SaveChangesAsync();
        return token;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<IPage> SignedInPageAsync(AppUser user)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "ar" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#Input_Email", user.Email!);
        await page.FillAsync("#Input_Password", Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/account/sign-in", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Runs a journey; on failure saves a screenshot of every page to artifacts/screenshots.</summary>
    public static async Task JourneyAsync(string name, Func<Task> journey, params Func<IPage?>[] pages)
    {
        try
        {
            await journey();
        }
        catch
        {
            var dir = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
            Directory.CreateDirectory(dir);
            var i = 0;
            foreach (var get in pages)
            {
                i++;
                if (get() is not { IsClosed: false } page) continue;
                try { await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"{name}-{i}.png"), FullPage = true }); }
                catch (PlaywrightException) { }
            }
            throw;
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Khidma.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
