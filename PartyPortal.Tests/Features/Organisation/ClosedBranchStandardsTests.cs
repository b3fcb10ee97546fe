using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

/// <summary>A branch closed today has no members left: it is gone, not a branch out of rule.</summary>
public sealed class ClosedBranchStandardsTests : ServiceTestContext
{
    [Fact]
    public async Task ABranchClosedTodayIsNotListedAsOutOfRule()
    {
        int open, closedToday;
        await using (var db = Database.CreateDbContext())
        {
            var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
            var county = await TestTree.AddUnitAsync(db, "城东区局党委", OrgUnitType.CountyCommittee, root);
            open = (await TestTree.AddUnitAsync(db, "征收管理党支部", OrgUnitType.Branch, county)).Id;
            closedToday = (await TestTree.AddUnitAsync(db, "合并前党支部", OrgUnitType.Branch, county, configure: u => u.ClosedOn = Today)).Id;
        }

        var report = await new BranchStandardsService(Database, Clock, Guard).GetAsync(TestUsers.PartyOffice, ct: Ct);

        Assert.Contains(report.Branches, b => b.Id == open);
        Assert.DoesNotContain(report.Branches, b => b.Id == closedToday);
    }
}
