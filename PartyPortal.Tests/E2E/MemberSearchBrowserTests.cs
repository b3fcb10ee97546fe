using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyPortal.Data;
using PartyPortal.Model;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// 党员管理 as PartyOffice looks for one person among the bureau's thousands (issue #14, item 6): by name,
/// across every branch, a page of at most 50 at a time, in pinyin order.
/// </summary>
[Collection(InBrowser.Name)]
public sealed class MemberSearchBrowserTests(BrowserPortal portal)
{
    /// <summary>The order a Chinese reader expects: ICU's zh collation is by pinyin.</summary>
    private static readonly StringComparer Pinyin = CultureInfo.GetCultureInfo("zh-CN").CompareInfo.GetStringComparer(CompareOptions.None);

    [Fact(Timeout = 240_000)]
    public async Task PartyOfficeFindsAMemberOfAnyBranchByName()
    {
        var current = await Db(db => db.Members.AsNoTracking().Where(m => m.Status != MemberStatus.Retired)
            .Select(m => new { m.Id, m.Name, Branch = m.OrgUnit!.Name, County = m.OrgUnit.Parent!.Type == OrgUnitType.CountyCommittee }).ToListAsync());
        var target = current.Where(m => m.County).GroupBy(m => m.Name).Where(g => g.Count() == 1 && current.Count(c => c.Name == g.Key) == 1)
            .Select(g => g.Single()).OrderBy(m => m.Id).Last();
        var surname = current.GroupBy(m => m.Name[..1]).OrderByDescending(g => g.Count()).First();
        Assert.True(surname.Count() > 50, "the demo bureau should have a surname shared by more than a page of members");

        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var page = tab.Page;
        await page.GotoAsync("/organisation/members");
        await tab.SignInAsync("admin");
        await Expect(page.Locator("h1")).ToHaveTextAsync("党员管理");
        await Expect(page.Locator("tr[data-member]").First).ToBeVisibleAsync();
        await tab.ScreenshotAsync("members");
        await page.SetViewportSizeAsync(390, 844);
        await tab.ScreenshotAsync("members");
        await page.SetViewportSizeAsync(1440, 900);

        await tab.TypeAsync(page.Locator("#member-search"), target.Name);
        var hits = page.Locator("[data-member-hit]");
        await Expect(hits).ToHaveCountAsync(1);
        await Expect(hits.First).ToContainTextAsync(target.Name);
        await Expect(hits.First).ToContainTextAsync(target.Branch);

        await tab.TypeAsync(page.Locator("#member-search"), surname.Key);
        await Expect(page.Locator("[data-total]")).ToContainTextAsync($"共{surname.Count()}名");
        await Expect(hits).ToHaveCountAsync(50);
        var names = await page.Locator("[data-member-hit] [data-name]").AllInnerTextsAsync();
        Assert.Equal(names.Order(Pinyin), names);
        await tab.ScreenshotAsync("members-search");

        // The second page carries on where the first stopped.
        await tab.ClickAsync(page.Locator("[data-search-pages] [data-action=next-page]"));
        await Expect(page.Locator("[data-member-hit] [data-name]").First).Not.ToHaveTextAsync(names[0]);
        var second = await page.Locator("[data-member-hit] [data-name]").AllInnerTextsAsync();
        Assert.True(Pinyin.Compare(names[^1], second[0]) <= 0, $"page 2 starts with {second[0]}, before page 1's last {names[^1]}");

        await page.SetViewportSizeAsync(390, 844);
        await tab.ScreenshotAsync("members-search");
    }

    [Fact(Timeout = 180_000)]
    public async Task ABranchRosterIsInPinyinOrder()
    {
        // A branch whose names a code-point sort would misplace, so the order on screen tells the two apart.
        var rosters = await Db(db => db.Members.AsNoTracking().Where(m => m.Status != MemberStatus.Retired)
            .Select(m => new { m.OrgUnitId, m.Name }).ToListAsync());
        var branch = rosters.GroupBy(m => m.OrgUnitId)
            .Select(g => (Id: g.Key, Names: g.Select(m => m.Name).ToList()))
            .First(b => !b.Names.Order(StringComparer.Ordinal).SequenceEqual(b.Names.Order(Pinyin)));

        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var page = tab.Page;
        await page.GotoAsync($"/organisation/members?unit={branch.Id}");
        await tab.SignInAsync("admin");
        await Expect(page.Locator("tr[data-member]").First).ToBeVisibleAsync();

        var shown = await page.Locator("tr[data-member] td:first-child").AllInnerTextsAsync();
        Assert.Equal(branch.Names.Order(Pinyin).Take(50), shown.Select(s => s.Trim()));
    }

    private async Task<T> Db<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await read(db);
    }
}
