using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Imports;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using C = PartyPortal.Features.Imports.ImportColumns;

namespace PartyPortal.Tests.Features.Imports;

/// <summary>Imports of real .xlsx files on a real database: all rows or none, errors by row, scope, audit and announcement.</summary>
public sealed class ImportServiceTests : ServiceTestContext
{
    private static readonly string[] ActivityHeader = [C.Kind, C.Unit, C.Date, C.Title, C.Quantity, C.Absent, C.Excused];

    private ImportService imports = null!;
    private int branchA, branchB, zhang, li, wang;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var members = new MemberService(Database, Guard, Audit, Clock, Bus);
        var activities = new ActivityService(Database, Guard, Audit, Clock, Bus);
        imports = new ImportService(Database, Guard, members, activities, Clock);

        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db, Ct);
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branchA = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root, configure: u => u.FoundedOn = new DateOnly(2024, 1, 10))).Id;
        branchB = (await TestTree.AddUnitAsync(db, "乙支部", OrgUnitType.Branch, root)).Id;
        zhang = await MemberAsync(db, "张伟", branchA);
        li = await MemberAsync(db, "李娜", branchA);
        wang = await MemberAsync(db, "王强", branchA);
        await MemberAsync(db, "赵敏", branchB);
    }

    private static async Task<int> MemberAsync(PortalDbContext db, string name, int unit)
    {
        var m = new Member { Name = name, BirthYear = 1985, Gender = Gender.Female, CadreLevel = CadreLevel.General, OrgUnitId = unit };
        db.Members.Add(m);
        await db.SaveChangesAsync(Ct);
        db.MemberAssignments.Add(new MemberAssignment { MemberId = m.Id, OrgUnitId = unit, From = new DateOnly(2020, 1, 1) });
        await db.SaveChangesAsync(Ct);
        return m.Id;
    }

    [Fact]
    public async Task AGoodFileIsWrittenWithItsAttendanceAuditEntriesAndOneAnnouncement()
    {
        using var file = Xlsx.Sheet("活动", ActivityHeader,
            ["主题党日", "甲支部", new DateTime(2024, 5, 15), "5月主题党日", null, "李娜", null],
            [ActivityKindCatalogue.Codes.HeartToHeartTalk, branchA.ToString(System.Globalization.CultureInfo.InvariantCulture), "2024-05-16", "谈心谈话", 12, null, null]);
        var seen = new List<ImportProgress>();

        var result = await imports.ImportAsync(TestUsers.Secretary(branchA), ImportKind.Activities, file, new Collect(seen), Ct);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Text)));
        Assert.Equal((2, 2, 3), (result.Rows, result.Written, result.AttendanceRows));
        await using var db = Database.CreateDbContext();
        var saved = await db.Activities.Include(a => a.Attendance).Include(a => a.Kind).OrderBy(a => a.Date).ToListAsync(Ct);
        Assert.Equal(["themed-party-day", "heart-to-heart-talk"], saved.Select(a => a.Kind!.Code));
        Assert.Equal(
            [(zhang, AttendanceStatus.Present), (li, AttendanceStatus.Absent), (wang, AttendanceStatus.Present)],
            saved[0].Attendance.OrderBy(a => a.MemberId).Select(a => (a.MemberId, a.Status)));
        Assert.Equal(12, saved[1].Quantity);
        var audit = await db.AuditEntries.Where(e => e.Action == AuditActions.Create).ToListAsync(Ct);
        Assert.Equal(saved.Select(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), audit.Select(e => e.EntityId!).Order());
        Assert.Equal([branchA], (await Recorder.SingleAsync()).OrgUnitIds);
        Assert.Contains(seen, p => p.Stage == ImportStage.Checking || p.Stage == ImportStage.Writing);
    }

    [Fact]
    public async Task ABadFileListsEachRowsErrorsAndWritesNothing()
    {
        using var file = Xlsx.Sheet("活动", ActivityHeader,
            ["主题党日", "甲支部", "2024-05-15", "合格的一行", null, null, null],
            ["主题党日", "甲支部", "2024-05-21", "明天的活动", null, null, null],
            ["不存在的类型", "甲支部", "2024-05-10", "类型不对", null, null, null],
            ["主题党日", "甲支部", "2024-05-10", "有人不在册", null, "赵敏", null],
            [ActivityKindCatalogue.Codes.HeartToHeartTalk, "甲支部", "五月", "", null, null, null]);

        var result = await imports.ImportAsync(TestUsers.Secretary(branchA), ImportKind.Activities, file, ct: Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(0, result.Written);
        var texts = result.Errors.Select(e => e.Text).ToList();
        Assert.Contains(texts, t => t.StartsWith("第3行（日期）：", StringComparison.Ordinal) && t.Contains("不能晚于今天", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("第4行（活动类型）：", StringComparison.Ordinal) && t.Contains("不存在的类型", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("第5行（缺席）：", StringComparison.Ordinal) && t.Contains("不是甲支部的党员", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("第6行（日期）：", StringComparison.Ordinal) && t.Contains("不是日期", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("第6行（标题）：", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Errors, e => e.Row == 2);
        Assert.Equal(result.Errors.OrderBy(e => e.Row).Select(e => e.Row), result.Errors.Select(e => e.Row));

        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Ct));
        Assert.Equal(0, await db.Attendance.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
        await Task.Delay(100, Ct);
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task RowsOutsideTheSecretarysBranchAreRefusedAndNothingIsWritten()
    {
        using var file = Xlsx.Sheet("活动", ActivityHeader,
            ["主题党日", "甲支部", "2024-05-15", "本支部", null, null, null],
            ["主题党日", "乙支部", "2024-05-15", "别的支部", null, null, null]);

        var result = await imports.ImportAsync(TestUsers.Secretary(branchA), ImportKind.Activities, file, ct: Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, C.Unit), (error.Row, error.Column));
        Assert.Equal("您没有权限在乙支部记录支部活动。", error.Message);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Ct));
        var refusal = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal((AuditActions.Refused, (int?)branchB), (refusal.Action, refusal.OrgUnitId));
    }

    [Fact]
    public async Task TheMembersTemplateFilledInImportsItsRowsAndASecondImportIsRefusedAsARepeat()
    {
        var template = await imports.TemplateAsync(TestUsers.PartyOffice, ImportKind.Members, Ct);
        var header = Xlsx.Header(template, "党员");
        Assert.Equal(C.Members, header);
        Assert.Contains("党组织", Xlsx.SheetNames(template));
        Assert.Contains(Xlsx.Rows(template, "党组织"), r => Equals(r["名称"], "甲支部"));

        object?[][] rows =
        [
            ["陈晨", "女", 1990, "科级", "部门副职", "预备党员", new DateTime(2023, 7, 1), "甲支部", "2024-03-01"],
            ["刘洋", "男", 1978, "处级", null, null, null, "乙支部", null],
        ];
        using (var file = Xlsx.Sheet("党员", [.. header], rows))
        {
            var result = await imports.ImportAsync(TestUsers.PartyOffice, ImportKind.Members, file, ct: Ct);
            Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Text)));
            Assert.Equal(2, result.Written);
        }

        await using (var db = Database.CreateDbContext())
        {
            var chen = await db.Members.Include(m => m.Assignments).SingleAsync(m => m.Name == "陈晨", Ct);
            Assert.Equal((Gender.Female, CadreLevel.Section, AdministrativePost.DepartmentDeputy, MemberStatus.Probationary, (DateOnly?)new DateOnly(2023, 7, 1), branchA),
                (chen.Gender, chen.CadreLevel, chen.AdministrativePost, chen.Status, chen.JoinedPartyOn, chen.OrgUnitId));
            Assert.Equal(new DateOnly(2024, 3, 1), Assert.Single(chen.Assignments).From);
            var liu = await db.Members.Include(m => m.Assignments).SingleAsync(m => m.Name == "刘洋", Ct);
            Assert.Equal((AdministrativePost.None, MemberStatus.Full, Today), (liu.AdministrativePost, liu.Status, Assert.Single(liu.Assignments).From));
            Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.Create && e.EntityType == nameof(Member), Ct));
        }

        Assert.Equal([branchA, branchB], (await Recorder.SingleAsync()).OrgUnitIds.Order());

        using var again = Xlsx.Sheet("党员", [.. header], rows);
        var repeat = await imports.ImportAsync(TestUsers.PartyOffice, ImportKind.Members, again, ct: Ct);
        Assert.Equal([2, 3], repeat.Errors.Select(e => e.Row));
        Assert.All(repeat.Errors, e => Assert.Contains("重复导入", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMembersFileWithUnreadableCellsNamesThemAndWritesNothing()
    {
        using var file = Xlsx.Sheet("党员", C.Members,
            ["孙丽", "女", 1992, "一般干部", null, null, null, "甲支部", null],
            ["周杰", "未知", "一九八〇", "科员", null, null, "昨天", "丙支部", null]);

        var result = await imports.ImportAsync(TestUsers.PartyOffice, ImportKind.Members, file, ct: Ct);

        string[] unreadable = [C.Gender, C.BirthYear, C.CadreLevel, C.JoinedPartyOn, C.Branch];
        Assert.Equal(unreadable.Order(StringComparer.Ordinal), result.Errors.Where(e => e.Row == 3).Select(e => e.Column).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(result.Errors, e => e.Row == 2);
        await using var db = Database.CreateDbContext();
        Assert.False(await db.Members.AnyAsync(m => m.Name == "孙丽", Ct));
    }

    [Fact]
    public async Task NamesakesInAnAttendanceCellAreToldApartByTheirNumber()
    {
        int other;
        await using (var db = Database.CreateDbContext())
        {
            other = await MemberAsync(db, "张伟", branchA);
        }

        string[] header = [C.Kind, C.Unit, C.Date, C.Title, C.Absent];
        using var ambiguous = Xlsx.Sheet("活动", header, ["主题党日", "甲支部", "2024-05-15", "五月", "张伟"]);
        using var numbered = Xlsx.Sheet("活动", header, ["主题党日", "甲支部", "2024-05-15", "五月", $"张伟（{other}）"]);

        var refused = await imports.ImportAsync(TestUsers.Secretary(branchA), ImportKind.Activities, ambiguous, ct: Ct);
        var done = await imports.ImportAsync(TestUsers.Secretary(branchA), ImportKind.Activities, numbered, ct: Ct);

        Assert.Contains("有2名党员叫张伟", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.True(done.Succeeded, string.Join("\n", done.Errors.Select(e => e.Text)));
        await using var check = Database.CreateDbContext();
        var absent = await check.Attendance.SingleAsync(a => a.Status == AttendanceStatus.Absent, Ct);
        Assert.Equal(other, absent.MemberId);
        Assert.Equal(4, await check.Attendance.CountAsync(Ct));
    }

    [Fact]
    public async Task ASecretaryMayNotImportMembers()
    {
        using var file = Xlsx.Sheet("党员", C.Members, ["孙丽", "女", 1992, "一般干部", null, null, null, "甲支部", null]);

        await Assert.ThrowsAsync<AccessDeniedException>(() => imports.ImportAsync(TestUsers.Secretary(branchA), ImportKind.Members, file, ct: Ct));
    }

    [Fact]
    public async Task AFileWithoutTheTemplatesColumnsIsRefusedAtTheHeader()
    {
        using var file = Xlsx.Sheet("Sheet1", ["名称", "时间"], ["x", "y"]);

        var result = await imports.ImportAsync(TestUsers.Secretary(branchA), ImportKind.Activities, file, ct: Ct);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("第1行：", error.Text, StringComparison.Ordinal);
        Assert.Contains("活动类型", error.Message, StringComparison.Ordinal);
    }

    private sealed class Collect(List<ImportProgress> seen) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
