using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Screens;
using PartyPortal.Features.Screens.Panels;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Live;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Screens;

/// <summary>The 会议室大屏 page and its panels on <see cref="MetricsTestBureau"/>, on a fake clock (2024-05-20 10:00, a Monday).</summary>
public sealed class ScreenPageTests : PortalTestContext
{
    private MetricsTestBureau bureau = null!;
    private LiveMetrics engine = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            bureau = await MetricsTestBureau.SeedAsync(db);
        }

        Services.AddScoped<ScreenService>();
        Services.AddSingleton<ScreenBoards>();
        Services.AddScoped<ActivityService>();
        engine = await StartLiveMetricsAsync();
    }

    private async Task<(int Id, string Token)> NewScreenAsync(ScreenPanels panels = ScreenPanels.All, int rotationSeconds = 10)
    {
        var issued = await Services.GetRequiredService<ScreenService>().CreateAsync(TestUsers.PartyOffice, new ScreenInput
        {
            Name = "三楼会议室", ScopeOrgUnitId = bureau.County, Panels = panels, RotationSeconds = rotationSeconds,
        }, Ct);
        Assert.True(issued.Result.Succeeded, string.Join(" ", issued.Result.Errors.Values));
        return (issued.Result.Id!.Value, issued.Token!);
    }

    private async Task<IRenderedComponent<ScreenPage>> OpenAsync(string token)
    {
        var page = Render<ScreenPage>(p => p.Add(x => x.Token, token));
        // Watching, and showing figures: the page may subscribe before its first figures are read.
        await WaitForSubscribersAsync(engine, 1);
        page.WaitForElement(".screen-headline");
        return page;
    }

    private static string? Panel(IRenderedComponent<ScreenPage> page) => page.Find("[data-panel]").GetAttribute("data-panel");

    [Fact]
    public async Task ThePanelsRotateEveryRotationSecondsOnTheClock()
    {
        var (_, token) = await NewScreenAsync(ScreenPanels.Headline | ScreenPanels.Stars | ScreenPanels.Activities, rotationSeconds: 10);
        var page = await OpenAsync(token);

        Assert.Equal(nameof(ScreenPanels.Headline), Panel(page));
        Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(nameof(ScreenPanels.Headline), Panel(page));
        Time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Equal(nameof(ScreenPanels.Stars), Panel(page)));
        Time.Advance(TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Equal(nameof(ScreenPanels.Activities), Panel(page)));
        Time.Advance(TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Equal(nameof(ScreenPanels.Headline), Panel(page)));
        Assert.Equal(["核心指标", "星级分布", "最新活动"], page.FindAll(".screen-dot").Select(d => d.TextContent));
    }

    [Fact]
    public async Task TheHeaderShowsTheBureausClockDateAndWeekday()
    {
        var (_, token) = await NewScreenAsync();
        var page = await OpenAsync(token);

        Assert.Equal("10:00:00", page.Find(".screen-time").TextContent);
        Assert.Equal("2024年5月20日 星期一", page.Find(".screen-date").TextContent);
        Time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Equal("10:00:01", page.Find(".screen-time").TextContent));
        Assert.Contains("数据更新于", page.Find(".screen-updated").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordInTheScopeShowsOnTheOpenScreenWithoutReload()
    {
        var (_, token) = await NewScreenAsync();
        var page = await OpenAsync(token);
        var before = int.Parse(page.Find(".screen-header [data-metric=activity-count]").GetAttribute("data-value")!, System.Globalization.CultureInfo.InvariantCulture);

        var result = await Services.GetRequiredService<ActivityService>().RecordAsync(TestUsers.PartyOffice, new ActivityInput
        {
            KindCode = "warning-education",
            OrgUnitId = bureau.B,
            Date = new DateOnly(2024, 5, 10),
            Title = "观看警示教育片",
            Attendance = [new AttendanceInput { MemberId = bureau.B1 }],
        }, Ct);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));

        page.WaitForAssertion(() => Assert.Equal(
            (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.Find(".screen-header [data-metric=activity-count]").GetAttribute("data-value")));
        Time.Advance(TimeSpan.FromSeconds(10));
        Time.Advance(TimeSpan.FromSeconds(10));
        Time.Advance(TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Equal(nameof(ScreenPanels.Activities), Panel(page)));
        page.WaitForAssertion(() => Assert.Contains("观看警示教育片", page.Find("[data-activity]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARevokedScreenSaysSoAtItsNextCheckAndStopsWatching()
    {
        var (id, token) = await NewScreenAsync();
        var page = await OpenAsync(token);

        Assert.True((await Services.GetRequiredService<ScreenService>().RevokeAsync(TestUsers.PartyOffice, id, Ct)).Succeeded);
        Time.Advance(ScreenPage.RecheckInterval);

        page.WaitForAssertion(() => Assert.Equal("已停用", page.Find("[data-state=revoked] h1").TextContent));
        Assert.Empty(page.FindAll("[data-metric]"));
        await WaitForSubscribersAsync(engine, 0);
    }

    [Fact]
    public async Task AnUnknownTokenOpensNothing()
    {
        await NewScreenAsync();

        var page = Render<ScreenPage>(p => p.Add(x => x.Token, new string('A', 43)));

        page.WaitForAssertion(() => Assert.Equal("大屏链接无效", page.Find("[data-state=unknown] h1").TextContent));
        Assert.Equal(0, engine.SubscriberCount);
    }

    [Fact]
    public async Task ClosingTheScreenStopsWatching()
    {
        var (_, token) = await NewScreenAsync();
        await OpenAsync(token);

        await DisposeComponentsAsync();

        // Closed while its first read may still be in flight: the read's end must not leave the subscription behind.
        await WaitForSubscribersAsync(engine, 0);
    }

    [Fact]
    public async Task TheHeadlinePanelCarriesEveryMetricWithTheDashboardsNames()
    {
        var snapshot = await engine.GetAsync(bureau.Municipal, Period.Quarter(2024, 1), Ct);

        var panel = Render<HeadlinePanel>(p => p.Add(x => x.Snapshot, snapshot));

        Assert.Equal(MetricNames.All, panel.FindAll("[data-metric]").Select(t => t.GetAttribute("data-metric")));
        Assert.Equal("0.5", panel.Find("[data-metric=warning-education-coverage]").GetAttribute("data-value"));
        Assert.Equal("10", panel.Find("[data-metric=activity-count]").GetAttribute("data-value"));
    }

    [Fact]
    public async Task TheStarPanelShowsEachLevelsCountAndTheQuota()
    {
        var snapshot = await engine.GetAsync(bureau.Municipal, Period.Quarter(2024, 1), Ct);

        var panel = Render<StarsPanel>(p => p.Add(x => x.Snapshot, snapshot));

        for (var stars = 1; stars <= 5; stars++)
        {
            Assert.Equal(
                snapshot.Values.StarDistribution[stars - 1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                panel.Find($"[data-stars='{stars}']").GetAttribute("data-value"));
        }

        Assert.Equal("3", panel.Find("[data-metric=five-star-count]").GetAttribute("data-value"));
        Assert.Equal("2", panel.Find("[data-metric=five-star-quota]").GetAttribute("data-value"));
    }

    [Fact]
    public async Task TheCoveragePanelListsEachUnitBelowTheScope()
    {
        var snapshot = await engine.GetAsync(bureau.County, Period.Quarter(2024, 1), Ct);

        var panel = Render<CoveragePanel>(p => p.Add(x => x.Snapshot, snapshot));

        Assert.Equal(snapshot.Children.Select(c => c.OrgUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            panel.FindAll("tr[data-unit]").Select(r => r.GetAttribute("data-unit")));
        var a = snapshot.Children.Single(c => c.OrgUnitId == bureau.A);
        Assert.Equal(ScreenFormat.Machine(a.Values.WarningEducationCoverage.Value),
            panel.Find($"tr[data-unit='{bureau.A}'] [data-metric=warning-education-coverage]").GetAttribute("data-value"));
    }

    [Fact]
    public void TheBoardScrollsOnlyWhenItHasMoreLinesThanFit()
    {
        var few = Enumerable.Range(1, 3).Select(i => new ScreenActivity(i, new DateOnly(2024, 5, i), "主题党日", $"活动{i}", "甲支部")).ToList();
        var many = Enumerable.Range(1, 12).Select(i => new ScreenActivity(i, new DateOnly(2024, 5, i), "主题党日", $"活动{i}", "甲支部")).ToList();

        var still = Render<ActivitiesPanel>(p => p.Add(x => x.Activities, few));
        var rolling = Render<ActivitiesPanel>(p => p.Add(x => x.Activities, many));

        Assert.Empty(still.FindAll(".screen-scrolling"));
        Assert.Equal(3, still.FindAll("li").Count);
        Assert.Single(rolling.FindAll(".screen-scrolling"));
        Assert.Equal(12, rolling.FindAll("li[data-activity]").Count);
        Assert.Equal(24, rolling.FindAll("li").Count);
    }

    [Fact]
    public void TheFiveStarRollNamesEachBranch()
    {
        var panel = Render<FiveStarPanel>(p => p.Add(x => x.Branches, ["甲支部", "乙支部"]).Add(x => x.Year, 2023));

        Assert.Equal(["★甲支部", "★乙支部"], panel.FindAll(".screen-roll li").Select(l => l.TextContent));
        Assert.Contains("2023年度", panel.Find("h2").TextContent, StringComparison.Ordinal);
    }
}
