using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartyPortal.Features.Accounts;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// Every page of every role, as the menu and the pages' own links reach them: at 390 px nothing scrolls sideways and
/// the console stays clean; at 1440 px axe-core finds no serious or critical WCAG 2.1 A/AA violation. The failure
/// lists every finding by page and rule, so one run tells each page's owner what to mend.
/// </summary>
[Collection(InBrowser.Name)]
public partial class PageSweepBrowserTests(BrowserPortal portal)
{
    private const int Phone = 390;
    private const int Desktop = 1440;

    /// <summary>Enough for every route of the richest role (PartyOffice) with its detail pages, and a bound on a runaway crawl.</summary>
    private const int MostPagesPerRole = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 900_000)]
    [InlineData("admin")]
    [InlineData("leader")]
    [InlineData("secretary1")]
    [InlineData("secretary2")]
    [InlineData("county1")]
    [InlineData("discipline")]
    public async Task EveryPageOfARoleFitsAPhoneAndPassesAxe(string userName)
    {
        await using var tab = await portal.OpenTabAsync(width: Desktop, height: 900, bypassCsp: true);
        await tab.Page.GotoAsync("/account/login");
        await tab.SignInAsync(userName);

        var findings = new List<string>();
        var visited = await CrawlAsync(tab, userName, findings);

        Report(userName, visited, findings);
        Assert.True(visited.Count >= 5, $"{userName} reached only {string.Join(", ", visited)}: the crawl did not find the menu");
        Assert.True(findings.Count == 0, $"{findings.Count} findings for {userName}:\n" + string.Join("\n", findings));
    }

    [Fact(Timeout = 300_000)]
    public async Task PublicPagesFitAPhoneAndPassAxe()
    {
        var screen = await NewScreenAsync();
        await using var tab = await portal.OpenTabAsync(width: Desktop, height: 900, bypassCsp: true);
        var findings = new List<string>();

        await CheckAsync(tab, "/account/login", "public", findings);
        await CheckAsync(tab, screen, "public", findings);

        Report("public", ["/account/login", "/screen/…"], findings);
        Assert.True(findings.Count == 0, $"{findings.Count} findings on public pages:\n" + string.Join("\n", findings));
    }

    /// <summary>
    /// From the home page, breadth first along same-site links, one page of each route shape (ids and query values
    /// aside): the menu gives the role's pages, their links the detail pages (a record, an assessment, a drill-down).
    /// </summary>
    private static async Task<List<string>> CrawlAsync(PortalTab tab, string role, List<string> findings)
    {
        var origin = new Uri(tab.Page.Url).GetLeftPart(UriPartial.Authority);
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        var visited = new List<string>();
        Enqueue("/");

        while (queue.Count > 0 && visited.Count < MostPagesPerRole)
        {
            var address = queue.Dequeue();
            visited.Add(address);
            foreach (var link in await CheckAsync(tab, address, role, findings))
            {
                Enqueue(link);
            }
        }

        return visited;

        void Enqueue(string href)
        {
            if (!Uri.TryCreate(new Uri(origin), href, out var uri) || uri.GetLeftPart(UriPartial.Authority) != origin)
            {
                return;
            }

            var path = uri.AbsolutePath.Trim('/');
            if (Excluded().IsMatch(path))
            {
                return;
            }

            var keys = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal);
            var shape = Digits().Replace(path, "{n}") + "?" + string.Join("&", keys);
            if (shapes.Add(shape))
            {
                queue.Enqueue(uri.PathAndQuery);
            }
        }
    }

    /// <summary>Checks one page at both widths and answers the same-site links it shows.</summary>
    private static async Task<IReadOnlyList<string>> CheckAsync(PortalTab tab, string address, string role, List<string> findings)
    {
        var page = tab.Page;
        var problemsBefore = tab.Problems.Count;
        var name = Regex.Replace(address.Trim('/'), "[^A-Za-z0-9]+", "-");
        name = $"sweep-{role}-{(name.Length == 0 ? "home" : name.StartsWith("screen-", StringComparison.Ordinal) ? "screen" : name[..Math.Min(name.Length, 60)])}";

        await page.SetViewportSizeAsync(Desktop, 900);
        await OpenAsync(tab, address);
        var shown = new Uri(page.Url).PathAndQuery;
        var label = shown == address ? address : $"{address} (→ {shown})";
        var links = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
        foreach (var violation in await PageChecks.AxeViolationsAsync(page))
        {
            findings.Add($"[{role}] {label} @{Desktop}px axe {violation}");
        }

        // The desktop picture is of the first screen only: a whole long page costs seconds to encode, 120 pages a run.
        await tab.ScreenshotAsync(name, fullPage: false);

        // The same page narrowed to a phone, not loaded again: the layout is CSS media queries and the drawer closes on
        // the breakpoint as it does on a phone's first load, and a second load of every page cost a fifth of the sweep.
        await page.SetViewportSizeAsync(Phone, 844);
        await SettleAtPhoneWidthAsync(page);
        if (await PageChecks.HorizontalOverflowAsync(page) is { } overflow)
        {
            findings.Add($"[{role}] {label} @{Phone}px scrolls sideways: {overflow}");
        }

        await tab.ScreenshotAsync(name);
        foreach (var problem in tab.Problems.Skip(problemsBefore))
        {
            findings.Add($"[{role}] {label} console: {problem}");
        }

        return links;
    }

    /// <summary>
    /// Waits until the menu has left the window at the phone's breakpoint and the page has slid into the room it
    /// left (MudBlazor's main content moves its margin over 225 ms), pages without a menu at once; then one frame drawn.
    /// </summary>
    private static async Task SettleAtPhoneWidthAsync(IPage page)
    {
        await page.WaitForFunctionAsync("""
            () => {
              const menu = document.getElementById('portal-menu');
              const main = document.querySelector('.mud-main-content');
              if (!menu || !main) return true;
              const r = menu.getBoundingClientRect();
              return (r.width === 0 || r.right <= 1) && main.getBoundingClientRect().left <= 1;
            }
            """, null, new() { Timeout = 10_000 });
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    }

    private static async Task OpenAsync(PortalTab tab, string address)
    {
        await tab.Page.GotoAsync(address);
        // The sign-in and password pages are static forms; every other page runs in its circuit.
        if (!new Uri(tab.Page.Url).AbsolutePath.StartsWith("/account/", StringComparison.Ordinal))
        {
            await tab.WaitForCircuitAsync();
        }

        await PageChecks.SettleAsync(tab.Page);
    }

    /// <summary>A meeting-room screen of the whole bureau, made through the API as PartyOffice makes one.</summary>
    private async Task<string> NewScreenAsync()
    {
        using var api = new HttpClient { BaseAddress = portal.BaseAddress };
        using (var token = await api.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = DemoAccounts.Password }, Ct))
        {
            token.EnsureSuccessStatusCode();
            var body = (await token.Content.ReadFromJsonAsync<TokenResponse>(Ct))!;
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.AccessToken);
        }

        var units = await api.GetFromJsonAsync<JsonElement>("/api/v1/org-units", Ct);
        var bureau = units.EnumerateArray().First().GetProperty("id").GetInt32();
        using var created = await api.PostAsJsonAsync("/api/v1/screens",
            new { name = "页面巡检大屏", scopeOrgUnitId = bureau, rotationSeconds = 30 }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var screen = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return new Uri(screen.GetProperty("url").GetString()!).PathAndQuery;
    }

    private static void Report(string role, IEnumerable<string> visited, List<string> findings) =>
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{role}: {findings.Count} findings on {string.Join(", ", visited)}\n{string.Join("\n", findings)}"));

    // Downloads, the API, sign-out and the screens' own addresses are not pages of a signed-in role.
    [GeneratedRegex(@"^(api|exports|openapi|healthz|_framework|_content|screen/|account/logout)|\.[a-z0-9]+$", RegexOptions.IgnoreCase)]
    private static partial Regex Excluded();

    // A report figure's page (/reports/figures/F06) is one shape whatever the figure, as a record's id is.
    [GeneratedRegex(@"(?<=^|/)(?:\d+|F\d{2})(?=/|$)")]
    private static partial Regex Digits();
}
