using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Imports;
using PartyPortal.Features.Organisation;
using PartyPortal.Features.Registers;
using PartyPortal.Features.StarRatings;
using PartyPortal.Features.Study;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Imports;

/// <summary>The .xlsx exports read through the feature services: what the user may read, in the import's columns.</summary>
public sealed class ExportServiceTests : ServiceTestContext
{
    private ExportService exports = null!;
    private ActivityService activities = null!;
    private int root, branchA, branchB;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var members = new MemberService(Database, Guard, Audit, Clock, Bus);
        activities = new ActivityService(Database, Guard, Audit, Clock, Bus);
        exports = new ExportService(Guard, new OrganisationService(Database, Guard), members, activities,
            new RegisterService(Database, Guard, Audit, Clock, Bus), new StudyTopicService(Database, Guard, Audit, Clock, Bus),
            new StarReviewService(Database, Guard, Audit, Clock, Bus), new StarDecisionService(Database, Guard, Audit, Clock, Bus, null!),
            new StarHistoryService(Database, Guard, Audit, Clock, Bus), new StarLedger(null!, Database, Clock)); // these lists never reach the live figures; the star export is tested with them

        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db, Ct);
        var top = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        root = top.Id;
        branchA = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, top)).Id;
        branchB = (await TestTree.AddUnitAsync(db, "乙支部", OrgUnitType.Branch, top)).Id;
        foreach (var (name, unit) in new[] { ("张伟", branchA), ("李娜", branchA), ("赵敏", branchB) })
        {
            var m = new Member { Name = name, BirthYear = 1985, Gender = Gender.Male, CadreLevel = CadreLevel.Section, OrgUnitId = unit };
            m.Assignments.Add(new MemberAssignment { OrgUnitId = unit, From = new DateOnly(2020, 1, 1) });
            db.Members.Add(m);
        }

        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task TheMembersExportListsEveryBranchInTheUnitInTheImportsColumns()
    {
        var file = await exports.MembersAsync(TestUsers.PartyOffice, root, Ct);

        Assert.Equal(["编号", .. ImportColumns.Members], Xlsx.Header(file, "党员"));
        var rows = Xlsx.Rows(file, "党员");
        // Names in pinyin order (李 li ‹ 张 zhang ‹ 赵 zhao), as every member list now sorts them.
        Assert.Equal(["李娜|甲支部", "张伟|甲支部", "赵敏|乙支部"], rows.Select(r => $"{r[ImportColumns.Name]}|{r[ImportColumns.Branch]}"));
        Assert.All(rows, r => Assert.Equal(("科级", "男", "2020-01-01"), (r[ImportColumns.CadreLevel], r[ImportColumns.Gender], r[ImportColumns.From])));
    }

    [Fact]
    public async Task ASecretaryExportsOnlyTheirOwnBranch()
    {
        var own = Xlsx.Rows(await exports.MembersAsync(TestUsers.Secretary(branchA), branchA, Ct), "党员");

        Assert.Equal(2, own.Count);
        await Assert.ThrowsAsync<AccessDeniedException>(() => exports.MembersAsync(TestUsers.Secretary(branchA), branchB, Ct));
    }

    [Fact]
    public async Task TheActivitiesExportFollowsTheFilter()
    {
        foreach (var (day, title) in new[] { (new DateOnly(2024, 4, 2), "四月"), (new DateOnly(2024, 5, 2), "五月") })
        {
            var input = new ActivityInput { KindCode = ActivityKindCatalogue.Codes.ThemedPartyDay, OrgUnitId = branchA, Date = day, Title = title };
            Assert.True((await activities.RecordAsync(TestUsers.PartyOffice, input, Ct)).Succeeded);
        }

        var file = await exports.ActivitiesAsync(TestUsers.Secretary(branchA), branchA, null, new DateOnly(2024, 5, 1), null, Ct);

        var row = Assert.Single(Xlsx.Rows(file, "活动"));
        Assert.Equal(("五月", "2024-05-02", "甲支部"), (row[ImportColumns.Title], row[ImportColumns.Date], row[ImportColumns.Unit]));
    }

    [Fact]
    public async Task TheRegistersExportHasASheetPerRegister()
    {
        var file = await exports.RegistersAsync(TestUsers.PartyOffice, null, Ct);

        Assert.Equal(Enum.GetValues<RegisterKind>().Select(k => k.Display()), Xlsx.SheetNames(file));
    }
}
