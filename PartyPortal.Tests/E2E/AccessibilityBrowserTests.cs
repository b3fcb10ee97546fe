using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// Issue 14's axe-core findings that live in the theme, app.css and the audit page, one rule at a time: colour
/// contrast on the pages where light grey, gold and MudBlazor's bright status colours showed, and the audit trail's
/// scrolling region, which a keyboard could not reach.
/// </summary>
[Collection(InBrowser.Name)]
public class AccessibilityBrowserTests(BrowserPortal portal)
{
    [Theory(Timeout = 180_000)]
    [InlineData("leader", "/")]
    [InlineData("leader", "/dashboard")]
    [InlineData("leader", "/star-rating")]
    [InlineData("secretary2", "/workspace")]
    [InlineData("secretary2", "/rectification")]
    [InlineData("admin", "/audit")]
    public async Task TextMeetsWcagContrast(string userName, string address)
    {
        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900, bypassCsp: true);
        await tab.Page.GotoAsync(address);
        await tab.SignInAsync(userName);
        await PageChecks.SettleAsync(tab.Page);

        var violations = await PageChecks.AxeViolationsAsync(tab.Page, "color-contrast");

        Assert.True(violations.Count == 0, $"{userName} {address}: " + string.Join("\n", violations));
    }

    [Fact(Timeout = 180_000)]
    public async Task TheAuditTrailScrollsInARegionAKeyboardCanReach()
    {
        // Where the trail (its before/after columns) is wider than the page it scrolls sideways, in a region a keyboard
        // can focus and a screen reader names; axe-core's rule for it passes whatever the width.
        await using var tab = await portal.OpenTabAsync(width: 390, height: 844, bypassCsp: true);
        var page = tab.Page;
        await page.GotoAsync("/audit");
        await tab.SignInAsync("admin");
        await Expect(page.Locator("[data-audit-id]").First).ToBeVisibleAsync();
        await PageChecks.SettleAsync(page);
        var violations = await PageChecks.AxeViolationsAsync(page, "scrollable-region-focusable");

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        var region = page.GetByRole(Microsoft.Playwright.AriaRole.Region, new() { Name = "审计记录表（可左右滚动）" });
        await region.FocusAsync();
        await Expect(region).ToBeFocusedAsync();
        Assert.Empty(tab.Problems);
    }
}
