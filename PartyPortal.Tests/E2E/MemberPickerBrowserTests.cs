using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Data;
using PartyPortal.Model;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// Choosing a person by typing their name (issue #14, item 6: member search wherever a member is picked), here in
/// 支部班子's 任职 form. The save is refused for want of a post, so the demo data stays as it was.
/// </summary>
[Collection(InBrowser.Name)]
public sealed class MemberPickerBrowserTests(BrowserPortal portal)
{
    [Fact(Timeout = 180_000)]
    public async Task PartyOfficePicksABranchMemberByTypingTheName()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var member = await db.Members.AsNoTracking()
            .Where(m => m.Status != MemberStatus.Retired && m.OrgUnit!.Type == OrgUnitType.Branch && m.OrgUnit.ClosedOn == null && !m.OrgUnit.IsTemporary)
            .OrderByDescending(m => m.Id).Select(m => new { m.Id, m.Name, m.OrgUnitId }).FirstAsync(TestContext.Current.CancellationToken);

        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var page = tab.Page;
        await page.GotoAsync($"/organisation/members?unit={member.OrgUnitId}");
        await tab.SignInAsync("admin");
        await Expect(page.Locator($"tr[data-member='{member.Id}']")).ToBeVisibleAsync();
        await tab.ClickAsync(page.Locator("[data-action=appoint]"));

        await tab.TypeAsync(page.Locator("#post-member"), member.Name);
        var option = page.Locator($"[data-member-option='{member.Id}']");
        await Expect(option).ToBeVisibleAsync();
        await tab.ClickAsync(option);
        await Expect(page.Locator("#post-member")).ToHaveValueAsync(member.Name);
        await tab.ScreenshotAsync("member-picker");

        await tab.ClickAsync(page.Locator("[data-action=save-post]"));
        await Expect(page.Locator("[data-appoint-form]")).ToContainTextAsync("请选择职务。");
        await Expect(page.Locator("[data-appoint-form]")).Not.ToContainTextAsync("请选择本支部的党员。");
        await Expect(page.Locator("#post-member")).ToHaveValueAsync(member.Name);
    }
}
