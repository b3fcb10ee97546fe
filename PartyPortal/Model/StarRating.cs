using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

/// <summary>Where a branch's assessment stands; a branch with none has not started (未开始).</summary>
public enum AssessmentStatus
{
    [Display(Name = "自评中")] Draft = 1,
    [Display(Name = "已提交")] Submitted = 2,
    [Display(Name = "审核通过")] Approved = 3,
    [Display(Name = "已发布")] Published = 4,
    [Display(Name = "退回修改")] Returned = 5,

    /// <summary>Approved by the branch's county committee where the scheme asks for a pre-review; the bureau's review follows.</summary>
    [Display(Name = "县局预审通过")] PreReviewed = 6,
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

    /// <summary>Why the committee returned it, shown to the secretary until they resubmit.</summary>
    public string? ReturnReason { get; set; }

    /// <summary>
    /// The committee's finding, at review, that the branch is a 软弱涣散 organisation, with its grounds; null when not
    /// so designated. A designation is a judgement, not a record the ledger holds: it is the reviewer's to make.
    /// </summary>
    public string? WeakAndLaxFinding { get; set; }

    /// <summary>Set by the year's decision: the score, the stars after vetoes and the quota, and why they differ from the band.</summary>
    public decimal? FinalScore { get; set; }
    public int? FinalStars { get; set; }
    public string? FinalReason { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

public class CriterionScore
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public StarAssessment? Assessment { get; set; }
    public int CriterionId { get; set; }
    public StarCriterion? Criterion { get; set; }
    public decimal SelfScore { get; set; }

    /// <summary>What the ledger proposed when the secretary last saved (null for a judged item or nothing to count).</summary>
    public decimal? ProposedScore { get; set; }

    /// <summary>Why the secretary's score differs from the proposal; required when it does.</summary>
    public string? SelfNote { get; set; }
    public string? Evidence { get; set; }

    /// <summary>The ledger records the branch offers as evidence for this item (activities, register entries).</summary>
    public List<ScoreEvidence> EvidenceLinks { get; } = [];

    /// <summary>PartyOffice's adjusted score; an adjustment needs a reason.</summary>
    public decimal? ReviewedScore { get; set; }
    public string? AdjustmentReason { get; set; }
}

public enum EvidenceSource
{
    [Display(Name = "活动记录")] Activity = 1,
    [Display(Name = "台账登记")] Register = 2,
}

/// <summary>
/// One ledger record linked as evidence for an item's score: an activity or a register entry of the branch in the year.
/// The label is kept as it read when linked, so the evidence of a filed assessment still says what it was after the
/// record itself is deleted (the link then becomes null).
/// </summary>
public class ScoreEvidence
{
    public int Id { get; set; }
    public int CriterionScoreId { get; set; }
    public CriterionScore? CriterionScore { get; set; }
    public EvidenceSource Source { get; set; }
    public int? ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public int? RegisterEntryId { get; set; }
    public RegisterEntry? RegisterEntry { get; set; }
    public required string Label { get; set; }

    /// <summary>The record's id as linked, whichever source it is from; null once the record is deleted.</summary>
    public int? RecordId => Source == EvidenceSource.Activity ? ActivityId : RegisterEntryId;
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

    /// <summary>Why the stars differ from the score's band (e.g. the five-star quota was full, a veto, a later lowering).</summary>
    public string? Reason { get; set; }
    public DateOnly PublishedOn { get; set; }

