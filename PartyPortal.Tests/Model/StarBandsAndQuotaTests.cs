using System.Globalization;
using PartyPortal.Model;

namespace PartyPortal.Tests.Model;

public class StarBandsAndQuotaTests
{
    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("100", 5)]
    [InlineData("90", 5)]
    [InlineData("89.99", 4)]
    [InlineData("80", 4)]
    [InlineData("79.99", 3)]
    [InlineData("70", 3)]
    [InlineData("69.5", 2)]
    [InlineData("60", 2)]
    [InlineData("59.5", 1)]
    [InlineData("0", 1)]
    public void DefaultBandsMapScoresToStarsWithInclusiveLowerBounds(string score, int stars)
    {
        Assert.Equal(stars, StarBands.Default.StarsFor(D(score)));
    }

    [Theory]
    [InlineData("95", 5)]
    [InlineData("94.99", 4)]
    [InlineData("90", 4)]
    [InlineData("85", 4)]
    [InlineData("84.9", 3)]
    [InlineData("75", 3)]
    [InlineData("65", 2)]
    [InlineData("64.9", 1)]
    public void CustomBandsMoveTheBoundaries(string score, int stars)
    {
        var bands = new StarBands(95, 85, 75, 65);

        Assert.Equal(stars, bands.StarsFor(D(score)));
    }

    [Fact]
    public void ARubricsBandsComeFromItsMinimums()
    {
        var rubric = new StarRubric { Name = "2024年度", Year = 2024, FiveStarMin = 92, FourStarMin = 82, ThreeStarMin = 72, TwoStarMin = 62 };

        Assert.Equal(new StarBands(92, 82, 72, 62), rubric.Bands);
        Assert.Equal(4, rubric.Bands.StarsFor(91));
        Assert.Equal(1, rubric.Bands.StarsFor(61.99m));
    }

    [Fact]
    public void ANewRubricUsesTheDefaultBands()
    {
        Assert.Equal(StarBands.Default, new StarRubric { Name = "默认" }.Bands);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(9, 10)]
    [InlineData(10, 11)]
    [InlineData(11, 13)]
    [InlineData(20, 22)]
    [InlineData(25, 28)]
    [InlineData(30, 33)]
    [InlineData(100, 110)]
    public void QuotaIsTheCeilingOfLastYearTimesOnePointOne(int previous, int quota)
    {
        Assert.Equal(quota, FiveStarQuota.For(previous));
    }

    [Fact]
    public void QuotaOfANegativeCountThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FiveStarQuota.For(-1));
    }

    private static Dictionary<int, (int Stars, string? Reason)> Apply(int? quota, params (int OrgUnitId, decimal Score)[] scores) =>
        FiveStarQuota.Apply(scores, StarBands.Default, quota).ToDictionary(r => r.OrgUnitId, r => (r.Stars, r.Reason));

    [Fact]
    public void WithoutAQuotaNobodyIsCapped()
    {
        var result = Apply(null, (1, 99m), (2, 95m), (3, 91m), (4, 90m), (5, 85m));

        Assert.Equal(4, result.Values.Count(r => r.Stars == 5));
        Assert.Equal(4, result[5].Stars);
        Assert.All(result.Values, r => Assert.Null(r.Reason));
    }

    [Fact]
    public void WhenMoreQualifyThanTheQuotaTheHighestScoresKeepFiveStars()
    {
        var result = Apply(2, (1, 91m), (2, 95m), (3, 85m), (4, 93m), (5, 50m));

        Assert.Equal((5, null), result[2]);
        Assert.Equal((5, null), result[4]);
        Assert.Equal((4, FiveStarQuota.QuotaFullReason), result[1]);
    }

    [Fact]
    public void BranchesBelowTheFiveStarBandAreUntouchedByTheQuota()
    {
        var result = Apply(1, (1, 99m), (2, 95m), (3, 85m), (4, 50m));

        Assert.Equal((4, null), result[3]);
        Assert.Equal((1, null), result[4]);
    }

    [Fact]
    public void EveryBranchComesBackExactlyOnceInInputOrder()
    {
        (int, decimal)[] scores = [(7, 91m), (3, 95m), (9, 70m), (1, 99m)];

        var result = FiveStarQuota.Apply(scores, StarBands.Default, 1);

        Assert.Equal([7, 3, 9, 1], result.Select(r => r.OrgUnitId));
        Assert.Equal([91m, 95m, 70m, 99m], result.Select(r => r.Score));
    }

    [Fact]
    public void TiesAtTheCutAllDropToFourSoTheQuotaIsNeverExceeded()
    {
        var result = Apply(2, (1, 96m), (2, 92m), (3, 92m), (4, 90m));

        Assert.Equal((5, null), result[1]);
        Assert.Equal((4, FiveStarQuota.QuotaFullReason), result[2]);
        Assert.Equal((4, FiveStarQuota.QuotaFullReason), result[3]);
        Assert.Equal((4, FiveStarQuota.QuotaFullReason), result[4]);
        Assert.Equal(1, result.Values.Count(r => r.Stars == 5));
    }

    [Fact]
    public void TiesAboveTheCutBothKeepFiveStars()
    {
        var result = Apply(2, (1, 95m), (2, 95m), (3, 91m));

        Assert.Equal(5, result[1].Stars);
        Assert.Equal(5, result[2].Stars);
        Assert.Equal((4, FiveStarQuota.QuotaFullReason), result[3]);
    }

    [Fact]
    public void TiesWhenEveryQualifierIsTiedLeaveNobodyFiveStars()
    {
        var result = Apply(2, (1, 92m), (2, 92m), (3, 92m));

        Assert.All(result.Values, r => Assert.Equal((4, FiveStarQuota.QuotaFullReason), r));
    }

    [Fact]
    public void AQuotaEqualToTheQualifiersCapsNothing()
    {
        var result = Apply(3, (1, 99m), (2, 95m), (3, 90m), (4, 89m));

        Assert.Equal(3, result.Values.Count(r => r.Stars == 5));
        Assert.All(result.Values, r => Assert.Null(r.Reason));
    }

    [Fact]
    public void QuotaZeroGivesNobodyFiveStars()
    {
        var result = Apply(0, (1, 99m), (2, 95m), (3, 85m));

        Assert.Equal((4, FiveStarQuota.QuotaFullReason), result[1]);
        Assert.Equal((4, FiveStarQuota.QuotaFullReason), result[2]);
        Assert.Equal((4, null), result[3]);
    }

    [Fact]
    public void TheQuotaUsesTheBandsItIsGiven()
    {
        (int, decimal)[] scores = [(1, 96m), (2, 94m), (3, 91m)];

        var result = FiveStarQuota.Apply(scores, new StarBands(95, 85, 75, 65), 0).ToDictionary(r => r.OrgUnitId);

        Assert.Equal(4, result[1].Stars);
        Assert.Equal(FiveStarQuota.QuotaFullReason, result[1].Reason);
        Assert.Null(result[2].Reason);
        Assert.Null(result[3].Reason);
    }

    [Fact]
    public void TheQuotaReasonExplainsTheDropInZhCn()
    {
        Assert.Contains("五星级名额已满", FiveStarQuota.QuotaFullReason, StringComparison.Ordinal);
    }
}
