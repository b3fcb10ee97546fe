using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Accounts;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Accounts;

public class AccountsPageTests : PortalTestContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddDbContext<PortalDbContext>(o => PortalDatabase.Configure(o, Database.Connection));
        Services.AddIdentityCore<PortalUser>(o => o.Password.RequiredLength = 10)
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddErrorDescriber<ZhCnIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Services.AddScoped<AccountService>();
        await using var db = Database.CreateDbContext();
        await TestTree.AddUnitAsync(db, "测试市局党委", OrgUnitType.MunicipalCommittee, null);
    }

    [Fact]
    public void ALeaderIsToldNoAndSeesNoAccountsOrButtons()
    {
        var page = RenderAs<AccountsPage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Contains("您没有权限管理账户", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-account]"));
        Assert.DoesNotContain("新建账户", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-action]"));
    }

    [Fact]
    public async Task PartyOfficeSeesTheAccountsWithTheirRolesAndActions()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            Assert.True((await accounts.CreateAsync(TestUsers.PartyOffice, new NewAccount { UserName = "lead", DisplayName = "王书记", Roles = [new RolePair { Role = PortalRole.Leader }] }, Xunit.TestContext.Current.CancellationToken)).Succeeded);
        }

        var page = RenderAs<AccountsPage>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-account=lead]")));
        Assert.Contains("党委领导 · 全市局", page.Markup, StringComparison.Ordinal);
        Assert.Contains("待修改密码", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-action=disable]"));
        Assert.Single(page.FindAll("[data-action=reset-password]"));
    }

    [Fact]
    public void AWrongAccountKeepsWhatWasTypedAndSaysWhyBesideTheField()
    {
        var page = RenderAs<AccountsPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Contains("新建账户", page.Markup, StringComparison.Ordinal));
        page.FindAll("button").First(b => b.TextContent.Contains("新建账户", StringComparison.Ordinal)).Click();

        page.Find("#new-username").Change("有 空格");
        page.Find("#new-displayname").Change("李娜");
        page.Find("[data-action=save-account]").Click();

        page.WaitForAssertion(() => Assert.Contains("用户名为3至40位", page.Markup, StringComparison.Ordinal));
        Assert.Equal("有 空格", page.Find("#new-username").GetAttribute("value"));
        Assert.Equal("李娜", page.Find("#new-displayname").GetAttribute("value"));
        using var db = Database.CreateDbContext();
        Assert.Empty(db.Users);
    }

    [Fact]
    public void ASecretaryWithoutABranchIsRefusedBesideTheScope()
    {
        var page = RenderAs<AccountsPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Contains("新建账户", page.Markup, StringComparison.Ordinal));
        page.FindAll("button").First(b => b.TextContent.Contains("新建账户", StringComparison.Ordinal)).Click();

        page.Find("#new-username").Change("zhangwei");
        page.Find("#new-displayname").Change("张伟");
        page.Find("[data-action=save-account]").Click();

        page.WaitForAssertion(() => Assert.Contains("支部书记须指定所负责的党组织", page.Markup, StringComparison.Ordinal));
        Assert.Equal("zhangwei", page.Find("#new-username").GetAttribute("value"));
        using var db = Database.CreateDbContext();
        Assert.Empty(db.Users);
    }

    [Fact]
    public async Task AResetPasswordIsShownOnceAndMustBeChanged()
    {
        string id;
        await using (var scope = Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            Assert.True((await accounts.CreateAsync(TestUsers.PartyOffice, new NewAccount { UserName = "lead", DisplayName = "王书记", Roles = [new RolePair { Role = PortalRole.Leader }] }, Xunit.TestContext.Current.CancellationToken)).Succeeded);
            await using var db = Database.CreateDbContext();
            id = db.Users.Single().Id;
        }

        var dialogs = Render<MudDialogProvider>();
        var page = RenderAs<AccountsPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=reset-password]")));
        var asking = page.Find("[data-action=reset-password]").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Contains("原密码立即失效", dialogs.Find("[data-confirm-message]").TextContent, StringComparison.Ordinal));
        await dialogs.Find("[data-action=confirm-ok]").ClickAsync(new());
        await asking;

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".one-time-password")));
        var password = page.Find(".one-time-password").TextContent;
        Assert.Equal(12, password.Length);
        await using var check = Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(id);
        Assert.True(await users.CheckPasswordAsync(user!, password));
        Assert.True(user!.MustChangePassword);
    }

    [Fact]
    public async Task DisablingAnAccountSaysWhatWillHappenAndCancellingKeepsItActive()
    {
        var id = await CreateLeaderAsync();
        var dialogs = Render<MudDialogProvider>();
        var page = RenderAs<AccountsPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=disable]")));

        var asking1 = page.Find("[data-action=disable]").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Contains("王书记（lead）立即不能登录", dialogs.Find("[data-confirm-message]").TextContent, StringComparison.Ordinal));
        Assert.False(await IsDisabledAsync(id));
        await dialogs.Find("[data-action=confirm-cancel]").ClickAsync(new());
        await asking1;
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-confirm-message]")));
        Assert.False(await IsDisabledAsync(id));
        Assert.DoesNotContain("已停用", page.Find("tr:has([data-account=lead])").TextContent, StringComparison.Ordinal);

        var asking2 = page.Find("[data-action=disable]").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => dialogs.Find("[data-action=confirm-ok]"));
        await dialogs.Find("[data-action=confirm-ok]").ClickAsync(new());
        await asking2;

        page.WaitForAssertion(() => Assert.Contains("已停用", page.Find("tr:has([data-account=lead])").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.True(await IsDisabledAsync(id));
    }

    [Fact]
    public async Task NobodyIsOfferedToDisableTheAccountTheyAreSignedInWith()
    {
        await CreateLeaderAsync();
        var page = RenderAs<AccountsPage>(TestUsers.With("lead", new Assignment(PortalRole.PartyOffice, null)));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-account=lead]")));
        Assert.Empty(page.FindAll("tr:has([data-account=lead]) [data-action=disable]"));
        Assert.Contains("当前登录账户", page.Find("tr:has([data-account=lead])").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServerRefusesToDisableTheAccountThatAsks()
    {
        var id = await CreateLeaderAsync();
        var byId = TestUsers.With("someone-else", new Assignment(PortalRole.PartyOffice, null));
        ((System.Security.Claims.ClaimsIdentity)byId.Identity!).AddClaim(new(System.Security.Claims.ClaimTypes.NameIdentifier, id));
        var byName = TestUsers.With("lead", new Assignment(PortalRole.PartyOffice, null));
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();

        foreach (var self in new[] { byId, byName })
        {
            var result = await accounts.DisableAsync(self, id, Xunit.TestContext.Current.CancellationToken);
            Assert.Equal("不能停用自己正在使用的账户。", Assert.Single(result.Errors.Values));
        }

        Assert.False(await IsDisabledAsync(id));
    }

    private async Task<string> CreateLeaderAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        Assert.True((await accounts.CreateAsync(TestUsers.PartyOffice, new NewAccount { UserName = "lead", DisplayName = "王书记", Roles = [new RolePair { Role = PortalRole.Leader }] }, Xunit.TestContext.Current.CancellationToken)).Succeeded);
        await using var db = Database.CreateDbContext();
        return db.Users.Single().Id;
    }

    private async Task<bool> IsDisabledAsync(string id)
    {
        await using var db = Database.CreateDbContext();
        return (await db.Users.SingleAsync(u => u.Id == id, Xunit.TestContext.Current.CancellationToken)).IsDisabled;
    }
}
