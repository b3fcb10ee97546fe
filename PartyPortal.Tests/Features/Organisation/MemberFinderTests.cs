using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

/// <summary>
/// Member names in the order a Chinese reader looks for them (by pinyin), and the one search every member
/// list and picker uses: by name, across the user's scope, a page at a time.
/// </summary>
public sealed class MemberFinderTests : ServiceTestContext
{
    private MemberFinder finder = null!;
    private int east, west, other;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        finder = new MemberFinder(Database, Guard);
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        var county = await TestTree.AddUnitAsync(db, "城东区局党委", OrgUnitType.CountyCommittee, root);
        east = (await TestTree.AddUnitAsync(db, "征收管理党支部", OrgUnitType.Branch, county)).Id;
        west = (await TestTree.AddUnitAsync(db, "纳税服务党支部", OrgUnitType.Branch, county)).Id;
        other = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
        // By code point 张 (U+5F20) comes before 王 (U+738B) and 陈 (U+9648); by pinyin chen < song < wang < zhang.
        Add(db, "张三", east);
        Add(db, "陈四", east);
        Add(db, "王五", east);
        Add(db, "宋六", east);
        for (var i = 0; i < 55; i++)
        {
            Add(db, $"李{(char)('甲' + i)}", i % 2 == 0 ? east : west);
        }

        Add(db, "张文", other);
        Add(db, "张退", east, MemberStatus.Retired);
        await db.SaveChangesAsync(Ct);
    }

    private static void Add(global::PartyPortal.Data.PortalDbContext db, string name, int branch, MemberStatus status = MemberStatus.Full) =>
        db.Members.Add(new Member { Name = name, BirthYear = 1985, CadreLevel = CadreLevel.General, Gender = Gender.Male, OrgUnitId = branch, Status = status });

    [Fact]
    public void NamesSortByPinyinNotByCodePoint()
    {
        string[] names = ["张三", "王五", "陈四", "宋六"];

        Assert.Equal(["陈四", "宋六", "王五", "张三"], names.Order(MemberNames.Comparer));
        Assert.True(MemberNames.Comparer.Compare("宋", "张") < 0);
    }

    [Fact]
    public async Task SearchFindsCurrentMembersByNameAcrossTheScopeWithTheirBranch()
    {
        var found = await finder.SearchAsync(TestUsers.PartyOffice, "张", page: 1, ct: Ct);

        Assert.Equal(2, found.Total);
        Assert.Equal(["张三", "张文"], found.Rows.Select(r => r.Name));
        Assert.Equal("征收管理党支部", found.Rows[0].BranchName);
        Assert.Equal("办公室党支部", found.Rows[1].BranchName);
    }

    [Fact]
    public async Task SearchStaysInsideTheUsersScope()
    {
        var county = await finder.SearchAsync(TestUsers.Secretary(west), "李", page: 1, ct: Ct);

        Assert.All(county.Rows, r => Assert.Equal(west, r.BranchId));
        Assert.Empty((await finder.SearchAsync(TestUsers.Secretary(west), "张", page: 1, ct: Ct)).Rows);
    }

    [Fact]
    public async Task ALongResultComesInPagesOfFifty()
    {
        var first = await finder.SearchAsync(TestUsers.PartyOffice, "李", page: 1, ct: Ct);
        var second = await finder.SearchAsync(TestUsers.PartyOffice, "李", page: 2, ct: Ct);

        Assert.Equal(55, first.Total);
        Assert.Equal(MemberFinder.PageSize, first.Rows.Count);
        Assert.Equal(5, second.Rows.Count);
        var all = first.Rows.Concat(second.Rows).Select(r => r.Name).ToList();
        Assert.Equal(all.Order(MemberNames.Comparer), all);
        Assert.Equal(55, all.Distinct().Count());
    }

    [Fact]
    public async Task AnEmptySearchFindsNobody()
    {
        var found = await finder.SearchAsync(TestUsers.PartyOffice, "  ", page: 1, ct: Ct);

        Assert.Equal(0, found.Total);
        Assert.Empty(found.Rows);
    }
}
