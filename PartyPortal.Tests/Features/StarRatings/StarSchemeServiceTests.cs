using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

/// <summary>The year's scheme: written by PartyOffice only, validated, audited, frozen once a branch submits.</summary>
public sealed class StarSchemeServiceTests : ServiceTestContext
{
    private StarSchemeService service = null!;
    private int branch;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new StarSchemeService(Database, Guard, Audit, Clock, Bus);
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branch = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root)).Id;
    }

    /// <summary>A rubric with every item kind and every veto: 45 + 25 + 30 basic and appraisal points, bonus 5, deduction 10.</summary>
    private static StarSchemeInput Valid() => new()
    {
        Name = "2024年度党支部星级化管理评定方案",
        FiveStarCapPercent = 20,
        Items =
        [
            new() { Group = "组织生活", Name = "“三会一课”落实", Kind = CriterionKind.Basic, MaxScore = 25, Measure = CriterionMeasure.MeetingsCompliance, ZeroBelowPercent = 60, FullAtPercent = 100 },
            new() { Group = "队伍建设", Name = "警示教育", Kind = CriterionKind.Basic, MaxScore = 20, Measure = CriterionMeasure.WarningEducation, ZeroBelowPercent = 50, FullAtPercent = 100 },
            new() { Group = "作用发挥", Name = "党建与业务融合", Kind = CriterionKind.Basic, MaxScore = 25 },
            new() { Group = "评议", Name = "党员和党委评议", Kind = CriterionKind.Appraisal, MaxScore = 30 },
            new() { Group = "加分", Name = "获得上级表彰", Kind = CriterionKind.Bonus, MaxScore = 5 },
            new() { Group = "减分", Name = "工作被通报批评", Kind = CriterionKind.Deduction, MaxScore = 10 },
        ],
        Vetoes =
        [
            new() { Kind = VetoKind.DisciplinaryCase, MaxStars = 1 },
            new() { Kind = VetoKind.RectificationOverdue, OverdueDays = 30, MaxStars = 3 },
            new() { Kind = VetoKind.WeakAndLax, MaxStars = 1 },
        ],
    };

    private async Task<(int Rubrics, int Criteria, int Audits)> CountsAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.StarRubrics.CountAsync(Ct), await db.StarCriteria.CountAsync(Ct), await db.AuditEntries.CountAsync(a => a.EntityType == nameof(StarRubric), Ct));
    }

    [Fact]
    public async Task PartyOfficeSavesASchemeWithEveryItemKindAndItsAuditEntry()
    {
        var result = await service.SaveAsync(TestUsers.PartyOffice, 2024, Valid(), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        var scheme = (await service.GetAsync(TestUsers.PartyOffice, 2024, Ct))!;
        Assert.False(scheme.Frozen);
        Assert.Equal(
            ["“三会一课”落实", "警示教育", "党建与业务融合", "党员和党委评议", "获得上级表彰", "工作被通报批评"],
            scheme.Rubric.Criteria.OrderBy(c => c.SortOrder).Select(c => c.Name));
        Assert.Equal(3, scheme.Rubric.Vetoes.Count);
        Assert.Equal((1, 6, 1), await CountsAsync());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "no-name", "name" },
        { "bands-out-of-order", "bands" },
        { "scale-not-100", "items" },
        { "measured-bonus", "items[4].measure" },
        { "empty-range", "items[0].fullAtPercent" },
        { "score-with-two-decimals", "items[2].maxScore" },
        { "veto-twice", "vetoes[2].kind" },
        { "overdue-without-days", "vetoes[1].overdueDays" },
        { "veto-keeps-five-stars", "vetoes[0].maxStars" },
        { "cap-zero", "fiveStarCapPercent" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AnInvalidSchemeIsRefusedWithAChineseFieldErrorAndNothingIsSaved(string @case, string field)
    {
        var input = Valid();
        switch (@case)
        {
            case "no-name": input.Name = "  "; break;
            case "bands-out-of-order": input.FourStarMin = 92; break;
            case "scale-not-100": input.Items[3].MaxScore = 20; break;
            case "measured-bonus": input.Items[4].Measure = CriterionMeasure.StudyCompletion; break;
            case "empty-range": input.Items[0].ZeroBelowPercent = 100; break;
            case "score-with-two-decimals": input.Items[2].MaxScore = 24.75m; break;
            case "veto-twice": input.Vetoes[2].Kind = VetoKind.DisciplinaryCase; break;
            case "overdue-without-days": input.Vetoes[1].OverdueDays = null; break;
            case "veto-keeps-five-stars": input.Vetoes[0].MaxStars = 5; break;
            case "cap-zero": input.FiveStarCapPercent = 0; break;
        }

        var result = await service.SaveAsync(TestUsers.PartyOffice, 2024, input, Ct);

        Assert.Contains(field, result.Errors.Keys);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.Errors[field]);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ASchemeIsFrozenOnceABranchHasSubmittedUnderIt()
    {
        var id = (await service.SaveAsync(TestUsers.PartyOffice, 2024, Valid(), Ct)).Id!.Value;
        var input = StarSchemeInput.From((await service.GetAsync(TestUsers.PartyOffice, 2024, Ct))!.Rubric);
        input.Name = "改过的名称";
        Assert.True((await service.SaveAsync(TestUsers.PartyOffice, 2024, input, Ct)).Succeeded);

        await using (var db = Database.CreateDbContext())
        {
            db.StarAssessments.Add(new StarAssessment { RubricId = id, OrgUnitId = branch, Status = AssessmentStatus.Submitted, SubmittedAt = Time.GetUtcNow() });
            await db.SaveChangesAsync(Ct);
        }

        var scheme = (await service.GetAsync(TestUsers.PartyOffice, 2024, Ct))!;
        Assert.True(scheme.Frozen);
        var again = StarSchemeInput.From(scheme.Rubric);
        again.Items[0].MaxScore = 30;
        again.Items[2].MaxScore = 20;
        var result = await service.SaveAsync(TestUsers.PartyOffice, 2024, again, Ct);
        Assert.Equal(StarSchemeService.FrozenMessage, result.Errors["scheme"]);
        Assert.Equal(25m, (await service.GetAsync(TestUsers.PartyOffice, 2024, Ct))!.Rubric.Criteria.Single(c => c.SortOrder == 1).MaxScore);
    }

    [Fact]
    public async Task ASecondEditorSavingOverAnOlderVersionIsRefused()
    {
        await service.SaveAsync(TestUsers.PartyOffice, 2024, Valid(), Ct);
        var rubric = (await service.GetAsync(TestUsers.PartyOffice, 2024, Ct))!.Rubric;
        var first = StarSchemeInput.From(rubric);
        var second = StarSchemeInput.From(rubric);
        first.NoticeDays = 7;
        second.NoticeDays = 3;

        Assert.True((await service.SaveAsync(TestUsers.PartyOffice, 2024, first, Ct)).Succeeded);
        Assert.True((await service.SaveAsync(TestUsers.PartyOffice, 2024, second, Ct)).Conflict);
        Assert.Equal(7, (await service.GetAsync(TestUsers.PartyOffice, 2024, Ct))!.Rubric.NoticeDays);
    }

    [Fact]
    public async Task AnItemTakenOutOfAnOpenSchemeTakesItsDraftScoresWithItAndTheOthersKeepTheirs()
    {
        var id = (await service.SaveAsync(TestUsers.PartyOffice, 2024, Valid(), Ct)).Id!.Value;
        var rubric = (await service.GetAsync(TestUsers.PartyOffice, 2024, Ct))!.Rubric;
        await using (var db = Database.CreateDbContext())
        {
            var draft = new StarAssessment { RubricId = id, OrgUnitId = branch };
            draft.Scores.AddRange(rubric.Criteria.Select(c => new CriterionScore { CriterionId = c.Id, SelfScore = 1 }));
            db.StarAssessments.Add(draft);
            await db.SaveChangesAsync(Ct);
        }

        var input = StarSchemeInput.From(rubric);
        input.Items.RemoveAt(4); // the bonus item
        Assert.True((await service.SaveAsync(TestUsers.PartyOffice, 2024, input, Ct)).Succeeded);

        await using var check = Database.CreateDbContext();
        Assert.Equal(5, await check.CriterionScores.CountAsync(Ct));
        Assert.Equal(5, await check.StarCriteria.CountAsync(Ct));
    }

    [Fact]
    public async Task LastYearsSchemeIsCopiedAsThisYearsStartingPoint()
    {
        await service.SaveAsync(TestUsers.PartyOffice, 2023, Renamed(Valid(), "2023年度党支部星级化管理评定方案"), Ct);

        var copy = (await service.CopyOfLastYearAsync(TestUsers.PartyOffice, 2024, Ct))!;
        Assert.Equal("2024年度党支部星级化管理评定方案", copy.Name);
        Assert.All(copy.Items, i => Assert.Null(i.Id));
        Assert.True((await service.SaveAsync(TestUsers.PartyOffice, 2024, copy, Ct)).Succeeded);
        Assert.Equal(12, (await CountsAsync()).Criteria);
        Assert.Null(await service.CopyOfLastYearAsync(TestUsers.PartyOffice, 2023, Ct));
    }

    [Fact]
    public async Task OnlyPartyOfficeWritesTheSchemeAndEveryRefusalIsAudited()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SaveAsync(TestUsers.Secretary(branch), 2024, Valid(), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SaveAsync(TestUsers.Leader, 2024, Valid(), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.CopyOfLastYearAsync(TestUsers.Leader, 2024, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetAsync(TestUsers.Discipline, 2024, Ct));

        Assert.Equal((0, 0, 0), await CountsAsync());
        Assert.Equal(4, await RefusalsAuditedAsync());
        Assert.Null(await service.GetAsync(TestUsers.Secretary(branch), 2024, Ct));
    }

    private static StarSchemeInput Renamed(StarSchemeInput input, string name)
    {
        input.Name = name;
        return input;
    }
}
