using PartyPortal.Model;

namespace PartyPortal.Live.Metrics;

/// <summary>A rate with what it is made of, so every percentage can say "n / d" and open its records.</summary>
public readonly record struct Ratio(int Numerator, int Denominator)
{
    /// <summary>The fraction; null when there is nothing to count (a rate of nothing is not 0 %).</summary>
    public double? Value => Denominator == 0 ? null : (double)Numerator / Denominator;
}

/// <summary>The metrics of DOMAIN.md read off a scope's summed counts.</summary>
public sealed class MetricValues(MetricCounts counts, FiveStarQuotaRule? quotaRule)
{
    /// <summary>The cadre levels the headline training coverage is of: 科级 and above (the seed's "全覆盖").</summary>
    public static IReadOnlyList<CadreLevel> HeadlineTrainingLevels { get; } = [CadreLevel.Section, CadreLevel.Division];

    public MetricCounts Counts { get; } = counts;

    public Ratio WarningEducationCoverage => new(Counts.BranchQuartersWarned, Counts.BranchQuarters);

    public Ratio WarningEducationMemberCoverage => new(Counts.MembersWarned, Counts.Members);

    public Ratio StudyCompletion => new(Counts.StudyCompleted, Counts.StudyRequired);

    public Ratio TrainingCoverage => new(
        HeadlineTrainingLevels.Sum(l => Counts.CadreTrained[(int)l]), HeadlineTrainingLevels.Sum(l => Counts.CadreMembers[(int)l]));

    public Ratio TrainingCoverageOf(CadreLevel level) => new(Counts.CadreTrained[(int)level], Counts.CadreMembers[(int)level]);

    public Ratio MeetingsCompliance => new(Counts.MeetingInstancesMet, Counts.MeetingInstances);

    public int FiveStarCount => Counts.Stars[5];

    /// <summary>
    /// The rating year's quota under its scheme: ⌈last year's five-star count × (1 + growth)⌉, capped at the scheme's
    /// share of the branches rated; null when neither applies (last year not rated, no cap).
    /// </summary>
    public int? FiveStarQuota => quotaRule?.QuotaFor(Counts.PreviousFiveStars, Counts.Stars.Sum());

    /// <summary>The rule the quota follows (the star year's scheme), so a note beside the figure says the same growth.</summary>
    public FiveStarQuotaRule? QuotaRule => quotaRule;

    /// <summary>Branches per star level, one to five.</summary>
    public IReadOnlyList<int> StarDistribution => [.. Counts.Stars.Skip(1)];

    public Ratio RectificationClosure => new(Counts.RectificationClosed, Counts.RectificationItems);

    public int RectificationOverdue => Counts.RectificationOverdue;

    public int ActivityCount => Counts.Activities;

    /// <summary>The rate a star-rating item is measured by (DOMAIN.md, "Star rating"); null for a judged item.</summary>
    public Ratio? Of(CriterionMeasure measure) => measure switch
    {
        CriterionMeasure.MeetingsCompliance => MeetingsCompliance,
        CriterionMeasure.WarningEducation => WarningEducationCoverage,
        CriterionMeasure.StudyCompletion => StudyCompletion,
        CriterionMeasure.TrainingCoverage => TrainingCoverage,
        CriterionMeasure.RectificationClosure => RectificationClosure,
        _ => null,
    };

    /// <summary>A headline metric by its machine name (<see cref="MetricNames"/>); null when it has no value.</summary>
    public double? this[string name] => name switch
    {
        MetricNames.WarningEducationCoverage => WarningEducationCoverage.Value,
        MetricNames.StudyCompletion => StudyCompletion.Value,
        MetricNames.TrainingCoverage => TrainingCoverage.Value,
        MetricNames.MeetingsCompliance => MeetingsCompliance.Value,
        MetricNames.FiveStarCount => FiveStarCount,
        MetricNames.FiveStarQuota => FiveStarQuota,
        MetricNames.RectificationClosure => RectificationClosure.Value,
        MetricNames.RectificationOverdue => RectificationOverdue,
        MetricNames.ActivityCount => ActivityCount,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "没有这个指标。"),
    };

    public IReadOnlyDictionary<string, double?> Headline() => MetricNames.All.ToDictionary(n => n, n => this[n]);
}
