using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Organisation;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

public class MembersPageTests : PortalTestContext
{
    private int branch;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<OrganisationService>();
        Services.AddScoped<MemberService>();
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branch = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
        var m = new Member { Name = "张伟", BirthYear = 1985, CadreLevel = CadreLevel.Section, Gender = Gender.Male, OrgUnitId = branch };
        db.Members.Add(m);
        await db.SaveChangesAsync();
        db.MemberAssignments.Add(new MemberAssignment { MemberId = m.Id, OrgUnitId = branch, From = new DateOnly(2020, 1, 1) });
        await db.SaveChangesAsync();
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
        page.Find("#member-name").Change("李娜");
        page.Find("#member-birth-year").Change("1930");
        page.Find("[data-action=save-member]").Click();

        page.WaitForAssertion(() => Assert.Contains("出生年份应在1940年至2006年之间", page.Markup, StringComparison.Ordinal));
        Assert.Equal("李娜", page.Find("#member-name").GetAttribute("value"));
        Assert.Contains("请选择性别", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-member]"));
    }
}
