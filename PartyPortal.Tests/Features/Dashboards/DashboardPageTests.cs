using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Dashboards;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Live;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Dashboards;

/// <summary>The 看板 page on <see cref="MetricsTestBureau"/> (2024Q1 seen on 2024-05-20): tiles, drill-down, records, live.</summary>
public sealed class DashboardPageTests : PortalTestContext
{
    private MetricsTestBureau bureau = null!;
    private LiveMetrics engine = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            bureau = await MetricsTestBureau.SeedAsync(db);
        }

        Services.AddScoped<DashboardService>();
        Services.AddScoped<ActivityService>();
        Services.AddScoped<PartyPortal.Features.StarRatings.StarHistoryService>();
        engine = await StartLiveMetricsAsync();
    }

    private IRenderedComponent<DashboardPage> Open(System.Security.Claims.ClaimsPrincipal user, int scope, string metric = MetricNames.WarningEducationCoverage)
    {
        Navigate(scope, metric);
        return RenderAs<DashboardPage>(user);
    }

    private void Navigate(int scope, string metric = MetricNames.WarningEducationCoverage) =>
        Services.GetRequiredService<NavigationManager>().NavigateTo(DashboardLinks.For(scope, Period.Quarter(2024, 1), metric));

    /// <summary>A record written through the service as the Party office would, which must succeed; its id.</summary>
    private async Task<int> WriteAsync(string kind, int unit, DateOnly day, string title, params int[] attendees)
    {
        var result = await Services.GetRequiredService<ActivityService>().RecordAsync(TestUsers.PartyOffice, new ActivityInput
        {
            KindCode = kind,
            OrgUnitId = unit,
            Date = day,
            Title = title,
            Attendance = [.. attendees.Select(m => new AttendanceInput { MemberId = m })],
        }, Xunit.TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        return result.Id!.Value;
    }

    private static string? Tile(IRenderedComponent<DashboardPage> page, string metric) =>
        page.Find($".dashboard-tiles [data-metric={metric}]").GetAttribute("data-value");

    [Fact]
    public void EveryTileCarriesItsMachineNameAndValue()
    {
        var page = Open(TestUsers.Leader, bureau.Municipal);

        page.WaitForAssertion(() => Assert.Equal("0.5", Tile(page, MetricNames.WarningEducationCoverage)));
        Assert.Equal(MetricNames.All, page.FindAll(".dashboard-tiles [data-metric]").Select(t => t.GetAttribute("data-metric")));
        Assert.Equal("0.5", Tile(page, MetricNames.StudyCompletion));
        Assert.Equal("3", Tile(page, MetricNames.FiveStarCount));
        Assert.Equal("2", Tile(page, MetricNames.FiveStarQuota));
        Assert.Equal("0.25", Tile(page, MetricNames.RectificationClosure));
        Assert.Equal("2", Tile(page, MetricNames.RectificationOverdue));
        Assert.Equal("10", Tile(page, MetricNames.ActivityCount));
        Assert.Contains("2 / 4 支部·季", page.Find("[data-metric=warning-education-coverage]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ACountysBranchesAreListedWorstFirstAndEachOpensItsOwnDashboard()
    {
        var page = Open(TestUsers.Leader, bureau.County);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-unit]")));
        var rows = page.FindAll(".drill-table tr[data-unit]").Select(r => int.Parse(r.GetAttribute("data-unit")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(bureau.B, rows[0]); // 0 of 1 quarter
        Assert.Equal(bureau.Closed, rows[^1]); // nothing to count: last, not "worst"
        var link = page.Find($"tr[data-unit='{bureau.B}'] a").GetAttribute("href");
        Assert.Equal(DashboardLinks.For(bureau.B, Period.Quarter(2024, 1), MetricNames.WarningEducationCoverage), link);
    }

    [Fact]
    public void ClickingAHeadingSortsByThatMetricAndAgainReversesIt()
    {
        var page = Open(TestUsers.Leader, bureau.County);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-unit]")));
        var sort = $"button[data-sort={MetricNames.ActivityCount}]";

        // A click is handled in its turn on the page's dispatcher, after a read still in flight where reads are truly
        // asynchronous (PostgreSQL): wait for its render, and for the first before clicking again.
        page.Find(sort).Click();
        page.WaitForAssertion(() => Assert.Contains("▲", page.Find(sort).TextContent, StringComparison.Ordinal));
        Assert.Equal(bureau.B, FirstRow(page)); // 0 activities
        page.Find(sort).Click();
        page.WaitForAssertion(() => Assert.Equal(bureau.A, FirstRow(page))); // 5 activities
    }

    [Fact]
    public void ABranchShowsTheRecordsTheNumberCounts()
    {
        var page = Open(TestUsers.Leader, bureau.A);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-records] tr[data-activity]").Count));
        Assert.Empty(page.FindAll(".drill-table tr[data-unit]"));
        Assert.All(page.FindAll("[data-records] tr[data-activity] a"), a => Assert.StartsWith("/activities/", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANewRecordAppearsWithoutReloadAndItsTileFlashes()
    {
        var page = Open(TestUsers.Leader, bureau.County);
        await WaitForSubscribersAsync(engine, 1);

        var activities = Services.GetRequiredService<ActivityService>();
        var result = await activities.RecordAsync(TestUsers.PartyOffice, new ActivityInput
        {
            KindCode = "warning-education",
            OrgUnitId = bureau.B,
            Date = new DateOnly(2024, 3, 28),
            Title = "观看警示教育片",
            Attendance = [new AttendanceInput { MemberId = bureau.B1 }, new AttendanceInput { MemberId = bureau.T }],
        }, Xunit.TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));

        page.WaitForAssertion(() => Assert.Equal("1", Tile(page, MetricNames.WarningEducationCoverage)), TimeSpan.FromSeconds(5));
        Assert.Contains("stat-tile-changed", page.Find("[data-metric=warning-education-coverage]").ClassName, StringComparison.Ordinal);
        Assert.Equal("9", Tile(page, MetricNames.ActivityCount));

        // The lists below follow the tile: the record, the branch-quarter now met, the two members now covered.
        var id = result.Id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-records] tr[data-activity]"), r => r.GetAttribute("data-activity") == id), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-dues-group=met] [data-attended]"), r => r.GetAttribute("data-attended") == id), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-members-group=counted] [data-attended]"), r => r.GetAttribute("data-attended") == id), TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// The flash is a CSS animation started by a class, with no second render to clear it: a tile that changes again
    /// takes the other of the two flash classes, which starts the animation anew, and a tile that did not change keeps
    /// what it had (its animation long over).
    /// </summary>
    [Fact]
    public async Task ATileThatChangesAgainFlashesAgain()
    {
        var page = Open(TestUsers.Leader, bureau.County);
        await WaitForSubscribersAsync(engine, 1);
        string Classes(string metric) => page.Find($".dashboard-tiles [data-metric={metric}]").ClassName ?? "";

        Assert.DoesNotContain("stat-tile-changed", Classes(MetricNames.ActivityCount), StringComparison.Ordinal);
        await WriteAsync("warning-education", bureau.B, new DateOnly(2024, 3, 28), "活动", bureau.B1);
        page.WaitForAssertion(() => Assert.Equal("9", Tile(page, MetricNames.ActivityCount)), TimeSpan.FromSeconds(5));
        Assert.Contains("stat-tile-flash-odd", Classes(MetricNames.ActivityCount), StringComparison.Ordinal);
        Assert.Contains("stat-tile-flash-odd", Classes(MetricNames.WarningEducationCoverage), StringComparison.Ordinal);

        // A second record of the same kind: more activities, the coverage already counted.
        await WriteAsync("warning-education", bureau.B, new DateOnly(2024, 3, 29), "活动", bureau.B1);
        page.WaitForAssertion(() => Assert.Equal("10", Tile(page, MetricNames.ActivityCount)), TimeSpan.FromSeconds(5));
        Assert.Contains("stat-tile-flash-even", Classes(MetricNames.ActivityCount), StringComparison.Ordinal);
        Assert.Contains("stat-tile-flash-odd", Classes(MetricNames.WarningEducationCoverage), StringComparison.Ordinal);
    }

    /// <summary>The drill-down's rows are markup made in code (DrillRows): every name and title in them is text, never markup.</summary>
    [Fact]
    public async Task ATitleWithMarkupInItIsShownAsText()
    {
        const string Title = "<img src=x onerror=alert(1)>警示&\"教育'";
        var id = await WriteAsync("warning-education", bureau.A, new DateOnly(2024, 3, 20), Title, bureau.A1);

        var page = Open(TestUsers.Leader, bureau.A);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-records] tr[data-activity='{id}']")));
        var row = page.Find($"[data-records] tr[data-activity='{id}']");
        Assert.Empty(row.QuerySelectorAll("img"));
        Assert.Contains(Title, row.TextContent, StringComparison.Ordinal);

        // The dues list is read on its own, after the records on PostgreSQL (whose reads are truly asynchronous).
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-dues] [data-attended] a"), a => a.GetAttribute("title") == Title));
        Assert.Empty(page.FindAll("[data-dues] img"));
    }

    [Fact]
    public async Task ClosingThePageStopsWatching()
    {
        var page = Open(TestUsers.Leader, bureau.County);
        await WaitForSubscribersAsync(engine, 1);

        await DisposeComponentsAsync();

        // Closed while its first read may still be in flight: the read's end must not leave the subscription behind.
        await WaitForSubscribersAsync(engine, 0);
    }

    [Fact]
    public async Task MovingToAnotherScopeWatchesThatOneInstead()
    {
        var page = Open(TestUsers.Leader, bureau.County);
        await WaitForSubscribersAsync(engine, 1);

        Navigate(bureau.A);

        page.WaitForAssertion(() => Assert.Equal("1", Tile(page, MetricNames.WarningEducationCoverage)));
        await WaitForSubscribersAsync(engine, 1);
    }

    [Fact]
    public void ASecretaryIsToldPlainlyThatTheBureauIsOutsideTheirScope()
    {
        var page = Open(TestUsers.Secretary(bureau.A), bureau.Municipal);

        page.WaitForAssertion(() => Assert.Contains("没有权限", page.Find("[data-error=dashboard]").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, engine.SubscriberCount);
    }

    [Fact]
    public void TheCrumbsLinkTheAncestorsTheViewerMayOpenAndNoOthers()
    {
        string[] Crumbs(IRenderedComponent<DashboardPage> page) =>
            [.. page.FindAll(".dashboard-crumbs a").Select(a => a.GetAttribute("href")!)];

        var leader = Open(TestUsers.Leader, bureau.A);
        leader.WaitForAssertion(() => Assert.Equal(
            [DashboardLinks.For(bureau.Municipal, Period.Quarter(2024, 1), MetricNames.WarningEducationCoverage),
             DashboardLinks.For(bureau.County, Period.Quarter(2024, 1), MetricNames.WarningEducationCoverage)],
            Crumbs(leader)));

        // The county's secretary sees the county's dashboards, not the bureau's: the bureau is no crumb of theirs.
        var county = Open(TestUsers.Secretary(bureau.County), bureau.A);
        county.WaitForAssertion(() => Assert.Equal(
            [DashboardLinks.For(bureau.County, Period.Quarter(2024, 1), MetricNames.WarningEducationCoverage)],
            Crumbs(county)));
    }

    private static int FirstRow(IRenderedComponent<DashboardPage> page) =>
        int.Parse(page.Find(".drill-table tr[data-unit]").GetAttribute("data-unit")!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void TheFiveStarTileOpensTheBranchsStarHistoryAndAboveABranchThePublishedList()
    {
        var branch = Open(TestUsers.Leader, bureau.A, MetricNames.FiveStarCount);
        branch.WaitForAssertion(() => Assert.Equal(2, branch.FindAll("[data-records=five-star-count] tr[data-history-year]").Count));
        Assert.Equal("5", branch.Find("tr[data-history-year='2023'] [data-history-stars]").GetAttribute("data-history-stars"));

        var bureauPage = Open(TestUsers.Leader, bureau.Municipal, MetricNames.FiveStarCount);
        bureauPage.WaitForAssertion(() => Assert.Equal("/star-rating/notice?year=2023", bureauPage.Find("[data-records=five-star-count] a.drill-more").GetAttribute("href")));
        Assert.Equal(Tile(bureauPage, MetricNames.FiveStarCount), bureauPage.FindAll("[data-records=five-star-count] [data-five-star-branch]").Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TheMeetingsTileOpensEveryInstanceMetAndMissedAsTheTileCountsThem()
    {
        var figure = (await engine.GetAsync(bureau.County, Period.Quarter(2024, 1), Xunit.TestContext.Current.CancellationToken)).Values.MeetingsCompliance;
        var page = Open(TestUsers.Leader, bureau.County, MetricNames.MeetingsCompliance);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-dues] tr[data-due]")), TimeSpan.FromSeconds(10));
        var dues = page.Find($"[data-dues={MetricNames.MeetingsCompliance}]");
        Assert.Equal(figure.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture), dues.GetAttribute("data-met"));
        Assert.Equal((figure.Denominator - figure.Numerator).ToString(System.Globalization.CultureInfo.InvariantCulture), dues.GetAttribute("data-missed"));
        Assert.Equal(figure.Numerator, page.FindAll("[data-dues-group=met] tr[data-due]").Count);
        Assert.Equal(figure.Denominator - figure.Numerator, page.FindAll("[data-dues-group=missed] tr[data-due]").Count);
        Assert.Contains($"应落实 {figure.Denominator} 项", page.Find("[data-dues] [data-sum]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWarningEducationTileListsTheBranchQuartersNotCoveredAboveItsRecords()
    {
        var page = Open(TestUsers.Leader, bureau.County);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-dues-group=missed] tr[data-due]")), TimeSpan.FromSeconds(10));
        Assert.Equal(bureau.B.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("[data-dues-group=missed] tr[data-due]").GetAttribute("data-due"));
        Assert.Equal(2, page.FindAll("[data-dues-group=met] tr[data-due]").Count);
        Assert.Contains("2 / 3 支部·季", page.Find(".dashboard-tiles [data-metric=warning-education-coverage]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheUnitTableShowsFiftyUnitsAPageWorstFirst()
    {
        var children = Enumerable.Range(1, 120)
            .Select(i => new UnitMetrics(i, $"支部{i:000}", OrgUnitType.Branch, new MetricValues(new MetricCounts { BranchQuarters = 120, BranchQuartersWarned = i }, null)))
            .ToList();
        var table = Render<DrillTable>(p => p
            .Add(t => t.Children, children)
            .Add(t => t.Metric, MetricInfo.All[0])
            .Add(t => t.LinkFor, id => $"/dashboard?scope={id}"));

        Assert.Equal(50, table.FindAll("tr[data-unit]").Count);
        Assert.Equal("1", table.Find("tr[data-unit]").GetAttribute("data-unit"));
        Assert.Contains("共 120 条", table.Find("[data-pager]").TextContent, StringComparison.Ordinal);

        table.Find("[data-pager] [data-action=next-page]").Click();
        table.WaitForAssertion(() => Assert.Equal("51", table.Find("tr[data-unit]").GetAttribute("data-unit")), TimeSpan.FromSeconds(10));

        // Another order starts again on its first page.
        table.Find($"button[data-sort={MetricNames.WarningEducationCoverage}]").Click();
        table.WaitForAssertion(() => Assert.Equal("120", table.Find("tr[data-unit]").GetAttribute("data-unit")), TimeSpan.FromSeconds(10));
        Assert.Equal(50, table.FindAll("tr[data-unit]").Count);
    }

    [Fact]
    public async Task AMembersGroupTurnsItsPagesAndStillDoesAfterANewSnapshotLeftItsListAsItWas()
    {
        await using (var db = Database.CreateDbContext())
        {
            // Sixty members nobody warned: the branch's not-counted group runs to a second page.
            for (var i = 0; i < 60; i++)
            {
                var m = new Member { Name = $"党员{i:00}", BirthYear = 1985, CadreLevel = CadreLevel.General, OrgUnitId = bureau.B };
                m.Assignments.Add(new MemberAssignment { OrgUnitId = bureau.B, From = new DateOnly(2020, 1, 1) });
                db.Members.Add(m);
            }

            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var page = Open(TestUsers.Leader, bureau.B);
        const string Group = "[data-members-group=not-counted]";
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll($"{Group} tr[data-member]").Count), TimeSpan.FromSeconds(10));
        var first = page.Find($"{Group} tr[data-member]").GetAttribute("data-member");

        page.Find($"[data-pager][aria-label='未计入分页'] [data-action=next-page]").Click();
        page.WaitForAssertion(() => Assert.InRange(page.FindAll($"{Group} tr[data-member]").Count, 10, 11), TimeSpan.FromSeconds(5));
        Assert.Equal("2", page.Find("[data-pager][aria-label='未计入分页'] [data-page]").GetAttribute("data-page"));

        // A write that moves the page's figures but not this list: the list keeps its page and is not rendered again...
        await WaitForSubscribersAsync(engine, 1);
        var activities = int.Parse(Tile(page, MetricNames.ActivityCount)!, System.Globalization.CultureInfo.InvariantCulture);
        await WriteAsync("themed-party-day", bureau.B, new DateOnly(2024, 3, 20), "3月主题党日");
        var more = (activities + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        page.WaitForAssertion(() => Assert.Equal(more, Tile(page, MetricNames.ActivityCount)), TimeSpan.FromSeconds(5));
        Assert.Equal("2", page.Find("[data-pager][aria-label='未计入分页'] [data-page]").GetAttribute("data-page"));

        // ...and its pager still turns it.
        page.Find($"[data-pager][aria-label='未计入分页'] [data-action=previous-page]").Click();
        page.WaitForAssertion(() => Assert.Equal(first, page.Find($"{Group} tr[data-member]").GetAttribute("data-member")), TimeSpan.FromSeconds(5));
        Assert.Equal(50, page.FindAll($"{Group} tr[data-member]").Count);
    }
}
