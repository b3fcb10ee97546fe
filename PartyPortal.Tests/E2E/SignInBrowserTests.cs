using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

[Collection(InBrowser.Name)]
public class SignInBrowserTests(BrowserPortal portal)
{
    [Fact(Timeout = 120_000)]
    public async Task SignedOutVisitorIsSentToTheChineseSignInPage()
    {
        await using var tab = await portal.OpenTabAsync();

        await tab.Page.GotoAsync("/");

        await Expect(tab.Page).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(tab.Page.Locator("h1")).ToHaveTextAsync("请登录");
        await Expect(tab.Page.Locator("label[for=username]")).ToHaveTextAsync("用户名");
        var fonts = await tab.FontsRenderingAsync("h1");
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Contains("CJK", f, StringComparison.Ordinal));
        await tab.ScreenshotAsync("sign-in");
    }

    [Fact(Timeout = 120_000)]
    public async Task A看板RunningInItsCircuitSignsOutFromTheAppBarAndTheSessionEnds()
    {
        await using var tab = await portal.OpenTabAsync();
        var page = tab.Page;
        await page.GotoAsync("/dashboard");
        await tab.SignInAsync("leader");
        await Expect(page.Locator(".stat-tile").First).ToBeVisibleAsync();

        // The form as the circuit rendered it, with the antiforgery token it carries there.
        await Expect(page.Locator(".user-name")).ToHaveTextAsync(new Regex(".+"));
        await page.Locator(".user-logout button").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        Assert.Empty(tab.Problems);
    }
}
