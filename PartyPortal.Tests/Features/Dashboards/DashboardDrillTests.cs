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

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            bureau = await MetricsTestBureau.SeedAsync(db);
        }

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
}
