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
/// The drill-down lists following writes on <see cref="MetricsTestBureau"/>: a list made for one snapshot is brought
/// up to the next by re-reading only the units the engine re-read, and is then what a whole read would give.
/// </summary>
public sealed class DrillFollowingTests : PortalTestContext
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

    /// <summary>
    /// A members list (and a branch list) follows a write by re-reading only the units the engine re-read (the rest of a
    /// province's 60,000 members are kept): after random records, edits (titles, dates across quarters, attendees) and
    /// deletes, each list so followed equals one read whole.
    /// </summary>
    [Fact]
    public async Task AListFollowingWritesByTheUnitsTheyChangedEqualsOneReadWhole()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var dashboards = Services.GetRequiredService<DashboardService>();
        var activities = Services.GetRequiredService<ActivityService>();
        (int Scope, Period Period, string Metric)[] lists =
        [
            .. new[] { bureau.Municipal, bureau.County }.SelectMany(scope => new[] { Period.Quarter(2024, 1), Period.OfYear(2024) }
                .SelectMany(period => new[] { MetricNames.WarningEducationCoverage, MetricNames.TrainingCoverage, MetricNames.StudyCompletion }
                    .Select(metric => (scope, period, metric)))),
        ];
        var shown = new Dictionary<(int, Period, string), MemberDrill>();
        var dues = new Dictionary<(int, Period, string), DueDrill>();
        foreach (var list in lists)
        {
            shown[list] = await dashboards.MembersAsync(TestUsers.Leader, list.Scope, list.Period, list.Metric, ct);
            if (list.Metric != MetricNames.StudyCompletion)
            {
                // The branch-level lists beside them: 警示教育's (branch, quarter) pairs and 三会一课's instances.
                var branchMetric = list.Metric == MetricNames.TrainingCoverage ? MetricNames.MeetingsCompliance : list.Metric;
                dues[list] = await dashboards.DuesAsync(TestUsers.Leader, list.Scope, list.Period, branchMetric, ct);
            }
        }

        var random = new Random(7);
        var mine = new List<int>();
        var rolls = new Dictionary<int, int[]>
        {
            [bureau.A] = [bureau.A1, bureau.A2, bureau.A3],
            [bureau.B] = [bureau.B1],
            [bureau.O] = [bureau.O1],
            [bureau.County] = [bureau.A1, bureau.A2, bureau.A3, bureau.B1], // a committee's training or 警示教育 for its branches
        };
        int[] places = [.. rolls.Keys];
        string[] kinds = ["warning-education", "training", "themed-party-day"];
        var followed = 0;
        var written = 0;
        var compared = new Dictionary<(int, Period, string), long>();
        var duesFollowed = 0;
        for (var step = 0; step < 24; step++)
        {
            var place = places[random.Next(places.Length)];
            var input = new ActivityInput
            {
                KindCode = kinds[random.Next(kinds.Length)],
                OrgUnitId = place,
                Date = new DateOnly(2024, 1, 1).AddDays(random.Next(140)),
                Title = $"随机活动 {step}",
                Attendance = [.. rolls[place].Where(_ => random.Next(2) == 0).Select(m => new AttendanceInput { MemberId = m })],
            };
            if (input.KindCode == "training")
            {
                input.TrainingFor = [CadreLevel.Section, CadreLevel.Division, CadreLevel.General];
                input.OrganiserLevel = OrganiserLevel.County;
            }

            if (mine.Count > 0 && random.Next(3) == 0 && await activities.GetAsync(TestUsers.PartyOffice, mine[^1], ct) is { } view)
            {
                // An edit of the last record: its title, date and attendees (from its own unit's roll); its unit stays.
                input.OrgUnitId = view.OrgUnitId;
                input.KindCode = view.KindCode;
                input.TrainingFor = [.. view.TrainingFor];
                input.OrganiserLevel = view.OrganiserLevel;
                input.Attendance = [.. rolls[view.OrgUnitId].Where(_ => random.Next(2) == 0).Select(m => new AttendanceInput { MemberId = m })];
                written += (await activities.UpdateAsync(TestUsers.PartyOffice, mine[^1], input, view.Version, ct)).Succeeded ? 1 : 0;
            }
            else if (mine.Count > 0 && random.Next(5) == 0)
            {
                written += (await activities.DeleteAsync(TestUsers.PartyOffice, mine[^1], ct: ct)).Succeeded ? 1 : 0;
                mine.RemoveAt(mine.Count - 1);
            }
            else if ((await activities.RecordAsync(TestUsers.PartyOffice, input, ct)) is { Succeeded: true } recorded)
            {
                mine.Add(recorded.Id!.Value);
                written++;
            }

            await UntilAppliedAsync(ct);
            foreach (var list in lists)
            {
                // A write that leaves the figures as they were (a title, a date within the period) makes no new snapshot,
                // and the lists stay as they are until one that moves them: compared then.
                var sequence = (await engine.GetAsync(list.Scope, list.Period, ct)).Sequence;
                if (sequence == compared.GetValueOrDefault(list))
                {
                    continue;
                }

                compared[list] = sequence;
                var before = shown[list];
                var now = await dashboards.MembersAsync(TestUsers.Leader, list.Scope, list.Period, list.Metric, ct);
                var whole = await WholeAsync(list.Scope, list.Period, list.Metric, ct);
                Assert.True(DrillRows.SameMembers(whole.Lines, now.Lines) && DrillRows.SameRecords(whole.Records, now.Records),
                    $"step {step}: {list} followed differs from one read whole: " + Describe(whole) + " vs " + Describe(now));
                followed += !ReferenceEquals(before, now) && now.Lines.Any(l => before.Lines.Contains(l, ReferenceEqualityComparer.Instance)) ? 1 : 0;
                shown[list] = now;
                if (dues.ContainsKey(list))
                {
                    var branchMetric = list.Metric == MetricNames.TrainingCoverage ? MetricNames.MeetingsCompliance : list.Metric;
                    var duesNow = await dashboards.DuesAsync(TestUsers.Leader, list.Scope, list.Period, branchMetric, ct);
                    var duesWhole = await Unshared().DuesAsync(TestUsers.Leader, list.Scope, list.Period, branchMetric, ct);
                    Assert.True(DrillRows.SameDues(duesWhole.Lines, duesNow.Lines), $"step {step}: {list.Scope} {list.Period} {branchMetric} followed differs from one read whole");
                    duesFollowed += !ReferenceEquals(dues[list], duesNow) && duesNow.Lines.Any(l => dues[list].Lines.Contains(l, ReferenceEqualityComparer.Instance)) ? 1 : 0;
                    dues[list] = duesNow;
                }
            }
        }

        Assert.True(written >= 16, $"only {written} of 24 writes succeeded: the test writes too little");
        Assert.True(followed > 0, "no members list kept a line of the one before it: none was followed, all were read whole");
        Assert.True(duesFollowed > 0, "no branch list kept a line of the one before it");
    }

    [Fact]
    public async Task AWriteInOneBranchLeavesTheOtherBranchesMemberLinesAsTheyWere()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var dashboards = Services.GetRequiredService<DashboardService>();
        var period = Period.Quarter(2024, 1);
        var before = await FollowableAsync(dashboards, period, MetricNames.WarningEducationCoverage, ct);

        await WriteWarningEducationAsync(bureau.B, bureau.B1, ct);
        var after = await dashboards.MembersAsync(TestUsers.Leader, bureau.Municipal, period, MetricNames.WarningEducationCoverage, ct);

        Assert.True(after.Lines.Single(l => l.MemberId == bureau.B1).Counted);
        Assert.All(after.Lines.Where(l => l.MemberId != bureau.B1 && l.MemberId != bureau.T),
            l => Assert.Same(before.Lines.Single(b => b.MemberId == l.MemberId), l));
    }

    /// <summary>
    /// A committee's training shows in the lines of the branches' members who attended it. Should its title change
    /// without their branches being re-read, the next list that follows a write elsewhere still shows the new title: a
    /// kept line is checked against the activities it shows.
    /// </summary>
    [Fact]
    public async Task AKeptLineShowsTheNewTitleOfAnotherUnitsActivityItCounted()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var dashboards = Services.GetRequiredService<DashboardService>();
        var period = Period.Quarter(2024, 1);
        var before = await FollowableAsync(dashboards, period, MetricNames.TrainingCoverage, ct);
        int training;
        await using (var db = Database.CreateDbContext())
        {
            training = await db.Activities.Where(a => a.OrgUnitId == bureau.County && a.Kind!.Code == "training").Select(a => a.Id).SingleAsync(ct);
        }

        // Changed without a change record naming the attendees' branches (an edit through the portal names them): the
        // kept lines must not rely on every edit doing so.
        await using (var db = Database.CreateDbContext())
        {
            await db.Activities.Where(a => a.Id == training).ExecuteUpdateAsync(a => a.SetProperty(x => x.Title, "科级干部专题培训（更正）"), ct);
        }

        await WriteWarningEducationAsync(bureau.O, bureau.O1, ct);

        var after = await dashboards.MembersAsync(TestUsers.Leader, bureau.Municipal, period, MetricNames.TrainingCoverage, ct);

        Assert.Equal("科级干部专题培训（更正）", after.Lines.Single(l => l.MemberId == bureau.A1).Attended.Single(a => a.Activity.Id == training).Activity.Title);
        Assert.Contains(after.Records, r => r.Id == training && r.Title == "科级干部专题培训（更正）");
        Assert.True(DrillRows.SameMembers((await WholeAsync(bureau.Municipal, period, MetricNames.TrainingCoverage, ct)).Lines, after.Lines));
        Assert.NotSame(before, after);
    }

    /// <summary>
    /// The bureau's members list of <paramref name="metric"/>, made so that the next write's list follows it: the first
    /// write after a list is first read makes it whole once more (the list may predate the engine's own read).
    /// </summary>
    private async Task<MemberDrill> FollowableAsync(DashboardService dashboards, Period period, string metric, CancellationToken ct)
    {
        await WriteWarningEducationAsync(bureau.O, bureau.O1, ct);
        await dashboards.MembersAsync(TestUsers.Leader, bureau.Municipal, period, metric, ct);
        await WriteWarningEducationAsync(bureau.O, bureau.O1, ct);
        return await dashboards.MembersAsync(TestUsers.Leader, bureau.Municipal, period, metric, ct);
    }

    private async Task WriteWarningEducationAsync(int unit, int member, CancellationToken ct)
    {
        var result = await Services.GetRequiredService<ActivityService>().RecordAsync(TestUsers.PartyOffice, new ActivityInput
        {
            KindCode = "warning-education",
            OrgUnitId = unit,
            Date = new DateOnly(2024, 3, 25),
            Title = "观看警示教育片",
            Attendance = [new AttendanceInput { MemberId = member }],
        }, ct);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await UntilAppliedAsync(ct);
    }

    private async Task UntilAppliedAsync(CancellationToken ct)
    {
        var latest = await Database.LatestChangeSequenceAsync(ct);

        for (var i = 0; i < 400 && engine.AppliedSequence < latest; i++)
        {
            await Task.Delay(25, ct);
        }

        Assert.Equal(latest, engine.AppliedSequence);
    }

    /// <summary>A list in one line, for a failure's message: each member at its unit, its count and what counted it.</summary>
    private static string Describe(MemberDrill d) => string.Join(" | ", d.Lines.Select(l => $"{l.MemberId}@{l.OrgUnitId} {l.Completed}/{l.Required} [{string.Join(",", l.Attended.Select(a => $"{a.Activity.Id}:{a.Activity.Date}:{a.Activity.Title}"))}]"))
        + " ; records " + string.Join(",", d.Records.Select(r => r.Id));

    /// <summary>The list read whole, by a service whose shared reads hold nothing yet.</summary>
    private Task<MemberDrill> WholeAsync(int scope, Period period, string metric, CancellationToken ct) =>
        Unshared().MembersAsync(TestUsers.Leader, scope, period, metric, ct);

    /// <summary>A dashboard service with shared reads of its own, empty: each list it gives is read whole.</summary>
    private DashboardService Unshared() => ActivatorUtilities.CreateInstance<DashboardService>(Services, new SnapshotReads(Time));
}
