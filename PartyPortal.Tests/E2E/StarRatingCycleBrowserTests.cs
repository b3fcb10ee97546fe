using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyPortal.Data;
using PartyPortal.Features.StarRatings;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// The year's whole cycle in a real browser, on a portal of its own (publishing changes the demo's ratings, which the
/// other browser tests read): secretary2 assesses, is returned, resubmits and is approved; the party office decides and
/// publishes; a leader's open 看板 shows the five-star tile move without reload.
/// </summary>
[Collection(InBrowser.Name)]
public sealed class StarRatingCycleBrowserTests(DemoBureauFixture demo) : IAsyncLifetime
{
    private readonly BrowserPortal portal = new(demo);

    public ValueTask InitializeAsync() => portal.InitializeAsync();

    public ValueTask DisposeAsync() => portal.DisposeAsync();

    [Fact(Timeout = 300_000)]
    public async Task FromSelfAssessmentToAPublishedStarOnALeadersDashboard()
    {
        var year = portal.Services.GetRequiredService<BureauClock>().Today.Year;
        await StarRatingBrowserTests.EnsureSchemeAsync(portal.Services, year);

        // secretary2 accepts the ledger's proposals, changes one with a note, scores the judged items and submits.
        await using var secretary = await portal.OpenTabAsync(width: 1440, height: 900);
        var page = secretary.Page;
        await page.GotoAsync("/star-rating");
        await secretary.SignInAsync("secretary2");
        var branch = int.Parse((await page.Locator("tr[data-branch]").GetAttributeAsync("data-branch"))!, CultureInfo.InvariantCulture);
        await secretary.ClickAsync(page.Locator("[data-action=open-assessment]"));
        await secretary.ClickAsync(page.Locator("[data-action=accept-all]"));
        await StarRatingBrowserTests.AcceptEveryProposalAsync(secretary);
        var proposed = page.Locator("[data-item]:has([data-proposed]) input[id^=self-]").First;
        var changed = await proposed.InputValueAsync() == "0" ? "1" : "0";
        await secretary.TypeAsync(proposed, changed);
        await secretary.TypeAsync(page.Locator("[data-item]:has([data-proposed]) input[id^=note-], [data-item]:has([data-proposed]) textarea[id^=note-]").First,
            "年中调整了学习安排，按支委会决定调整。");
        await FillEmptyScoresAsync(secretary);
        await secretary.ClickAsync(page.Locator("[data-action=submit]"));
        await secretary.ClickAsync(page.Locator("[data-action=confirm-ok]"));
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("已提交");

        // The party office returns it with a reason; secretary2 reads it and submits again; the office approves.
        await using var office = await portal.OpenTabAsync(width: 1440, height: 900);
        await office.Page.GotoAsync($"/star-rating/{year}/branches/{branch}");
        await office.SignInAsync("admin");
        await office.TypeAsync(office.Page.Locator("#return-reason"), "请补充佐证材料后重新提交。");
        await office.ClickAsync(office.Page.Locator("[data-action=return]"));
        await office.ClickAsync(office.Page.Locator("[data-action=confirm-ok]"));
        await Expect(office.Page.Locator("[data-status]")).ToHaveTextAsync("退回修改");
        await page.ReloadAsync();
        await secretary.WaitForCircuitAsync();
        await Expect(page.Locator("[data-return-reason]")).ToContainTextAsync("请补充佐证材料");
        await secretary.ClickAsync(page.Locator("[data-action=submit]"));
        await secretary.ClickAsync(page.Locator("[data-action=confirm-ok]"));
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("已提交");
        await office.Page.ReloadAsync();
        await office.WaitForCircuitAsync();
        await office.ClickAsync(office.Page.Locator("[data-action=approve]"));
        await Expect(office.Page.Locator("[data-status]")).ToHaveTextAsync("审核通过");

        // Every other branch of the bureau, arranged through the services: what a year of secretaries would have done.
        await ApproveEveryOtherBranchAsync(year, branch);

        // A leader watches the bureau's 看板.
        await using var leader = await portal.OpenTabAsync(width: 1440, height: 900);
        await leader.Page.GotoAsync("/dashboard");
        await leader.SignInAsync("leader");
        var tile = leader.Page.Locator($".dashboard-tiles [data-metric={MetricNames.FiveStarCount}]");
        await Expect(tile).ToBeVisibleAsync();
        var before = await tile.GetAttributeAsync("data-value");

        // 评定; the notice's five days are arranged as passed; 发布.
        await office.Page.GotoAsync($"/star-rating/notice?year={year}");
        await office.WaitForCircuitAsync();
        await office.ClickAsync(office.Page.Locator("[data-action=decide]"));
        await Expect(office.Page.Locator("[data-published]")).ToHaveTextAsync("公示中");
        var fiveStars = (await office.Page.Locator("[data-count='5']").InnerTextAsync()).Replace(" 个", "", StringComparison.Ordinal).Trim();
        await office.ScreenshotAsync("star-notice-committee");
        await EndTheNoticeAsync(year);
        await office.Page.ReloadAsync();
        await office.WaitForCircuitAsync();
        await office.ClickAsync(office.Page.Locator("[data-action=publish]"));
        await office.ClickAsync(office.Page.Locator("[data-action=confirm-ok]"));
        await Expect(office.Page.Locator("[data-published]")).ToContainTextAsync("已于");

        Assert.NotEqual(before, fiveStars);
        await Expect(tile).ToHaveAttributeAsync("data-value", fiveStars, new() { Timeout = 5_000 });
        await leader.ScreenshotAsync("star-published-dashboard");
        Assert.Empty(secretary.Problems);
        Assert.Empty(office.Problems);
        Assert.Empty(leader.Problems);
    }

