using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Components.Layout;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Components;

public class NavMenuTests : PortalTestContext
{
    [Fact]
    public void PartyOfficeSeesAccountsAuditAndScreens()
    {
        var menu = RenderAs<NavMenu>(TestUsers.PartyOffice);

        menu.WaitForAssertion(() => Assert.Equal(["首页", "工作台", "看板", "报告", "大屏", "星级评定", "学习专题", "整改闭环", "结对共建", "纪检监督", "组织体系", "党员管理", "支部规范化建设", "台账", "导入导出", "账户", "审计"], menu.FindAll("a").Select(a => a.TextContent.Trim())));
    }

    [Fact]
    public void OtherRolesDoNotSeeWhatTheyMayNotUse()
    {
        var leader = RenderAs<NavMenu>(TestUsers.Leader);
        leader.WaitForAssertion(() => Assert.Equal(["首页", "看板", "报告", "星级评定", "学习专题", "整改闭环", "结对共建", "纪检监督"], leader.FindAll("a").Select(a => a.TextContent.Trim())));

        // Discipline reads the restricted part of the audit trail.
        var discipline = RenderAs<NavMenu>(TestUsers.Discipline);
        discipline.WaitForAssertion(() => Assert.Equal(["首页", "看板", "报告", "星级评定", "学习专题", "整改闭环", "结对共建", "纪检监督", "审计"], discipline.FindAll("a").Select(a => a.TextContent.Trim())));

        var secretary = RenderAs<NavMenu>(TestUsers.Secretary(1));
        secretary.WaitForAssertion(() => Assert.Equal(["首页", "工作台", "看板", "星级评定", "学习专题", "整改闭环", "结对共建", "导入导出"], secretary.FindAll("a").Select(a => a.TextContent.Trim())));
    }

    [Fact]
    public void TheEntryOfThePageShownIsMarkedAndFollowsTheAddress()
    {
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var menu = RenderAs<NavMenu>(TestUsers.PartyOffice);
        string[] Active() => [.. menu.FindAll("a.active").Select(a => a.TextContent.Trim())];

        menu.WaitForAssertion(() => Assert.Equal(["首页"], Active()));
        Assert.Equal("page", menu.Find("a.active").GetAttribute("aria-current"));

        navigation.NavigateTo("dashboard?metric=x");
        menu.WaitForAssertion(() => Assert.Equal(["看板"], Active()));

        // 组织体系 matches its own address only; 党员管理 its address and what lies under it.
        navigation.NavigateTo("organisation/members/12");
        menu.WaitForAssertion(() => Assert.Equal(["党员管理"], Active()));
        navigation.NavigateTo("organisation");
        menu.WaitForAssertion(() => Assert.Equal(["组织体系"], Active()));
        Assert.Null(menu.FindAll("a").Single(a => a.TextContent.Trim() == "看板").GetAttribute("aria-current"));
    }
}
