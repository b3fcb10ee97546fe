using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Registers;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Registers;

public class PartnershipsPageTests : PortalTestContext
{
    private int branchId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<PartnershipService>();
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branchId = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
        var community = new OutsideOrganisation { Name = "幸福里社区", Kind = OutsideOrganisationKind.Community };
        db.Partnerships.Add(new Partnership { Type = PartnershipType.CoBuilding, OrgUnitId = branchId, PartnerOrganisation = community, StartsOn = new DateOnly(2023, 5, 1) });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public void TheBranchSecretarySeesItsPartnershipsAndMayAddOrEndThem()
    {
        var page = RenderAs<PartnershipsPage>(TestUsers.Secretary(branchId));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-partnership]")));
        Assert.Contains("幸福里社区", page.Markup, StringComparison.Ordinal);
        Assert.Contains("进行中", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-action=add-partnership]"));
        Assert.Single(page.FindAll("[data-action=end]"));
    }

    [Fact]
    public void ALeaderSeesTheListReadOnly()
    {
        var page = RenderAs<PartnershipsPage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-partnership]")));
        Assert.Empty(page.FindAll("[data-action]"));
    }

    [Fact]
    public void AnInvalidNewPartnershipIsExplainedAndWhatWasTypedIsKept()
    {
        var page = RenderAs<PartnershipsPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=add-partnership]")));

        page.Find("[data-action=add-partnership]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=save-partnership]")));
        page.Find("#partnership-notes").Change("每季度联合开展一次主题党日");
        page.Find("[data-action=save-partnership]").Click();

        page.WaitForAssertion(() => Assert.Contains("请选择共建对象", page.Markup, StringComparison.Ordinal));
        Assert.Equal("每季度联合开展一次主题党日", page.Find("#partnership-notes").TextContent);
        Assert.Single(page.FindAll("[data-partnership]"));
    }
}
