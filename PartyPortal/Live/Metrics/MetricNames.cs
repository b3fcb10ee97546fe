namespace PartyPortal.Live.Metrics;

/// <summary>
/// The machine names of the headline metrics (issue 5): every tile's <c>data-metric</c>, the API's and the
/// hub's snapshot keys. Changing one breaks every screen and probe that reads it.
/// </summary>
public static class MetricNames
{
    public const string WarningEducationCoverage = "warning-education-coverage";
    public const string StudyCompletion = "study-completion";
    public const string TrainingCoverage = "training-coverage";
    public const string MeetingsCompliance = "meetings-compliance";
    public const string FiveStarCount = "five-star-count";
    public const string FiveStarQuota = "five-star-quota";
    public const string RectificationClosure = "rectification-closure";
    public const string RectificationOverdue = "rectification-overdue";
    public const string ActivityCount = "activity-count";

    public static IReadOnlyList<string> All { get; } =
    [
        WarningEducationCoverage, StudyCompletion, TrainingCoverage, MeetingsCompliance, FiveStarCount,
        FiveStarQuota, RectificationClosure, RectificationOverdue, ActivityCount,
    ];

    /// <summary>The metrics that are fractions (shown as percentages); the rest are counts.</summary>
    public static bool IsRate(string name) =>
        name is WarningEducationCoverage or StudyCompletion or TrainingCoverage or MeetingsCompliance or RectificationClosure;
}
