using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartyPortal.Features.Organisation;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

public class MembersPageTests : PortalTestContext
{
    private int branch;
    private int memberId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<OrganisationService>();
        Services.AddScoped<MemberService>();
        Services.AddScoped<MemberFinder>();
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branch = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
        var m = new Member { Name = "张伟", BirthYear = 1985, CadreLevel = CadreLevel.Section, Gender = Gender.Male, OrgUnitId = branch };
        db.Members.Add(m);
        await db.SaveChangesAsync();
        db.MemberAssignments.Add(new MemberAssignment { MemberId = m.Id, OrgUnitId = branch, From = new DateOnly(2020, 1, 1) });
        await db.SaveChangesAsync();
        memberId = m.Id;
    }

    [Fact]
    public void PartyOfficeSeesTheMembersAndCanAddTransferAndRetire()
    {
        var page = RenderAs<MembersPage>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-member]")));
        Assert.Contains("张伟", page.Markup, StringComparison.Ordinal);
        Assert.Contains("科级", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-action=add-member]"));
        Assert.Single(page.FindAll("[data-action=transfer]"));
        Assert.Single(page.FindAll("[data-action=retire]"));
    }

    [Fact]
    public void ALeaderSeesTheListReadOnly()
    {
        var page = RenderAs<MembersPage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-member]")));
        Assert.Empty(page.FindAll("[data-action]"));
    }

    [Fact]
    public void AnInvalidNewMemberIsExplainedBesideTheFieldAndWhatWasTypedIsKept()
    {
        var page = RenderAs<MembersPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=add-member]")));

        page.Find("[data-action=add-member]").Click();
        page.WaitForElement("#member-name").Change("李娜");
        page.Find("#member-birth-year").Change("1930");
        page.Find("[data-action=save-member]").Click();

        page.WaitForAssertion(() => Assert.Contains("出生年份应在1940年至2006年之间", page.Markup, StringComparison.Ordinal));
        Assert.Equal("李娜", page.Find("#member-name").GetAttribute("value"));
        Assert.Contains("请选择性别", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-member]"));
    }

    [Fact]
    public void EditingAMemberOpensTheFormFilledInAndSavesTheChange()
    {
        var page = RenderAs<MembersPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=edit]")));

        page.Find("[data-action=edit]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-member-form=edit]")));
        Assert.Equal("张伟", page.Find("#member-name").GetAttribute("value"));
        Assert.Equal("1985", page.Find("#member-birth-year").GetAttribute("value"));
        Assert.DoesNotContain("编入本支部日期", page.Markup, StringComparison.Ordinal);
        page.Find("#member-name").Change("张维");
        page.Find("[data-action=save-member]").Click();

        page.WaitForAssertion(() => Assert.Contains("已保存张维的信息。", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-member-form]"));
        Assert.Contains("张维", page.Find("[data-member]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidEditIsExplainedBesideTheFieldAndKeepsWhatWasTyped()
    {
        var page = RenderAs<MembersPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=edit]")));

        page.Find("[data-action=edit]").Click();
        page.WaitForElement("#member-name").Change("张维");
        page.Find("#member-birth-year").Change("1930");
        page.Find("[data-action=save-member]").Click();

        page.WaitForAssertion(() => Assert.Contains("出生年份应在1940年至2006年之间", page.Markup, StringComparison.Ordinal));
        Assert.Equal("张维", page.Find("#member-name").GetAttribute("value"));
        Assert.Contains("张伟", page.Find("[data-member]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartyOfficeAppointsAMemberToAPostAndEndsIt()
    {
        var page = RenderAs<MembersPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Contains("尚未登记支部班子成员", page.Markup, StringComparison.Ordinal));

        page.Find("[data-action=appoint]").Click();
        page.WaitForElement("[data-action=save-post]").Click();
        page.WaitForAssertion(() => Assert.Contains("请选择本支部的党员。", page.Markup, StringComparison.Ordinal));
        Assert.Contains("请选择职务。", page.Markup, StringComparison.Ordinal);

        var member = page.FindComponent<MemberPicker>();
        await page.InvokeAsync(() => member.Instance.ValueChanged.InvokeAsync(memberId));
        var post = page.FindComponent<MudSelect<BranchPost?>>();
        await page.InvokeAsync(() => post.Instance.ValueChanged.InvokeAsync(BranchPost.Secretary));
        page.Find("[data-action=save-post]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-post]")));
        Assert.Contains("张伟已任书记。", page.Markup, StringComparison.Ordinal);
        Assert.Contains("自2024-05-20起", page.Find("[data-post]").TextContent, StringComparison.Ordinal);

        var dialogs = Render<MudDialogProvider>();
        await DayDialog.CancelAsync(dialogs, () => page.Find("[data-action=end-post]"), "免职后，张伟的书记职务至免职日期结束");
        Assert.Contains("自2024-05-20起", page.Find("[data-post]").TextContent, StringComparison.Ordinal);
        await DayDialog.ConfirmAsync(dialogs, () => page.Find("[data-action=end-post]"), "2024-05-20");

        page.WaitForAssertion(() => Assert.Contains("2024-05-20 至 2024-05-20", page.Find("[data-post]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-action=end-post]"));
    }

    [Fact]
    public async Task ALeaderSeesTheBranchPostsWithoutActions()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.MemberPosts.Add(new MemberPost { MemberId = memberId, OrgUnitId = branch, Post = BranchPost.DisciplineCommissioner, From = new DateOnly(2023, 1, 1) });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var page = RenderAs<MembersPage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-post]")));
        Assert.Contains("纪检委员", page.Find("[data-post]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-action]"));
    }

    [Fact]
    public async Task AnEditCrossingAnotherSaveIsRefusedAndKeepsWhatWasTyped()
    {
        var page = RenderAs<MembersPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=edit]")));
        page.Find("[data-action=edit]").Click();
        page.WaitForElement("#member-name").Change("张维");

        await using (var scope = Services.CreateAsyncScope())
        {
            var other = new MemberInput { Name = "张大伟", Gender = Gender.Male, BirthYear = 1985, CadreLevel = CadreLevel.Section };
            var saved = await scope.ServiceProvider.GetRequiredService<MemberService>().UpdateAsync(TestUsers.PartyOffice, memberId, other, Xunit.TestContext.Current.CancellationToken);
            Assert.True(saved.Succeeded);
        }

        page.Find("[data-action=save-member]").Click();

        page.WaitForAssertion(() => Assert.Contains("该党员的信息已被他人修改，本次未保存。", page.Markup, StringComparison.Ordinal));
        Assert.Equal("张维", page.Find("#member-name").GetAttribute("value"));
        Assert.Contains("张大伟", page.Find("[data-member]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetiringAMemberAsksFirstCancellingKeepsThemAndConfirmingRetiresThemOnTheDayChosen()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderAs<MembersPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=retire]")));

        await DayDialog.CancelAsync(dialogs, () => page.Find("[data-action=retire]"), "离退后，张伟不再是办公室党支部的在册党员");
        Assert.Single(page.FindAll("[data-member]"));
        Assert.Null(await RetiredOnAsync());

        await DayDialog.ConfirmAsync(dialogs, () => page.Find("[data-action=retire]"), "2024-05-15");
        page.WaitForAssertion(() => Assert.Contains("张伟已于2024-05-15离退。", page.Markup, StringComparison.Ordinal), DayDialog.Wait);
        Assert.Equal(new DateOnly(2024, 5, 15), await RetiredOnAsync());
        await using var db = Database.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Member), Xunit.TestContext.Current.CancellationToken));
    }

    private async Task<DateOnly?> RetiredOnAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.MemberAssignments.SingleAsync(a => a.MemberId == memberId, Xunit.TestContext.Current.CancellationToken)).To;
    }
}
