using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Features.StarRatings;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Live;
using PartyPortal.Tests.Features.Imports;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

/// <summary>评定, 公示, 发布 and 动态管理 over A, B and O, each approved with the total a test names.</summary>
public sealed class StarDecisionServiceTests : StarRatingTestContext
{
    private StarDecisionService decisions = null!;
    private StarHistoryService history = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        decisions = new StarDecisionService(Database, Guard, Audit, Clock, Bus, new StarLedger(Engine, Database, Clock));
        history = new StarHistoryService(Database, Guard, Audit, Clock, Bus);
    }

    /// <summary>Submits and approves the branch with 10 + <paramref name="organisation"/> + 27 + 2 − 0 points.</summary>
    private async Task ApproveAsync(int branch, decimal organisation)
    {
        var input = Lines(null, (Closure, 10, "按实际销号情况评分"), (Organisation, organisation, null), (Appraisal, 27, null), (Bonus, 2, null), (Deduction, 0, null));
        var submitted = await Assessments.SubmitAsync(TestUsers.Secretary(branch), Year, branch, input, Ct);
        Assert.True(submitted.Succeeded, string.Join(" ", submitted.Errors.Values));
        var version = (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, branch, Ct))!.Assessment!.Version;
        Assert.True((await Reviews.ApproveAsync(TestUsers.PartyOffice, Year, branch, new StarReviewInput { Version = version }, Ct)).Succeeded);
    }

    /// <summary>A 96 (capped at three stars by its overdue item), B and O tied at 95 under a quota of one.</summary>
    private async Task DecideWithATieAtTheCutAsync()
    {
        var schemes = new StarSchemeService(Database, Guard, Audit, Clock, Bus);
        var input = StarSchemeInput.From((await schemes.GetAsync(TestUsers.PartyOffice, Year, Ct))!.Rubric);
        input.FiveStarCapPercent = 34; // ⌊3 × 34 %⌋ = 1, below the growth rule's ⌈3 × 1.1⌉ = 4
        Assert.True((await schemes.SaveAsync(TestUsers.PartyOffice, Year, input, Ct)).Succeeded);
        await ApproveAsync(Bureau.A, 57);
        await ApproveAsync(Bureau.B, 56);
        await ApproveAsync(Bureau.O, 56);
        Assert.True((await decisions.DecideAsync(TestUsers.PartyOffice, Year, null, Ct)).Succeeded);
    }

    [Fact]
    public async Task TheDecisionWaitsUntilEveryRatedBranchIsApproved()
    {
        await ApproveAsync(Bureau.A, 50);

        var result = await decisions.DecideAsync(TestUsers.PartyOffice, Year, null, Ct);

        Assert.Equal("还有2个支部（办公室党支部、乙党支部）的自评未审核通过，全部审核通过后才能评定。", result.Errors["decision"]);
        Assert.Null(await decisions.NoticeAsync(TestUsers.PartyOffice, Year, Ct));
    }

    [Fact]
    public async Task TheQuotaDropsBothBranchesTiedAtTheCutAndAVetoCapsTheBest()
    {
        await DecideWithATieAtTheCutAsync();

        var notice = (await decisions.NoticeAsync(TestUsers.Secretary(Bureau.B), Year, Ct))!;
        Assert.Equal(1, notice.Decision.Quota);
        var rows = notice.Rows.ToDictionary(r => r.BranchId, r => (r.Score, r.Stars, r.Reason));
        Assert.Equal((96m, 3, (string?)"一票否决：整改事项逾期超过30天未销号，最高评为3星级"), rows[Bureau.A]);
        Assert.Equal((95m, 4, (string?)FiveStarQuota.QuotaFullReason), rows[Bureau.B]);
        Assert.Equal((95m, 4, (string?)FiveStarQuota.QuotaFullReason), rows[Bureau.O]);
        Assert.Equal(new DateOnly(2024, 5, 24), notice.Decision.NoticeUntil); // five days from 2024-05-20
    }

    [Fact]
    public async Task PublishingWaitsForTheNoticeAndTheObjectionsThenMovesTheLiveFiguresAndLeavesLastYearAlone()
    {
        await DecideWithATieAtTheCutAsync();
        var q2 = Period.Quarter(2024, 2);
        Assert.Equal(3, (await Engine.GetAsync(Bureau.Municipal, q2, Ct)).Values.FiveStarCount); // 2023's three five-star branches
        var inbox = new SnapshotInbox();
        using var subscription = Engine.Subscribe(Bureau.Municipal, q2, inbox.Add);
        var lastYear = await RatingsAsync(2023);

        var version = (await decisions.NoticeAsync(TestUsers.PartyOffice, Year, Ct))!.Decision.Version;
        Assert.Equal("公示期至2024年5月24日结束，结束后才能发布。", (await decisions.PublishAsync(TestUsers.PartyOffice, Year, version, Ct)).Errors["decision"]);

        Time.Advance(TimeSpan.FromDays(2));
        var objection = await decisions.RecordObjectionAsync(
            TestUsers.PartyOffice, Year, new StarObjectionInput { BranchId = Bureau.B, ReceivedOn = new(2024, 5, 22), Content = "乙党支部与机关支部同分，均未评为五星，请说明。" }, Ct);
        Assert.True(objection.Succeeded, string.Join(" ", objection.Errors.Values));
        Assert.Empty((await decisions.NoticeAsync(TestUsers.Secretary(Bureau.B), Year, Ct))!.Objections);
        Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal("还有1条公示异议未处理，处理后才能发布。", (await decisions.PublishAsync(TestUsers.PartyOffice, Year, version, Ct)).Errors["decision"]);
        Assert.True((await decisions.HandleObjectionAsync(TestUsers.PartyOffice, objection.Id!.Value, "同分均降为四星系按方案执行，已当面答复。", Ct)).Succeeded);

        Assert.True((await decisions.PublishAsync(TestUsers.PartyOffice, Year, version, Ct)).Succeeded);

        Assert.Equal([(Bureau.A, 3), (Bureau.B, 4), (Bureau.O, 4)], (await RatingsAsync(2024)).Select(r => (r.OrgUnitId, r.Stars)));
        Assert.Equal(lastYear, await RatingsAsync(2023));
        Assert.Equal(0, (await inbox.WaitUntilAsync(s => s.Values.FiveStarCount == 0)).Values.FiveStarCount);
        Assert.Equal(AssessmentStatus.Published, (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.B, Ct))!.Assessment!.Status);
        Assert.Contains("发布，不能重新评定", (await decisions.DecideAsync(TestUsers.PartyOffice, Year, (await decisions.NoticeAsync(TestUsers.PartyOffice, Year, Ct))!.Decision.Version, Ct)).Errors["decision"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublishedStarIsLoweredWithAReasonOnlyInTheLatestYear()
    {
        await DecideWithATieAtTheCutAsync();
        Time.Advance(TimeSpan.FromDays(5));
        await decisions.PublishAsync(TestUsers.PartyOffice, Year, (await decisions.NoticeAsync(TestUsers.PartyOffice, Year, Ct))!.Decision.Version, Ct);
        var b = (await history.HistoryAsync(TestUsers.Secretary(Bureau.B), Bureau.B, Ct))!;
        Assert.Equal([2024, 2023], b.Select(r => r.Year));

        Assert.Contains("已成为历史", (await history.LowerAsync(TestUsers.PartyOffice, b[1].RatingId, 3, "迟报材料", Ct)).Errors["rating"], StringComparison.Ordinal);
        Assert.Contains("toStars", (await history.LowerAsync(TestUsers.PartyOffice, b[0].RatingId, 5, "误操作", Ct)).Errors.Keys);
        Assert.Contains("reason", (await history.LowerAsync(TestUsers.PartyOffice, b[0].RatingId, 2, " ", Ct)).Errors.Keys);
        await Assert.ThrowsAsync<AccessDeniedException>(() => history.LowerAsync(TestUsers.Leader, b[0].RatingId, 2, "支部书记受到党纪处分", Ct));

        Assert.True((await history.LowerAsync(TestUsers.PartyOffice, b[0].RatingId, 2, "支部书记受到党纪处分", Ct)).Succeeded);

        var after = (await history.HistoryAsync(TestUsers.PartyOffice, Bureau.B, Ct))!;
        Assert.Equal(2, after[0].Stars);
        var change = Assert.Single(after[0].Changes);
        Assert.Equal((4, 2, "支部书记受到党纪处分"), (change.FromStars, change.ToStars, change.Reason));
        Assert.Equal(b[1], after[1] with { Changes = b[1].Changes });
        Assert.Null(await history.HistoryAsync(TestUsers.Secretary(Bureau.A), Bureau.B, Ct));
    }

    [Fact]
    public async Task EveryRoleReadsAPublishedYearWithItsChangesAndNothingBeforePublication()
    {
        await DecideWithATieAtTheCutAsync();
        Assert.Empty(await history.YearAsync(TestUsers.Secretary(Bureau.A), Year, Ct));
        Time.Advance(TimeSpan.FromDays(5));
        await decisions.PublishAsync(TestUsers.PartyOffice, Year, (await decisions.NoticeAsync(TestUsers.PartyOffice, Year, Ct))!.Decision.Version, Ct);
        var ratingOfB = (await history.YearAsync(TestUsers.PartyOffice, Year, Ct)).Single(r => r.BranchId == Bureau.B).Rating.RatingId;
        Assert.True((await history.LowerAsync(TestUsers.PartyOffice, ratingOfB, 0, "支部书记受到党纪处分", Ct)).Succeeded);

        foreach (var user in new[] { TestUsers.Secretary(Bureau.A), TestUsers.Leader, TestUsers.Discipline, TestUsers.PartyOffice })
        {
            var year = await history.YearAsync(user, Year, Ct);
            Assert.Equal([(Bureau.O, 4), (Bureau.A, 3), (Bureau.B, 0)], year.Select(r => (r.BranchId, r.Rating.Stars)));
            var revoked = Assert.Single(year.Single(r => r.BranchId == Bureau.B).Rating.Changes);
            Assert.Equal((4, 0, "支部书记受到党纪处分"), (revoked.FromStars, revoked.ToStars, revoked.Reason));
            Assert.Equal(FiveStarQuota.QuotaFullReason, year.Single(r => r.BranchId == Bureau.O).Rating.Reason);
        }

        var places = await new StarLedger(Engine, Database, Clock).PlacesAsync([Bureau.A, Bureau.O], Ct);
        Assert.Equal(new StarUnitPlace(Bureau.County, "城东区局党委", "城东区局党委 / 甲党支部", places[Bureau.A].TreeOrder), places[Bureau.A]);
        Assert.Equal("测试机关党委 / 办公室党支部", places[Bureau.O].Path);
        Assert.True(places[Bureau.O].TreeOrder < places[Bureau.A].TreeOrder); // the organs come first in the chart
        await Assert.ThrowsAsync<AccessDeniedException>(() => history.YearAsync(TestUsers.Anonymous, Year, Ct));
    }

    [Fact]
    public async Task TheCommitteesExportHasARowPerRatedBranchWithTotalsAndTheNoticesResult()
    {
        await DecideWithATieAtTheCutAsync();
        var ledger = new StarLedger(Engine, Database, Clock);
        var exports = new PartyPortal.Features.Imports.ExportService(
            Guard, null!, null!, null!, null!, null!, Reviews, decisions, history, ledger); // the star export reads only the star services

        var rows = Xlsx.Rows(await exports.StarRatingsAsync(TestUsers.PartyOffice, Year, Ct), "星级评定");

        Assert.Equal(PartyPortal.Features.Imports.ExportService.StarRatingColumns, Xlsx.Header(await exports.StarRatingsAsync(TestUsers.PartyOffice, Year, Ct), "星级评定"));
        Assert.Equal(["测试机关党委|办公室党支部|审核通过|95|95|95|4", "城东区局党委|甲党支部|审核通过|96|96|96|3", "城东区局党委|乙党支部|审核通过|95|95|95|4"],
            rows.Select(r => $"{r["所属单位"]}|{r["支部"]}|{r["状态"]}|{r["自评得分"]}|{r["审核得分"]}|{r["最终得分"]}|{r["星级"]}"));
        Assert.Equal(FiveStarQuota.QuotaFullReason, rows[0]["说明"]);
        Assert.Contains("一票否决", (string)rows[1]["说明"]!, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => exports.StarRatingsAsync(TestUsers.Leader, Year, Ct));
    }

    [Fact]
    public async Task OnlyTheCommitteeDecidesPublishesAndRecordsObjections()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => decisions.DecideAsync(TestUsers.Leader, Year, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => decisions.PublishAsync(TestUsers.Secretary(Bureau.A), Year, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => decisions.RecordObjectionAsync(TestUsers.Secretary(Bureau.A), Year, new StarObjectionInput(), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => decisions.NoticeAsync(TestUsers.Anonymous, Year, Ct));
        Assert.Equal(4, await RefusalsAuditedAsync());
    }

    private async Task<List<(int OrgUnitId, int Stars, decimal Score, string? Reason, DateOnly PublishedOn)>> RatingsAsync(int year)
    {
        await using var db = Database.CreateDbContext();
        return (await db.StarRatings.AsNoTracking().Where(r => r.Year == year).ToListAsync(Ct))
            .OrderBy(r => r.OrgUnitId).Select(r => (r.OrgUnitId, r.Stars, r.Score, r.Reason, r.PublishedOn)).ToList();
    }
}
