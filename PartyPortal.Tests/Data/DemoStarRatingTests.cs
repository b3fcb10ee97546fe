using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Data.DemoData;
using PartyPortal.Features.StarRatings;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Live;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Data;

/// <summary>
/// The seeded demo's star-rating cycle is the one its services would have written: the current year in every state,
/// past years decided and published under the quota, each number traceable to the scores, the records and the ledger.
/// </summary>
public class DemoStarRatingTests(DemoBureauFixture bureau)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int ThisYear => DemoBureauFixture.Today.Year;

    [Fact]
    public async Task TheCurrentYearsReviewListShowsEveryStateAndSecretary2IsAssessing()
    {
        await using var db = bureau.CreateDbContext();
        var rubric = await db.StarRubrics.Include(r => r.Criteria).Include(r => r.Vetoes).SingleAsync(r => r.Year == ThisYear, Ct);
        var rated = await StarLedger.RatedBranchesAsync(db, ThisYear, Ct);
        var assessments = await db.StarAssessments.Include(a => a.Scores).Where(a => a.RubricId == rubric.Id).ToListAsync(Ct);

        var states = rated.Select(b => assessments.SingleOrDefault(a => a.OrgUnitId == b.Id)?.Status).ToList();
        var counts = states.GroupBy(s => s).ToDictionary(g => g.Key?.ToString() ?? "NotStarted", g => g.Count());
        Assert.True(counts["NotStarted"] > rated.Count / 2, string.Join(", ", counts));
        foreach (var state in (string[])["Draft", "Submitted", "Approved"])
        {
            Assert.InRange(counts[state], 3, rated.Count / 4);
        }

        Assert.InRange(counts["Returned"], 1, 2);
        Assert.False(counts.ContainsKey("Published"));
        Assert.Null(await db.StarDecisions.SingleOrDefaultAsync(d => d.RubricId == rubric.Id, Ct));

        Assert.All(assessments.Where(a => a.Status == AssessmentStatus.Returned), a => Assert.False(string.IsNullOrEmpty(a.ReturnReason)));
        Assert.All(assessments.Where(a => a.Status == AssessmentStatus.Draft), a => Assert.Null(a.SubmittedAt));
        Assert.All(assessments.Where(a => a.Status != AssessmentStatus.Draft), a =>
        {
            Assert.InRange(DateOnly.FromDateTime(a.SubmittedAt!.Value.DateTime), new DateOnly(ThisYear, 1, 1), DemoBureauFixture.Today);
            Assert.Equal(rubric.Criteria.Count, a.Scores.Count);
        });
        Assert.All(assessments.Where(a => a.Status == AssessmentStatus.Approved), a => Assert.True(a.ReviewedAt > a.SubmittedAt));
        Assert.Contains(assessments, a => a.Status == AssessmentStatus.Draft && a.Scores.Count < rubric.Criteria.Count);

        // The scheme as the editor saves it, frozen by the submissions (the scheme service's own test of frozen).
        Assert.Equal(["班子建设", "队伍建设", "组织生活", "作用发挥", "评议", "加分", "减分"], rubric.Criteria.OrderBy(c => c.SortOrder).Select(c => c.Group).Distinct());
        Assert.Equal(100, rubric.Criteria.Where(c => c.Kind is CriterionKind.Basic or CriterionKind.Appraisal).Sum(c => c.MaxScore));
        Assert.Equal(5, rubric.Criteria.Count(c => c.Measure != CriterionMeasure.None));
        Assert.Equal((VetoKind.RectificationOverdue, (int?)30, 3), Assert.Single(rubric.Vetoes) is var v ? (v.Kind, v.OverdueDays, v.MaxStars) : default);
        Assert.Contains(assessments, a => a.SubmittedAt is not null);

        var units = await db.OrgUnits.OrderBy(u => u.SortOrder).ToListAsync(Ct);
        var settings = await db.BureauSettings.SingleAsync(Ct);
        var secretary2 = DemoAccountUnits.Find(units, settings.DistrictName).CountyBranch!;
        Assert.Equal(AssessmentStatus.Draft, assessments.Single(a => a.OrgUnitId == secretary2.Id).Status);
    }

    [Fact]
    public async Task EachPublishedYearIsTheDecisionOfItsScoresVetoesAndQuota()
    {
        await using var db = bureau.CreateDbContext();
        var decisions = await db.StarDecisions.Include(d => d.Rubric!).ThenInclude(r => r.Criteria).Include(d => d.Rubric!.Vetoes).ToListAsync(Ct);
        Assert.Equal([2022, 2023, 2024, 2025], decisions.Select(d => d.Rubric!.Year).Order());
        var items = await db.ClosedLoopItems.ToListAsync(Ct);
        foreach (var decision in decisions.OrderBy(d => d.Rubric!.Year))
        {
            var rubric = decision.Rubric!;
            var year = rubric.Year;
            var rated = await StarLedger.RatedBranchesAsync(db, year, Ct);
            var assessments = await db.StarAssessments.Include(a => a.Scores).Where(a => a.RubricId == rubric.Id).ToListAsync(Ct);
            Assert.Equal(rated.Select(b => b.Id).Order(), assessments.Select(a => a.OrgUnitId).Order());
            Assert.All(assessments, a => Assert.Equal(AssessmentStatus.Published, a.Status));
            Assert.Equal((new DateOnly(year + 1, 2, 10), new DateOnly(year + 1, 2, 14), (DateOnly?)new DateOnly(year + 1, 2, 20)),
                (decision.DecidedOn, decision.NoticeUntil, decision.PublishedOn));

            // The quota over last year's published five-star count, and this year's count within it.
            var previous = await db.StarRatings.Where(r => r.Year == year - 1).Select(r => r.Stars).ToListAsync(Ct);
            var quota = FiveStarQuota.For(previous.Count == 0 ? null : previous.Count(s => s == 5), rubric.FiveStarGrowthPercent, rubric.FiveStarCapPercent, rated.Count);
            Assert.Equal(quota, decision.Quota);
            var ratings = await db.StarRatings.Include(r => r.Changes).Where(r => r.Year == year).ToListAsync(Ct);
            Assert.InRange(ratings.Count(r => r.Stars == 5), 1, quota ?? int.MaxValue);

            // Every final result again from the lines, the records at year end and the quota, as 评定 makes it.
            var kinds = rubric.Criteria.ToDictionary(c => c.Id, c => c.Kind);
            var veto = Assert.Single(rubric.Vetoes);
            var scored = assessments.Select(a =>
            {
                var capped = items.Any(i => i.OwnerOrgUnitId == a.OrgUnitId && i.IsOverdueBeyond(new DateOnly(year, 12, 31), veto.OverdueDays!.Value));
                return (a.OrgUnitId, StarScoring.Total(a.Scores.Select(s => (kinds[s.CriterionId], s.ReviewedScore ?? s.SelfScore))), capped ? veto.MaxStars : 5, capped ? StarScoring.VetoReason(veto) : null);
            });
            var expected = FiveStarQuota.Apply(scored, rubric.Bands, quota).ToDictionary(r => r.OrgUnitId);
            Assert.All(assessments, a => Assert.Equal(expected[a.OrgUnitId], (a.OrgUnitId, a.FinalScore!.Value, a.FinalStars!.Value, a.FinalReason)));
            Assert.All(ratings.Where(r => r.Changes.Count == 0), r => Assert.Equal(expected[r.OrgUnitId], (r.OrgUnitId, r.Score, r.Stars, r.Reason)));
        }

        // 动态管理 in the latest year only: one star lowered, with its reason, after publication.
        var change = Assert.Single(await db.StarRatingChanges.Include(c => c.Rating).ToListAsync(Ct));
        Assert.Equal((2025, 4, 3), (change.Rating!.Year, change.FromStars, change.ToStars));
        Assert.StartsWith($"动态调整（{change.ChangedOn:yyyy-MM-dd}）：", change.Rating.Reason, StringComparison.Ordinal);
        Assert.All(await db.StarObjections.ToListAsync(Ct), o => Assert.NotNull(o.HandledOn));
    }

    /// <summary>The proposals the demo's lines carry are those the assessment page proposes from the live figures.</summary>
    [Fact]
    public async Task TheLinesCarryTheLedgersProposalsAndANoteWhereTheScoreDeparts()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(DemoBureauFixture.Today.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero));
        var clock = new BureauClock(time, BureauClock.FindZone(null));
        using var engine = new LiveMetrics(
            new MetricFactsReader(bureau.Database), new ChangeOutbox(bureau.Database), new ChangeBus(), clock, time, new OutputLogger<LiveMetrics>(),
            Options.Create(new LiveMetricsOptions { CoalesceMilliseconds = 0 }));
        await engine.StartAsync(Ct);
        var ledger = new StarLedger(engine, bureau.Database, clock);
        try
        {
            await using var db = bureau.CreateDbContext();
            foreach (var year in (int[])[2025, ThisYear])
            {
                var rubric = await db.StarRubrics.AsNoTracking().Include(r => r.Criteria).Include(r => r.Vetoes).SingleAsync(r => r.Year == year, Ct);
                var sample = await db.StarAssessments.AsNoTracking().Include(a => a.Scores).Where(a => a.RubricId == rubric.Id)
                    .OrderBy(a => a.Id).Take(12).ToListAsync(Ct);
                foreach (var assessment in sample)
                {
                    var proposals = await ledger.ProposalsAsync(rubric, assessment.OrgUnitId, Ct);
                    Assert.All(assessment.Scores, s =>
                    {
                        Assert.Equal(proposals[s.CriterionId].Proposed, s.ProposedScore);
                        Assert.True(s.ProposedScore is null || s.ProposedScore == s.SelfScore || !string.IsNullOrEmpty(s.SelfNote));
                    });
                }

                Assert.Contains(sample.SelectMany(a => a.Scores), s => s.ProposedScore is not null);
            }
        }
        finally
        {
            await engine.StopAsync(Ct);
        }
    }
}
