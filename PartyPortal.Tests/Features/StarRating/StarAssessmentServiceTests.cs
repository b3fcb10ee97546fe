using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyPortal.Access;
using PartyPortal.Features.StarRating;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Live;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRating;

/// <summary>
/// A branch's self-assessment and the committee's review on <see cref="MetricsTestBureau"/> (counted on 2024-05-20),
/// with the live engine proposing the measured items' points.
/// </summary>
public sealed class StarAssessmentServiceTests : ServiceTestContext
{
    private const int Year = 2024;
    private MetricsTestBureau bureau = null!;
    private LiveMetrics engine = null!;
    private StarAssessmentService assessments = null!;
    private StarReviewService reviews = null!;
    private int closure, organisation, appraisal, bonus, deduction;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            bureau = await MetricsTestBureau.SeedAsync(db);
        }

        engine = new LiveMetrics(
            new MetricFactsReader(Database), new ChangeOutbox(Database), Bus, Clock, Time, new OutputLogger<LiveMetrics>(),
            Options.Create(new LiveMetricsOptions { CoalesceMilliseconds = 0 }));
        await engine.StartAsync(Ct);
        assessments = new StarAssessmentService(Database, Guard, Audit, Clock, Bus, new StarLedger(engine, Database, Clock));
        reviews = new StarReviewService(Database, Guard, Audit, Clock, Bus);

        var schemes = new StarSchemeService(Database, Guard, Audit, Clock, Bus);
        var saved = await schemes.SaveAsync(TestUsers.PartyOffice, Year, new StarSchemeInput
        {
            Name = "2024年度党支部星级化管理评定方案",
            Items =
            [
                new() { Group = "作用发挥", Name = "整改销号", MaxScore = 10, Measure = CriterionMeasure.RectificationClosure, ZeroBelowPercent = 0, FullAtPercent = 100 },
                new() { Group = "组织生活", Name = "组织生活规范", MaxScore = 60 },
                new() { Group = "评议", Name = "党员评议", Kind = CriterionKind.Appraisal, MaxScore = 30 },
                new() { Group = "加分", Name = "获得表彰", Kind = CriterionKind.Bonus, MaxScore = 5 },
                new() { Group = "减分", Name = "通报批评", Kind = CriterionKind.Deduction, MaxScore = 5 },
            ],
            Vetoes = [new() { Kind = VetoKind.RectificationOverdue, OverdueDays = 30, MaxStars = 3 }],
        }, Ct);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Values));
        var criteria = (await schemes.GetAsync(TestUsers.PartyOffice, Year, Ct))!.Rubric.Criteria.OrderBy(c => c.SortOrder).Select(c => c.Id).ToList();
        (closure, organisation, appraisal, bonus, deduction) = (criteria[0], criteria[1], criteria[2], criteria[3], criteria[4]);
    }

    public override async ValueTask DisposeAsync()
    {
        await engine.StopAsync(Ct);
        engine.Dispose();
        await base.DisposeAsync();
    }

    private ClaimsPrincipal Secretary => TestUsers.Secretary(bureau.A);

    private static StarAssessmentInput Lines(Guid? version, params (int Criterion, decimal? Score, string? Note)[] lines) => new()
    {
        Version = version,
        Scores = [.. lines.Select(l => new StarScoreInput { CriterionId = l.Criterion, SelfScore = l.Score, SelfNote = l.Note, Evidence = "支委会会议记录" })],
    };

    private StarAssessmentInput Complete(Guid? version, decimal closureScore = 3.3m, string? note = null) =>
        Lines(version, (closure, closureScore, note), (organisation, 55, null), (appraisal, 27, null), (bonus, 2, null), (deduction, 0, null));

    private async Task<(int Assessments, int Scores, int Audits)> CountsAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.StarAssessments.CountAsync(Ct), await db.CriterionScores.CountAsync(Ct),
            await db.AuditEntries.CountAsync(a => a.EntityType == nameof(StarAssessment), Ct));
    }

    [Fact]
    public async Task TheLedgerProposesTheMeasuredItemAndFindsTheVeto()
    {
        var view = (await assessments.OpenAsync(Secretary, Year, bureau.A, Ct))!;

        Assert.Null(view.Assessment); // 未开始
        Assert.True(view.Editable);

        // A's items found in 2024: three, one closed by 2024-05-20: 10 × 1/3 = 3.33 → 3.3.
        var measured = view.Items.Single(i => i.Criterion.Id == closure);
        Assert.Equal(new Ratio(1, 3), measured.Figure);
        Assert.Equal(3.3m, measured.Proposed);
        Assert.All(view.Items.Where(i => i.Criterion.Id != closure), i => Assert.Null(i.Proposed));

        // Its item due on 2024-03-15 is still open: 66 days overdue, more than the scheme's 30.
        var finding = Assert.Single(view.Findings);
        Assert.Equal("一票否决：整改事项逾期超过30天未销号，最高评为3星级", finding.Reason);
        Assert.Contains("逾期 66 天", Assert.Single(finding.Records), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSecretaryAcceptsTheProposalChangesOneScoreWithANoteAndSubmits()
    {
        Assert.True((await assessments.SaveDraftAsync(Secretary, Year, bureau.A, Lines(null, (closure, 3.3m, null)), Ct)).Succeeded);
        var draft = (await assessments.OpenAsync(Secretary, Year, bureau.A, Ct))!;
        Assert.Equal(AssessmentStatus.Draft, draft.Assessment!.Status);

        var result = await assessments.SubmitAsync(Secretary, Year, bureau.A, Complete(draft.Assessment.Version, 5, "年底前将完成两项整改，已有销号材料。"), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        var submitted = (await assessments.OpenAsync(Secretary, Year, bureau.A, Ct))!;
        Assert.Equal(AssessmentStatus.Submitted, submitted.Assessment!.Status);
        Assert.False(submitted.Editable);
        var line = submitted.Items.Single(i => i.Criterion.Id == closure).Score!;
        Assert.Equal((5m, (decimal?)3.3m, "年底前将完成两项整改，已有销号材料。"), (line.SelfScore, line.ProposedScore, line.SelfNote));

        // 5 + 55 + 27 + 2 − 0 = 89: four stars by the bands, capped at three by the overdue item.
        Assert.Equal(89m, submitted.Total);
        Assert.Equal(3, submitted.Stars);
        Assert.True((await new StarSchemeService(Database, Guard, Audit, Clock, Bus).GetAsync(TestUsers.PartyOffice, Year, Ct))!.Frozen);
        Assert.Equal((1, 5, 2), await CountsAsync());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "changed-without-note", "scores[0].selfNote" },
        { "above-maximum", "scores[1].selfScore" },
        { "negative", "scores[2].selfScore" },
        { "two-decimals", "scores[3].selfScore" },
        { "missing-item", "scores" },
        { "empty-score", "scores[4].selfScore" },
        { "unknown-item", "scores" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AnInvalidSubmissionIsRefusedWithAChineseFieldErrorAndNothingIsSaved(string @case, string field)
    {
        var input = Complete(null);
        switch (@case)
        {
            case "changed-without-note": input.Scores[0].SelfScore = 8; break;
            case "above-maximum": input.Scores[1].SelfScore = 61; break;
            case "negative": input.Scores[2].SelfScore = -1; break;
            case "two-decimals": input.Scores[3].SelfScore = 1.25m; break;
            case "missing-item": input.Scores.RemoveAt(4); break;
            case "empty-score": input.Scores[4].SelfScore = null; break;
            case "unknown-item": input.Scores[4].CriterionId = 99_999; break;
        }

        var result = await assessments.SubmitAsync(Secretary, Year, bureau.A, input, Ct);

        Assert.Contains(field, result.Errors.Keys);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.Errors[field]);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ReturnedWithAReasonTheSecretaryResubmitsAndTheCommitteeApprovesWithItsOwnScore()
    {
        await assessments.SubmitAsync(Secretary, Year, bureau.A, Complete(null), Ct);
        var version = (await assessments.OpenAsync(Secretary, Year, bureau.A, Ct))!.Assessment!.Version;
        Assert.Equal("reason", Assert.Single((await reviews.ReturnAsync(TestUsers.PartyOffice, Year, bureau.A, "  ", version, Ct)).Errors).Key);
        Assert.True((await reviews.ReturnAsync(TestUsers.PartyOffice, Year, bureau.A, "组织生活得分偏高，请补充会议记录。", version, Ct)).Succeeded);

        var returned = (await assessments.OpenAsync(Secretary, Year, bureau.A, Ct))!;
        Assert.Equal((AssessmentStatus.Returned, "组织生活得分偏高，请补充会议记录。"), (returned.Assessment!.Status, returned.Assessment.ReturnReason));
        Assert.True(returned.Editable);
        var again = Complete(returned.Assessment.Version);
        again.Scores[1].SelfScore = 52;
        Assert.True((await assessments.SubmitAsync(Secretary, Year, bureau.A, again, Ct)).Succeeded);

        var resubmitted = (await assessments.OpenAsync(TestUsers.PartyOffice, Year, bureau.A, Ct))!.Assessment!;
        Assert.Null(resubmitted.ReturnReason);
        var review = new StarReviewInput { Version = resubmitted.Version, Lines = [new() { CriterionId = appraisal, ReviewedScore = 25 }] };
        Assert.Equal("lines[0].reason", Assert.Single((await reviews.ApproveAsync(TestUsers.PartyOffice, Year, bureau.A, review, Ct)).Errors).Key);
        review.Lines[0].Reason = "党员评议优秀率低于全局平均。";
        Assert.True((await reviews.ApproveAsync(TestUsers.PartyOffice, Year, bureau.A, review, Ct)).Succeeded);

        var approved = (await assessments.OpenAsync(TestUsers.PartyOffice, Year, bureau.A, Ct))!;
        Assert.Equal(AssessmentStatus.Approved, approved.Assessment!.Status);
        Assert.Equal(3.3m + 52 + 25 + 2 - 0, approved.Total);
        var row = (await reviews.ListAsync(TestUsers.PartyOffice, Year, Ct)).Single(r => r.BranchId == bureau.A);
        Assert.Equal((AssessmentStatus.Approved, (decimal?)84.3m, (decimal?)82.3m), (row.Status, row.SelfTotal, row.ReviewedTotal));
        Assert.Contains((await reviews.ListAsync(TestUsers.PartyOffice, Year, Ct)), r => r.BranchId == bureau.B && r.Status is null);

        // Approved, it is no longer the secretary's to change.
        var late = await assessments.SaveDraftAsync(Secretary, Year, bureau.A, Complete(approved.Assessment.Version), Ct);
        Assert.Contains("assessment", late.Errors.Keys);
    }

    [Fact]
    public async Task TwoReviewersSavingTheSameAssessmentTheSecondIsRefused()
    {
        await assessments.SubmitAsync(Secretary, Year, bureau.A, Complete(null), Ct);
        var version = (await assessments.OpenAsync(TestUsers.PartyOffice, Year, bureau.A, Ct))!.Assessment!.Version;

        Assert.True((await reviews.ApproveAsync(TestUsers.PartyOffice, Year, bureau.A, new StarReviewInput { Version = version }, Ct)).Succeeded);
        Assert.True((await reviews.ReturnAsync(TestUsers.PartyOffice, Year, bureau.A, "请补充材料。", version, Ct)).Conflict);
    }

    [Fact]
    public async Task NobodyReadsOrWritesAnAssessmentOutsideTheirScopeAndEveryRefusalIsAudited()
    {
        var other = TestUsers.Secretary(bureau.B);
        Assert.Null(await assessments.OpenAsync(other, Year, bureau.A, Ct));
        Assert.True((await assessments.SaveDraftAsync(other, Year, bureau.A, Complete(null), Ct)).NotFound);
        Assert.True((await assessments.SubmitAsync(TestUsers.Leader, Year, bureau.A, Complete(null), Ct)).NotFound);
        Assert.True((await assessments.SaveDraftAsync(TestUsers.PartyOffice, Year, bureau.A, Complete(null), Ct)).NotFound);

        await assessments.SubmitAsync(Secretary, Year, bureau.A, Complete(null), Ct);
        var version = (await assessments.OpenAsync(Secretary, Year, bureau.A, Ct))!.Assessment!.Version;
        Assert.True((await reviews.ReturnAsync(TestUsers.Leader, Year, bureau.A, "退回", version, Ct)).NotFound);
        Assert.True((await reviews.ApproveAsync(Secretary, Year, bureau.A, new StarReviewInput { Version = version }, Ct)).NotFound);
        await Assert.ThrowsAsync<AccessDeniedException>(() => reviews.ListAsync(TestUsers.Leader, Year, Ct));

        Assert.Equal(7, await RefusalsAuditedAsync());
        Assert.Equal(AssessmentStatus.Submitted, (await assessments.OpenAsync(Secretary, Year, bureau.A, Ct))!.Assessment!.Status);
    }
}
