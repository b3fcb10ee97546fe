using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

/// <summary>A ledger measure that can propose a criterion's score from data.</summary>
public enum CriterionMeasure
{
    [Display(Name = "人工评分")] None = 0,
    [Display(Name = "三会一课落实率")] MeetingsCompliance = 1,
    [Display(Name = "警示教育覆盖")] WarningEducation = 2,
    [Display(Name = "学习完成率")] StudyCompletion = 3,
}

/// <summary>The year's rating rubric: weighted criteria and the score bands of 1–5 stars.</summary>
public class StarRubric
{
    public int Id { get; set; }
    public int Year { get; set; }
    public required string Name { get; set; }
    public List<StarCriterion> Criteria { get; } = [];

    /// <summary>Lowest total score for 5, 4, 3 and 2 stars; anything lower is 1 star.</summary>
    public decimal FiveStarMin { get; set; } = 90;
    public decimal FourStarMin { get; set; } = 80;
    public decimal ThreeStarMin { get; set; } = 70;
    public decimal TwoStarMin { get; set; } = 60;

    public StarBands Bands => new(FiveStarMin, FourStarMin, ThreeStarMin, TwoStarMin);
}

public class StarCriterion
{
    public int Id { get; set; }
    public int RubricId { get; set; }
    public StarRubric? Rubric { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>The most points this criterion gives; the criteria of a rubric add up to 100.</summary>
    public decimal MaxScore { get; set; }
    public CriterionMeasure Measure { get; set; }
    public int SortOrder { get; set; }
}

public enum AssessmentStatus
{
    [Display(Name = "草稿")] Draft = 1,
    [Display(Name = "已提交")] Submitted = 2,
    [Display(Name = "已审核")] Reviewed = 3,
    [Display(Name = "已发布")] Published = 4,
}

/// <summary>A branch's self-assessment against a rubric, and PartyOffice's review of it.</summary>
public class StarAssessment
{
    public int Id { get; set; }
    public int RubricId { get; set; }
    public StarRubric? Rubric { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public AssessmentStatus Status { get; set; } = AssessmentStatus.Draft;
    public List<CriterionScore> Scores { get; } = [];
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public decimal SelfTotal => Scores.Sum(s => s.SelfScore);
    public decimal ReviewedTotal => Scores.Sum(s => s.ReviewedScore ?? s.SelfScore);
}

public class CriterionScore
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public StarAssessment? Assessment { get; set; }
    public int CriterionId { get; set; }
    public StarCriterion? Criterion { get; set; }
    public decimal SelfScore { get; set; }
    public string? Evidence { get; set; }

    /// <summary>PartyOffice's adjusted score; an adjustment needs a reason.</summary>
    public decimal? ReviewedScore { get; set; }
    public string? AdjustmentReason { get; set; }
}

/// <summary>
/// A published rating: history. Editing this year's assessments never changes last year's stars.
/// </summary>
public class StarRating
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public int Stars { get; set; }
    public decimal Score { get; set; }

    /// <summary>Why the stars differ from the score's band (e.g. the five-star quota was full).</summary>
    public string? Reason { get; set; }
    public DateOnly PublishedOn { get; set; }
}

/// <summary>Score bands: total score → 1–5 stars.</summary>
public sealed record StarBands(decimal FiveStarMin, decimal FourStarMin, decimal ThreeStarMin, decimal TwoStarMin)
{
    public static StarBands Default { get; } = new(90, 80, 70, 60);

    public int StarsFor(decimal score) =>
        score >= FiveStarMin ? 5
        : score >= FourStarMin ? 4
        : score >= ThreeStarMin ? 3
        : score >= TwoStarMin ? 2
        : 1;
}

/// <summary>The five-star quota: five-star branches grow 10% a year at most (seed, chapter 6(三)).</summary>
public static class FiveStarQuota
{
    /// <summary>⌈previous × 1.1⌉, in integers so 10 × 1.1 is 11, not 12 by rounding error.</summary>
    public static int For(int previousYearFiveStarCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(previousYearFiveStarCount);
        return (previousYearFiveStarCount * 11 + 9) / 10;
    }

    public const string QuotaFullReason = "五星级名额已满（按上年度五星级支部数增长10%确定），按四星级认定";

    /// <summary>
    /// Applies the quota to banded results: when more qualify for five stars than the quota allows,
    /// the highest scores keep five stars. Branches tied at the cut all drop to four, so the quota is never
    /// exceeded and no tie is broken arbitrarily. A null quota (no previous year) caps nothing.
    /// </summary>
    public static IReadOnlyList<(int OrgUnitId, decimal Score, int Stars, string? Reason)> Apply(
        IEnumerable<(int OrgUnitId, decimal Score)> scores, StarBands bands, int? quota)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var banded = scores.Select(s => (s.OrgUnitId, s.Score, Stars: bands.StarsFor(s.Score))).ToList();
        var five = banded.Where(b => b.Stars == 5).OrderByDescending(b => b.Score).ToList();
        if (quota is null || five.Count <= quota)
        {
            return banded.Select(b => (b.OrgUnitId, b.Score, b.Stars, (string?)null)).ToList();
        }

        var keep = new HashSet<int>();
        if (quota > 0)
        {
            var cutScore = five[quota.Value - 1].Score;
            var tiedBeyond = five.Count > quota && five[quota.Value].Score == cutScore;
            foreach (var b in five.Take(quota.Value).Where(b => !tiedBeyond || b.Score > cutScore))
            {
                keep.Add(b.OrgUnitId);
            }
        }

        return banded
            .Select(b => b.Stars == 5 && !keep.Contains(b.OrgUnitId)
                ? (b.OrgUnitId, b.Score, 4, (string?)QuotaFullReason)
                : (b.OrgUnitId, b.Score, b.Stars, (string?)null))
            .ToList();
    }
}
