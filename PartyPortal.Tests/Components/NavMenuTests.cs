using Bunit;
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
}
