using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Activities;

/// <summary>The ledger's write rules, on a real database, with the real authorisation and change bus.</summary>
public sealed class ActivityServiceTests : ServiceTestContext
{
    private ActivityService service = null!;
    private int branchA, branchB, zhang, li, wang, newcomer;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new ActivityService(Database, Guard, Audit, Clock, Bus);

        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db, Ct);
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        var a = await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root, configure: u => u.FoundedOn = new DateOnly(2024, 1, 10));
        var b = await TestTree.AddUnitAsync(db, "乙支部", OrgUnitType.Branch, root);
        (branchA, branchB) = (a.Id, b.Id);
        zhang = await MemberAsync(db, "张伟", a.Id, new DateOnly(2020, 1, 1), null);
        li = await MemberAsync(db, "李娜", a.Id, new DateOnly(2020, 1, 1), null);

        // 王强 moved from 甲 to 乙 on 2024-04-15: 甲's member before, 乙's after.
        wang = await MemberAsync(db, "王强", a.Id, new DateOnly(2020, 1, 1), new DateOnly(2024, 4, 14));
        db.MemberAssignments.Add(new MemberAssignment { MemberId = wang, OrgUnitId = b.Id, From = new DateOnly(2024, 4, 15) });
        newcomer = await MemberAsync(db, "赵敏", a.Id, new DateOnly(2024, 5, 1), null);
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<int> MemberAsync(PortalDbContext db, string name, int unit, DateOnly from, DateOnly? to)
    {
        var m = new Member { Name = name, BirthYear = 1985, CadreLevel = CadreLevel.General, OrgUnitId = unit };
        db.Members.Add(m);
        await db.SaveChangesAsync(Ct);
        db.MemberAssignments.Add(new MemberAssignment { MemberId = m.Id, OrgUnitId = unit, From = from, To = to });
        await db.SaveChangesAsync(Ct);
        return m.Id;
    }

    private ActivityInput PartyDay(DateOnly date, params (int Member, AttendanceStatus Status)[] attendance) => new()
    {
        KindCode = ActivityKindCatalogue.Codes.ThemedPartyDay,
        OrgUnitId = branchA,
        Date = date,
        Title = "5月主题党日",
        Attendance = attendance.Select(a => new AttendanceInput { MemberId = a.Member, Status = a.Status }).ToList(),
    };

    [Fact]
    public async Task ARecordIsSavedWithItsAttendanceAndAuditEntryAndThenAnnounced()
    {
        var result = await service.RecordAsync(TestUsers.Secretary(branchA), PartyDay(new DateOnly(2024, 5, 15), (zhang, AttendanceStatus.Present), (li, AttendanceStatus.Absent)), Ct);

        Assert.True(result.Succeeded, string.Join(";", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        var saved = await db.Activities.Include(a => a.Attendance).SingleAsync(Ct);
        Assert.Equal(2, saved.Attendance.Count);
        Assert.Equal("secretary", saved.RecordedBy);
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal((AuditActions.Create, nameof(Activity), saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (int?)branchA), (audit.Action, audit.EntityType, audit.EntityId, audit.OrgUnitId));
        Assert.Contains("5月主题党日", audit.After!, StringComparison.Ordinal);
        Assert.Equal([branchA], (await Recorder.SingleAsync()).OrgUnitIds);
    }

    [Fact]
    public async Task BadInputIsRefusedFieldByFieldInChineseAndNothingIsSaved()
    {
        var input = PartyDay(new DateOnly(2024, 5, 21), (zhang, AttendanceStatus.Present));
        input.Title = " ";

        var result = await service.RecordAsync(TestUsers.Secretary(branchA), input, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("不能晚于今天", result.Errors["date"], StringComparison.Ordinal);
        Assert.Equal("请填写活动主题。", result.Errors["title"]);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task ADateBeforeTheBranchWasFoundedIsRefused()
    {
        var result = await service.RecordAsync(TestUsers.Secretary(branchA), PartyDay(new DateOnly(2024, 1, 9)), Ct);

        Assert.Contains("成立于2024-01-10", result.Errors["date"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttendeesMustBelongToTheBranchOnTheDay()
    {
        // 王强 left 甲 on 2024-04-14; 赵敏 joined on 2024-05-01.
        var before = await service.RecordAsync(TestUsers.Secretary(branchA), PartyDay(new DateOnly(2024, 4, 10), (wang, AttendanceStatus.Present), (newcomer, AttendanceStatus.Present)), Ct);
        var after = await service.RecordAsync(TestUsers.Secretary(branchA), PartyDay(new DateOnly(2024, 5, 15), (wang, AttendanceStatus.Present), (newcomer, AttendanceStatus.Present), (newcomer, AttendanceStatus.Absent)), Ct);

        Assert.Equal(["attendance[1].memberId"], before.Errors.Keys);
        // By id, not by name: the roll check must not tell a secretary the names of other branches' members.
        Assert.Contains($"编号为{newcomer}的党员在2024-04-10不是甲支部的党员", before.Errors["attendance[1].memberId"], StringComparison.Ordinal);
        Assert.Equal(["attendance[0].memberId", "attendance[2].memberId"], after.Errors.Keys.Order());
        Assert.Contains("重复", after.Errors["attendance[2].memberId"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuantityIsRequiredWhereTheUnitCountsAndRefusedWhereItDoesNot()
    {
        var letters = new ActivityInput { KindCode = ActivityKindCatalogue.Codes.HeartToHeartTalk, OrgUnitId = branchA, Date = new DateOnly(2024, 5, 2), Title = "谈心谈话" };
        var noQuantity = await service.RecordAsync(TestUsers.Secretary(branchA), letters, Ct);
        letters.Quantity = 12;
        var ok = await service.RecordAsync(TestUsers.Secretary(branchA), letters, Ct);
        var meeting = PartyDay(new DateOnly(2024, 5, 2));
        meeting.Quantity = 3;
        var wrong = await service.RecordAsync(TestUsers.Secretary(branchA), meeting, Ct);

        Assert.Contains("人次", noQuantity.Errors["quantity"], StringComparison.Ordinal);
        Assert.True(ok.Succeeded);
        Assert.Contains("按次记录", wrong.Errors["quantity"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecretaryCannotRecordForAnotherBranchOrARestrictedKind()
    {
        var other = PartyDay(new DateOnly(2024, 5, 15));
        other.OrgUnitId = branchB;
        var restricted = new ActivityInput { KindCode = ActivityKindCatalogue.Codes.AssistHigherReview, OrgUnitId = branchA, Date = new DateOnly(2024, 5, 2), Title = "协助审查" };

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.RecordAsync(TestUsers.Secretary(branchA), other, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.RecordAsync(TestUsers.Secretary(branchA), restricted, Ct));
        Assert.True((await service.RecordAsync(TestUsers.Discipline, restricted, Ct)).Succeeded);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.RecordAsync(TestUsers.Leader, PartyDay(new DateOnly(2024, 5, 15)), Ct));
    }

    [Fact]
    public async Task TheSecondOfTwoEditorsIsRefusedAndTheFirstEditStands()
    {
        var created = await service.RecordAsync(TestUsers.Secretary(branchA), PartyDay(new DateOnly(2024, 5, 15), (zhang, AttendanceStatus.Present)), Ct);
        var first = PartyDay(new DateOnly(2024, 5, 15), (zhang, AttendanceStatus.Absent));
        first.Title = "第一人的修改";
        var second = PartyDay(new DateOnly(2024, 5, 15), (zhang, AttendanceStatus.Present));
        second.Title = "第二人的修改";

        var one = await service.UpdateAsync(TestUsers.Secretary(branchA), created.Id!.Value, first, created.Version!.Value, Ct);
        var two = await service.UpdateAsync(TestUsers.PartyOffice, created.Id.Value, second, created.Version.Value, Ct);

        Assert.True(one.Succeeded);
        Assert.True(two.Conflict);
        var view = await service.GetAsync(TestUsers.PartyOffice, created.Id.Value, Ct);
        Assert.Equal("第一人的修改", view!.Title);
        Assert.Equal(AttendanceStatus.Absent, Assert.Single(view.Attendance).Status);
    }

    [Fact]
    public async Task MakeUpStudyStaysWithAMemberWhoStaysAbsentAcrossAnEdit()
    {
        var created = await service.RecordAsync(TestUsers.Secretary(branchA), PartyDay(new DateOnly(2024, 5, 10), (zhang, AttendanceStatus.Present), (li, AttendanceStatus.Absent)), Ct);
        var made = await service.RecordMakeUpAsync(TestUsers.Secretary(branchA), created.Id!.Value, li, new DateOnly(2024, 5, 18), "自学", Ct);
        var refused = await service.RecordMakeUpAsync(TestUsers.Secretary(branchA), created.Id.Value, zhang, new DateOnly(2024, 5, 18), null, Ct);
        var edit = PartyDay(new DateOnly(2024, 5, 10), (zhang, AttendanceStatus.Present), (li, AttendanceStatus.Absent));
        edit.Title = "改了标题";

        var updated = await service.UpdateAsync(TestUsers.Secretary(branchA), created.Id.Value, edit, made.Version!.Value, Ct);

        Assert.True(updated.Succeeded);
        Assert.Contains("缺席或请假", refused.Errors["memberId"], StringComparison.Ordinal);
        var view = await service.GetAsync(TestUsers.Secretary(branchA), created.Id.Value, Ct);
        Assert.Equal(new DateOnly(2024, 5, 18), view!.Attendance.Single(a => a.MemberId == li).MadeUpOn);
    }

    [Fact]
    public async Task ADeletedActivityIsKeptForTheAuditTrailButCountsNowhere()
    {
        var created = await service.RecordAsync(TestUsers.Secretary(branchA), PartyDay(new DateOnly(2024, 5, 15)), Ct);

        var deleted = await service.DeleteAsync(TestUsers.Secretary(branchA), created.Id!.Value, created.Version, Ct);

        Assert.True(deleted.Succeeded);
        Assert.Null(await service.GetAsync(TestUsers.Secretary(branchA), created.Id.Value, Ct));
        Assert.Empty(await service.ListAsync(TestUsers.Secretary(branchA), branchA, null, null, null, Ct));
        await using var db = Database.CreateDbContext();
        Assert.True((await db.Activities.SingleAsync(Ct)).IsDeleted);
        Assert.Equal([AuditActions.Create, AuditActions.Delete], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
        Assert.True((await service.DeleteAsync(TestUsers.Secretary(branchA), created.Id.Value, null, Ct)).NotFound);
    }

    [Fact]
    public async Task TheRollFollowsTheDate()
    {
        var april = await service.GetRollAsync(TestUsers.Secretary(branchA), branchA, new DateOnly(2024, 4, 10), Ct);
        var may = await service.GetRollAsync(TestUsers.Secretary(branchA), branchA, new DateOnly(2024, 5, 15), Ct);

        Assert.Equal(new HashSet<string> { "张伟", "李娜", "王强" }, april.Select(m => m.Name).ToHashSet());
        Assert.Contains(may, m => m.Name == "赵敏");
        Assert.DoesNotContain(may, m => m.Name == "王强");
    }

    [Fact]
    public async Task ASecretaryListingWithoutAUnitGetsTheirOwnScope()
    {
        await service.RecordAsync(TestUsers.Secretary(branchA), PartyDay(new DateOnly(2024, 5, 15)), Ct);
        var other = PartyDay(new DateOnly(2024, 5, 15));
        other.OrgUnitId = branchB;
        await service.RecordAsync(TestUsers.PartyOffice, other, Ct);

        var mine = await service.ListAsync(TestUsers.Secretary(branchA), null, null, null, null, Ct);
        var all = await service.ListAsync(TestUsers.Leader, null, null, null, null, Ct);

        Assert.Equal([branchA], mine.Select(a => a.OrgUnitId));
        Assert.Equal(2, all.Count);
    }

    [Fact]
    public async Task NullAttendanceFromAnApiOrImportIsAnErrorNotACrash()
    {
        var input = PartyDay(new DateOnly(2024, 5, 15));
        input.Attendance = [null!];

        var result = await service.RecordAsync(TestUsers.Secretary(branchA), input, Ct);

        Assert.Equal("出勤名单中有空行。", result.Errors["attendance[0]"]);
        input.Attendance = null!;
        Assert.True((await service.RecordAsync(TestUsers.Secretary(branchA), input, Ct)).Succeeded);
    }

    [Fact]
    public async Task EveryFieldProblemIsReportedAtOnce()
    {
        var input = PartyDay(new DateOnly(2024, 6, 1), (wang, AttendanceStatus.Present));
        input.Title = "";
        input.Place = new string('地', 101);
        input.Notes = new string('注', 2001);

        var result = await service.RecordAsync(TestUsers.Secretary(branchA), input, Ct);

        Assert.Equal(["attendance[0].memberId", "date", "notes", "place", "title"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ATrainingSaysWhoOrganisedItAndWhichCadresItCountsFor()
    {
        var training = new ActivityInput
        {
            KindCode = ActivityKindCatalogue.Codes.Training, OrgUnitId = branchA, Date = new DateOnly(2024, 5, 8), Title = "科级干部培训班",
            Attendance = [new AttendanceInput { MemberId = zhang, Status = AttendanceStatus.Present }],
        };
        var missing = await service.RecordAsync(TestUsers.PartyOffice, training, Ct);
        training.OrganiserLevel = OrganiserLevel.Municipal;
        training.TrainingFor = [CadreLevel.Section, CadreLevel.Division];
        var saved = await service.RecordAsync(TestUsers.PartyOffice, training, Ct);
        var meeting = PartyDay(new DateOnly(2024, 5, 8));
        meeting.OrganiserLevel = OrganiserLevel.Provincial;
        var notTraining = await service.RecordAsync(TestUsers.PartyOffice, meeting, Ct);

        Assert.Equal(["organiserLevel", "trainingFor"], missing.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.True(saved.Succeeded);
        Assert.Contains("不是培训", notTraining.Errors["organiserLevel"], StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        var row = await db.Activities.SingleAsync(Ct);
        Assert.Equal((OrganiserLevel.Municipal, CadreLevels.Section | CadreLevels.Division), (row.OrganiserLevel!.Value, row.TrainingFor));
        var view = await service.GetAsync(TestUsers.PartyOffice, row.Id, Ct);
        Assert.Equal([CadreLevel.Section, CadreLevel.Division], view!.TrainingFor);
    }

    [Fact]
    public async Task ARecordsViewNamesEverythingItLinksAndListsItsAttendeesByName()
    {
        int id;
        var version = Guid.NewGuid();
        await using (var db = Database.CreateDbContext())
        {
            // Every link at once, written directly: no kind takes them all, and the view must show each.
            var campaign = new Campaign { Code = "study-2024", Name = "主题教育" };
            var topic = new StudyTopic { Title = "2024年5月政治理论学习指引", PublishedOn = new DateOnly(2024, 5, 1), DueOn = new DateOnly(2024, 5, 31) };
            db.AddRange(campaign, topic);
            await db.SaveChangesAsync(Ct);
            var activity = new Activity
            {
                KindId = await db.ActivityKinds.Where(k => k.Code == ActivityKindCatalogue.Codes.ThemedPartyDay).Select(k => k.Id).SingleAsync(Ct),
                OrgUnitId = branchA, Date = new DateOnly(2024, 5, 15), Title = "5月主题党日", Quantity = 1, CampaignId = campaign.Id,
                StudyTopicId = topic.Id, PresenterMemberId = zhang, PresenterName = "外请讲师", SubjectMemberId = li, Place = "三楼会议室",
                Notes = "备注", OrganiserLevel = OrganiserLevel.Municipal, TrainingFor = CadreLevels.Section, Version = version,
                RecordedBy = "secretary", RecordedAt = DateTimeOffset.UnixEpoch,
            };
            activity.Attendance.Add(new Attendance { MemberId = zhang, Status = AttendanceStatus.Present });
            activity.Attendance.Add(new Attendance { MemberId = li, Status = AttendanceStatus.Absent, MadeUpOn = new DateOnly(2024, 5, 20) });
            activity.Attendance.Add(new Attendance { MemberId = newcomer, Status = AttendanceStatus.Excused });
            db.Activities.Add(activity);
            await db.SaveChangesAsync(Ct);
            id = activity.Id;
        }

        var view = await service.GetAsync(TestUsers.Secretary(branchA), id, Ct);

        Assert.NotNull(view);
        Assert.Equal(
            (ActivityKindCatalogue.Codes.ThemedPartyDay, "甲支部", "study-2024", "2024年5月政治理论学习指引", "张伟", "外请讲师", li, "李娜", "三楼会议室", "备注", version),
            (view.KindCode, view.OrgUnitName, view.Campaign, view.StudyTopicTitle, view.PresenterMemberName, view.PresenterName, view.SubjectMemberId, view.SubjectMemberName, view.Place, view.Notes, view.Version));
        Assert.Equal((OrganiserLevel.Municipal, false), (view.OrganiserLevel, view.Restricted));
        Assert.Equal([CadreLevel.Section], view.TrainingFor);
        Assert.Equal(
            [new AttendanceView(zhang, "张伟", AttendanceStatus.Present, null), new AttendanceView(li, "李娜", AttendanceStatus.Absent, new DateOnly(2024, 5, 20)), new AttendanceView(newcomer, "赵敏", AttendanceStatus.Excused, null)],
            view.Attendance.OrderBy(a => a.MemberId));
        Assert.Equal(view.Attendance.Select(a => a.MemberName).Order(StringComparer.Ordinal), view.Attendance.Select(a => a.MemberName));
    }
}
