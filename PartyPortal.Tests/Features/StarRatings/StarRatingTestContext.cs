using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyPortal.Access;
using PartyPortal.Features.StarRatings;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Live;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

/// <summary>
/// The star-rating cycle's services on <see cref="MetricsTestBureau"/> (counted on 2024-05-20), with the live engine
/// proposing the measured items' points and a 2024 scheme of every item kind and one veto (an item overdue 30 days).
/// The branches rated in 2024 are A, B and O (the new branch is temporary, the closed one closed in 2023).
/// </summary>
public abstract class StarRatingTestContext : ServiceTestContext
{
    protected const int Year = 2024;
    protected MetricsTestBureau Bureau { get; private set; } = null!;
    protected LiveMetrics Engine { get; private set; } = null!;
    protected StarAssessmentService Assessments { get; private set; } = null!;
    protected StarReviewService Reviews { get; private set; } = null!;

    /// <summary>The scheme's items, in order: measured (整改销号率, 10), judged basic (60), appraisal (30), bonus (5), deduction (5).</summary>
    protected int Closure { get; private set; }
    protected int Organisation { get; private set; }
    protected int Appraisal { get; private set; }
    protected int Bonus { get; private set; }
    protected int Deduction { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            Bureau = await MetricsTestBureau.SeedAsync(db);
        }

        Engine = new LiveMetrics(
            new MetricFactsReader(Database), new ChangeOutbox(Database), Bus, Clock, Time, new OutputLogger<LiveMetrics>(),
            Options.Create(new LiveMetricsOptions { CoalesceMilliseconds = 0 }));
        await Engine.StartAsync(Ct);
        Assessments = new StarAssessmentService(Database, Guard, Audit, Clock, Bus, new StarLedger(Engine, Database, Clock));
        Reviews = new StarReviewService(Database, Guard, Audit, Clock, Bus);

        var schemes = new StarSchemeService(Database, Guard, Audit, Clock, Bus);
        var saved = await schemes.SaveAsync(TestUsers.PartyOffice, Year, Scheme(), Ct);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Values));
        var criteria = (await schemes.GetAsync(TestUsers.PartyOffice, Year, Ct))!.Rubric.Criteria.OrderBy(c => c.SortOrder).Select(c => c.Id).ToList();
        (Closure, Organisation, Appraisal, Bonus, Deduction) = (criteria[0], criteria[1], criteria[2], criteria[3], criteria[4]);
    }

    public override async ValueTask DisposeAsync()
    {
        await Engine.StopAsync(Ct);
        Engine.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The 2024 scheme: one item of every kind, the first measured, and one veto.</summary>
    public static StarSchemeInput Scheme() => new StarSchemeInput
    {
        Name = "2024年度党支部星级化管理评定方案",
        Items =
        [
            new() { Group = "作用发挥", Name = "整改销号", MaxScore = 10, Measure = CriterionMeasure.RectificationClosure, ZeroBelowPercent = 0, FullAtPercent = 100 },
            new() { Group = "组织生活", Name = "组织生活规范", MaxScore = 60 },
            new() { Group = "评议", Name = "党员评议", Kind = CriterionKind.Appraisal, MaxScore = 30 },
            new() { Group = "加分", Name = "获得表彰", Kind = CriterionKind.Bonus, MaxScore = 5 },
            new() { Group = "减分", Name = "通报批评", Kind = CriterionKind.Deduction, MaxScore = 5 },
        ],
        Vetoes = [new() { Kind = VetoKind.RectificationOverdue, OverdueDays = 30, MaxStars = 3 }],
    };

    protected ClaimsPrincipal Secretary => TestUsers.Secretary(Bureau.A);

    protected static StarAssessmentInput Lines(Guid? version, params (int Criterion, decimal? Score, string? Note)[] lines) => new()
    {
        Version = version,
        Scores = [.. lines.Select(l => new StarScoreInput { CriterionId = l.Criterion, SelfScore = l.Score, SelfNote = l.Note, Evidence = "支委会会议记录" })],
    };

    protected StarAssessmentInput Complete(Guid? version, decimal closureScore = 3.3m, string? note = null) =>
        Lines(version, (Closure, closureScore, note), (Organisation, 55, null), (Appraisal, 27, null), (Bonus, 2, null), (Deduction, 0, null));

    protected async Task<(int Assessments, int Scores, int Audits)> CountsAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.StarAssessments.CountAsync(Ct), await db.CriterionScores.CountAsync(Ct),
            await db.AuditEntries.CountAsync(a => a.EntityType == nameof(StarAssessment), Ct));
    }

}
