using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>A branch's self-assessment as the page sends it: one line per item of the scheme.</summary>
public sealed class StarAssessmentInput
{
    public List<StarScoreInput> Scores { get; set; } = [];

    /// <summary>The assessment's version when the page read it (null when there was none yet).</summary>
    public Guid? Version { get; set; }
}

public sealed class StarScoreInput
{
    public int CriterionId { get; set; }

    /// <summary>The secretary's score; a draft may leave it empty, a submission may not.</summary>
    public decimal? SelfScore { get; set; }
    public string? SelfNote { get; set; }
    public string? Evidence { get; set; }

    /// <summary>The branch's ledger records offered as evidence for the item.</summary>
    public List<StarEvidenceRef> Links { get; set; } = [];
}

/// <summary>One item as the self-assessment shows it: the ledger's figure and proposal beside what was entered.</summary>
public sealed record StarItemView(StarCriterion Criterion, Ratio? Figure, decimal? Proposed, CriterionScore? Score);

/// <summary>A veto item the ledger finds for the branch in the year, with the records that show it.</summary>
public sealed record VetoFinding(StarVeto Veto, string Reason, IReadOnlyList<string> Records);

/// <summary>A branch's assessment for a year, with the scheme it is made under; <see cref="Assessment"/> null: 未开始.</summary>
public sealed record StarAssessmentView(
    int Year, OrgUnit Branch, StarRubric Rubric, StarAssessment? Assessment, IReadOnlyList<StarItemView> Items, IReadOnlyList<VetoFinding> Findings)
{
    /// <summary>The branch's records of the year it may link as evidence; read only while the assessment is editable.</summary>
    public IReadOnlyList<StarEvidenceOption> EvidenceOptions { get; init; } = [];

    /// <summary>The total of the entered scores (each item's reviewed score once reviewed).</summary>
    public decimal Total => StarScoring.Total(Items.Where(i => i.Score is not null).Select(i => (i.Criterion.Kind, i.Score!.ReviewedScore ?? i.Score.SelfScore)));

    /// <summary>The stars the total would give, capped by the strictest finding.</summary>
    public int Stars => StarScoring.Stars(Total, Rubric.Bands, Findings.Select(f => f.Veto.MaxStars).DefaultIfEmpty(5).Min());

    /// <summary>The secretary may still change it: not started, in progress, or returned.</summary>
    public bool Editable => Assessment is null or { Status: AssessmentStatus.Draft or AssessmentStatus.Returned };
}
