using PartyPortal.Data;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Workspace;

/// <summary>
/// A small bureau for the workspace tests: a county committee with two open branches (a party group under the
/// first), one founded on 2024-05-10 and one closed in January; and a branch of the organs committee.
/// </summary>
public sealed record WorkspaceTree(int Municipal, int County, int First, int Second, int NewlyFounded, int Closed, int PartyGroup, int Organs, int Office)
{
    public static async Task<WorkspaceTree> SeedAsync(PortalDbContext db)
    {
        await ActivityKindCatalogue.EnsureSeededAsync(db);
        var municipal = await TestTree.AddUnitAsync(db, "测试市局党委", OrgUnitType.MunicipalCommittee, null);
        var organs = await TestTree.AddUnitAsync(db, "测试机关党委", OrgUnitType.OrgansCommittee, municipal, sortOrder: 1);
        var county = await TestTree.AddUnitAsync(db, "城东区局党委", OrgUnitType.CountyCommittee, municipal, sortOrder: 2);
        // Added out of order on purpose: the tree order is by sort order, not by id.
        var second = await TestTree.AddUnitAsync(db, "第二党支部", OrgUnitType.Branch, county, sortOrder: 2);
        var first = await TestTree.AddUnitAsync(db, "第一党支部", OrgUnitType.Branch, county, sortOrder: 1);
        var group = await TestTree.AddUnitAsync(db, "第一党小组", OrgUnitType.PartyGroup, first);
        var founded = await TestTree.AddUnitAsync(db, "新成立临时党支部", OrgUnitType.Branch, county, sortOrder: 3, configure: u =>
        {
            u.IsTemporary = true;
            u.FoundedOn = new DateOnly(2024, 5, 10);
        });
        var closed = await TestTree.AddUnitAsync(db, "已撤销临时党支部", OrgUnitType.Branch, county, sortOrder: 4, configure: u =>
        {
            u.IsTemporary = true;
            u.ClosedOn = new DateOnly(2024, 1, 31);
        });
        var office = await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, organs);
        return new WorkspaceTree(municipal.Id, county.Id, first.Id, second.Id, founded.Id, closed.Id, group.Id, organs.Id, office.Id);
    }

    public static async Task<int> AddActivityAsync(PortalDbContext db, int orgUnitId, string kindCode, DateOnly date, bool deleted = false)
    {
        var kind = db.ActivityKinds.Single(k => k.Code == kindCode);
        var activity = new Activity { KindId = kind.Id, OrgUnitId = orgUnitId, Date = date, Title = $"{kind.Name} {date:M月d日}", IsDeleted = deleted };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }
}