    /// <summary>Lowerings and revocations since publication (动态管理), oldest first.</summary>
    public List<StarRatingChange> Changes { get; } = [];
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

/// <summary>A year's five-star quota rule, from its scheme: growth over last year's count and an optional share cap.</summary>
public sealed record FiveStarQuotaRule(bool PreviousYearRated, int GrowthPercent = FiveStarQuota.DefaultGrowthPercent, int? CapPercent = null)
{
    /// <summary>The quota for a scope with that many five-star branches last year and that many rated this year.</summary>
    public int? QuotaFor(int previousFiveStars, int ratedBranches) =>
        FiveStarQuota.For(PreviousYearRated ? previousFiveStars : null, GrowthPercent, CapPercent, ratedBranches);
}

/// <summary>
/// The five-star quota: five-star branches grow by a scheme's percentage a year at most (10 %, the seed's chapter 6(三)),
/// and real schemes also cap them at a share of all branches.
/// </summary>
public static class FiveStarQuota
{
    public const int DefaultGrowthPercent = 10;

    /// <summary>⌈previous × (100 + growth) / 100⌉, in integers so 10 × 1.1 is 11, not 12 by rounding error.</summary>
    public static int For(int previousYearFiveStarCount, int growthPercent = DefaultGrowthPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(previousYearFiveStarCount);
        ArgumentOutOfRangeException.ThrowIfNegative(growthPercent);
        return (previousYearFiveStarCount * (100 + growthPercent) + 99) / 100;
    }

    /// <summary>
    /// The year's quota: the growth rule when last year was rated, the share cap (⌊branches × cap / 100⌋) when the
    /// scheme sets one, the smaller when both; null when neither applies (the first rated year, no cap).
    /// </summary>
    public static int? For(int? previousYearFiveStarCount, int growthPercent, int? capPercent, int branches)
    {
        int? byGrowth = previousYearFiveStarCount is { } previous ? For(previous, growthPercent) : null;
        int? byShare = capPercent is { } cap ? branches * cap / 100 : null;
        return byGrowth is { } g && byShare is { } s ? Math.Min(g, s) : byGrowth ?? byShare;
    }

    public const string QuotaFullReason = "五星级名额已满（按上年度五星级支部数增长比例确定），按四星级认定";

    /// <summary>The quota over scores no veto caps.</summary>
    public static IReadOnlyList<(int OrgUnitId, decimal Score, int Stars, string? Reason)> Apply(
        IEnumerable<(int OrgUnitId, decimal Score)> scores, StarBands bands, int? quota) =>
        Apply(scores.Select(s => (s.OrgUnitId, s.Score, 5, (string?)null)), bands, quota);

    /// <summary>
    /// Applies the quota to banded results: when more qualify for five stars than the quota allows,
    /// the highest scores keep five stars. Branches tied at the cut all drop to four, so the quota is never
    /// exceeded and no tie is broken arbitrarily. A null quota caps nothing. A branch whose stars a veto caps
    /// below five (<c>MaxStars</c>) gets the capped stars with the veto's reason and takes no five-star place.
    /// </summary>
    public static IReadOnlyList<(int OrgUnitId, decimal Score, int Stars, string? Reason)> Apply(
        IEnumerable<(int OrgUnitId, decimal Score, int MaxStars, string? CapReason)> scores, StarBands bands, int? quota)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var banded = scores
            .Select(s => bands.StarsFor(s.Score) is var stars && stars > s.MaxStars
                ? (s.OrgUnitId, s.Score, Stars: s.MaxStars, Reason: s.CapReason)
                : (s.OrgUnitId, s.Score, Stars: stars, Reason: (string?)null))
            .ToList();
        var five = banded.Where(b => b.Stars == 5).OrderByDescending(b => b.Score).ToList();
        if (quota is null || five.Count <= quota)
        {
            return banded;
        }

        var keep = new HashSet<int>();
        if (quota > 0)
        {
            var cutScore = five[quota.Value - 1].Score;
            var tiedBeyond = five[quota.Value].Score == cutScore;
            foreach (var b in five.Take(quota.Value).Where(b => !tiedBeyond || b.Score > cutScore))
            {
                keep.Add(b.OrgUnitId);
            }
        }

        return banded
            .Select(b => b.Stars == 5 && !keep.Contains(b.OrgUnitId) ? (b.OrgUnitId, b.Score, 4, (string?)QuotaFullReason) : b)
            .ToList();
    }
}
