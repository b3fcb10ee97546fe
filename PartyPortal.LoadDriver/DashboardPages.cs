using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using PartyPortal.Features.Accounts;
using PartyPortal.Live.Metrics;
using static PartyPortal.LoadDriver.LoadDriverProgram;

namespace PartyPortal.LoadDriver;

/// <summary>
/// The Blazor side of issue 11: N whole-bureau 看板 pages in one headless chromium, each page its own circuit, signed
/// in once as <c>leader</c> through the real form. Each page watches its <c>activity-count</c> tile with a
/// MutationObserver and notes, on the machine's wall clock, when the number changed; the driver reads those notes
/// after the writes and matches them to the writes by the same rule as the hub subscribers (see <see cref="Subscriber"/>).
/// </summary>
internal sealed class DashboardPages(int rendererProcesses) : IDashboards
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Pages per browser context. Chromium caps the WebSockets a profile (a context's network stack) holds to one
    /// host at 255, and every circuit is one; the contexts beyond the first get the first one's cookies.
    /// </summary>
    private const int PagesPerContext = 200;

    private const float WaitMilliseconds = 120_000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        // Every page is a background tab but one; unthrottled, so that a late render is the portal's, not a timer's.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ];

    // Runs in each page once its circuit is up: the tile's number now (the baseline) and, from then on, each change
    // with performance.timeOrigin + performance.now(), wall-clock milliseconds comparable with the driver's
    // DateTimeOffset.UtcNow on the same machine. The whole body is watched because a re-render may replace the tile.
    private const string ObserverScript = """
        () => {
          const tile = () => document.querySelector('.dashboard-tiles [data-metric="METRIC"]');
          const read = () => { const t = tile(); return t ? parseInt(t.getAttribute('data-value'), 10) : NaN; };
          const notes = { base: read(), seen: [] };
          let last = notes.base;
          new MutationObserver(() => {
            const v = read();
            if (!Number.isNaN(v) && v !== last) { last = v; notes.seen.push([v, performance.timeOrigin + performance.now()]); }
          }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
          window.__loadDriver = notes;
          return notes.base;
        }
        """;

    private readonly List<IBrowserContext> contexts = [];
    private readonly List<Page> pages = [];
    private IPlaywright? playwright;
    private IBrowser? browser;
    private IReadOnlyList<BrowserContextCookiesResult> cookies = [];

    public string Client => "chromium (headless, one page per circuit)";

    public string Seen => "the tile's MutationObserver in the page";

    public int Count => pages.Count;

    /// <summary>Pages whose baseline is known (their circuit rendered the tile and the observer runs).</summary>
    public int Live => pages.Count(p => p.Baseline >= 0);

    /// <summary>Pages whose tile showed at least <c>baseline + n</c>: checked one page at a time, each page once it has.</summary>
    public async Task<int> CountReachedAsync(int n)
    {
        var reached = 0;
        foreach (var page in pages.Where(p => p.Baseline >= 0))
        {
            if (page.Reached < n)
            {
                page.Reached = await page.Tab.EvaluateAsync<int>("() => { const s = window.__loadDriver.seen; return s.length ? s[s.length - 1][0] : window.__loadDriver.base; }") - page.Baseline;
            }

            reached += page.Reached >= n ? 1 : 0;
        }

        return reached;
    }

    public async Task OpenAsync(Uri portal, int count, int parallelism, CancellationToken ct)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"--dashboards needs Debian's chromium at {ChromiumPath} (apt-get install chromium).");
        }

        var started = Stopwatch.GetTimestamp();
        if (browser is null)
        {
            await LaunchAndSignInAsync(portal);
            Line($"chromium {browser!.Version}: signed in as leader in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }

        Line($"opening {count} dashboards, {parallelism} at a time…");
        var added = new List<Page>();
        for (var i = pages.Count; i < pages.Count + count; i++)
        {
            if (i / PagesPerContext >= contexts.Count)
            {
                var context = await NewContextAsync(portal);
                await context.AddCookiesAsync(cookies.Select(c => new Cookie
                {
                    Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires,
                    HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
                }));
            }

            added.Add(new Page(await contexts[i / PagesPerContext].NewPageAsync()));
        }

        pages.AddRange(added);
        var opened = 0;
        await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (page, _) =>
        {
            await page.OpenAsync();
            if (Interlocked.Increment(ref opened) % 50 == 0)
            {
                Line($"  {opened} dashboards…");
            }
        });
        Line($"{Live}/{pages.Count} dashboards live (circuit up, tile shown, observer installed) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"
            + (pages.FirstOrDefault(p => p.Problem is not null) is { } bad ? $"; first failure: {bad.Problem}" : ""));
    }

    /// <summary>Per page, the wall-clock time (Unix ms) at which its tile first showed baseline + k + 1, for k below <paramref name="capacity"/>.</summary>
    public async Task<List<double?[]>> CollectAsync(int capacity)
    {
        var all = new List<double?[]>();
        foreach (var page in pages.Where(p => p.Baseline >= 0))
        {
            var notes = await page.Tab.EvaluateAsync<JsonElement>("() => window.__loadDriver");
            var firstAt = new double?[capacity];
            foreach (var note in notes.GetProperty("seen").EnumerateArray())
            {
                var reflected = Math.Min(note[0].GetInt32() - page.Baseline, capacity);
                for (var k = 0; k < reflected; k++)
                {
                    firstAt[k] ??= note[1].GetDouble();
                }
            }

            all.Add(firstAt);
        }

        return all;
    }

    /// <summary>Starts chromium and signs in as leader through the real form; the cookies serve every later context.</summary>
    private async Task LaunchAndSignInAsync(Uri portal)
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Args = rendererProcesses > 0 ? [.. ChromiumArgs, $"--renderer-process-limit={rendererProcesses}"] : ChromiumArgs,
            Headless = true,
            Timeout = WaitMilliseconds,
        });

        var first = await NewContextAsync(portal);
        var signIn = await first.NewPageAsync();
        await signIn.GotoAsync("/dashboard");
        await signIn.Locator("#username").FillAsync("leader");
        await signIn.Locator("#password").FillAsync(DemoAccounts.Password);
        await signIn.Locator("button[type=submit]").ClickAsync();
        await signIn.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await signIn.CloseAsync();
        cookies = await first.CookiesAsync();
    }

    private async Task<IBrowserContext> NewContextAsync(Uri portal)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(WaitMilliseconds);
        contexts.Add(context);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    private sealed class Page(IPage tab)
    {
        public IPage Tab { get; } = tab;

        public int Baseline { get; private set; } = -1;

        public int Reached { get; set; }

        public string? Problem { get; private set; }

        /// <summary>
        /// Loads the whole-bureau dashboard and waits for its circuit: the layout marks itself data-interactive once
        /// the page has rendered in the circuit (the first HTML is a prerender), and the tile must carry a number.
        /// </summary>
        public async Task OpenAsync()
        {
            try
            {
                await Tab.GotoAsync("/dashboard");
                await Tab.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await Tab.WaitForFunctionAsync(
                    $"() => /^[0-9]+$/.test(document.querySelector('.dashboard-tiles [data-metric=\"{MetricNames.ActivityCount}\"]')?.getAttribute('data-value') ?? '')");
                Baseline = await Tab.EvaluateAsync<int>(ObserverScript.Replace("METRIC", MetricNames.ActivityCount, StringComparison.Ordinal));
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                Problem = e.Message.Split('\n')[0];
            }
        }
    }
}
