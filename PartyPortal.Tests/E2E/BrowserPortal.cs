using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// The whole portal on a real Kestrel socket with the demo bureau, and one headless Debian Chromium, shared
/// by every browser test: starting either costs seconds, a new browser context per test costs milliseconds.
/// </summary>
public sealed class BrowserPortal(DemoBureauFixture demo) : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Generous: the suite shares two cores with a browser, the portal and the other tests.</summary>
    public const float WaitMilliseconds = 30_000;

    internal static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private PortalFactory? portal;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running portal's services, for a test that arranges through the real services what it does not test in the browser.</summary>
    public IServiceProvider Services => portal?.Services ?? throw new InvalidOperationException("The portal has not started.");

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ChromiumPath} and fonts-noto-cjk for the Chinese: "
                + "`apt-get install chromium fonts-noto-cjk` (.ci/run installs both).");
        }

        // A copy of the demo bureau the assembly fixture already seeded: generating it again costs seconds.
        var folder = PortalFactory.NewDataFolder();
        Directory.CreateDirectory(folder);
        await using (var source = new SqliteConnection(demo.Database.ConnectionString))
        await using (var copy = new SqliteConnection($"Data Source={Path.Combine(folder, "portal.db")};Pooling=False"))
        {
            await source.OpenAsync();
            await copy.OpenAsync();
            source.BackupDatabase(copy);
        }

        // Every browser test signs in from 127.0.0.1 through the real form, far more than 20 times a minute: the sign-in
        // limiter (tested on its own in SignInTests) would answer 429 on the sign-in page's address and a test would
        // wait 30 s for a navigation that never comes.
        portal = new PortalFactory(demoData: true, new Dictionary<string, string> { ["SignInLimits:PerMinute"] = "100000" }, dataFolder: folder) { StaticWebAssets = true };
        portal.UseKestrel(0);
        portal.StartServer();
        var addresses = portal.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First());

        Assertions.SetDefaultExpectTimeout(WaitMilliseconds);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Args = ChromiumArgs,
            Headless = true,
            Timeout = WaitMilliseconds,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>
    /// A fresh, signed-out browser (its own cookies) with a tab of the given width. <paramref name="bypassCsp"/> lets a
    /// test inject a checker's script (axe-core) that the portal's Content-Security-Policy would rightly refuse.
    /// </summary>
    public Task<PortalTab> OpenTabAsync(int width = 1280, int height = 800, bool bypassCsp = false) =>
        OpenTabAsync(browser!, BaseAddress, width, height, bypassCsp);

    /// <summary>A fresh browser context of <paramref name="browser"/> on <paramref name="address"/>, as the bureau's users have it (zh-CN, Asia/Shanghai).</summary>
    public static async Task<PortalTab> OpenTabAsync(IBrowser browser, Uri address, int width = 1280, int height = 800, bool bypassCsp = false, params Cookie[] cookies)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            BypassCSP = bypassCsp,
        });
        context.SetDefaultTimeout(WaitMilliseconds);
        if (cookies.Length > 0)
        {
            await context.AddCookiesAsync(cookies);
        }

        return new PortalTab(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InBrowser : ICollectionFixture<BrowserPortal>
{
    // Alone, after the parallel tests: a browser competing with them for two cores turns waits into flakes.
    public const string Name = "Browser";
}
