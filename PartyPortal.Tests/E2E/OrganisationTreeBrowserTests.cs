using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyPortal.Data;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// 组织体系 as PartyOffice finds a unit in it (issue #14, item 6): a collapsed tree rather than a page of every
/// unit, a search that opens the tree down to what it finds, actions that fit the unit, and a unit closed today
/// shown as closed. Runs on its own portal: it closes a branch.
/// </summary>
[Collection(InBrowser.Name)]
public sealed class OrganisationTreeBrowserTests(OwnBrowserPortal own) : IClassFixture<OwnBrowserPortal>
{
    private BrowserPortal Portal => own.Portal;

    [Fact(Timeout = 240_000)]
    public async Task TheTreeStartsCollapsedAndTheSearchOpensItDownToABranch()
    {
        var (county, branch) = await CountyAndBranchAsync();
        await using var tab = await Portal.OpenTabAsync(width: 1440, height: 900);
        var page = tab.Page;
        await page.GotoAsync("/organisation");
        await tab.SignInAsync("admin");
        await Expect(page.Locator("h1")).ToHaveTextAsync("组织体系");
        await Expect(page.Locator($"[data-unit='{county.Id}']")).ToBeVisibleAsync();
        await tab.ScreenshotAsync("organisation-tree");
        await page.SetViewportSizeAsync(390, 844);
        await tab.ScreenshotAsync("organisation-tree");
        await page.SetViewportSizeAsync(1440, 900);

        // Collapsed: the bureau and its committees, not the branches under them.
        await Expect(page.Locator($"[data-unit='{branch.Id}']")).ToBeHiddenAsync();
        var committees = await Db(db => db.OrgUnits.CountAsync(u => u.ParentId == null || u.Parent!.ParentId == null));
        Assert.True(await page.Locator("[data-unit]:visible").CountAsync() <= committees,
            $"the tree should open on the bureau and its {committees} units at the top, not every unit");

        await tab.TypeAsync(page.Locator("#org-search"), branch.Name);
        var found = page.Locator($"[data-unit='{branch.Id}']");
        await Expect(found).ToBeVisibleAsync();
        await Expect(found).ToHaveAttributeAsync("data-match", "true");
        await tab.ScreenshotAsync("organisation-tree-search");

        // A branch may hold party groups only; a committee holds committees' and branches' units.
        var branchActions = found.Locator("> [data-unit-row] button");
        await Expect(branchActions.Filter(new() { HasText = "新增党小组" })).ToHaveCountAsync(1);
        await Expect(branchActions.Filter(new() { HasText = "新增下级" })).ToHaveCountAsync(0);
        var countyActions = page.Locator($"[data-unit='{county.Id}'] > [data-unit-row] button");
        await Expect(countyActions.Filter(new() { HasText = "新增下级组织" })).ToHaveCountAsync(1);

        await page.SetViewportSizeAsync(390, 844);
        await tab.ScreenshotAsync("organisation-tree-search");
    }

    [Fact(Timeout = 240_000)]
    public async Task ABranchClosedTodayIsGreyedWithItsDateAndIsNotOutOfRule()
    {
        var (county, _) = await CountyAndBranchAsync();
        var today = Portal.Services.GetRequiredService<BureauClock>().Today;
        const string Name = "城区合并前党支部";
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var units = scope.ServiceProvider.GetRequiredService<OrgUnitService>();
            var added = await units.AddAsync(TestUsers.PartyOffice, new OrgUnitInput
            {
                ParentId = county.Id, Name = Name, Type = OrgUnitType.Branch, FoundedOn = today.AddYears(-2),
            }, TestContext.Current.CancellationToken);
            Assert.True(added.Succeeded, string.Join("; ", added.Errors.Values));
            var closed = await units.CloseAsync(TestUsers.PartyOffice, added.Id!.Value, today, TestContext.Current.CancellationToken);
            Assert.True(closed.Succeeded, string.Join("; ", closed.Errors.Values));
        }

        var id = await Db(db => db.OrgUnits.Where(u => u.Name == Name).Select(u => u.Id).SingleAsync());
        await using var tab = await Portal.OpenTabAsync(width: 1440, height: 900);
        var page = tab.Page;
        await page.GotoAsync("/organisation");
        await tab.SignInAsync("admin");
        await Expect(page.Locator($"[data-unit='{county.Id}']")).ToBeVisibleAsync();
        await tab.TypeAsync(page.Locator("#org-search"), Name);

        var row = page.Locator($"[data-unit='{id}'] > [data-unit-row]");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToHaveAttributeAsync("data-closed", "true");
        await Expect(row).ToContainTextAsync($"{today:yyyy-MM-dd} 撤销");
        foreach (var action in new[] { "add", "add-group", "rename", "move", "close" })
        {
            await Expect(row.Locator($"[data-action={action}]")).ToHaveCountAsync(0);
        }

        await Expect(row.Locator("[data-view=dashboard]")).ToHaveCountAsync(1);
        await tab.ScreenshotAsync("organisation-closed-today");

        await page.GotoAsync("/organisation/standards");
        await tab.WaitForCircuitAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("支部规范化建设");
        await Expect(page.Locator("[data-summary]")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-branch='{id}']")).ToHaveCountAsync(0);
    }

    /// <summary>The first county committee and its first open, permanent branch, from the demo bureau.</summary>
    private Task<(OrgUnit County, OrgUnit Branch)> CountyAndBranchAsync() => Db(async db =>
    {
        var county = await db.OrgUnits.AsNoTracking().Where(u => u.Type == OrgUnitType.CountyCommittee).OrderBy(u => u.SortOrder).ThenBy(u => u.Id).FirstAsync();
        var branch = await db.OrgUnits.AsNoTracking()
            .Where(u => u.ParentId == county.Id && u.Type == OrgUnitType.Branch && !u.IsTemporary && u.ClosedOn == null)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id).FirstAsync();
        return (county, branch);
    });

    private async Task<T> Db<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await read(db);
    }
}
