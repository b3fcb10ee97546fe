using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Features.Supervision;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Supervision;

/// <summary>Discipline records on a real database: only Discipline in scope sees rows; everybody else sees counts.</summary>
public sealed class DisciplineRecordServiceTests : ServiceTestContext
{
    private static readonly Period FirstHalf = Period.HalfYear(2024, 1);

    private DisciplineRecordService service = null!;
    private int countyA, branchA, countyB;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new DisciplineRecordService(Database, Guard, Audit, Clock, Bus);

        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        var a = await TestTree.AddUnitAsync(db, "甲县局党委", OrgUnitType.CountyCommittee, root);
        countyA = a.Id;
        branchA = (await TestTree.AddUnitAsync(db, "甲一支部", OrgUnitType.Branch, a)).Id;
        countyB = (await TestTree.AddUnitAsync(db, "乙县局党委", OrgUnitType.CountyCommittee, root)).Id;
    }

    private DisciplineRecordInput Valid(DisciplineRecordType type = DisciplineRecordType.ClueHandled, int? unit = null) => new()
    {
        Type = type,
        OrgUnitId = unit ?? branchA,
        Date = new DateOnly(2024, 3, 5),
        Reference = "JJ2024-0001",
        Summary = "某某同志违规收受礼品问题线索",
        Form = type == DisciplineRecordType.Disposition ? DispositionForm.First : null,
        PersonTimes = type == DisciplineRecordType.Disposition ? 3 : null,
    };

    private static System.Security.Claims.ClaimsPrincipal DisciplineOf(int unit) => TestUsers.With("jijian", new Assignment(PortalRole.Discipline, unit));

    [Fact]
    public async Task DisciplineRecordsARowAuditedWithoutItsSummaryAndAnnounced()
    {
        var result = await service.CreateAsync(DisciplineOf(countyA), Valid(), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        var saved = await db.DisciplineRecords.SingleAsync(Ct);
        Assert.Equal((DisciplineRecordType.ClueHandled, branchA, 1, "jijian"), (saved.Type, saved.OrgUnitId, saved.PersonTimes, saved.RecordedBy));
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(DisciplineRecord), Ct);
        Assert.Equal((AuditActions.Create, (int?)branchA), (entry.Action, entry.OrgUnitId));
        Assert.DoesNotContain("礼品", entry.After!, StringComparison.Ordinal);
        Assert.DoesNotContain("JJ2024", entry.After!, StringComparison.Ordinal);
        Assert.Equal([branchA], (await Recorder.SingleAsync()).OrgUnitIds);
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "noType", "type" },
        { "futureDate", "date" },
        { "emptySummary", "summary" },
        { "dispositionWithoutForm", "form" },
        { "dispositionWithZeroPersonTimes", "personTimes" },
        { "formOnAClue", "form" },
        { "longReference", "reference" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AnInvalidRecordIsExplainedAndNothingIsSaved(string caseName, string field)
    {
        var input = Valid();
        switch (caseName)
        {
            case "noType": input.Type = null; break;
            case "futureDate": input.Date = Today.AddDays(1); break;
            case "emptySummary": input.Summary = ""; break;
            case "dispositionWithoutForm": input = Valid(DisciplineRecordType.Disposition); input.Form = null; break;
            case "dispositionWithZeroPersonTimes": input = Valid(DisciplineRecordType.Disposition); input.PersonTimes = 0; break;
            case "formOnAClue": input.Form = DispositionForm.Second; break;
            case "longReference": input.Reference = new string('号', 61); break;
        }

        var result = await service.CreateAsync(TestUsers.Discipline, input, Ct);

        Assert.False(result.Succeeded);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.Errors[field]);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.DisciplineRecords.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task NobodyButDisciplineInScopeWritesOrReadsTheRows()
    {
        var id = (await service.CreateAsync(TestUsers.Discipline, Valid(), Ct)).Id!.Value;

        foreach (var user in new[] { TestUsers.Leader, TestUsers.PartyOffice, TestUsers.Secretary(branchA), DisciplineOf(countyB) })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.CreateAsync(user, Valid(), Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.UpdateAsync(user, id, Valid(), Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.DeleteAsync(user, id, Ct));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(TestUsers.Leader, FirstHalf, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(TestUsers.PartyOffice, FirstHalf, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AggregatesAsync(TestUsers.Secretary(branchA), FirstHalf, Ct));
        Assert.Empty(await service.ListAsync(DisciplineOf(countyB), FirstHalf, Ct));
        Assert.Single(await service.ListAsync(DisciplineOf(countyA), FirstHalf, Ct));
    }

    [Fact]
    public async Task AggregatesCountRecordsPerTypeAndPersonTimesPerFormWithoutSummaries()
    {
        var discipline = TestUsers.Discipline;
        await service.CreateAsync(discipline, Valid(), Ct);
        await service.CreateAsync(discipline, Valid(), Ct);
        await service.CreateAsync(discipline, Valid(DisciplineRecordType.Disposition), Ct);
        var second = Valid(DisciplineRecordType.Disposition);
        second.PersonTimes = 2;
        await service.CreateAsync(discipline, second, Ct);
        var third = Valid(DisciplineRecordType.Disposition, countyB);
        third.Form = DispositionForm.Third;
        third.PersonTimes = 1;
        await service.CreateAsync(discipline, third, Ct);
        await service.CreateAsync(discipline, Valid(DisciplineRecordType.AssistedInvestigation, countyB), Ct);
        var lastYear = Valid();
        lastYear.Date = new DateOnly(2023, 12, 31);
        await service.CreateAsync(discipline, lastYear, Ct);

        var rows = await service.AggregatesAsync(TestUsers.Leader, FirstHalf, Ct);

        Assert.Equal(
            [
                (branchA, DisciplineRecordType.ClueHandled, (DispositionForm?)null, 2, 2),
                (branchA, DisciplineRecordType.Disposition, DispositionForm.First, 2, 5),
                (countyB, DisciplineRecordType.Disposition, DispositionForm.Third, 1, 1),
                (countyB, DisciplineRecordType.AssistedInvestigation, null, 1, 1),
            ],
            rows.Select(r => (r.OrgUnitId, r.Type, r.Form, r.Records, r.PersonTimes)));
        var county = await service.AggregatesAsync(TestUsers.With("ld", new Assignment(PortalRole.Leader, countyA)), FirstHalf, Ct);
        Assert.All(county, r => Assert.Equal(branchA, r.OrgUnitId));
    }

    [Fact]
    public async Task AnEditCanMoveARecordWithinScopeAndADeleteIsAuditedAndAnnounced()
    {
        var discipline = DisciplineOf(countyA);
        var id = (await service.CreateAsync(discipline, Valid(), Ct)).Id!.Value;
        var moved = Valid(DisciplineRecordType.Disposition, countyA);

        Assert.True((await service.UpdateAsync(discipline, id, moved, Ct)).Succeeded);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.UpdateAsync(discipline, id, Valid(unit: countyB), Ct));
        Assert.True((await service.DeleteAsync(discipline, id, Ct)).Succeeded);
        Assert.True((await service.DeleteAsync(discipline, id, Ct)).NotFound);

        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.DisciplineRecords.CountAsync(Ct));
        Assert.Equal([AuditActions.Create, AuditActions.Update, AuditActions.Refused, AuditActions.Delete],
            await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
        for (var i = 0; i < 100 && Recorder.Seen.Count < 3; i++)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Contains(Recorder.Seen, c => c.OrgUnitIds.SequenceEqual([branchA, countyA]));
    }
}
