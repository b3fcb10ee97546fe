using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyPortal.Model;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>账户管理 in the browser: a new account's one-time password appears at once, and a double press makes one account.</summary>
[Collection(InBrowser.Name)]
public class AccountsBrowserTests(BrowserPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task ANewAccountsPasswordIsShownAtOnceAndADoublePressMakesOneAccount()
    {
        const string userName = "xin.zhanghu";
        await using var tab = await portal.OpenTabAsync(width: 1440);
        var page = tab.Page;
        await page.GotoAsync("/accounts");
        await tab.SignInAsync("admin");
        await tab.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "新建账户" }));
        await tab.TypeAsync(page.Locator("#new-username"), userName);
        await tab.TypeAsync(page.Locator("#new-displayname"), "辛账户");
        await tab.ClickAsync(page.Locator(".mud-select").First);
        await tab.ClickAsync(page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "党委领导" }));
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await tab.ScreenshotAsync("account-new-filled");

        // Both presses reach the circuit before the first answer can disable the button.
        await page.Locator("[data-action=save-account]").DblClickAsync();

        await Expect(page.Locator(".one-time-password")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(page.Locator($"[data-account='{userName}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(page.Locator("#new-username")).ToHaveCountAsync(0);
        await Expect(page.GetByText("仅显示这一次")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-one-time-password] [data-action=copy]")).ToBeVisibleAsync();
        await Expect(page.GetByText("用户名已被使用")).ToHaveCountAsync(0);
        await tab.ScreenshotAsync("account-created");

        var password = (await page.Locator(".one-time-password").InnerTextAsync()).Trim();
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var created = await users.Users.Where(u => u.UserName == userName).ToListAsync(Ct);
        var account = Assert.Single(created);
        Assert.True(await users.CheckPasswordAsync(account, password));
        Assert.True(account.MustChangePassword);
        Assert.Empty(tab.Problems);
    }
}
