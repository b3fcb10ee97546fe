using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>首页 leads on (issue #14, item 6): a recent record opens that record, a committee opens its 看板.</summary>
[Collection(InBrowser.Name)]
public sealed partial class HomeLinksBrowserTests(BrowserPortal portal)
{
    [Fact(Timeout = 180_000)]
    public async Task ARecentRecordOpensTheRecord()
    {
        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var page = tab.Page;
        await page.GotoAsync("/");
        await tab.SignInAsync("leader");
        var first = page.Locator("li[data-activity]").First;
        var id = await first.GetAttributeAsync("data-activity");

        await tab.ClickAsync(first.Locator("a"));

        await Expect(page).ToHaveURLAsync(new Regex($"/activities/{id}$"));
        await Expect(page.Locator("dl.activity-facts")).ToBeVisibleAsync();
    }

    [Fact(Timeout = 180_000)]
    public async Task ACommitteeRowOpensThatCommitteesDashboard()
    {
        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var page = tab.Page;
        await page.GotoAsync("/");
        await tab.SignInAsync("leader");
        var row = page.Locator("tr[data-org-unit]").Nth(1);
        var id = await row.GetAttributeAsync("data-org-unit");
        var name = (await row.Locator("td").First.InnerTextAsync()).Trim();

        await tab.ClickAsync(row.Locator("a"));

        await Expect(page).ToHaveURLAsync(new Regex($"/dashboard\\?scope={id}(&|$)"));
        await Expect(page.Locator("body")).ToContainTextAsync(name);
    }
}
