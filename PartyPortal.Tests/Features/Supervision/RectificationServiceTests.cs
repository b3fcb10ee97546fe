using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Features.Supervision;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Supervision;

/// <summary>The closed-loop tracker on a real database, with the real authorisation, audit trail and change bus.</summary>
public sealed class RectificationServiceTests : ServiceTestContext
{
    private RectificationService service = null!;
    private int branchA, branchB;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new RectificationService(Database, Guard, Audit, Clock, Bus);

        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branchA = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root)).Id;
        branchB = (await TestTree.AddUnitAsync(db, "乙支部", OrgUnitType.Branch, root)).Id;
    }

    private RectificationInput Valid(int? unit = null) => new()
    {
        Source = ClosedLoopSource.SelfReview,
        Title = "理论学习不够深入",
        Description = "支部集中学习流于形式",
        OwnerOrgUnitId = unit ?? branchA,
        FoundOn = new DateOnly(2024, 4, 1),
        Deadline = new DateOnly(2024, 6, 30),
    };

    private async Task<int> CreateAsync(RectificationInput? input = null) =>
        (await service.CreateAsync(TestUsers.PartyOffice, input ?? Valid(), Ct)).Id!.Value;

    private async Task<Guid> VersionAsync(int id)
    {
        await using var db = Database.CreateDbContext();
        return await db.ClosedLoopItems.Where(i => i.Id == id).Select(i => i.Version).SingleAsync(Ct);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.AuditEntries.CountAsync(a => a.EntityType == nameof(ClosedLoopItem), Ct);
    }

    [Fact]
    public async Task AValidItemIsSavedOpenWithItsFirstHistoryStepAuditedAndAnnounced()
    {
        var result = await service.CreateAsync(TestUsers.Secretary(branchA), Valid(), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        var saved = await db.ClosedLoopItems.Include(i => i.History).SingleAsync(i => i.Id == result.Id, Ct);
        Assert.Equal((ClosedLoopStatus.Open, branchA, "理论学习不够深入"), (saved.Status, saved.OwnerOrgUnitId, saved.Title));
        Assert.Equal(ClosedLoopStatus.Open, Assert.Single(saved.History).Status);
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(ClosedLoopItem), Ct);
        Assert.Equal((AuditActions.Create, result.Id.ToString(), (int?)branchA, "secretary"), (entry.Action, entry.EntityId, entry.OrgUnitId, entry.UserName));
        Assert.Equal([branchA], (await Recorder.SingleAsync()).OrgUnitIds);
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "noSource", "source" },
        { "emptyTitle", "title" },
        { "futureFound", "foundOn" },
        { "deadlineBeforeFound", "deadline" },
        { "noDeadline", "deadline" },
        { "unknownUnit", "ownerOrgUnitId" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AnInvalidItemIsExplainedInChineseAndNothingIsSaved(string caseName, string field)
    {
        var input = Valid();
        switch (caseName)
        {
            case "noSource": input.Source = null; break;
            case "emptyTitle": input.Title = "  "; break;
            case "futureFound": input.FoundOn = Today.AddDays(1); break;
            case "deadlineBeforeFound": input.Deadline = new DateOnly(2024, 3, 1); break;
            case "noDeadline": input.Deadline = null; break;
            case "unknownUnit": input.OwnerOrgUnitId = 9999; break;
        }

        var result = await service.CreateAsync(TestUsers.PartyOffice, input, Ct);

        Assert.False(result.Succeeded);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.Errors[field]);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.ClosedLoopItems.CountAsync(Ct));
        Assert.Equal(0, await AuditCountAsync());
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task ASecretaryMayNotWriteForAnotherBranchAndALeaderMayNotWriteAtAll()
    {
        var id = await CreateAsync(Valid(branchB));
        var version = await VersionAsync(id);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.CreateAsync(TestUsers.Secretary(branchA), Valid(branchB), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AddMeasureAsync(TestUsers.Secretary(branchA), id, "措施", version, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.StartAsync(TestUsers.Leader, id, null, version, Ct));
        Assert.Null(await service.GetAsync(TestUsers.Secretary(branchA), id, Ct));

        Assert.Equal(version, await VersionAsync(id));
        await using var db = Database.CreateDbContext();
        Assert.Equal(4, await RefusalsAuditedAsync());
    }

    [Fact]
    public async Task AnItemMovesFromOpenThroughInProgressToClosedWithEvidenceAndEveryStepIsKept()
    {
        var id = await CreateAsync();
        var secretary = TestUsers.Secretary(branchA);

        Assert.True((await service.AddMeasureAsync(secretary, id, "每月开展一次专题研讨", await VersionAsync(id), Ct)).Succeeded);
        Assert.True((await service.StartAsync(secretary, id, null, await VersionAsync(id), Ct)).Succeeded);
        var noEvidence = await service.CloseAsync(secretary, id, new RectificationClosing { ClosedOn = Today }, await VersionAsync(id), Ct);
        Assert.Contains("佐证", noEvidence.Errors["evidence"], StringComparison.Ordinal);
        var closed = await service.CloseAsync(secretary, id, new RectificationClosing { Evidence = "专题研讨记录三份", ClosedOn = Today }, await VersionAsync(id), Ct);

        Assert.True(closed.Succeeded, string.Join(" ", closed.Errors.Values));
        var detail = (await service.GetAsync(TestUsers.Leader, id, Ct))!;
        Assert.Equal((ClosedLoopStatus.Closed, (DateOnly?)Today, "专题研讨记录三份"), (detail.Row.Status, detail.Row.ClosedOn, detail.ClosingEvidence));
        Assert.Equal("每月开展一次专题研讨", Assert.Single(detail.Measures).Description);
        Assert.Equal([ClosedLoopStatus.Open, ClosedLoopStatus.Open, ClosedLoopStatus.InProgress, ClosedLoopStatus.Closed], detail.History.Select(h => h.Status));
        Assert.Equal(4, await AuditCountAsync());
    }

    [Fact]
    public async Task AnOpenItemCannotBeClosedAndAClosedOneIsNeverReopenedOrExtended()
    {
        var id = await CreateAsync();
        var early = await service.CloseAsync(TestUsers.PartyOffice, id, new RectificationClosing { Evidence = "材料", ClosedOn = Today }, await VersionAsync(id), Ct);
        Assert.True(early.Errors.ContainsKey("status"));

        await service.StartAsync(TestUsers.PartyOffice, id, "启动", await VersionAsync(id), Ct);
        await service.CloseAsync(TestUsers.PartyOffice, id, new RectificationClosing { Evidence = "材料", ClosedOn = Today }, await VersionAsync(id), Ct);

        Assert.True((await service.StartAsync(TestUsers.PartyOffice, id, null, await VersionAsync(id), Ct)).Errors.ContainsKey("status"));
        Assert.True((await service.AddMeasureAsync(TestUsers.PartyOffice, id, "再加一条", await VersionAsync(id), Ct)).Errors.ContainsKey("measure"));
        Assert.Contains("不能重新打开",
            (await service.CloseAsync(TestUsers.PartyOffice, id, new RectificationClosing { Evidence = "又一次", ClosedOn = Today }, await VersionAsync(id), Ct)).Errors["status"],
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMeasureIsMarkedDoneOnceAndTheStepIsKept()
    {
        var id = await CreateAsync();
        await service.AddMeasureAsync(TestUsers.PartyOffice, id, "健全学习制度", await VersionAsync(id), Ct);
        var measureId = (await service.GetAsync(TestUsers.PartyOffice, id, Ct))!.Measures.Single().Id;

        Assert.True((await service.CompleteMeasureAsync(TestUsers.Secretary(branchA), id, measureId, await VersionAsync(id), Ct)).Succeeded);
        var again = await service.CompleteMeasureAsync(TestUsers.Secretary(branchA), id, measureId, await VersionAsync(id), Ct);

        Assert.Contains("已于2024-05-20完成", again.Errors["measureId"], StringComparison.Ordinal);
        var detail = (await service.GetAsync(TestUsers.PartyOffice, id, Ct))!;
        Assert.Equal(Today, detail.Measures.Single().DoneOn);
        Assert.StartsWith("整改措施完成", detail.History[^1].Note, StringComparison.Ordinal);
        Assert.Equal(ClosedLoopStatus.Open, detail.Row.Status);
    }

    [Fact]
    public async Task AStaleVersionIsRefusedWithAClearMessageAndNothingChanges()
    {
        var id = await CreateAsync();
        var seen = await VersionAsync(id);
        Assert.True((await service.AddMeasureAsync(TestUsers.PartyOffice, id, "他人先加的措施", seen, Ct)).Succeeded);
        var audits = await AuditCountAsync();

        var stale = await service.StartAsync(TestUsers.Secretary(branchA), id, "我的说明", seen, Ct);

        Assert.True(stale.Conflict);
        var detail = (await service.GetAsync(TestUsers.PartyOffice, id, Ct))!;
        Assert.Equal(ClosedLoopStatus.Open, detail.Row.Status);
        Assert.Equal(audits, await AuditCountAsync());
    }

    [Fact]
    public async Task OverdueMeansPastTheDeadlineOnTheBureausTodayAndNotClosed()
    {
        var due = Valid();
        due.Title = "已到期";
        due.Deadline = Today.AddDays(-1);
        var overdue = await CreateAsync(due);
        var today = Valid();
        today.Title = "今天到期";
        today.Deadline = Today;
        await CreateAsync(today);
        var closed = Valid();
        closed.Title = "到期但已办结";
        closed.Deadline = Today.AddDays(-5);
        var closedId = await CreateAsync(closed);
        await service.StartAsync(TestUsers.PartyOffice, closedId, null, await VersionAsync(closedId), Ct);
        await service.CloseAsync(TestUsers.PartyOffice, closedId, new RectificationClosing { Evidence = "材料", ClosedOn = Today }, await VersionAsync(closedId), Ct);

        var rows = await service.ListAsync(TestUsers.Leader, new RectificationFilter(), Ct);

        Assert.Equal(["已到期"], rows.Where(r => r.IsOverdue).Select(r => r.Title));
        Assert.Equal([overdue], (await service.ListAsync(TestUsers.Leader, new RectificationFilter(OverdueOnly: true), Ct)).Select(r => r.Id));

        // The next day in Shanghai, "today" is overdue too.
        Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, (await service.ListAsync(TestUsers.Leader, new RectificationFilter(OverdueOnly: true), Ct)).Count);
    }

    [Fact]
    public async Task TheListKeepsToTheReadersScopeAndItsFilters()
    {
        await CreateAsync();
        var other = Valid(branchB);
        other.Source = ClosedLoopSource.InspectionSelfCheck;
        await CreateAsync(other);

        Assert.Equal(2, (await service.ListAsync(TestUsers.Leader, new RectificationFilter(), Ct)).Count);
        Assert.Equal([branchA], (await service.ListAsync(TestUsers.Secretary(branchA), new RectificationFilter(), Ct)).Select(r => r.OwnerOrgUnitId));
        Assert.Equal([branchB], (await service.ListAsync(TestUsers.PartyOffice, new RectificationFilter(Source: ClosedLoopSource.InspectionSelfCheck), Ct)).Select(r => r.OwnerOrgUnitId));
        Assert.Equal([branchB], (await service.ListAsync(TestUsers.PartyOffice, new RectificationFilter(OrgUnitId: branchB), Ct)).Select(r => r.OwnerOrgUnitId));
        Assert.Empty(await service.ListAsync(TestUsers.PartyOffice, new RectificationFilter(Status: ClosedLoopStatus.Closed), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(TestUsers.Secretary(branchA), new RectificationFilter(OrgUnitId: branchB), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(TestUsers.Anonymous, new RectificationFilter(), Ct));
    }
}
