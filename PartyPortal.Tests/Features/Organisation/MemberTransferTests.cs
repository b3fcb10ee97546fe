using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

/// <summary>
/// A transfer dated back past attendance already recorded at the old branch (issue 14, item 10): the service warns,
/// naming the activities, and only on confirmation moves the member off the old branch's rolls from that day.
/// </summary>
public sealed class MemberTransferTests : ServiceTestContext
{
    private static readonly DateOnly On = new(2024, 5, 6);
    private MemberService service = null!;
    private int branchA, branchB, zhang, before, after;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new MemberService(Database, Guard, Audit, Clock, Bus);

        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db, Ct);
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branchA = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root)).Id;
        branchB = (await TestTree.AddUnitAsync(db, "乙支部", OrgUnitType.Branch, root)).Id;
        var m = new Member { Name = "张伟", BirthYear = 1985, CadreLevel = CadreLevel.General, Gender = Gender.Male, OrgUnitId = branchA };
        m.Assignments.Add(new MemberAssignment { OrgUnitId = branchA, From = new DateOnly(2024, 1, 10) });
        db.Members.Add(m);
        await db.SaveChangesAsync(Ct);
        zhang = m.Id;

        var kind = await db.ActivityKinds.SingleAsync(k => k.Code == ActivityKindCatalogue.Codes.ThemedPartyDay, Ct);
        before = await AddActivityAsync(db, kind.Id, new DateOnly(2024, 4, 20), "4月主题党日");
        after = await AddActivityAsync(db, kind.Id, new DateOnly(2024, 5, 8), "5月主题党日：重温入党誓词");
    }

    private async Task<int> AddActivityAsync(PortalDbContext db, int kindId, DateOnly date, string title)
    {
        var activity = new Activity { KindId = kindId, OrgUnitId = branchA, Date = date, Title = title };
        activity.Attendance.Add(new Attendance { MemberId = zhang, Status = AttendanceStatus.Present });
        db.Activities.Add(activity);
        await db.SaveChangesAsync(Ct);
        return activity.Id;
    }

    [Fact]
    public async Task ATransferBackDatedPastRecordedAttendanceIsNotSavedWithoutAWarningNamingTheActivities()
    {
        var result = await service.TransferAsync(TestUsers.PartyOffice, zhang, branchB, On, Ct);

        Assert.False(result.Succeeded);
        var warning = Assert.Contains("on", result.Errors);
        Assert.Contains("2024-05-08", warning, StringComparison.Ordinal);
        Assert.Contains("5月主题党日：重温入党誓词", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("4月主题党日", warning, StringComparison.Ordinal);
        Assert.Contains("移出", warning, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(branchA, (await db.Members.SingleAsync(m => m.Id == zhang, Ct)).OrgUnitId);
        Assert.Equal(2, await db.Attendance.CountAsync(a => a.MemberId == zhang, Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task OnceConfirmedTheMemberLeavesTheOldBranchsLaterRollsInTheTransfersTransaction()
    {
        var warned = await service.LaterAttendanceAsync(TestUsers.PartyOffice, zhang, On, Ct);
        Assert.Equal([after], warned.Select(a => a.ActivityId));
        await using (var db = Database.CreateDbContext())
        {
            var versionBefore = (await db.Activities.SingleAsync(a => a.Id == after, Ct)).Version;

            var result = await service.TransferAsync(TestUsers.PartyOffice, zhang, branchB, On, leaveLaterRolls: true, Ct);

            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
            Assert.Equal([before], await db.Attendance.Where(a => a.MemberId == zhang).Select(a => a.ActivityId).ToListAsync(Ct));
            Assert.NotEqual(versionBefore, (await db.Activities.AsNoTracking().SingleAsync(a => a.Id == after, Ct)).Version);
            var entry = await db.AuditEntries.SingleAsync(Ct);
            Assert.Contains("leftRolls", entry.After, StringComparison.Ordinal);
            Assert.DoesNotContain("重温入党誓词", entry.After, StringComparison.Ordinal);
        }

        var change = await Recorder.SingleAsync();
        Assert.Equal([branchA, branchB], change.OrgUnitIds);
        Assert.Equal([zhang], change.MemberIds);
    }

    [Fact]
    public async Task ATransferDatedAfterTheLastRecordNeedsNoConfirmation()
    {
        var result = await service.TransferAsync(TestUsers.PartyOffice, zhang, branchB, new DateOnly(2024, 5, 9), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        Assert.Equal(2, await db.Attendance.CountAsync(a => a.MemberId == zhang, Ct));
    }
}
