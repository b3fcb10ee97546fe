using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

/// <summary>
/// A county committee with a compliant branch, a branch of two members with no secretary, a branch whose
/// secretary is not the department head, a temporary and a closed branch; and a branch of the organs committee.
/// </summary>
public sealed record StandardsTree(int County, int Compliant, int Small, int NotHead, int Temporary, int Closed, int Office)
{
    private static readonly DateOnly Elected = new(2023, 3, 1);

    public static async Task<StandardsTree> SeedAsync(PortalDbContext db)
    {
        var municipal = await TestTree.AddUnitAsync(db, "测试市局党委", OrgUnitType.MunicipalCommittee, null);
        var organs = await TestTree.AddUnitAsync(db, "测试机关党委", OrgUnitType.OrgansCommittee, municipal, sortOrder: 1);
        var county = await TestTree.AddUnitAsync(db, "城东区局党委", OrgUnitType.CountyCommittee, municipal, sortOrder: 2);
        var compliant = await TestTree.AddUnitAsync(db, "征收管理党支部", OrgUnitType.Branch, county, 1, u => u.CommitteeElectedOn = Elected);
        var small = await TestTree.AddUnitAsync(db, "税源管理党支部", OrgUnitType.Branch, county, 3);
        var notHead = await TestTree.AddUnitAsync(db, "纳税服务党支部", OrgUnitType.Branch, county, 2, u => u.CommitteeElectedOn = Elected);
        var temporary = await TestTree.AddUnitAsync(db, "专项检查临时党支部", OrgUnitType.Branch, county, 4, u => u.IsTemporary = true);
        var closed = await TestTree.AddUnitAsync(db, "已撤销党支部", OrgUnitType.Branch, county, 5, u => u.ClosedOn = new DateOnly(2024, 1, 31));
        var office = await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, organs);

        // 8 full members, a committee of 3: secretary the department head, 纪检委员 a deputy head. A former
        // secretary who was no head held the post until last year and no longer counts.
        var c = Members(db, compliant, 8, MemberStatus.Full);
        c[0].AdministrativePost = AdministrativePost.DepartmentHead;
        c[1].AdministrativePost = AdministrativePost.DepartmentDeputy;
        Post(db, c[0], BranchPost.Secretary, Elected);
        Post(db, c[1], BranchPost.DisciplineCommissioner, Elected);
        Post(db, c[2], BranchPost.OrganisationCommissioner, Elected);
        Post(db, c[3], BranchPost.Secretary, new DateOnly(2020, 1, 1), new DateOnly(2023, 2, 28));

        // Two full members, one probationary, two retired: 2 full of 3 members, and no secretary.
        Members(db, small, 2, MemberStatus.Full);
        Members(db, small, 1, MemberStatus.Probationary);
        Members(db, small, 2, MemberStatus.Retired);

        var n = Members(db, notHead, 4, MemberStatus.Full);
        Post(db, n[0], BranchPost.Secretary, Elected);

        Members(db, temporary, 1, MemberStatus.Full);
        Members(db, closed, 1, MemberStatus.Full);
        var o = Members(db, office, 3, MemberStatus.Full);
        o[0].AdministrativePost = AdministrativePost.DepartmentHead;
        Post(db, o[0], BranchPost.Secretary, Elected);

        await db.SaveChangesAsync();
        return new StandardsTree(county.Id, compliant.Id, small.Id, notHead.Id, temporary.Id, closed.Id, office.Id);
    }

    private static List<Member> Members(PortalDbContext db, OrgUnit branch, int count, MemberStatus status)
    {
        var members = Enumerable.Range(1, count)
            .Select(i => new Member { Name = $"{branch.Name}{status}{i}", OrgUnitId = branch.Id, Status = status, BirthYear = 1980 })
            .ToList();
        db.Members.AddRange(members);
        return members;
    }

    private static void Post(PortalDbContext db, Member member, BranchPost post, DateOnly from, DateOnly? to = null) =>
        member.Posts.Add(new MemberPost { OrgUnitId = member.OrgUnitId, Post = post, From = from, To = to });
}

