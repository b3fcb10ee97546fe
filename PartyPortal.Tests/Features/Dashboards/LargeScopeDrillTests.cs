using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Data;
using PartyPortal.Features.Dashboards;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Dashboards;

/// <summary>
/// A scope with more members than a database takes values in one statement: a provincial bureau's whole-province
/// 看板 lists some 60,000 members, and SQLite refuses a statement with more than 32,766 variables. The lists under the
/// member-based figures must still be read whole and add up to the figures.
/// </summary>
public sealed class LargeScopeDrillTests : PortalTestContext
{
    private const int Branches = 35;
    private const int MembersPerBranch = 1_000;

    private static readonly Period Quarter = Period.Quarter(2024, 2);

    private int committee;
    private int firstBranch;
    private List<int> roll = null!;
    private LiveMetrics engine = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            await SeedAsync(db);
        }

        Services.AddScoped<DashboardService>();
        Services.AddScoped<PartyPortal.Features.Activities.ActivityService>();
        engine = await StartLiveMetricsAsync();
    }

    /// <remarks>One test, not one per figure: the bureau takes seconds to seed.</remarks>
    [Fact]
    public async Task EveryMemberAndBranchOfTheWholeScopeIsListedAndTheListsAddUpToTheFigures()
    {
        var dashboards = Services.GetRequiredService<DashboardService>();
        var values = (await engine.GetAsync(committee, Quarter, Ct)).Values;
        foreach (var (metric, figure) in new[]
        {
            (MetricNames.WarningEducationCoverage, values.WarningEducationMemberCoverage),
            (MetricNames.TrainingCoverage, values.TrainingCoverage),
            (MetricNames.StudyCompletion, values.StudyCompletion),
        })
        {
            var drill = await dashboards.MembersAsync(TestUsers.Leader, committee, Quarter, metric, Ct);

            Assert.True(figure.Denominator > 32_766, $"{metric} counts {figure.Denominator}: more than one statement's variables");
            Assert.Equal((3, figure.Denominator), (figure.Numerator, drill.Lines.Count));
            Assert.Equal((figure.Numerator, figure.Denominator), (drill.Counted, drill.Counted + drill.NotCounted));
            Assert.Single(drill.Records);
        }

        var dues = await dashboards.DuesAsync(TestUsers.Leader, committee, Quarter, MetricNames.WarningEducationCoverage, Ct);
        var records = await dashboards.RecordsAsync(TestUsers.Leader, committee, Quarter, MetricInfo.Of(MetricNames.WarningEducationCoverage), Ct);

        Assert.Equal(Branches, dues.Lines.Count);
        Assert.Equal([firstBranch], dues.Lines.Where(l => l.Met).Select(l => l.OrgUnitId));
        Assert.Single(records);
    }

    /// <summary>
    /// A committee of <see cref="Branches"/> branches of <see cref="MembersPerBranch"/> members, all 科级 (so every one
    /// is in the training figure); one 警示教育, one training and one study of the quarter's topic, each attended by the
    /// first three members of the first branch.
    /// </summary>
    private async Task SeedAsync(PortalDbContext db)
    {
        await ActivityKindCatalogue.EnsureSeededAsync(db, Ct);
        committee = (await TestTree.AddUnitAsync(db, "省局党委", OrgUnitType.MunicipalCommittee, null)).Id;
        var parent = await db.OrgUnits.SingleAsync(u => u.Id == committee, Ct);
        var branches = new List<int>();
        for (var b = 0; b < Branches; b++)
        {
            branches.Add((await TestTree.AddUnitAsync(db, $"第{b + 1}党支部", OrgUnitType.Branch, parent, b)).Id);
        }

        firstBranch = branches[0];
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var since = new DateOnly(2020, 1, 1);
        foreach (var branch in branches)
        {
            for (var m = 0; m < MembersPerBranch; m++)
            {
                var member = new Member { Name = $"党员{branch}-{m}", CadreLevel = CadreLevel.Section, BirthYear = 1980, Gender = Gender.Female, OrgUnitId = branch };
                member.Assignments.Add(new MemberAssignment { OrgUnitId = branch, From = since });
                db.Members.Add(member);
            }
        }

        await db.SaveChangesAsync(Ct);
        roll = await db.Members.Where(m => m.OrgUnitId == firstBranch).OrderBy(m => m.Id).Select(m => m.Id).Take(3).ToListAsync(Ct);

        var topic = new StudyTopic { Title = "五月学习指引", PublishedOn = new DateOnly(2024, 4, 10), DueOn = new DateOnly(2024, 5, 10) };
        db.StudyTopics.Add(topic);
        await db.SaveChangesAsync(Ct);

        var kinds = await db.ActivityKinds.ToDictionaryAsync(k => k.Code, k => k.Id, Ct);
        Activity Held(string code, string title, DateOnly date)
        {
            var activity = new Activity { KindId = kinds[code], OrgUnitId = firstBranch, Date = date, Title = title };
            activity.Attendance.AddRange(roll.Select(m => new Attendance { MemberId = m, Status = AttendanceStatus.Present }));
            db.Activities.Add(activity);
            return activity;
        }

        Held(ActivityKindCatalogue.Codes.WarningEducation, "观看警示教育片", new DateOnly(2024, 4, 20));
        Held(ActivityKindCatalogue.Codes.Training, "科级干部培训", new DateOnly(2024, 4, 22)).TrainingFor = CadreLevels.Section;
        Held(ActivityKindCatalogue.Codes.FirstTopicStudy, "五月第一议题", new DateOnly(2024, 5, 8)).StudyTopicId = topic.Id;
        await db.SaveChangesAsync(Ct);
    }
}
