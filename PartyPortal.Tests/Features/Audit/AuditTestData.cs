using PartyPortal.Data;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Audit;

/// <summary>
/// A small tree (municipal committee → organs committee → two branches; a county committee → one branch) and
/// a way to write audit entries by hand, as <see cref="PartyPortal.Access.AuditTrail"/> would (UTC instants).
/// </summary>
internal static class AuditTestData
{
    public sealed record Tree(int Municipal, int Organs, int Office, int Legal, int County, int CountyBranch);

    public static async Task<Tree> SeedTreeAsync(PortalDbContext db)
    {
        var municipal = await TestTree.AddUnitAsync(db, "测试市局党委", OrgUnitType.MunicipalCommittee, null, 1);
        var organs = await TestTree.AddUnitAsync(db, "测试机关党委", OrgUnitType.OrgansCommittee, municipal, 1);
        var county = await TestTree.AddUnitAsync(db, "测试县局党委", OrgUnitType.CountyCommittee, municipal, 2);
        var legal = await TestTree.AddUnitAsync(db, "法制科党支部", OrgUnitType.Branch, organs, 2);
        var office = await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, organs, 1);
        var countyBranch = await TestTree.AddUnitAsync(db, "县局第一党支部", OrgUnitType.Branch, county, 1);
        return new Tree(municipal.Id, organs.Id, office.Id, legal.Id, county.Id, countyBranch.Id);
    }

    public static AuditEntry Entry(
        DateTimeOffset at,
        string user = "admin",
        string action = "update",
        string entityType = "Activity",
        string? entityId = null,
        int? orgUnitId = null,
        string? before = null,
        string? after = null) =>
        new()
        {
            At = at.ToUniversalTime(),
            UserName = user,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            OrgUnitId = orgUnitId,
            Before = before,
            After = after,
        };

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);
}
