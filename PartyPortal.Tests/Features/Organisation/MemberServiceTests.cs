using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Organisation;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

/// <summary>Member writes on a real database, with the real authorisation and change bus.</summary>
public sealed class MemberServiceTests : ServiceTestContext
{
    private MemberService service = null!;
    private int branchA, branchB, closedBranch, futureBranch, zhang;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new MemberService(Database, Guard, Audit, Clock, Bus);

        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branchA = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root, configure: u => u.FoundedOn = new DateOnly(2024, 1, 10))).Id;
        branchB = (await TestTree.AddUnitAsync(db, "乙支部", OrgUnitType.Branch, root)).Id;
        closedBranch = (await TestTree.AddUnitAsync(db, "临时支部", OrgUnitType.Branch, root, configure: u => u.ClosedOn = new DateOnly(2024, 3, 31))).Id;
        futureBranch = (await TestTree.AddUnitAsync(db, "新支部", OrgUnitType.Branch, root, configure: u => u.FoundedOn = new DateOnly(2024, 6, 1))).Id;
        var m = new Member { Name = "张伟", BirthYear = 1985, CadreLevel = CadreLevel.General, Gender = Gender.Male, OrgUnitId = branchA };
        db.Members.Add(m);
        await db.SaveChangesAsync(Ct);
        db.MemberAssignments.Add(new MemberAssignment { MemberId = m.Id, OrgUnitId = branchA, From = new DateOnly(2024, 1, 10) });
        await db.SaveChangesAsync(Ct);
        zhang = m.Id;
    }

    private MemberInput Valid(int? unit = null) => new()
    {
        OrgUnitId = unit ?? branchA,
        Name = "李娜",
        Gender = Gender.Female,
        BirthYear = 1990,
        CadreLevel = CadreLevel.Section,
        Status = MemberStatus.Probationary,
        JoinedPartyOn = new DateOnly(2023, 7, 1),
        From = new DateOnly(2024, 3, 1),
    };

    private async Task<int> AuditCountAsync(string action)
    {
        await using var db = Database.CreateDbContext();
        return await db.AuditEntries.CountAsync(a => a.Action == action && a.EntityType == nameof(Member), Ct);
    }

    [Fact]
    public async Task AValidMemberIsAddedWithAnAssignmentAndOneAuditEntryAndAnnounced()
    {
        var result = await service.AddAsync(TestUsers.PartyOffice, Valid(), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        var saved = await db.Members.Include(m => m.Assignments).SingleAsync(m => m.Id == result.Id, Ct);
        Assert.Equal(("李娜", branchA, MemberStatus.Probationary, CadreLevel.Section), (saved.Name, saved.OrgUnitId, saved.Status, saved.CadreLevel));
        var assignment = Assert.Single(saved.Assignments);
        Assert.Equal((branchA, new DateOnly(2024, 3, 1), (DateOnly?)null), (assignment.OrgUnitId, assignment.From, assignment.To));
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(Member), Ct);
        Assert.Equal((AuditActions.Create, result.Id.ToString(), (int?)branchA), (entry.Action, entry.EntityId, entry.OrgUnitId));
        Assert.Equal([branchA], (await Recorder.SingleAsync()).OrgUnitIds);
    }

    [Fact]
    public async Task TheJoinDateDefaultsToToday()
    {
        var input = Valid();
        input.From = null;

        var result = await service.AddAsync(TestUsers.PartyOffice, input, Ct);

        await using var db = Database.CreateDbContext();
        Assert.Equal(Today, (await db.MemberAssignments.SingleAsync(a => a.MemberId == result.Id, Ct)).From);
    }

    [Theory]
    [InlineData("name", "李", 1990, 0)]
    [InlineData("name", "  ", 1990, 0)]
    [InlineData("birthYear", "李娜", 1939, 0)]
    [InlineData("birthYear", "李娜", 2007, 0)]
    [InlineData("from", "李娜", 1990, 1)]
    [InlineData("from", "李娜", 1990, -200)]
    public async Task AnInvalidMemberIsRefusedBesideTheFieldAndNothingIsSaved(string field, string name, int birthYear, int fromOffset)
    {
        var input = Valid();
        input.Name = name;
        input.BirthYear = birthYear;
        input.From = Today.AddDays(fromOffset);

        var result = await service.AddAsync(TestUsers.PartyOffice, input, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal([field], result.Errors.Keys);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Members.CountAsync(Ct));
        Assert.Equal(1, await db.MemberAssignments.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task AMemberCannotJoinAClosedOrNotYetFoundedBranch()
    {
        Assert.Contains("from", (await service.AddAsync(TestUsers.PartyOffice, Valid(closedBranch), Ct)).Errors.Keys);
        Assert.Contains("from", (await service.AddAsync(TestUsers.PartyOffice, Valid(futureBranch), Ct)).Errors.Keys);
    }

    [Fact]
    public async Task AnUpdateChangesTheDetailsButNotTheBranch()
    {
        var input = Valid(branchB);
        input.Name = "张伟伟";

        var result = await service.UpdateAsync(TestUsers.PartyOffice, zhang, input, Ct);

        Assert.True(result.Succeeded);
        await using var db = Database.CreateDbContext();
        var saved = await db.Members.Include(m => m.Assignments).SingleAsync(m => m.Id == zhang, Ct);
        Assert.Equal(("张伟伟", branchA, Gender.Female), (saved.Name, saved.OrgUnitId, saved.Gender));
        Assert.Single(saved.Assignments);
        Assert.Equal(1, await AuditCountAsync(AuditActions.Update));
        Assert.Equal([branchA], (await Recorder.SingleAsync()).OrgUnitIds);
    }

    [Fact]
    public async Task ATransferMidQuarterClosesTheOldAssignmentTheDayBeforeAndOpensTheNew()
    {
        var on = new DateOnly(2024, 5, 6);

        var result = await service.TransferAsync(TestUsers.PartyOffice, zhang, branchB, on, Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        var saved = await db.Members.Include(m => m.Assignments).SingleAsync(m => m.Id == zhang, Ct);
        Assert.Equal(branchB, saved.OrgUnitId);
        var history = saved.Assignments.OrderBy(a => a.From).Select(a => (a.OrgUnitId, a.From, a.To)).ToList();
        Assert.Equal([(branchA, new DateOnly(2024, 1, 10), (DateOnly?)new DateOnly(2024, 5, 5)), (branchB, on, (DateOnly?)null)], history);
        var entry = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(AuditActions.Update, entry.Action);
        Assert.Contains(branchA.ToString(), entry.Before, StringComparison.Ordinal);
        Assert.Contains(branchB.ToString(), entry.After, StringComparison.Ordinal);
        Assert.Equal([branchA, branchB], (await Recorder.SingleAsync()).OrgUnitIds);
    }

    [Fact]
    public async Task ATransferIsRefusedToTheSameBranchBeforeTheCurrentStartInTheFutureOrToAClosedBranch()
    {
        Assert.Contains("toBranchId", (await service.TransferAsync(TestUsers.PartyOffice, zhang, branchA, Today, Ct)).Errors.Keys);
        Assert.Contains("on", (await service.TransferAsync(TestUsers.PartyOffice, zhang, branchB, new DateOnly(2024, 1, 10), Ct)).Errors.Keys);
        Assert.Contains("on", (await service.TransferAsync(TestUsers.PartyOffice, zhang, branchB, Today.AddDays(1), Ct)).Errors.Keys);
        Assert.Contains("toBranchId", (await service.TransferAsync(TestUsers.PartyOffice, zhang, closedBranch, Today, Ct)).Errors.Keys);
        Assert.Contains("toBranchId", (await service.TransferAsync(TestUsers.PartyOffice, zhang, futureBranch, Today, Ct)).Errors.Keys);

        await using var db = Database.CreateDbContext();
        var assignment = await db.MemberAssignments.SingleAsync(Ct);
        Assert.Null(assignment.To);
        Assert.Equal(branchA, (await db.Members.SingleAsync(Ct)).OrgUnitId);
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task RetiringClosesTheAssignmentOnTheDayAndIsRefusedTwice()
    {
        var on = new DateOnly(2024, 4, 30);

        var result = await service.RetireAsync(TestUsers.PartyOffice, zhang, on, Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using (var db = Database.CreateDbContext())
        {
            var saved = await db.Members.Include(m => m.Assignments).SingleAsync(Ct);
            Assert.Equal(MemberStatus.Retired, saved.Status);
            Assert.Equal(on, Assert.Single(saved.Assignments).To);
        }

        Assert.Equal(1, await AuditCountAsync(AuditActions.Update));
        Assert.Equal([branchA], (await Recorder.SingleAsync()).OrgUnitIds);
        Assert.Empty(await service.ListAsync(TestUsers.PartyOffice, branchA, Ct));

        Assert.Contains("memberId", (await service.RetireAsync(TestUsers.PartyOffice, zhang, Today, Ct)).Errors.Keys);
        Assert.Contains("memberId", (await service.TransferAsync(TestUsers.PartyOffice, zhang, branchB, Today, Ct)).Errors.Keys);
        Assert.Equal(1, await AuditCountAsync(AuditActions.Update));
    }

    [Fact]
    public async Task ASecretaryIsRefusedEveryWriteAndNothingChanges()
    {
        var secretary = TestUsers.Secretary(branchA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AddAsync(secretary, Valid(), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.UpdateAsync(secretary, zhang, Valid(), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.TransferAsync(secretary, zhang, branchB, Today, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.RetireAsync(secretary, zhang, Today, Ct));

        await using var db = Database.CreateDbContext();
        var member = await db.Members.Include(m => m.Assignments).SingleAsync(Ct);
        Assert.Equal(("张伟", branchA, MemberStatus.Full), (member.Name, member.OrgUnitId, member.Status));
        Assert.Null(Assert.Single(member.Assignments).To);
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Member), Ct));
        Assert.Equal(4, await RefusalsAuditedAsync());
        Assert.Empty(Recorder.Seen);

        // Reading their own branch is still allowed.
        Assert.Single(await service.ListAsync(secretary, branchA, Ct));
    }

    [Fact]
    public async Task AnInvalidEditIsExplainedFieldByFieldAndNothingChanges()
    {
        var input = Valid();
        input.Name = " ";
        input.BirthYear = 1930;
        input.Gender = null;
        input.JoinedPartyOn = Today.AddDays(1);

        var result = await service.UpdateAsync(TestUsers.PartyOffice, zhang, input, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("请填写姓名。", result.Errors["name"]);
        Assert.Equal("出生年份应在1940年至2006年之间。", result.Errors["birthYear"]);
        Assert.Equal("请选择性别。", result.Errors["gender"]);
        Assert.StartsWith("入党日期不能晚于今天", result.Errors["joinedPartyOn"], StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal("张伟", (await db.Members.SingleAsync(Ct)).Name);
        Assert.Equal(0, await AuditCountAsync(AuditActions.Update));
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task AnEditStartedBeforeAnotherSaveIsAConflictAndKeepsTheOtherSave()
    {
        var version = Assert.Single(await service.ListAsync(TestUsers.PartyOffice, branchA, Ct)).Version;
        var first = Valid();
        first.Name = "张伟伟";
        first.Version = version;
        var second = Valid();
        second.Name = "张大伟";
        second.Version = version;

        Assert.True((await service.UpdateAsync(TestUsers.PartyOffice, zhang, first, Ct)).Succeeded);
        var late = await service.UpdateAsync(TestUsers.PartyOffice, zhang, second, Ct);

        Assert.True(late.Conflict);
        Assert.False(late.Succeeded);
        var row = Assert.Single(await service.ListAsync(TestUsers.PartyOffice, branchA, Ct));
        Assert.Equal("张伟伟", row.Name);
        Assert.NotEqual(version, row.Version);
        Assert.Equal(1, await AuditCountAsync(AuditActions.Update));
    }

    [Fact]
    public async Task ATransferChangesTheVersionSoAnOpenEditIsAConflict()
    {
        var version = Assert.Single(await service.ListAsync(TestUsers.PartyOffice, branchA, Ct)).Version;
        Assert.True((await service.TransferAsync(TestUsers.PartyOffice, zhang, branchB, Today, Ct)).Succeeded);
        var input = Valid();
        input.Version = version;

        Assert.True((await service.UpdateAsync(TestUsers.PartyOffice, zhang, input, Ct)).Conflict);
    }

    [Fact]
    public async Task ARetiredMemberCannotBeEdited()
    {
        Assert.True((await service.RetireAsync(TestUsers.PartyOffice, zhang, Today, Ct)).Succeeded);

        var result = await service.UpdateAsync(TestUsers.PartyOffice, zhang, Valid(), Ct);

        Assert.Contains("已离退", result.Errors["status"], StringComparison.Ordinal);
    }
}