    private static async Task FillEmptyScoresAsync(PortalTab tab)
    {
        var scores = tab.Page.Locator("[data-item] input[id^=self-]");
        for (var i = 0; i < await scores.CountAsync(); i++)
        {
            if (string.IsNullOrEmpty(await scores.Nth(i).InputValueAsync()))
            {
                await tab.TypeAsync(scores.Nth(i), "0");
            }
        }
    }

    /// <summary>
    /// Submits (as each branch's secretary) and approves every rated branch but one, judged items at full marks so
    /// that more branches qualify for five stars than last year had and the quota decides.
    /// </summary>
    private async Task ApproveEveryOtherBranchAsync(int year, int except)
    {
        using var scope = portal.Services.CreateScope();
        var assessments = scope.ServiceProvider.GetRequiredService<StarAssessmentService>();
        var reviews = scope.ServiceProvider.GetRequiredService<StarReviewService>();
        foreach (var row in await reviews.ListAsync(TestUsers.PartyOffice, year))
        {
            if (row.BranchId == except || row.Status == AssessmentStatus.Approved)
            {
                continue;
            }

            if (row.Status != AssessmentStatus.Submitted)
            {
                var secretary = TestUsers.Secretary(row.BranchId);
                var view = (await assessments.OpenAsync(secretary, year, row.BranchId))!;
                var input = new StarAssessmentInput
                {
                    Version = view.Assessment?.Version,
                    Scores = [.. view.Items.Select(i => new StarScoreInput
                    {
                        CriterionId = i.Criterion.Id,
                        SelfScore = i.Proposed ?? (i.Criterion.Kind == CriterionKind.Deduction ? 0 : i.Criterion.MaxScore),
                    })],
                };
                var submitted = await assessments.SubmitAsync(secretary, year, row.BranchId, input);
                Assert.True(submitted.Succeeded, string.Join(" ", submitted.Errors.Values));
            }

            var version = (await assessments.OpenAsync(TestUsers.PartyOffice, year, row.BranchId))!.Assessment!.Version;
            var approved = await reviews.ApproveAsync(TestUsers.PartyOffice, year, row.BranchId, new StarReviewInput { Version = version });
            Assert.True(approved.Succeeded, string.Join(" ", approved.Errors.Values));
        }
    }

    /// <summary>The notice ran its days: its last day moved to yesterday (the days themselves are the services' tests' business).</summary>
    private async Task EndTheNoticeAsync(int year)
    {
        var factory = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var yesterday = portal.Services.GetRequiredService<BureauClock>().Today.AddDays(-1);
        Assert.Equal(1, await db.StarDecisions.Where(d => d.Rubric!.Year == year).ExecuteUpdateAsync(s => s.SetProperty(d => d.NoticeUntil, yesterday)));
    }
}
