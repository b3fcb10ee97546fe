using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

/// <summary>The year's list (星级评定) and the result's page (评定、公示与发布), as each role sees them.</summary>
public class StarRatingPagesTests : StarPageTestContext
{
    [Fact]
    public async Task TheCommitteeSeesEveryRatedBranchByStateAndFiltersByState()
    {
        await SubmitAsync(Bureau.B);

        var page = RenderAt<StarRatingPage>(TestUsers.PartyOffice, "/star-rating?year=2024");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr[data-branch]").Count), Wait);
        Assert.Contains("已提交 1", page.Find("[data-state-filter=submitted]").TextContent, StringComparison.Ordinal);
        Assert.Contains("未开始 2", page.Find("[data-state-filter=not-started]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-link=scheme]"));

        page.Find("[data-state-filter=submitted]").Click();
        page.WaitForAssertion(() => Assert.Equal(Bureau.B.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(page.FindAll("tr[data-branch]")).GetAttribute("data-branch")), Wait);
        Assert.Equal("审核", page.Find("[data-action=open-assessment]").TextContent.Trim());
    }

    [Fact]
    public void ASecretarySeesOnlyTheirOwnBranchAndNoSchemeEditor()
    {
        var page = RenderAt<StarRatingPage>(TestUsers.Secretary(Bureau.A), "/star-rating?year=2024");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-branch]")), Wait);
        Assert.Equal("not-started", page.Find("tr[data-branch]").GetAttribute("data-state"));
        Assert.Empty(page.FindAll("[data-link=scheme]"));
        Assert.Empty(page.FindAll("[data-state-filter]"));
    }

    [Fact]
    public void ALeaderIsTakenToTheResult()
    {
        RenderAt<StarRatingPage>(TestUsers.Leader, "/star-rating?year=2024");

        Assert.EndsWith("/star-rating/notice?year=2024", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void AYearWithoutASchemeSaysSo()
    {
        var page = RenderAt<StarRatingPage>(TestUsers.PartyOffice, "/star-rating?year=2023");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-no-scheme]")), Wait);
    }

    [Fact]
    public async Task TheDecisionWaitsForEveryApprovalThenTheNoticeRunsAndOnlyThenIsPublished()
    {
        var page = RenderAt<StarNoticePage>(TestUsers.PartyOffice, "/star-rating/notice?year=2024");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-not-decided]")), Wait);
        page.Find("[data-action=decide]").Click();
        page.WaitForAssertion(() => Assert.Contains("还有3个支部", page.Find("[data-errors]").TextContent, StringComparison.Ordinal), Wait);

        foreach (var branch in new[] { Bureau.A, Bureau.B, Bureau.O })
        {
            await SubmitAsync(branch);
            await ApproveAsync(branch);
        }

        page.Find("[data-action=decide]").Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr[data-branch]").Count), Wait);
        Assert.Equal("4 个", page.Find("[data-quota]").TextContent.Trim()); // 2023 had three five-star branches: ⌈3 × 1.1⌉
        Assert.Equal("公示中", page.Find("[data-published]").TextContent.Trim());

        ClickAndConfirm(page, "publish");
        page.WaitForAssertion(() => Assert.Contains("公示期至2024年5月24日结束", page.Find("[data-errors]").TextContent, StringComparison.Ordinal), Wait);

        await PassDaysAsync(5);
        ClickAndConfirm(page, "publish");
        page.WaitForAssertion(() => Assert.Contains("已于2024-05-25发布", page.Find("[data-published]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-committee-actions]"));
        await using var db = Database.CreateDbContext();
        Assert.Equal(3, await db.StarRatings.CountAsync(r => r.Year == Year, Ct));
    }

    [Fact]
    public async Task AnOpenObjectionHoldsThePublicationUntilItIsHandled()
    {
        foreach (var branch in new[] { Bureau.A, Bureau.B, Bureau.O })
        {
            await SubmitAsync(branch);
            await ApproveAsync(branch);
        }

        Assert.True((await Services.GetRequiredService<StarDecisionService>().DecideAsync(TestUsers.PartyOffice, Year, null, Ct)).Succeeded);
        var page = RenderAt<StarNoticePage>(TestUsers.PartyOffice, "/star-rating/notice?year=2024");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-objection-form]")), Wait);

        page.Find("[data-objection-form] [data-action=record-objection]").Click();
        page.WaitForAssertion(() => Assert.Contains("请填写异议内容", page.Markup, StringComparison.Ordinal), Wait);
        page.Find("[data-objection-form] textarea, [data-objection-form] input[data-field=content], [data-objection-form] [data-field=content]").Change("反映某支部组织生活记录不全");
        page.Find("[data-objection-form] [data-action=record-objection]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-objection]")), Wait);

        await PassDaysAsync(6);
        ClickAndConfirm(page, "publish");
        page.WaitForAssertion(() => Assert.Contains("还有1条公示异议未处理", page.Find("[data-errors]").TextContent, StringComparison.Ordinal), Wait);

        page.Find("[data-objection] [data-field=handling]").Change("经核实，记录齐全，维持评定结果");
        page.Find("[data-action=handle-objection]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-handled]")), Wait);
        ClickAndConfirm(page, "publish");
        page.WaitForAssertion(() => Assert.Contains("发布", page.Find("[data-published]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task EverySignedInUserReadsTheNoticeButOnlyTheCommitteeActs()
    {
        foreach (var branch in new[] { Bureau.A, Bureau.B, Bureau.O })
        {
            await SubmitAsync(branch);
            await ApproveAsync(branch);
        }

        Assert.True((await Services.GetRequiredService<StarDecisionService>().DecideAsync(TestUsers.PartyOffice, Year, null, Ct)).Succeeded);

        var page = RenderAt<StarNoticePage>(TestUsers.Leader, "/star-rating/notice?year=2024");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr[data-branch]").Count), Wait);
        Assert.Empty(page.FindAll("[data-action]"));
        Assert.Empty(page.FindAll("[data-objection-form]"));
    }
}
