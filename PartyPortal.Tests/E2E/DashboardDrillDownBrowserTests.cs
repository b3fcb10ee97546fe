using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// Issue 14, item 2: every number on 看板 opens the records or the members it counts, at a branch, a county committee
/// and the bureau. The figures come from the engine the tiles show; what the page lists must add up to them.
/// </summary>
[Collection(InBrowser.Name)]
public class DashboardDrillDownBrowserTests(BrowserPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BureauClock Clock => portal.Services.GetRequiredService<BureauClock>();

    /// <summary>The year so far: the demo's ledger runs to today, so a year has study topics, trainings and stars.</summary>
    private Period Year => Period.OfYear(Clock.Today.Year);

    [Fact(Timeout = 180_000)]
    public async Task AtABranchStudyCompletionListsItsRecordsAndEveryRequiredPairCountedOrNot()
    {
        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var branch = await HomeScopeAsync(tab, "secretary1");
        var figure = (await SnapshotAsync(branch, Year)).Values.StudyCompletion;
        Assert.True(figure.Numerator > 0, "the demo branch has completed study in the year");

        await OpenAsync(tab, branch, Year, MetricNames.StudyCompletion);

        var records = tab.Page.Locator($"[data-records='{MetricNames.StudyCompletion}']");
        await Expect(records).ToBeVisibleAsync();
        await Expect(records.Locator("tr[data-activity]").First).ToBeVisibleAsync();
        await ExpectMembersAddUpAsync(tab.Page, MetricNames.StudyCompletion, figure);
        await tab.ScreenshotAsync("dashboard-branch-study");
        Assert.Empty(tab.Problems);
    }

    [Fact(Timeout = 180_000)]
    public async Task AtABranchTrainingCoverageListsTheTrainingsItsMembersAttendedWhereverHeld()
    {
        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var branch = await HomeScopeAsync(tab, "secretary1");
        var figure = (await SnapshotAsync(branch, Year)).Values.TrainingCoverage;
        Assert.True(figure.Numerator > 0, "the demo branch's cadres attended training in the year");

        await OpenAsync(tab, branch, Year, MetricNames.TrainingCoverage);

        var records = tab.Page.Locator($"[data-records='{MetricNames.TrainingCoverage}']");
        await Expect(records.Locator("tr[data-activity]").First).ToBeVisibleAsync();
        await Expect(records.Locator(".drill-empty")).ToHaveCountAsync(0);
        await ExpectMembersAddUpAsync(tab.Page, MetricNames.TrainingCoverage, figure);

        // Each member counted shows the training that counted them.
        var counted = tab.Page.Locator($"[data-members='{MetricNames.TrainingCoverage}'] tr[data-member][data-counted=true]");
        await Expect(counted.First.Locator("[data-attended]").First).ToBeVisibleAsync();
        await tab.ScreenshotAsync("dashboard-branch-training");
        Assert.Empty(tab.Problems);
    }

    [Fact(Timeout = 180_000)]
    public async Task AtACountyWarningEducationListsItsMembersCountedAndNotAPageAtATime()
    {
        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var county = await HomeScopeAsync(tab, "county1");
        var period = Year;
        var figure = (await SnapshotAsync(county, period)).Values.WarningEducationMemberCoverage;
        Assert.True(figure.Denominator > 50, "a county has more members than one page shows");

        await OpenAsync(tab, county, period, MetricNames.WarningEducationCoverage);

        var members = await ExpectMembersAddUpAsync(tab.Page, MetricNames.WarningEducationCoverage, figure);
        foreach (var group in new[] { "counted", "not-counted" })
        {
            Assert.InRange(await members.Locator($"[data-members-group='{group}'] tr[data-member]").CountAsync(), 0, 50);
        }

        Assert.True(await members.Locator("tr[data-member]").CountAsync() > 0);
        await Expect(members.Locator(".mud-table-pagination, [data-pager]").First).ToBeVisibleAsync();
        Assert.Empty(tab.Problems);
    }

    [Fact(Timeout = 180_000)]
    public async Task AboveABranchTheFiveStarTilesListTheFiveStarBranchesInScopeAndExplainTheQuota()
    {
        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var bureau = await HomeScopeAsync(tab, "leader");
        var period = Year;
        var whole = await SnapshotAsync(bureau, period);
        Assert.NotNull(whole.StarYear);

        // A county with five-star branches, preferably more of them than the figure beside them: its page must say why.
        var county = whole.Children
            .Where(c => c.Type == OrgUnitType.CountyCommittee && c.Values.FiveStarCount > 0)
            .OrderByDescending(c => c.Values.FiveStarCount > (c.Values.FiveStarQuota ?? int.MaxValue))
            .ThenByDescending(c => c.Values.FiveStarCount)
            .FirstOrDefault();
        Assert.NotNull(county);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{county.Name}: {county.Values.FiveStarCount} five-star branches in {whole.StarYear}, figure beside them {county.Values.FiveStarQuota}");
        var inScope = await FiveStarBranchesAsync(county.OrgUnitId, whole.StarYear!.Value);
        Assert.Equal(county.Values.FiveStarCount, inScope.Count);

        await OpenAsync(tab, county.OrgUnitId, period, MetricNames.FiveStarCount);
        var list = tab.Page.Locator($"[data-records='{MetricNames.FiveStarCount}']");
        await Expect(list.Locator("[data-five-star-branch]")).ToHaveCountAsync(inScope.Count);
        var shown = await list.Locator("[data-five-star-branch]").EvaluateAllAsync<int[]>("rows => rows.map(r => Number(r.dataset.fiveStarBranch))");
        Assert.Equal(inScope.Order(), shown.Order());

        await OpenAsync(tab, county.OrgUnitId, period, MetricNames.FiveStarQuota);
        var quota = tab.Page.Locator($"[data-records='{MetricNames.FiveStarQuota}']");
        await Expect(quota.Locator("[data-quota-explained]")).ToContainTextAsync("名额");
        if (county.Values.FiveStarCount > (county.Values.FiveStarQuota ?? int.MaxValue))
        {
            await Expect(quota.Locator("[data-quota-exceeded]")).ToBeVisibleAsync();
        }

        // At the bureau the list is the whole bureau's five-star branches, as many as its tile.
        await OpenAsync(tab, bureau, period, MetricNames.FiveStarCount);
        await Expect(tab.Page.Locator($"[data-records='{MetricNames.FiveStarCount}'] [data-five-star-branch]")).ToHaveCountAsync(whole.Values.FiveStarCount);
        Assert.Empty(tab.Problems);
    }

    [Fact(Timeout = 180_000)]
    public async Task AtACountyWarningEducationAndMeetingsListEveryBranchLineMetAndMissedAddingUpToTheTile()
    {
        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var county = await HomeScopeAsync(tab, "county1");
        var values = (await SnapshotAsync(county, Year)).Values;
        foreach (var (metric, figure) in new[] { (MetricNames.WarningEducationCoverage, values.WarningEducationCoverage), (MetricNames.MeetingsCompliance, values.MeetingsCompliance) })
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{metric}: {figure.Numerator} / {figure.Denominator}");
            Assert.True(figure.Numerator > 0 && figure.Numerator < figure.Denominator, $"{metric}: a county's year has lines met and missed");
            await OpenAsync(tab, county, Year, metric);

            var dues = tab.Page.Locator($"[data-dues='{metric}']");
            await Expect(dues).ToHaveAttributeAsync("data-met", figure.Numerator.ToString(CultureInfo.InvariantCulture));
            await Expect(dues).ToHaveAttributeAsync("data-missed", (figure.Denominator - figure.Numerator).ToString(CultureInfo.InvariantCulture));
            await Expect(dues.Locator("[data-dues-group=missed] tr[data-due]").First).ToBeVisibleAsync();
            foreach (var group in new[] { "met", "missed" })
            {
                Assert.InRange(await dues.Locator($"[data-dues-group='{group}'] tr[data-due]").CountAsync(), 0, 50);
            }

            if (figure.Numerator > 50 || figure.Denominator - figure.Numerator > 50)
            {
                await Expect(dues.Locator("[data-pager]").First).ToBeVisibleAsync();
            }

            await tab.ScreenshotAsync($"dashboard-county-{metric}-dues");
            await dues.ScreenshotAsync(new LocatorScreenshotOptions { Path = System.IO.Path.Combine(BrowserPortal.ScreenshotFolder, $"dashboard-county-{metric}-dues-section-1440.png") });
        }

        Assert.Empty(tab.Problems);
    }

    [Fact(Timeout = 180_000)]
    public async Task DashboardAtTheBureauAndAtABranchAt1440()
    {
        await using (var tab = await portal.OpenTabAsync(width: 1440, height: 900))
        {
            var bureau = await HomeScopeAsync(tab, "leader");
            await OpenAsync(tab, bureau, Year, MetricNames.TrainingCoverage);
            await Expect(tab.Page.Locator("canvas").First).ToBeVisibleAsync();
            await Expect(tab.Page.Locator($"[data-records='{MetricNames.TrainingCoverage}']")).ToBeVisibleAsync();
            await tab.ScreenshotAsync("dashboard-bureau-training");
            await OpenAsync(tab, bureau, Year, MetricNames.FiveStarQuota);
            await Expect(tab.Page.Locator($"[data-records='{MetricNames.FiveStarQuota}']")).ToBeVisibleAsync();
            await tab.ScreenshotAsync("dashboard-bureau-five-star-quota");
        }

        await using (var tab = await portal.OpenTabAsync(width: 1440, height: 900))
        {
            var branch = await HomeScopeAsync(tab, "secretary1");
            await OpenAsync(tab, branch, Year, MetricNames.StudyCompletion);
            await Expect(tab.Page.Locator("canvas").First).ToBeVisibleAsync();
            await tab.ScreenshotAsync("dashboard-branch-study-year");
        }
    }

    /// <summary>
    /// The member list of a member-based metric: as many counted as the figure's numerator, counted and not counted
    /// together its denominator, each said by the section and each row marked.
    /// </summary>
    private static async Task<ILocator> ExpectMembersAddUpAsync(IPage page, string metric, Ratio figure)
    {
        var members = page.Locator($"[data-members='{metric}']");
        await Expect(members).ToBeVisibleAsync();
        await Expect(members).ToHaveAttributeAsync("data-counted", figure.Numerator.ToString(CultureInfo.InvariantCulture));
        await Expect(members).ToHaveAttributeAsync("data-not-counted", (figure.Denominator - figure.Numerator).ToString(CultureInfo.InvariantCulture));
        await Expect(members).ToContainTextAsync(new Regex($"{figure.Numerator:N0}"));
        return members;
    }

    /// <summary>Signs in from /dashboard and returns the scope it opens on (the tiles link to it).</summary>
    private static async Task<int> HomeScopeAsync(PortalTab tab, string user)
    {
        await tab.Page.GotoAsync("/dashboard");
        await tab.SignInAsync(user);
        var href = await tab.Page.Locator($".dashboard-tiles [data-metric={MetricNames.ActivityCount}]").GetAttributeAsync("href");
        return int.Parse(Regex.Match(href!, @"scope=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task OpenAsync(PortalTab tab, int scope, Period period, string metric)
    {
        await tab.Page.GotoAsync(PartyPortal.Features.Dashboards.DashboardLinks.For(scope, period, metric));
        await tab.WaitForCircuitAsync();
    }

    private Task<MetricsSnapshot> SnapshotAsync(int scope, Period period) =>
        portal.Services.GetRequiredService<LiveMetrics>().GetAsync(scope, period, Ct);

    /// <summary>The published five-star branches of the year under a unit, straight from the ratings.</summary>
    private async Task<List<int>> FiveStarBranchesAsync(int scope, int year)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var path = await db.OrgUnits.Where(u => u.Id == scope).Select(u => u.Path).SingleAsync(Ct);
        return await db.StarRatings.Where(r => r.Year == year && r.Stars == 5 && r.OrgUnit!.Path.StartsWith(path)).Select(r => r.OrgUnitId).ToListAsync(Ct);
    }
}
