using Bunit;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

public class StarAssessmentPageTests : StarPageTestContext
{
    private int Measured => Criteria[0].Id;
    private int Organisation => Criteria[1].Id;

    [Fact]
    public void TheSecretarySeesEachItemWithTheLedgersProposalItsRecordsAndTheVetoFound()
    {
        var page = OpenAssessment(TestUsers.Secretary(Bureau.A), Bureau.A);

        Assert.Equal(Criteria.Count, page.FindAll("[data-item]").Count);
        Assert.Equal("未开始", page.Find("[data-status]").TextContent.Trim());
        var measured = page.Find($"[data-item='{Measured}']");
        Assert.Contains("整改销号率", measured.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/dashboard?scope={Bureau.A}&period=2024&metric=rectification-closure", measured.QuerySelector("[data-records]")!.GetAttribute("href"));
        // A's item due 2024-03-15 is still open on 2024-05-20: more than 30 days overdue caps the branch at three stars.
        Assert.Contains("逾期", page.Find("[data-veto]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-action=submit]"));
    }

    [Fact]
    public async Task AScoreOutOfRangeIsAFieldErrorAndEverythingTypedStays()
    {
        var page = OpenAssessment(TestUsers.Secretary(Bureau.A), Bureau.A);

        Type(page, $"self-{Organisation}", "70");
        Type(page, $"note-{Organisation}", "三会一课记录齐全");
        page.Find("[data-action=save-draft]").Click();

        page.WaitForAssertion(() => Assert.Contains("得分应在0至60分之间", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal("三会一课记录齐全", page.Find($"#note-{Organisation}").GetAttribute("value") ?? page.Find($"#note-{Organisation}").TextContent);
        Assert.Equal("70", page.Find($"#self-{Organisation}").GetAttribute("value"));
        Assert.Equal("未开始", page.Find("[data-status]").TextContent.Trim());
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.StarAssessments.CountAsync(Ct));
    }

    [Fact]
    public async Task ADraftIsSavedThenTheSubmissionAsksForTheMissingItemsAndThenGoesThrough()
    {
        var page = OpenAssessment(TestUsers.Secretary(Bureau.A), Bureau.A);

        Type(page, $"self-{Organisation}", "55");
        page.Find("[data-action=save-draft]").Click();
        page.WaitForAssertion(() => Assert.Equal("自评中", page.Find("[data-status]").TextContent.Trim()), Wait);
        Assert.Contains("55", page.Find("[data-total]").TextContent, StringComparison.Ordinal);

        ClickAndConfirm(page, "submit");
        page.WaitForAssertion(() => Assert.Contains("未评分", page.Find("[data-errors]").TextContent, StringComparison.Ordinal), Wait);

        page.Find("[data-action=accept-all]").Click();
        for (var i = 2; i < Criteria.Count; i++)
        {
            Type(page, $"self-{Criteria[i].Id}", "1");
        }

        ClickAndConfirm(page, "submit");
        page.WaitForAssertion(() => Assert.Equal("已提交", page.Find("[data-status]").TextContent.Trim()), Wait);
        Assert.Empty(page.FindAll("[data-action=submit]"));
        await using var db = Database.CreateDbContext();
        Assert.Equal(AssessmentStatus.Submitted, (await db.StarAssessments.SingleAsync(Ct)).Status);
    }

    [Fact]
    public void ChangingTheProposedScoreWithoutANoteIsExplainedBesideTheNote()
    {
        var page = OpenAssessment(TestUsers.Secretary(Bureau.A), Bureau.A);
        var proposed = page.Find($"[data-item='{Measured}'] [data-proposed]").TextContent;

        Type(page, $"self-{Measured}", proposed == "10" ? "9" : "10");
        page.Find("[data-action=save-draft]").Click();

        page.WaitForAssertion(() => Assert.Contains("请说明理由", page.Find($"[data-item='{Measured}']").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task TheCommitteeReturnsWithAReasonTheSecretaryReadsThenApprovesTheResubmission()
    {
        await SubmitAsync(Bureau.B);
        var review = OpenAssessment(TestUsers.PartyOffice, Bureau.B);
        Assert.Single(review.FindAll("[data-review-actions]"));

        review.Find("[data-action=return]").Click();
        review.WaitForAssertion(() => Assert.Contains("请填写退回理由", review.Markup, StringComparison.Ordinal), Wait);
        Type(review, "return-reason", "组织生活得分偏高，请对照会议记录核实。");
        ClickAndConfirm(review, "return");
        review.WaitForAssertion(() => Assert.Equal("退回修改", review.Find("[data-status]").TextContent.Trim()), Wait);

        var secretary = OpenAssessment(TestUsers.Secretary(Bureau.B), Bureau.B);
        Assert.Contains("组织生活得分偏高", secretary.Find("[data-return-reason]").TextContent, StringComparison.Ordinal);
        ClickAndConfirm(secretary, "submit");
        secretary.WaitForAssertion(() => Assert.Equal("已提交", secretary.Find("[data-status]").TextContent.Trim()), Wait);

        var again = OpenAssessment(TestUsers.PartyOffice, Bureau.B);
        Type(again, $"reviewed-{Organisation}", "50");
        again.Find("[data-action=approve]").Click();
        again.WaitForAssertion(() => Assert.Contains("请填写调整理由", again.Find($"[data-item='{Organisation}']").TextContent, StringComparison.Ordinal), Wait);
        Type(again, $"reason-{Organisation}", "缺少两次支委会记录");
        again.Find("[data-action=approve]").Click();
        again.WaitForAssertion(() => Assert.Equal("审核通过", again.Find("[data-status]").TextContent.Trim()), Wait);
        Assert.Contains("审核调整为", again.Find($"[data-item='{Organisation}']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherBranchsAssessmentIsNotFoundForASecretary()
    {
        var page = OpenAssessment(TestUsers.Secretary(Bureau.A), Bureau.B);

        Assert.Single(page.FindAll("[data-not-found]"));
        Assert.Empty(page.FindAll("[data-item]"));
    }

    [Fact]
    public async Task TheSecondOfTwoReviewersIsRefusedAndKeepsWhatTheyTyped()
    {
        await SubmitAsync(Bureau.B);
        var first = OpenAssessment(TestUsers.PartyOffice, Bureau.B);
        var second = OpenAssessment(TestUsers.PartyOffice, Bureau.B);

        first.Find("[data-action=approve]").Click();
        first.WaitForAssertion(() => Assert.Equal("审核通过", first.Find("[data-status]").TextContent.Trim()), Wait);
        Type(second, $"reviewed-{Organisation}", "50");
        Type(second, $"reason-{Organisation}", "缺少两次支委会记录");
        second.Find("[data-action=approve]").Click();

        second.WaitForAssertion(() => Assert.Contains("已被他人修改", second.Find("[data-errors]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("已提交", second.Find("[data-status]").TextContent.Trim());
        Assert.Equal("缺少两次支委会记录", second.Find($"#reason-{Organisation}").GetAttribute("value") ?? second.Find($"#reason-{Organisation}").TextContent);
        await using var db = Database.CreateDbContext();
        Assert.Null((await db.CriterionScores.SingleAsync(s => s.CriterionId == Organisation, Ct)).ReviewedScore);
    }

    [Fact]
    public async Task TheSecretaryLinksALedgerRecordAsEvidenceAndTheCommitteeOpensIt()
    {
        var page = OpenAssessment(TestUsers.Secretary(Bureau.A), Bureau.A);
        var item = $"[data-item='{Organisation}']";

        page.Find($"{item} [data-action=pick-evidence]").Click();
        var option = page.WaitForElement($"{item} [data-option^='Activity-']", Wait);
        var key = option.GetAttribute("data-option")!;
        var label = option.TextContent.Trim();
        option.QuerySelector("input")!.Change(true);
        page.WaitForElement($"{item} [data-link='{key}']", Wait);
        Type(page, $"self-{Organisation}", "55");
        page.Find("[data-action=save-draft]").Click();
        page.WaitForAssertion(() => Assert.Equal("自评中", page.Find("[data-status]").TextContent.Trim()), Wait);

        // Reloaded from what was saved: the chip is still there and opens the activity in a new tab.
        var chip = page.WaitForElement($"{item} [data-link='{key}'] a", Wait);
        Assert.Equal(($"/activities/{key["Activity-".Length..]}", "_blank", label), (chip.GetAttribute("href"), chip.GetAttribute("target"), chip.TextContent.Trim()));
        await using (var db = Database.CreateDbContext())
        {
            Assert.Equal(label, (await db.ScoreEvidence.SingleAsync(Ct)).Label);
        }

        var committee = OpenAssessment(TestUsers.PartyOffice, Bureau.A);
        Assert.Equal(label, committee.Find($"{item} [data-link='{key}'] a").TextContent.Trim());
    }

    [Fact]
    public async Task ADraftSavedOnAnEarlierDaySaysTheProposalHasMovedSince()
    {
        var page = OpenAssessment(TestUsers.Secretary(Bureau.A), Bureau.A);
        var proposed = page.Find($"[data-item='{Measured}'] [data-proposed]").TextContent;
        page.Find("[data-action=accept-all]").Click();
        page.WaitForElement("[data-action=save-draft]").Click();
        page.WaitForAssertion(() => Assert.Equal("自评中", page.Find("[data-status]").TextContent.Trim()), Wait);
        Assert.Empty(page.FindAll("[data-proposal-moved]"));

        // As if saved on a day the ledger counted otherwise: the draft keeps that day's proposal and score.
        await using (var db = Database.CreateDbContext())
        {
            await db.CriterionScores.Where(s => s.CriterionId == Measured).ExecuteUpdateAsync(u => u.SetProperty(s => s.ProposedScore, 1m).SetProperty(s => s.SelfScore, 1m), Ct);
        }

        var again = OpenAssessment(TestUsers.Secretary(Bureau.A), Bureau.A);
        Assert.Contains($"上次保存时台账建议 1 分，此后台账记录有变动，现建议 {proposed} 分", again.Find($"[data-item='{Measured}'] [data-proposal-moved]").TextContent, StringComparison.Ordinal);
        Assert.Single(again.FindAll($"[data-item='{Measured}'] [data-action=accept-proposal]"));
    }
}
