using System.Runtime.CompilerServices;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Khidma.BrowserTests.Support;

// The real app on a free loopback port (Kestrel), a fresh SQLite data folder with the Arabic demo company and
// a known administrator, and Debian's Chromium driven by Playwright. One per test collection: starting the
// app, seeding and launching the browser take seconds, so every browser test shares them.
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string AdminEmail = "browser-admin@khidma.local";
    public const string AdminPassword = "Browser-Admin-2026";

    // No network beyond loopback here: without these Chromium tries Google's services at every start.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "khidma-browser", Guid.NewGuid().ToString("N"));
    private AppFactory? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public string BaseUrl { get; private set; } = "";

    public IServiceProvider Services => (app ?? throw new InvalidOperationException("not started")).Services;

    /// <summary>The folder the failure screenshots and HTML go to: artifacts/screenshots at the repository root.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(RepoRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (./test.sh does this).");
        Directory.CreateDirectory(dataDir);
        app = new AppFactory(dataDir);
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new UriBuilder(address) { Host = "127.0.0.1" }.Uri.ToString().TrimEnd('/');

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(force: false);
            await scope.ServiceProvider.GetRequiredService<Bootstrap>().CreateUserAsync(AdminEmail, "مشرفة النظام", AdminPassword, Roles.Admin);
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A page in a fresh browser context (own cookies) whose language is <paramref name="culture"/>.</summary>
    public async Task<IPage> NewPageAsync(string culture = "ar")
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = culture,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = Uri.EscapeDataString($"c={culture}|uic={culture}"), Url = BaseUrl }]);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in form, as a person would, and waits for the page after it.</summary>
    public async Task SignInAsync(IPage page, string email, string password, string? returnUrl = null)
    {
        await page.GotoAsync("/account/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/account/sign-in");
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"sign-in as {email} failed: " + await page.Locator("main").InnerTextAsync());
        }
    }

    /// <summary>
    /// Runs a browser test on a new page; when it fails, saves artifacts/screenshots/&lt;test&gt;.png and .html
    /// (what the person would have seen) before the failure is reported.
    /// </summary>
    public async Task RunAsync(string culture, Func<IPage, Task> test, [CallerMemberName] string name = "")
    {
        var page = await NewPageAsync(culture);
        try
        {
            await test(page);
        }
        catch
        {
            await SaveFailureAsync(page, name);
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    public static async Task SaveFailureAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDir);
        var file = Path.Combine(ScreenshotDir, string.Concat(name.Split(Path.GetInvalidFileNameChars())));
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file + ".png", FullPage = true });
            await File.WriteAllTextAsync(file + ".html", await page.ContentAsync());
        }
        catch (PlaywrightException)
        {
            // The page may be gone (browser crashed): the test's own failure is what matters.
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (app is not null) await app.DisposeAsync();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // xunit calls DisposeAsync; this only makes sure the app is stopped if it did not (disposing twice is harmless).
    public void Dispose() => app?.Dispose();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Khidma.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    private sealed class AppFactory(string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Khidma:DataDir", dataDir);
            builder.UseSetting("Khidma:SeedDemo", "false");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
