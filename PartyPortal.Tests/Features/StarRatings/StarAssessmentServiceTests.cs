using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Features.StarRatings;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

/// <summary>
/// A branch's self-assessment and the committee's review on <see cref="MetricsTestBureau"/> (counted on 2024-05-20),
/// with the live Engine proposing the measured items' points.
/// </summary>
public sealed class StarAssessmentServiceTests : StarRatingTestContext
{
    [Fact]
    public async Task TheLedgerProposesTheMeasuredItemAndFindsTheVeto()
    {
        var view = (await Assessments.OpenAsync(Secretary, Year, Bureau.A, Ct))!;

        Assert.Null(view.Assessment); // 未开始
        Assert.True(view.Editable);

        // A's items found in 2024: three, one closed by 2024-05-20: 10 × 1/3 = 3.33 → 3.3.
        var measured = view.Items.Single(i => i.Criterion.Id == Closure);
        Assert.Equal(new Ratio(1, 3), measured.Figure);
        Assert.Equal(3.3m, measured.Proposed);
        Assert.All(view.Items.Where(i => i.Criterion.Id != Closure), i => Assert.Null(i.Proposed));

        // Its item due on 2024-03-15 is still open: 66 days overdue, more than the scheme's 30.
        var finding = Assert.Single(view.Findings);
        Assert.Equal("一票否决：整改事项逾期超过30天未销号，最高评为3星级", finding.Reason);
        Assert.Contains("逾期 66 天", Assert.Single(finding.Records), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSecretaryAcceptsTheProposalChangesOneScoreWithANoteAndSubmits()
    {
        Assert.True((await Assessments.SaveDraftAsync(Secretary, Year, Bureau.A, Lines(null, (Closure, 3.3m, null)), Ct)).Succeeded);
        var draft = (await Assessments.OpenAsync(Secretary, Year, Bureau.A, Ct))!;
        Assert.Equal(AssessmentStatus.Draft, draft.Assessment!.Status);

        var result = await Assessments.SubmitAsync(Secretary, Year, Bureau.A, Complete(draft.Assessment.Version, 5, "年底前将完成两项整改，已有销号材料。"), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        var submitted = (await Assessments.OpenAsync(Secretary, Year, Bureau.A, Ct))!;
        Assert.Equal(AssessmentStatus.Submitted, submitted.Assessment!.Status);
        Assert.False(submitted.Editable);
        var line = submitted.Items.Single(i => i.Criterion.Id == Closure).Score!;
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

        var result = await Assessments.SubmitAsync(Secretary, Year, Bureau.A, input, Ct);

        Assert.Contains(field, result.Errors.Keys);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.Errors[field]);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ReturnedWithAReasonTheSecretaryResubmitsAndTheCommitteeApprovesWithItsOwnScore()
    {
        await Assessments.SubmitAsync(Secretary, Year, Bureau.A, Complete(null), Ct);
        var version = (await Assessments.OpenAsync(Secretary, Year, Bureau.A, Ct))!.Assessment!.Version;
        Assert.Equal("reason", Assert.Single((await Reviews.ReturnAsync(TestUsers.PartyOffice, Year, Bureau.A, "  ", version, Ct)).Errors).Key);
        Assert.True((await Reviews.ReturnAsync(TestUsers.PartyOffice, Year, Bureau.A, "组织生活得分偏高，请补充会议记录。", version, Ct)).Succeeded);

        var returned = (await Assessments.OpenAsync(Secretary, Year, Bureau.A, Ct))!;
        Assert.Equal((AssessmentStatus.Returned, "组织生活得分偏高，请补充会议记录。"), (returned.Assessment!.Status, returned.Assessment.ReturnReason));
        Assert.True(returned.Editable);
        var again = Complete(returned.Assessment.Version);
        again.Scores[1].SelfScore = 52;
        Assert.True((await Assessments.SubmitAsync(Secretary, Year, Bureau.A, again, Ct)).Succeeded);

        var resubmitted = (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.A, Ct))!.Assessment!;
        Assert.Null(resubmitted.ReturnReason);
        var review = new StarReviewInput { Version = resubmitted.Version, Lines = [new() { CriterionId = Appraisal, ReviewedScore = 25 }] };
        Assert.Equal("lines[0].reason", Assert.Single((await Reviews.ApproveAsync(TestUsers.PartyOffice, Year, Bureau.A, review, Ct)).Errors).Key);
        review.Lines[0].Reason = "党员评议优秀率低于全局平均。";
        Assert.True((await Reviews.ApproveAsync(TestUsers.PartyOffice, Year, Bureau.A, review, Ct)).Succeeded);

        var approved = (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.A, Ct))!;
        Assert.Equal(AssessmentStatus.Approved, approved.Assessment!.Status);
        Assert.Equal(3.3m + 52 + 25 + 2 - 0, approved.Total);
        var row = (await Reviews.ListAsync(TestUsers.PartyOffice, Year, Ct)).Single(r => r.BranchId == Bureau.A);
        Assert.Equal((AssessmentStatus.Approved, (decimal?)84.3m, (decimal?)82.3m), (row.Status, row.SelfTotal, row.ReviewedTotal));
        Assert.Contains((await Reviews.ListAsync(TestUsers.PartyOffice, Year, Ct)), r => r.BranchId == Bureau.B && r.Status is null);

        // Approved, it is no longer the secretary's to change.
        var late = await Assessments.SaveDraftAsync(Secretary, Year, Bureau.A, Complete(approved.Assessment.Version), Ct);
        Assert.Contains("assessment", late.Errors.Keys);
    }

    [Fact]
    public async Task TwoReviewersSavingTheSameAssessmentTheSecondIsRefused()
    {
        await Assessments.SubmitAsync(Secretary, Year, Bureau.A, Complete(null), Ct);
        var version = (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.A, Ct))!.Assessment!.Version;

        Assert.True((await Reviews.ApproveAsync(TestUsers.PartyOffice, Year, Bureau.A, new StarReviewInput { Version = version }, Ct)).Succeeded);
        Assert.True((await Reviews.ReturnAsync(TestUsers.PartyOffice, Year, Bureau.A, "请补充材料。", version, Ct)).Conflict);
    }