public sealed class BranchStandardsServiceTests : IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>2024-05-20 10:00 in Asia/Shanghai.</summary>
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2024, 5, 20, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase database = null!;
    private ServiceProvider access = null!;
    private AsyncServiceScope scope;
    private BranchStandardsService service = null!;
    private StandardsTree tree = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        access = AccessTestServices.Create(database, time);
        scope = access.CreateAsyncScope();
        service = new BranchStandardsService(database, new BureauClock(time, BureauClock.FindZone(null)), scope.ServiceProvider.GetRequiredService<AccessGuard>());
        await using var db = database.CreateDbContext();
        tree = await StandardsTree.SeedAsync(db);
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await access.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task ACompliantBranchHasNoFindings()
    {
        var row = Row(await service.GetAsync(TestUsers.PartyOffice, ct: Ct), tree.Compliant);

        Assert.Empty(row.Findings);
        Assert.Equal(new BranchFacts(8, 8, 3, true, true, new DateOnly(2023, 3, 1), AdministrativePost.DepartmentHead, AdministrativePost.DepartmentDeputy), row.Facts);
        Assert.Equal("城东区局党委", row.ParentName);
    }

    [Fact]
    public async Task ABranchOfTwoFullMembersIsFlaggedAndRetiredMembersDoNotCount()
    {
        var row = Row(await service.GetAsync(TestUsers.PartyOffice, ct: Ct), tree.Small);

        Assert.Equal((2, 3), (row.Facts.FullMembers, row.Facts.Members));
        Assert.Contains("正式党员2名，不足3名，不符合成立党支部的条件", row.Findings);
        Assert.Contains("未配备党支部书记", row.Findings);
    }

    [Fact]
    public async Task ASecretaryWhoIsNotTheDepartmentHeadIsFlagged()
    {
        var row = Row(await service.GetAsync(TestUsers.PartyOffice, ct: Ct), tree.NotHead);

        Assert.Equal(["党支部书记未由部门行政负责人担任（“一肩挑”）"], row.Findings);
    }

    [Fact]
    public async Task ProblemBranchesComeFirstMostFindingsFirstThenInTreeOrder()
    {
        var report = await service.GetAsync(TestUsers.PartyOffice, ct: Ct);

        Assert.Equal([tree.Small, tree.NotHead, tree.Office, tree.Compliant], report.Branches.Select(b => b.Id));
        Assert.Equal(2, report.WithFindings);
        Assert.Equal(new DateOnly(2024, 5, 20), report.Today);
    }

    [Fact]
    public async Task TemporaryAndClosedBranchesAreLeftOut()
    {
        var ids = (await service.GetAsync(TestUsers.Leader, ct: Ct)).Branches.Select(b => b.Id).ToList();

        Assert.DoesNotContain(tree.Temporary, ids);
        Assert.DoesNotContain(tree.Closed, ids);
    }

    [Fact]
    public async Task AScopeLimitsTheBranchesAndASecretarySeesTheirOwnBranchByDefault()
    {
        var county = await service.GetAsync(TestUsers.PartyOffice, tree.County, Ct);
        Assert.DoesNotContain(county.Branches, b => b.Id == tree.Office);

        var own = await service.GetAsync(TestUsers.Secretary(tree.Small), ct: Ct);
        Assert.Equal([tree.Small], own.Branches.Select(b => b.Id));
    }

    [Fact]
    public async Task ASecretaryCannotReadAnotherBranch()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetAsync(TestUsers.Secretary(tree.Small), tree.Compliant, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetAsync(TestUsers.Secretary(tree.Small), tree.County, Ct));
    }

    private static BranchStandardsRow Row(BranchStandardsReport report, int id) => report.Branches.Single(b => b.Id == id);
}

public class BranchStandardsPageTests : PortalTestContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddScoped<BranchStandardsService>();
    }

    [Fact]
    public async Task ThePageListsAProblemBranchWithItsFindingsAndACompliantOneAsSuch()
    {
        await using var db = Database.CreateDbContext();
        var tree = await StandardsTree.SeedAsync(db);

        var page = RenderAs<BranchStandardsPage>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("li[data-branch]")), TimeSpan.FromSeconds(5));
        Assert.Contains("4个支部中2个存在问题", page.Find("[data-summary]").TextContent, StringComparison.Ordinal);

        var small = page.Find($"li[data-branch='{tree.Small}']");
        Assert.Contains("税源管理党支部", small.TextContent, StringComparison.Ordinal);
        Assert.Contains("城东区局党委", small.TextContent, StringComparison.Ordinal);
        Assert.Contains("党员3名（正式2名）", small.TextContent, StringComparison.Ordinal);
        Assert.Contains(small.QuerySelectorAll(".branch-finding"), f => f.TextContent == "正式党员2名，不足3名，不符合成立党支部的条件");
        Assert.Null(small.QuerySelector(".branch-ok"));

        var compliant = page.Find($"li[data-branch='{tree.Compliant}']");
        Assert.Contains("支委3人", compliant.TextContent, StringComparison.Ordinal);
        Assert.Contains("2023年3月1日", compliant.TextContent, StringComparison.Ordinal);
        Assert.Contains("符合规范", compliant.QuerySelector(".branch-ok")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(compliant.QuerySelectorAll(".branch-finding"));

        // Problem branches lead the list.
        Assert.Equal(tree.Small.ToString(System.Globalization.CultureInfo.InvariantCulture), page.FindAll("li[data-branch]")[0].GetAttribute("data-branch"));
    }

    [Fact]
    public async Task ASignedInUserWithoutAReadingRoleIsToldSo()
    {
        await using var db = Database.CreateDbContext();
        await StandardsTree.SeedAsync(db);

        var page = RenderAs<BranchStandardsPage>(TestUsers.With("nobody"));

        page.WaitForAssertion(() => Assert.Contains("您没有权限", page.Find("[data-message]").TextContent, StringComparison.Ordinal));
    }
}
