using System.Globalization;
using PartyPortal.Features.Dashboards;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>How the star-rating pages write stars, scores and states, so every page says them alike.</summary>
public static class StarText
{
    /// <summary>Filled and empty stars with the number beside them for readers that do not see the glyphs.</summary>
    public static string Stars(int stars) => stars <= 0 ? "已撤销" : new string('★', stars) + new string('☆', 5 - stars);

    public static string Points(decimal points) => points.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Points(decimal? points) => points is { } p ? Points(p) : "—";

    /// <summary>未开始 when there is no assessment yet; otherwise the status's display name.</summary>
    public static string State(AssessmentStatus? status) => status?.Display() ?? "未开始";

    public static MudBlazor.Color Colour(AssessmentStatus? status) => status switch
    {
        AssessmentStatus.Submitted or AssessmentStatus.PreReviewed => MudBlazor.Color.Info,
        AssessmentStatus.Returned => MudBlazor.Color.Warning,
        AssessmentStatus.Approved or AssessmentStatus.Published => MudBlazor.Color.Success,
        AssessmentStatus.Draft => MudBlazor.Color.Primary,
        _ => MudBlazor.Color.Default,
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string AssessmentLink(int year, int branchId) =>
        string.Create(CultureInfo.InvariantCulture, $"/star-rating/{year}/branches/{branchId}");

    /// <summary>The dashboard metric a measured item is scored on, whose records the dashboard lists.</summary>
    public static string? MetricOf(CriterionMeasure measure) => measure switch
    {
        CriterionMeasure.MeetingsCompliance => MetricNames.MeetingsCompliance,
        CriterionMeasure.WarningEducation => MetricNames.WarningEducationCoverage,
        CriterionMeasure.StudyCompletion => MetricNames.StudyCompletion,
        CriterionMeasure.TrainingCoverage => MetricNames.TrainingCoverage,
        CriterionMeasure.RectificationClosure => MetricNames.RectificationClosure,
        _ => null,
    };

    /// <summary>The branch's year on the dashboard, focused on the item's metric: its records, as the dashboard counts them.</summary>
    public static string? RecordsLink(int branchId, int year, CriterionMeasure measure) =>
        MetricOf(measure) is { } metric ? DashboardLinks.For(branchId, Period.OfYear(year), metric) : null;

    /// <summary>"80.0%（8/10）"; "无可计数的记录" when nothing was due.</summary>
    public static string Figure(Ratio figure) =>
        figure.Value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v * 100:0.0}%（{figure.Numerator}/{figure.Denominator}）") : "本年度无应计数的事项";

    public static string YearLink(string page, int year) => string.Create(CultureInfo.InvariantCulture, $"/star-rating{page}?year={year}");
}