    [Fact]
    public async Task NobodyReadsOrWritesAnAssessmentOutsideTheirScopeAndEveryRefusalIsAudited()
    {
        var other = TestUsers.Secretary(Bureau.B);
        Assert.Null(await Assessments.OpenAsync(other, Year, Bureau.A, Ct));
        Assert.True((await Assessments.SaveDraftAsync(other, Year, Bureau.A, Complete(null), Ct)).NotFound);
        Assert.True((await Assessments.SubmitAsync(TestUsers.Leader, Year, Bureau.A, Complete(null), Ct)).NotFound);
        Assert.True((await Assessments.SaveDraftAsync(TestUsers.PartyOffice, Year, Bureau.A, Complete(null), Ct)).NotFound);

        await Assessments.SubmitAsync(Secretary, Year, Bureau.A, Complete(null), Ct);
        var version = (await Assessments.OpenAsync(Secretary, Year, Bureau.A, Ct))!.Assessment!.Version;
        Assert.True((await Reviews.ReturnAsync(TestUsers.Leader, Year, Bureau.A, "退回", version, Ct)).NotFound);
        Assert.True((await Reviews.ApproveAsync(Secretary, Year, Bureau.A, new StarReviewInput { Version = version }, Ct)).NotFound);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reviews.ListAsync(TestUsers.Leader, Year, Ct));

        Assert.Equal(7, await RefusalsAuditedAsync());
        Assert.Equal(AssessmentStatus.Submitted, (await Assessments.OpenAsync(Secretary, Year, Bureau.A, Ct))!.Assessment!.Status);
    }

    [Fact]
    public async Task BeforeTheDecisionEachUserSeesTheStatesInTheirOverviewScopeAndNoScores()
    {
        await Assessments.SubmitAsync(Secretary, Year, Bureau.A, Complete(null), Ct);
        await Assessments.SaveDraftAsync(TestUsers.Secretary(Bureau.O), Year, Bureau.O, Lines(null, (Organisation, 50, null)), Ct);

        var own = Assert.Single(await Reviews.ProgressAsync(Secretary, Year, Ct));
        Assert.Equal((Bureau.A, AssessmentStatus.Submitted, true), (own.BranchId, own.Status!.Value, own.SubmittedAt is not null));

        var county = TestUsers.With("county", new Assignment(PortalRole.Secretary, Bureau.County));
        Assert.Equal([(Bureau.A, AssessmentStatus.Submitted), (Bureau.B, null)], (await Reviews.ProgressAsync(county, Year, Ct)).Select(r => (r.BranchId, r.Status)));

        var all = (await Reviews.ProgressAsync(TestUsers.Leader, Year, Ct)).ToDictionary(r => r.BranchId, r => r.Status);
        Assert.Equal(new Dictionary<int, AssessmentStatus?> { [Bureau.A] = AssessmentStatus.Submitted, [Bureau.O] = AssessmentStatus.Draft, [Bureau.B] = null }, all);
        Assert.Equal(3, (await Reviews.ProgressAsync(TestUsers.PartyOffice, Year, Ct)).Count);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reviews.ProgressAsync(TestUsers.Anonymous, Year, Ct));
    }

    [Fact]
    public async Task TheReviewListsTotalsTakeADeductionOff()
    {
        var input = Complete(null);
        input.Scores[4].SelfScore = 3; // 通报批评: −3
        Assert.True((await Assessments.SubmitAsync(Secretary, Year, Bureau.A, input, Ct)).Succeeded);
        var version = (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.A, Ct))!.Assessment!.Version;
        var review = new StarReviewInput { Version = version, Lines = [new() { CriterionId = Deduction, ReviewedScore = 5, Reason = "全局通报两次。" }] };
        Assert.True((await Reviews.ApproveAsync(TestUsers.PartyOffice, Year, Bureau.A, review, Ct)).Succeeded);

        var row = (await Reviews.ListAsync(TestUsers.PartyOffice, Year, Ct)).Single(r => r.BranchId == Bureau.A);

        Assert.Equal(((decimal?)(3.3m + 55 + 27 + 2 - 3), (decimal?)(3.3m + 55 + 27 + 2 - 5)), (row.SelfTotal, row.ReviewedTotal));
        Assert.Equal(row.ReviewedTotal, (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.A, Ct))!.Total);
    }
}
