using System.Globalization;
using Microsoft.Playwright;
using PartyPortal.Features.Accounts;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// One browser tab on the portal, as a person uses it: every click and every typed field goes through
/// <see cref="ClickAsync"/> or <see cref="TypeAsync"/>, so a test can say how many steps a task took.
/// </summary>
public sealed class PortalTab : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> problems = [];

    public PortalTab(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        // Kept to explain a wait that times out: a script that failed to load or threw says why far better.
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                Note($"console: {m.Text}");
            }
        };
        page.PageError += (_, e) => Note($"page error: {e}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                Note($"{r.Status} {r.Url}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors, script errors and failed responses seen so far.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (problems)
            {
                return [.. problems];
            }
        }
    }

    /// <summary>Clicks and typed fields so far.</summary>
    public int Interactions { get; private set; }

    public async Task ClickAsync(ILocator target)
    {
        ArgumentNullException.ThrowIfNull(target);
        await target.ClickAsync();
        Interactions++;
    }

    /// <summary>
    /// Clicks, then waits for the address the click leads to (a save that opens the saved record). When it never comes,
    /// the failure says what the page showed instead (its alerts and field errors, the reconnect dialog) and what the
    /// browser saw, beside a screenshot named stuck-….
    /// </summary>
    public async Task ClickToAsync(ILocator target, System.Text.RegularExpressions.Regex address)
    {
        ArgumentNullException.ThrowIfNull(address);
        await ClickAsync(target);
        try
        {
            await Page.WaitForURLAsync(address);
        }
        catch (TimeoutException e)
        {
            await ScreenshotAsync("stuck-" + Uri.EscapeDataString(new Uri(Page.Url).AbsolutePath.Trim('/')));
            var shown = await Page.Locator(".mud-alert, .mud-snackbar, .validation-message, .mud-input-error .mud-input-helper-text, #components-reconnect-modal").AllInnerTextsAsync();
            throw new InvalidOperationException(
                $"{Page.Url} did not lead to {address}: the page showed [{string.Join(" | ", shown)}], the browser saw [{string.Join("; ", Problems)}]", e);
        }
    }

    public async Task TypeAsync(ILocator field, string text)
    {
        ArgumentNullException.ThrowIfNull(field);
        await field.FillAsync(text);
        Interactions++;
    }

    /// <summary>Signs in on the sign-in page the tab shows, through the real form, and waits for the page it leads to.</summary>
    public async Task SignInAsync(string userName, string password = DemoAccounts.Password)
    {
        await Expect(Page.Locator("h1")).ToHaveTextAsync("请登录");
        await TypeAsync(Page.Locator("#username"), userName);
        await TypeAsync(Page.Locator("#password"), password);
        await ClickAsync(Page.Locator("button[type=submit]"));
        try
        {
            await Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            // Say what the sign-in page answered (a refusal, a 429 page) rather than only that nothing happened.
            var said = await Page.Locator("body").InnerTextAsync(new() { Timeout = 2_000 });
            throw new InvalidOperationException($"signing in as {userName} never left {Page.Url}; the page says: {said}", e);
        }

        await WaitForCircuitAsync();
    }

    /// <summary>
    /// After a full page load the HTML is a static prerender whose buttons do nothing; the layout marks itself
    /// data-interactive once the page has been rendered again in its circuit, and only then do clicks count.
    /// </summary>
    public async Task WaitForCircuitAsync()
    {
        try
        {
            await Expect(Page.Locator("[data-interactive]")).ToBeAttachedAsync();
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"{Page.Url} never ran in its Blazor circuit; the browser saw: {string.Join("; ", Problems)}", e);
        }
    }

    /// <summary>Saves the whole page (or only what the viewport shows) as TestResults/screenshots/{name}-{width}.png beside the test assembly.</summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        var width = Page.ViewportSize?.Width.ToString(CultureInfo.InvariantCulture) ?? "auto";
        var path = Path.Combine(BrowserPortal.ScreenshotFolder, $"{name}-{width}.png");
        // Finite animations (a panel fading in) are finished first: the picture shows the page as it settles.
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>
    /// The system fonts Chromium drew the first element matching the selector with (from its DevTools
    /// protocol): a CJK family means readable Chinese, anything else means boxes in place of characters.
    /// </summary>
    public async Task<IReadOnlyList<string>> FontsRenderingAsync(string selector)
    {
        var cdp = await context.NewCDPSessionAsync(Page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var node = await cdp.SendAsync("DOM.querySelector", new() { ["nodeId"] = root, ["selector"] = selector });
        var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new() { ["nodeId"] = node!.Value.GetProperty("nodeId").GetInt32() });
        await cdp.DetachAsync();
        return [.. fonts!.Value.GetProperty("fonts").EnumerateArray().Select(f => f.GetProperty("familyName").GetString() ?? "")];
    }

    private void Note(string problem)
    {
        lock (problems)
        {
            problems.Add(problem);
        }
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
