using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

/// <summary>How an item's points count towards the total (DOMAIN.md, "Star rating").</summary>
public enum CriterionKind
{
    [Display(Name = "基础项")] Basic = 1,
    [Display(Name = "评议项")] Appraisal = 2,
    [Display(Name = "加分项")] Bonus = 3,
    [Display(Name = "减分项")] Deduction = 4,
}

/// <summary>A DOMAIN metric of the branch for the year that proposes a basic item's points.</summary>
public enum CriterionMeasure
{
    [Display(Name = "人工评分")] None = 0,
    [Display(Name = "三会一课落实率")] MeetingsCompliance = 1,
    [Display(Name = "警示教育覆盖率")] WarningEducation = 2,
    [Display(Name = "学习完成率")] StudyCompletion = 3,
    [Display(Name = "培训覆盖率")] TrainingCoverage = 4,
    [Display(Name = "整改销号率")] RectificationClosure = 5,
}

/// <summary>What a veto item (一票否决) looks for in the year.</summary>
public enum VetoKind
{
    /// <summary>A 立案审查调查 discipline record against the branch in the year.</summary>
    [Display(Name = "发生立案审查调查")] DisciplinaryCase = 1,

    /// <summary>A rectification item of the branch still open more than the item's days past its deadline at year end.</summary>
    [Display(Name = "整改事项逾期未销号")] RectificationOverdue = 2,

    /// <summary>Designated 软弱涣散 by the committee: not in the ledger, recorded by the reviewer.</summary>
    [Display(Name = "被认定为软弱涣散党组织")] WeakAndLax = 3,
}

/// <summary>
/// The year's scheme (评定方案): a rubric of items on a 100-point scale, the bands of 1–5 stars, the five-star quota's
/// rules and the veto items. Frozen once a branch submits its first assessment under it (an assessment with a
/// <see cref="StarAssessment.SubmittedAt"/>), so every assessment keeps the criteria it was made under.
/// </summary>
public class StarRubric
{
    public int Id { get; set; }
    public int Year { get; set; }
    public required string Name { get; set; }
    public List<StarCriterion> Criteria { get; } = [];
    public List<StarVeto> Vetoes { get; } = [];

    /// <summary>Lowest total score for 5, 4, 3 and 2 stars; anything lower is 1 star.</summary>
    public decimal FiveStarMin { get; set; } = 90;
    public decimal FourStarMin { get; set; } = 80;
    public decimal ThreeStarMin { get; set; } = 70;
    public decimal TwoStarMin { get; set; } = 60;

    /// <summary>Five-star branches may grow by this much over last year's count (the seed's 10 %).</summary>
    public int FiveStarGrowthPercent { get; set; } = FiveStarQuota.DefaultGrowthPercent;

    /// <summary>At most this share of the rated branches may have five stars; null for no cap.</summary>
    public int? FiveStarCapPercent { get; set; }

    /// <summary>How long the result is publicly noticed (公示) before publication.</summary>
    public int NoticeDays { get; set; } = 5;

    /// <summary>Whether a county committee reviews its own branches before PartyOffice.</summary>
    public bool CountyPreReview { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public StarBands Bands => new(FiveStarMin, FourStarMin, ThreeStarMin, TwoStarMin);
}

/// <summary>One item of the rubric.</summary>
public class StarCriterion
{
    public int Id { get; set; }
    public int RubricId { get; set; }
    public StarRubric? Rubric { get; set; }

    /// <summary>The heading it is listed under (班子建设, 组织生活, …).</summary>
    public string Group { get; set; } = "";
    public required string Name { get; set; }

    /// <summary>The criteria text: what earns the points.</summary>
    public string? Description { get; set; }
    public CriterionKind Kind { get; set; } = CriterionKind.Basic;

    /// <summary>The most points this item gives (or, for a deduction, takes).</summary>
    public decimal MaxScore { get; set; }
    public CriterionMeasure Measure { get; set; }

    /// <summary>For a measured item: the rate (in %) below which it proposes no points…</summary>
    public decimal ZeroBelowPercent { get; set; } = 60;

    /// <summary>…and the rate from which it proposes all of them; in between, in proportion.</summary>
    public decimal FullAtPercent { get; set; } = 100;
    public int SortOrder { get; set; }
}

/// <summary>A veto item: when found, the branch's stars are capped.</summary>
public class StarVeto
{
    public int Id { get; set; }
    public int RubricId { get; set; }
    public StarRubric? Rubric { get; set; }
    public VetoKind Kind { get; set; }

    /// <summary>For <see cref="VetoKind.RectificationOverdue"/>: how many days past the deadline count.</summary>
    public int? OverdueDays { get; set; }

    /// <summary>The most stars a branch with this finding may have.</summary>
    public int MaxStars { get; set; } = 1;
}
