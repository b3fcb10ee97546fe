using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Dashboards;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Live;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Dashboards;

/// <summary>
/// The drill-down of the member-based figures on <see cref="MetricsTestBureau"/>: at every scope and period, the
/// members listed as counted are the figure's numerator and counted + not counted its denominator.
/// </summary>
public sealed class DashboardDrillTests : PortalTestContext
{
    private MetricsTestBureau bureau = null!;
    private LiveMetrics engine = null!;
    private CountingDatabase counted = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            bureau = await MetricsTestBureau.SeedAsync(db);
        }

        // The same file, its commands counted: the last registration wins.
        counted = new CountingDatabase(Database);
        Services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<PartyPortal.Data.PortalDbContext>>(counted);
        Services.AddScoped<DashboardService>();
        Services.AddScoped<ActivityService>();
        engine = await StartLiveMetricsAsync();
    }

    public static TheoryData<string> MemberMetrics => [MetricNames.WarningEducationCoverage, MetricNames.TrainingCoverage, MetricNames.StudyCompletion];

    [Theory]
    [MemberData(nameof(MemberMetrics))]
    public async Task TheMembersListedAddUpToTheFigureAtEveryScope(string metric)
    {
        var dashboards = Services.GetRequiredService<DashboardService>();
        var ct = Xunit.TestContext.Current.CancellationToken;
        int[] scopes = [bureau.Municipal, bureau.Organs, bureau.County, bureau.A, bureau.B, bureau.O];
        Period[] periods = [Period.Quarter(2024, 1), Period.Quarter(2024, 2), Period.OfYear(2024)];
        var nonEmpty = 0;
        foreach (var scope in scopes)
        {
            foreach (var period in periods)
            {
                var values = (await engine.GetAsync(scope, period, ct)).Values;
                var figure = metric switch
                {
                    MetricNames.WarningEducationCoverage => values.WarningEducationMemberCoverage,
                    MetricNames.TrainingCoverage => values.TrainingCoverage,
                    _ => values.StudyCompletion,
                };

                var drill = await dashboards.MembersAsync(TestUsers.Leader, scope, period, metric, ct);

                Assert.Equal(figure.Numerator, drill.Counted);
                Assert.Equal(figure.Denominator, drill.Counted + drill.NotCounted);
                Assert.Equal(figure.Numerator, drill.Lines.Sum(l => l.Completed));
                nonEmpty += figure.Denominator > 0 ? 1 : 0;
            }
        }

        Assert.True(nonEmpty > 0, "the test bureau has something to count");
    }

    [Fact]
    public async Task ASecretaryCannotListTheMembersOfAnotherBranch()
    {
        var dashboards = Services.GetRequiredService<DashboardService>();
        await Assert.ThrowsAsync<PartyPortal.Access.AccessDeniedException>(() =>
            dashboards.MembersAsync(TestUsers.Secretary(bureau.A), bureau.B, Period.Quarter(2024, 1), MetricNames.StudyCompletion, Xunit.TestContext.Current.CancellationToken));
    }

    public static TheoryData<string> BranchMetrics => [MetricNames.WarningEducationCoverage, MetricNames.MeetingsCompliance];

    [Theory]
    [MemberData(nameof(BranchMetrics))]
    public async Task TheBranchLinesListedAddUpToTheFigureAtEveryScope(string metric)
    {
        var dashboards = Services.GetRequiredService<DashboardService>();
        var ct = Xunit.TestContext.Current.CancellationToken;
        int[] scopes = [bureau.Municipal, bureau.Organs, bureau.County, bureau.A, bureau.B, bureau.New, bureau.Closed, bureau.O];
        Period[] periods = [Period.Quarter(2024, 1), Period.Quarter(2024, 2), Period.HalfYear(2024, 1), Period.OfYear(2024)];
        var nonEmpty = 0;
        foreach (var scope in scopes)
        {
            foreach (var period in periods)
            {
                var values = (await engine.GetAsync(scope, period, ct)).Values;
                var figure = metric == MetricNames.WarningEducationCoverage ? values.WarningEducationCoverage : values.MeetingsCompliance;

                var drill = await dashboards.DuesAsync(TestUsers.Leader, scope, period, metric, ct);

                Assert.Equal(figure.Numerator, drill.Met);
                Assert.Equal(figure.Denominator, drill.Lines.Count);
                Assert.All(drill.Lines, l => Assert.Equal(l.Met, l.Records.Count >= l.Minimum));
                nonEmpty += figure.Denominator > 0 ? 1 : 0;
            }
        }

        Assert.True(nonEmpty > 0, "the test bureau has something to count");
    }

    [Fact]
    public async Task WarningEducationListsTheBranchQuartersMissedAndCoveredWithTheirRecords()
    {
        var dashboards = Services.GetRequiredService<DashboardService>();
        var drill = await dashboards.DuesAsync(TestUsers.Leader, bureau.Municipal, Period.Quarter(2024, 1), MetricNames.WarningEducationCoverage, Xunit.TestContext.Current.CancellationToken);

        // B held none and O's only one was deleted; A held two (one pair, both records), the new branch one; the
        // branch closed before 2024 owes nothing.
        Assert.Equal([bureau.B, bureau.O], drill.Lines.Where(l => !l.Met).Select(l => l.OrgUnitId).Order());
        Assert.Equal([bureau.A, bureau.New], drill.Lines.Where(l => l.Met).Select(l => l.OrgUnitId).Order());
        Assert.Equal(2, drill.Lines.Single(l => l.OrgUnitId == bureau.A).Records.Count);
        Assert.Equal([bureau.NewWarningEducation], drill.Lines.Single(l => l.OrgUnitId == bureau.New).Records.Select(r => r.Id));
        Assert.DoesNotContain(drill.Lines, l => l.OrgUnitId == bureau.Closed);
        Assert.All(drill.Lines, l => Assert.Equal(Period.Quarter(2024, 1), l.Period));
    }

    [Fact]
    public async Task MeetingsComplianceListsEachKindsInstancesOfTheBranchFoundedMidQuarter()
    {
        var dashboards = Services.GetRequiredService<DashboardService>();
        var drill = await dashboards.DuesAsync(TestUsers.Leader, bureau.New, Period.Quarter(2024, 1), MetricNames.MeetingsCompliance, Xunit.TestContext.Current.CancellationToken);

        // Founded on 15 February: February's and March's monthly meetings and the quarter's; its one 支部党员大会 met.
        Assert.Equal(8, drill.Lines.Count);
        var met = Assert.Single(drill.Lines, l => l.Met);
        Assert.Equal(Period.Quarter(2024, 1), met.Period);
        Assert.Single(met.Records);
        Assert.DoesNotContain(drill.Lines, l => l.Period == Period.Month(2024, 1));
    }

    [Fact]
    public async Task ASecretaryCannotListTheBranchQuartersOfAnotherBranch()
    {
        var dashboards = Services.GetRequiredService<DashboardService>();
        await Assert.ThrowsAsync<PartyPortal.Access.AccessDeniedException>(() =>
            dashboards.DuesAsync(TestUsers.Secretary(bureau.A), bureau.B, Period.Quarter(2024, 1), MetricNames.MeetingsCompliance, Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheMembersAreReadOncePerSnapshotHoweverManyPagesShowThem()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var period = Period.Quarter(2024, 1);
        await engine.GetAsync(bureau.County, period, ct);

        // Five open pages (circuits, each with its own scoped service) show the county's new snapshot at once.
        async Task<int> ReadsByPagesAsync(int pages)
        {
            var before = counted.Commands("MemberAssignments");
            var circuits = Enumerable.Range(0, pages).Select(_ => Services.CreateAsyncScope()).ToList();
            var drills = await Task.WhenAll(circuits.Select(c =>
                c.ServiceProvider.GetRequiredService<DashboardService>().MembersAsync(TestUsers.Leader, bureau.County, period, MetricNames.StudyCompletion, ct)));
            foreach (var circuit in circuits)
            {
                await circuit.DisposeAsync();
            }

            Assert.All(drills, d => Assert.Equal(drills[0].Counted, d.Counted));
            return counted.Commands("MemberAssignments") - before;
        }

        var first = await ReadsByPagesAsync(5);
        Assert.Equal(1, first);
        Assert.Equal(0, await ReadsByPagesAsync(5));

        // A write that moves the county's figures makes a new snapshot: read once more, for all the pages.
        var old = await engine.GetAsync(bureau.County, period, ct);
        var activities = Services.GetRequiredService<ActivityService>();
        var result = await activities.RecordAsync(TestUsers.PartyOffice, new ActivityInput
        {
            KindCode = "warning-education",
            OrgUnitId = bureau.B,
            Date = new DateOnly(2024, 3, 28),
            Title = "观看警示教育片",
            Attendance = [new AttendanceInput { MemberId = bureau.B1 }],
        }, ct);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        for (var i = 0; i < 400 && ReferenceEquals(old, await engine.GetAsync(bureau.County, period, ct)); i++)
        {
            await Task.Delay(25, ct);
        }

        Assert.NotSame(old, await engine.GetAsync(bureau.County, period, ct));
        Assert.Equal(first, await ReadsByPagesAsync(5));
    }

    /// <summary>
    /// The records list is shared between pages like the members, but only between readers who see the same list: a
    /// restricted kind (纪检) read for one who may read discipline records must not reach a page of one who may not.
    /// </summary>
    [Fact]
    public async Task TheRecordsAreReadOncePerSnapshotAndRestrictedKindsReachOnlyThoseWhoMayReadThem()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var period = Period.Quarter(2024, 1);
        var activities = Services.GetRequiredService<ActivityService>();
        var result = await activities.RecordAsync(TestUsers.Discipline, new ActivityInput
        {
            KindCode = PartyPortal.Data.ActivityKindCatalogue.Codes.DualInvestigation,
            OrgUnitId = bureau.B,
            Date = new DateOnly(2024, 2, 20),
            Title = "一案双查（保密）",
            Quantity = 1,
        }, ct);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        var restrictedId = result.Id!.Value;
        var metric = MetricInfo.Of(MetricNames.ActivityCount);

        var snapshot = await engine.GetAsync(bureau.County, period, ct);
        for (var i = 0; i < 400 && snapshot.Sequence < await LatestSequenceAsync(); i++)
        {
            await Task.Delay(25, ct);
            snapshot = await engine.GetAsync(bureau.County, period, ct);
        }

        async Task<(IReadOnlyList<DrillActivity>[] Lists, int Reads)> ReadByPagesAsync(System.Security.Claims.ClaimsPrincipal user, int pages)
        {
            var before = counted.Commands("Activities");
            var circuits = Enumerable.Range(0, pages).Select(_ => Services.CreateAsyncScope()).ToList();
            var lists = await Task.WhenAll(circuits.Select(c =>
                c.ServiceProvider.GetRequiredService<DashboardService>().RecordsAsync(user, bureau.County, period, metric, ct)));
            foreach (var circuit in circuits)
            {
                await circuit.DisposeAsync();
            }

            return (lists, counted.Commands("Activities") - before);
        }

        var discipline = await ReadByPagesAsync(TestUsers.Discipline, 3);
        Assert.All(discipline.Lists, l => Assert.Contains(l, a => a.Id == restrictedId));
        Assert.Equal(1, discipline.Reads);

        var leaders = await ReadByPagesAsync(TestUsers.Leader, 3);
        Assert.All(leaders.Lists, l => Assert.DoesNotContain(l, a => a.Id == restrictedId));
        Assert.All(leaders.Lists, l => Assert.Equal(discipline.Lists[0].Count - 1, l.Count));
        Assert.Equal(1, leaders.Reads);

        Assert.Equal(0, (await ReadByPagesAsync(TestUsers.Leader, 3)).Reads);
    }

    private Task<long> LatestSequenceAsync() => Database.LatestChangeSequenceAsync(Xunit.TestContext.Current.CancellationToken);
}
