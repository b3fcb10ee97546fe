using PartyPortal.Model;

namespace PartyPortal.Tests.Model;

/// <summary>The scheme's arithmetic on examples worked by hand.</summary>
public sealed class StarScoringTests
{
    private static StarCriterion Measured(decimal max, decimal zeroBelow = 60, decimal fullAt = 100) => new()
    {
        Name = "“三会一课”落实", MaxScore = max, Measure = CriterionMeasure.MeetingsCompliance, ZeroBelowPercent = zeroBelow, FullAtPercent = fullAt,
    };

    [Theory]
    [InlineData(1.00, 25.0)] // at or above the full mark: all the points
    [InlineData(0.95, 21.8)] // 25 × (95 − 60) / 40 = 21.875 → 21.8 (one decimal, never rounded up)
    [InlineData(0.85, 15.6)] // 25 × 25 / 40 = 15.625 → 15.6
    [InlineData(0.60, 0.0)] // the start of the range: 25 × 0 / 40
    [InlineData(0.599, 0.0)] // below it: nothing
    [InlineData(0.00, 0.0)]
    public void AMeasuredItemProposesItsPointsInProportionWithinItsRange(double rate, double expected)
    {
        Assert.Equal((decimal)expected, StarScoring.Proposed(Measured(25), rate));
    }

    [Fact]
    public void AnItemWhoseFullMarkIsBelowAHundredPercentGivesEverythingFromIt()
    {
        // 15 points, nothing below 50 %, all from 90 %: 80 % gives 15 × 30 / 40 = 11.25 → 11.2.
        Assert.Equal(11.2m, StarScoring.Proposed(Measured(15, 50, 90), 0.80));
        Assert.Equal(15m, StarScoring.Proposed(Measured(15, 50, 90), 0.90));
    }

    [Fact]
    public void AJudgedItemAndABranchWithNothingToCountProposeNothing()
    {
        Assert.Null(StarScoring.Proposed(new StarCriterion { Name = "党建与业务融合", MaxScore = 20 }, 0.9));
        Assert.Null(StarScoring.Proposed(Measured(25), null));
    }

    [Fact]
    public void TheTotalAddsBasicAppraisalAndBonusAndTakesDeductions()
    {
        // 70 + 18 + 3 − 2 = 89: four stars under the default bands.
        var total = StarScoring.Total([(CriterionKind.Basic, 45), (CriterionKind.Basic, 25), (CriterionKind.Appraisal, 18), (CriterionKind.Bonus, 3), (CriterionKind.Deduction, 2)]);
        Assert.Equal(89m, total);
        Assert.Equal(4, StarScoring.Stars(total, StarBands.Default, 5));
    }

    [Fact]
    public void TheTotalStaysOnTheHundredPointScale()
    {
        Assert.Equal(100m, StarScoring.Total([(CriterionKind.Basic, 80), (CriterionKind.Appraisal, 19), (CriterionKind.Bonus, 5)]));
        Assert.Equal(0m, StarScoring.Total([(CriterionKind.Basic, 3), (CriterionKind.Deduction, 10)]));
    }

    [Theory]
    [InlineData(90.0, 5)]
    [InlineData(89.9, 4)]
    [InlineData(80.0, 4)]
    [InlineData(79.9, 3)]
    [InlineData(70.0, 3)]
    [InlineData(60.0, 2)]
    [InlineData(59.9, 1)]
    [InlineData(0.0, 1)]
    public void TheBandsAtTheirEdges(double total, int stars)
    {
        Assert.Equal(stars, StarScoring.Stars((decimal)total, StarBands.Default, 5));
    }

    [Fact]
    public void AVetoCapsTheStarsAndSaysWhy()
    {
        var veto = new StarVeto { Kind = VetoKind.RectificationOverdue, OverdueDays = 30, MaxStars = 3 };
        Assert.Equal(3, StarScoring.Stars(96, StarBands.Default, veto.MaxStars));
        Assert.Equal(2, StarScoring.Stars(65, StarBands.Default, veto.MaxStars));
        Assert.Equal("一票否决：整改事项逾期超过30天未销号，最高评为3星级", StarScoring.VetoReason(veto));

        // A vetoed branch takes no five-star place: with a quota of 1 the next best keeps its five stars.
        var result = FiveStarQuota.Apply(
            [(1, 96m, 3, StarScoring.VetoReason(veto)), (2, 93m, 5, null), (3, 91m, 5, null)], StarBands.Default, 1)
            .ToDictionary(r => r.OrgUnitId, r => (r.Stars, r.Reason));
        Assert.Equal((3, StarScoring.VetoReason(veto)), result[1]);
        Assert.Equal((5, (string?)null), result[2]);
        Assert.Equal((4, FiveStarQuota.QuotaFullReason), result[3]);
    }

    [Theory]
    [InlineData(10, 10, null, 150, 11)] // ⌈10 × 1.1⌉
    [InlineData(10, 20, null, 150, 12)] // ⌈10 × 1.2⌉
    [InlineData(7, 10, null, 150, 8)] // ⌈7.7⌉
    [InlineData(0, 10, null, 150, 0)]
    [InlineData(20, 10, 10, 150, 15)] // the growth rule allows 22, the share cap ⌊150 × 10 %⌋ = 15
    [InlineData(10, 10, 30, 150, 11)] // the cap (45) is above the growth rule
    [InlineData(null, 10, 10, 155, 15)] // the first rated year: only the cap, ⌊15.5⌋
    [InlineData(null, 10, null, 150, null)] // nothing caps the first year without a share cap
    public void TheQuotaIsTheGrowthRuleAndTheShareCapWhicheverIsSmaller(int? previous, int growth, int? cap, int branches, int? quota)
    {
        Assert.Equal(quota, FiveStarQuota.For(previous, growth, cap, branches));
    }
}
