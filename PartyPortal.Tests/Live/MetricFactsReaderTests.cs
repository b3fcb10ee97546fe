using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Live;

/// <summary>
/// The metrics of DOMAIN.md on <see cref="MetricsTestBureau"/>, for 2024Q1 counted on 2024-05-20, with every
/// expected figure worked out by hand in the comments.
/// </summary>
public sealed class MetricFactsReaderTests : ServiceTestContext
{
    private static readonly Period Q1 = Period.Quarter(2024, 1);
    private MetricsTestBureau bureau = null!;
    private PeriodFacts facts = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        bureau = await MetricsTestBureau.SeedAsync(db);
        facts = await new MetricFactsReader(Database).ReadAllAsync(Q1, Today, Ct);
    }

    private MetricValues Of(int scope) => MetricsSnapshot.Build(facts, facts.Unit(scope)!, DateTimeOffset.UnixEpoch).Values;

    [Fact]
    public void WarningEducationCoverageCountsABranchOnceHoweverManySessions()
    {
        // A (two sessions) and the new branch held one; B none; O's only one was deleted; the closed branch did not exist.
        Assert.Equal(new Ratio(2, 4), Of(bureau.Municipal).WarningEducationCoverage);
        Assert.Equal(new Ratio(2, 3), Of(bureau.County).WarningEducationCoverage);
        Assert.Equal(new Ratio(1, 1), Of(bureau.A).WarningEducationCoverage);
        Assert.Equal(new Ratio(0, 1), Of(bureau.O).WarningEducationCoverage);
    }

    [Fact]
    public void ABranchFoundedMidQuarterIsCountedForThatQuarterAndAClosedOneIsNot()
    {
        Assert.Equal(new Ratio(1, 1), Of(bureau.New).WarningEducationCoverage);
        Assert.Equal(new Ratio(0, 0), Of(bureau.Closed).WarningEducationCoverage);
        Assert.Null(Of(bureau.Closed).WarningEducationCoverage.Value);

        // Founded on 15 February: it owes February's and March's monthly meetings and the quarter's, not January's.
        Assert.Equal(new Ratio(1, 3 * 2 + 2), Of(bureau.New).MeetingsCompliance);
    }

    [Fact]
    public void MemberCoverageCountsPresenceOnlyAndFollowsATransferredMember()
    {
        // a1 present twice, a2 excused, a3 absent; T present in A in January, a member of B since 11 February;
        // n1 present; o1 present only at a deleted session.
        Assert.Equal(new Ratio(3, 7), Of(bureau.Municipal).WarningEducationMemberCoverage);
        Assert.Equal(new Ratio(1, 3), Of(bureau.A).WarningEducationMemberCoverage);
        Assert.Equal(new Ratio(1, 2), Of(bureau.B).WarningEducationMemberCoverage);
        Assert.Equal(new Ratio(0, 1), Of(bureau.O).WarningEducationMemberCoverage);
    }

    [Fact]
    public void StudyCompletionCountsPresenceAndMakeUpStudyAgainstTheTopicsDueForEachAudience()
    {
        // T1 (everyone, 7 pairs): a1 and a3 present, a2 made up, T excused. T2 (youth): a3, not done. T3 (科级):
        // a1 (at a study in April: the topic is due in Q1, where it was studied does not matter) and o1.
        // The April topic is not due in Q1.
        Assert.Equal(new Ratio(5, 10), Of(bureau.Municipal).StudyCompletion);
        Assert.Equal(new Ratio(4, 8), Of(bureau.County).StudyCompletion);
        Assert.Equal(new Ratio(4, 5), Of(bureau.A).StudyCompletion);
        Assert.Equal(0.5, Of(bureau.Municipal)[MetricNames.StudyCompletion]);
    }

    [Fact]
    public void TrainingCoverageCountsOnlyTrainingsFlaggedForTheMembersLevel()
    {
        var bureauValues = Of(bureau.Municipal);
        Assert.Equal(new Ratio(1, 2), bureauValues.TrainingCoverageOf(CadreLevel.Section));
        Assert.Equal(new Ratio(1, 1), bureauValues.TrainingCoverageOf(CadreLevel.Division));

        // T sat in the 科级/处级 training and o1 in a 一般干部 one: neither counts for their own level.
        Assert.Equal(new Ratio(0, 4), bureauValues.TrainingCoverageOf(CadreLevel.General));
        Assert.Equal(new Ratio(2, 3), bureauValues.TrainingCoverage);
    }

    [Fact]
    public void MeetingsComplianceIsInstancesMetOverInstancesDue()
    {
        // A: 主题党日 in each month, nothing else (3 of 11); B and O nothing (0 of 11 each); the new branch 1 of 8.
        Assert.Equal(new Ratio(3, 11), Of(bureau.A).MeetingsCompliance);
        Assert.Equal(new Ratio(4, 30), Of(bureau.County).MeetingsCompliance);
        Assert.Equal(new Ratio(4, 41), Of(bureau.Municipal).MeetingsCompliance);
    }

    [Fact]
    public void ActivityCountLeavesOutDeletedAndRestrictedRecords()
    {
        Assert.Equal(10, Of(bureau.Municipal).ActivityCount);
        Assert.Equal(8, Of(bureau.County).ActivityCount);
        Assert.Equal(2, Of(bureau.O).ActivityCount);
    }

    [Fact]
    public void RectificationCountsItemsFoundByThePeriodsEndAndWhatWasOverdueThen()
    {
        var values = Of(bureau.Municipal);
        Assert.Equal(new Ratio(1, 4), values.RectificationClosure);
        Assert.Equal(2, values.RectificationOverdue);
        Assert.Equal(new Ratio(1, 3), Of(bureau.County).RectificationClosure);
        Assert.Equal(1, Of(bureau.County).RectificationOverdue);
    }

    [Fact]
    public void StarsAreTheLatestPublishedYearWithTheQuotaFromTheYearBefore()
    {
        Assert.Equal(2023, facts.StarYear);
        var values = Of(bureau.Municipal);
        Assert.Equal([0, 0, 0, 0, 3], values.StarDistribution);
        Assert.Equal(3, values.FiveStarCount);
        Assert.Equal(2, values.FiveStarQuota); // ⌈1 × 1.1⌉
        Assert.Equal(2, Of(bureau.County).FiveStarQuota);
        Assert.Equal(0, Of(bureau.Organs).FiveStarQuota);
    }

    [Fact]
    public async Task TheQuotaFollowsTheRatingYearsScheme()
    {
        // 2023's scheme lets five-star branches grow by 50 % and caps them at 40 % of those rated. The whole bureau:
        // ⌈1 × 1.5⌉ = 2 by growth, ⌊3 × 40 %⌋ = 1 by the cap. The county: 2 by growth, ⌊2 × 40 %⌋ = 0 by the cap.
        await using (var db = Database.CreateDbContext())
        {
            db.StarRubrics.Add(new StarRubric { Year = 2023, Name = "2023年度评定方案", FiveStarGrowthPercent = 50, FiveStarCapPercent = 40 });
            await db.SaveChangesAsync(Ct);
        }

        facts = await new MetricFactsReader(Database).ReadAllAsync(Q1, Today, Ct);

        Assert.Equal(1, Of(bureau.Municipal).FiveStarQuota);
        Assert.Equal(0, Of(bureau.County).FiveStarQuota);
    }

    [Fact]
    public void TheSnapshotSplitsByTierAndListsTheScopesChildren()
    {
        var snapshot = MetricsSnapshot.Build(facts, facts.Unit(bureau.Municipal)!, DateTimeOffset.UnixEpoch);
        Assert.Equal([bureau.Organs, bureau.County], snapshot.Children.Select(c => c.OrgUnitId));
        var organs = snapshot.Tiers.Single(t => t.Tier == OrgTier.MunicipalOrgans).Values;
        var county = snapshot.Tiers.Single(t => t.Tier == OrgTier.County).Values;
        Assert.Equal(new Ratio(0, 1), organs.WarningEducationCoverage);
        Assert.Equal(new Ratio(2, 3), county.WarningEducationCoverage);
        Assert.Equal(MetricNames.All, snapshot.Values.Headline().Keys);
    }

    [Fact]
    public async Task ARunningQuarterOwesOnlyWhatHasComeDue()
    {
        // On 20 May: no 警示教育 yet in Q2, and the April guide is due; April's and May's monthly meetings count
        // only once missed (April) — May is still running.
        var q2 = await new MetricFactsReader(Database).ReadAllAsync(Period.Quarter(2024, 2), Today, Ct);
        var values = MetricsSnapshot.Build(q2, q2.Unit(bureau.A)!, DateTimeOffset.UnixEpoch).Values;
        Assert.Equal(new Ratio(0, 1), values.WarningEducationCoverage);
        Assert.Equal(new Ratio(0, 3), values.StudyCompletion);
        Assert.Equal(new Ratio(0, 3), values.MeetingsCompliance);
        Assert.Equal(1, values.ActivityCount);
    }
}
