using PartyPortal.Data;
using PartyPortal.Live.Metrics;

namespace PartyPortal.Features.Dashboards;

/// <summary>How a headline metric is shown: its zh-CN name, whether it is a rate, and which records it counts.</summary>
/// <param name="KindCodes">The activity kinds behind the number; empty when it counts something else (stars, items).</param>
/// <param name="LowerIsWorse">Whether a lower number is the worse one (true for rates; overdue items are worse when higher).</param>
public sealed record MetricInfo(string Name, string Label, string? Unit, string Definition, IReadOnlyList<string> KindCodes, bool LowerIsWorse = true)
{
    public bool IsRate => MetricNames.IsRate(Name);

    public static IReadOnlyList<MetricInfo> All { get; } =
    [
        new(MetricNames.WarningEducationCoverage, "警示教育覆盖率", null, "开展了警示教育的党支部 ÷ 期间内存续的党支部（按季度计）",
            [ActivityKindCatalogue.Codes.WarningEducation]),
        new(MetricNames.StudyCompletion, "学习完成率", null, "已完成的（党员，学习专题）÷ 应完成的；出席或补学即完成", []),
        new(MetricNames.TrainingCoverage, "培训覆盖率", null, "科级及以上党员中参加了面向本层级培训的比例", [ActivityKindCatalogue.Codes.Training]),
        new(MetricNames.MeetingsCompliance, "三会一课落实率", null, "按要求已落实的（支部，周期）÷ 应落实的", ActivityKindCatalogue.MeetingCodes),
        new(MetricNames.FiveStarCount, "五星级支部", "个", "评定年度的五星级党支部数", [], LowerIsWorse: true),
        new(MetricNames.FiveStarQuota, "五星级名额", "个", "上年度五星级支部数 × 1.1，向上取整", [], LowerIsWorse: true),
        new(MetricNames.RectificationClosure, "整改销号率", null, "已办结的整改事项 ÷ 全部整改事项", []),
        new(MetricNames.RectificationOverdue, "逾期未整改", "项", "超过期限仍未办结的整改事项", [], LowerIsWorse: false),
        new(MetricNames.ActivityCount, "活动次数", "次", "期间内记录的活动（不含保密类）", []),
    ];

    public static MetricInfo Of(string? name) => All.FirstOrDefault(m => m.Name == name) ?? All[0];
}
