using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        Services.AddDbContext<PortalDbContext>(o => PortalDatabase.Configure(o, Database.ConnectionString));
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

        var page = RenderAs<AccountsPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=reset-password]")));
        page.Find("[data-action=reset-password]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".one-time-password")));
        var password = page.Find(".one-time-password").TextContent;
        Assert.Equal(12, password.Length);
        await using var check = Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(id);
        Assert.True(await users.CheckPasswordAsync(user!, password));
        Assert.True(user!.MustChangePassword);
    }
}
