using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Data;
using PartyPortal.Features.Organisation;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

/// <summary>The warning the transfer form shows before a back-dated transfer is saved (issue 14, item 10).</summary>
public class TransferAttendanceWarningTests : PortalTestContext
{
    private int member;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<MemberService>();
        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db);
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        var branch = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
        var m = new Member { Name = "张伟", BirthYear = 1985, CadreLevel = CadreLevel.Section, Gender = Gender.Male, OrgUnitId = branch };
        m.Assignments.Add(new MemberAssignment { OrgUnitId = branch, From = new DateOnly(2020, 1, 1) });
        db.Members.Add(m);
        await db.SaveChangesAsync();
        member = m.Id;
        var kind = db.ActivityKinds.Single(k => k.Code == ActivityKindCatalogue.Codes.WarningEducation);
        var activity = new Activity { KindId = kind.Id, OrgUnitId = branch, Date = new DateOnly(2024, 5, 8), Title = "5月警示教育" };
        activity.Attendance.Add(new Attendance { MemberId = member, Status = AttendanceStatus.Absent });
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
    }

    [Fact]
    public void ABackDatedTransferNamesTheActivitiesAndAsksForConfirmation()
    {
        var confirmed = false;
        var warning = RenderAs<TransferAttendanceWarning>(TestUsers.PartyOffice, p => p
            .Add(x => x.MemberId, member).Add(x => x.MemberName, "张伟").Add(x => x.On, new DateOnly(2024, 5, 1))
            .Add(x => x.Confirmed, confirmed).Add(x => x.ConfirmedChanged, (bool on) => confirmed = on));

        warning.WaitForAssertion(() => Assert.Single(warning.FindAll("[data-transfer-warning]")), TimeSpan.FromSeconds(10));
        Assert.Contains("2024-05-08“5月警示教育”", warning.Markup, StringComparison.Ordinal);
        Assert.Contains("移出", warning.Markup, StringComparison.Ordinal);
        warning.Find("[data-transfer-warning] input[type=checkbox]").Change(true);
        Assert.True(confirmed);
    }

    [Fact]
    public void MovingTheDatePastTheLastRecordTakesTheWarningAway()
    {
        var warning = RenderAs<TransferAttendanceWarning>(TestUsers.PartyOffice, p => p
            .Add(x => x.MemberId, member).Add(x => x.MemberName, "张伟").Add(x => x.On, new DateOnly(2024, 5, 1)));
        warning.WaitForAssertion(() => Assert.Single(warning.FindAll("[data-transfer-warning]")), TimeSpan.FromSeconds(10));

        warning.Render(p => p.Add(x => x.On, new DateOnly(2024, 5, 9)));

        warning.WaitForAssertion(() => Assert.Empty(warning.FindAll("[data-transfer-warning]")), TimeSpan.FromSeconds(10));
    }
}
