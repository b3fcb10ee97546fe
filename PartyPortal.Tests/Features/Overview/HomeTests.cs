using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Data;
using PartyPortal.Features.Overview;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Overview;

public class HomeTests : PortalTestContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddScoped<BureauOverviewService>();
        await StartLiveMetricsAsync();
    }

    [Fact]
    public async Task TheHomePageShowsTheBureauAtAGlance()
    {
        await SeedSmallBureauAsync();

        var page = RenderAs<Home>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Contains("中共国家税务总局江城市税务局委员会", page.Find("h1").TextContent, StringComparison.Ordinal));
        Assert.Equal("2", page.Find("[data-metric=branch-count]").GetAttribute("data-value"));
        Assert.Equal("3", page.Find("[data-metric=member-count]").GetAttribute("data-value"));
        // Two this quarter; the one of last quarter, the deleted one and the restricted one do not count.
        Assert.Equal("2", page.Find("[data-metric=activity-count]").GetAttribute("data-value"));
        Assert.Contains("2024年第2季度", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommitteeTableRollsCountsUpFromItsBranches()
    {
        await SeedSmallBureauAsync();

        var page = RenderAs<Home>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-org-unit]")));
        var row = page.Find("tr[data-org-unit]");
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["测试机关党委", "市局机关", "2", "3", "2"], cells);
    }

    [Fact]
    public async Task RecentActivitiesLeaveOutRestrictedAndDeletedRecords()
    {
        await SeedSmallBureauAsync();

        var page = RenderAs<Home>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("li[data-activity]")));
        var titles = page.FindAll(".recent-title").Select(t => t.TextContent).ToList();
        Assert.Equal(["五月主题党日", "第二季度警示教育", "第一季度党课"], titles);
    }

    [Fact]
    public void AnEmptyBureauSaysWhatToDoNext()
    {
        var page = RenderAs<Home>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.Contains("尚未建立组织体系", page.Markup, StringComparison.Ordinal));
        Assert.Equal("0", page.Find("[data-metric=branch-count]").GetAttribute("data-value"));
    }

    [Fact]
    public async Task ASecretarySeesTheirOwnBranchOnly()
    {
        var (branchA, _) = await SeedSmallBureauAsync();

        var page = RenderAs<Home>(TestUsers.Secretary(branchA));

        page.WaitForAssertion(() => Assert.Equal("办公室党支部", page.Find("h1").TextContent));
        Assert.Equal("1", page.Find("[data-metric=branch-count]").GetAttribute("data-value"));
        Assert.Equal("2", page.Find("[data-metric=member-count]").GetAttribute("data-value"));
        Assert.Equal("1", page.Find("[data-metric=activity-count]").GetAttribute("data-value"));
        Assert.Empty(page.FindAll("tr[data-org-unit]"));
        Assert.Equal(["五月主题党日"], page.FindAll(".recent-title").Select(t => t.TextContent));
    }

    private async Task<(int BranchA, int BranchB)> SeedSmallBureauAsync()
    {
        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db);
        db.BureauSettings.Add(new BureauSettings { BureauName = "国家税务总局江城市税务局", CommitteeName = "中共国家税务总局江城市税务局委员会" });
        var municipal = await TestTree.AddUnitAsync(db, "测试市局党委", OrgUnitType.MunicipalCommittee, null);
        var organs = await TestTree.AddUnitAsync(db, "测试机关党委", OrgUnitType.OrgansCommittee, municipal);
        var a = await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, organs);
        var b = await TestTree.AddUnitAsync(db, "法制科党支部", OrgUnitType.Branch, organs);
        await TestTree.AddUnitAsync(db, "已撤销临时党支部", OrgUnitType.Branch, organs, configure: u =>
        {
            u.IsTemporary = true;
            u.ClosedOn = new DateOnly(2024, 1, 31);
        });

        db.Members.AddRange(
            new Member { Name = "张伟", BirthYear = 1980, CadreLevel = CadreLevel.Section, OrgUnitId = a.Id },
            new Member { Name = "李娜", BirthYear = 1990, CadreLevel = CadreLevel.General, OrgUnitId = a.Id },
            new Member { Name = "王强", BirthYear = 1975, CadreLevel = CadreLevel.Division, OrgUnitId = b.Id },
            new Member { Name = "赵敏", BirthYear = 1960, CadreLevel = CadreLevel.General, OrgUnitId = b.Id, Status = MemberStatus.Retired });
        var kinds = db.ActivityKinds.ToDictionary(k => k.Code, k => k.Id);
        db.Activities.AddRange(
            new Activity { KindId = kinds["themed-party-day"], OrgUnitId = a.Id, Date = new DateOnly(2024, 5, 15), Title = "五月主题党日" },
            new Activity { KindId = kinds["warning-education"], OrgUnitId = b.Id, Date = new DateOnly(2024, 4, 10), Title = "第二季度警示教育" },
            new Activity { KindId = kinds["party-lecture"], OrgUnitId = b.Id, Date = new DateOnly(2024, 3, 28), Title = "第一季度党课" },
            new Activity { KindId = kinds["themed-party-day"], OrgUnitId = b.Id, Date = new DateOnly(2024, 5, 16), Title = "已删除的记录", IsDeleted = true },
            new Activity { KindId = kinds["assist-higher-review"], OrgUnitId = municipal.Id, Date = new DateOnly(2024, 5, 1), Title = "保密：协助审查" });
        await db.SaveChangesAsync();
        return (a.Id, b.Id);
    }
}
