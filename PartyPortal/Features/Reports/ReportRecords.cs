using PartyPortal.Model;
using static PartyPortal.Features.Reports.ReportEvaluator;

namespace PartyPortal.Features.Reports;

/// <summary>The records behind a figure as a table: its column names and one row per record counted.</summary>
public sealed record RecordTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The rows a figure counts, from the same selections as <see cref="ReportEvaluator"/>: a count lists its records, a
/// distinct count one row per member, branch or partner (with what made it count), a sum its records with their
/// quantities. Cells are text as the page and the .xlsx show them.
/// </summary>
public static class ReportRecords
{
    private static readonly string[] ActivityColumns = ["日期", "活动类型", "单位", "所属单位", "标题", "数量"];

    public static RecordTable Build(ReportFigure figure, ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(facts);
        var f = figure.Filter;
        return (figure.Source, figure.Measure) switch
        {
            (FigureSource.Activities, FigureMeasure.DistinctBranches) => new(["党支部", "所属单位", "活动次数", "活动日期", "活动标题"],
                [.. ReportEvaluator.Activities(f, facts).GroupBy(a => a.OrgUnitId).OrderBy(g => Order(facts, g.Key)).Select(g => Row(
                    facts.UnitName(g.Key), facts.ParentName(g.Key), Text(g.Count()),
                    string.Join("、", g.OrderBy(a => a.Date).Select(a => Date(a.Date))), string.Join("；", g.OrderBy(a => a.Date).Select(a => a.Title).Distinct())))]),
            (FigureSource.Activities, FigureMeasure.DistinctMembers) => new(["党员", "走访次数", "日期", "单位", "标题"],
                [.. ReportEvaluator.Activities(f, facts).Where(a => a.SubjectMemberId != null).GroupBy(a => a.SubjectMemberId).OrderBy(g => g.Min(a => a.Date))
                    .Select(g => Row(g.First().SubjectName ?? "", Text(g.Count()), string.Join("、", g.Select(a => Date(a.Date))),
                        string.Join("、", g.Select(a => facts.UnitName(a.OrgUnitId)).Distinct()), g.First().Title))]),
            (FigureSource.Activities, _) => new(ActivityColumns,
                [.. ReportEvaluator.Activities(f, facts).OrderBy(a => a.Date).ThenBy(a => a.Id).Select(a => Row(
                    Date(a.Date), a.KindName, facts.UnitName(a.OrgUnitId), facts.ParentName(a.OrgUnitId), a.Title, Text(a.Quantity)))]),
            (FigureSource.Attendance, _) => new(["党员", "干部层级", "所在单位", "所属单位", "出席次数", "活动日期", "活动"],
                [.. Presence(f, facts).GroupBy(p => p.MemberId).OrderBy(g => Order(facts, g.First().MemberUnitId)).ThenBy(g => g.Key).Select(g => Row(
                    g.First().MemberName, g.First().CadreLevel.Display(), facts.UnitName(g.First().MemberUnitId), facts.ParentName(g.First().MemberUnitId),
                    Text(g.Count()), string.Join("、", g.OrderBy(p => p.Date).Select(p => Date(p.Date))), string.Join("；", g.Select(p => p.Title).Distinct())))]),
            (FigureSource.Registers, _) => new(["名称", "台账", "单位", "开始日期", "结束日期"],
                [.. ReportEvaluator.Registers(f, facts).OrderBy(r => r.StartsOn).ThenBy(r => r.Id).Select(r => Row(
                    r.Name, r.Kind.Display(), facts.UnitName(r.OrgUnitId), Date(r.StartsOn), r.EndsOn is { } e ? Date(e) : ""))]),
            (FigureSource.ClosedLoopItems, _) => new(["问题", "来源", "责任单位", "发现日期", "状态", "整改措施"],
                [.. Items(f, facts).OrderBy(i => i.FoundOn).ThenBy(i => i.Id).Select(i => Row(
                    i.Title, i.Source.Display(), facts.UnitName(i.OwnerOrgUnitId), Date(i.FoundOn), i.Status.Display(),
                    Text(facts.Measures.Count(m => m.ItemId == i.Id))))]),
            (FigureSource.RectificationMeasures, _) => RectificationMeasures(f, facts),
            (FigureSource.Partnerships, FigureMeasure.DistinctPartners) => new(["结对方", "结对的本方党支部", "开始日期"],
                [.. Partnerships(f, facts).GroupBy(PartnerKey).OrderBy(g => g.Min(p => p.StartsOn)).Select(g => Row(
                    Partner(facts, g.First()), string.Join("、", g.Select(p => facts.UnitName(p.OrgUnitId)).Distinct()), Date(g.Min(p => p.StartsOn))))]),
            (FigureSource.Partnerships, _) => new(["党支部", "所属单位", "结对方", "开始日期"],
                [.. Partnerships(f, facts).GroupBy(p => p.OrgUnitId).OrderBy(g => Order(facts, g.Key)).Select(g => Row(
                    facts.UnitName(g.Key), facts.ParentName(g.Key), string.Join("、", g.Select(p => Partner(facts, p)).Distinct()), Date(g.Min(p => p.StartsOn))))]),
            (FigureSource.DisciplineRecords, _) => new(["日期", "类别", "单位", "编号", "摘要", "形态", "人次"],
                [.. Discipline(f, facts).OrderBy(d => d.Date).ThenBy(d => d.Id).Select(d => Row(
                    Date(d.Date), d.Type.Display(), facts.UnitName(d.OrgUnitId), d.Reference ?? "", d.Summary, d.Form?.Display() ?? "", Text(d.PersonTimes)))]),
            (FigureSource.TemporaryBranches, _) => new(["临时党支部", "所属单位", "成立日期", "撤销日期"],
                [.. TemporaryBranches(facts).OrderBy(u => u.FoundedOn).Select(u => Row(
                    u.Name, facts.ParentName(u.Id), u.FoundedOn is { } s ? Date(s) : "", u.ClosedOn is { } c ? Date(c) : ""))]),
            (FigureSource.StarRatings, _) => new(["党支部", "所属单位", "评定年度", "得分"],
                [.. facts.Stars.Branches.Select(b => Row(b.Name, b.ParentName ?? "", Text(facts.Stars.Year ?? 0), b.Score.ToString("0.##", Inv)))]),
            _ => throw new NotSupportedException(figure.Id),
        };
    }

    private static RecordTable RectificationMeasures(FigureFilter f, ReportFacts facts)
    {
        var items = Items(f, facts).ToDictionary(i => i.Id);
        return new(["整改措施", "所属问题", "责任单位", "制定日期", "完成日期"],
            [.. Measures(f, facts).OrderBy(m => items[m.ItemId].FoundOn).ThenBy(m => m.ItemId).ThenBy(m => m.Id).Select(m => Row(
                m.Description, items[m.ItemId].Title, facts.UnitName(items[m.ItemId].OwnerOrgUnitId), Date(m.WrittenOn), m.DoneOn is { } d ? Date(d) : ""))]);
    }

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static string Partner(ReportFacts facts, PartnershipFact p) =>
        p.PartnerOrgUnitId is { } u ? facts.UnitName(u) : p.PartnerOrganisationName ?? "";

    /// <summary>Units in the order of the organisation chart's paths, so a list reads committee by committee.</summary>
    private static string Order(ReportFacts facts, int unitId) => facts.Units.TryGetValue(unitId, out var u) ? u.Path : "";

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    private static string Text(int n) => n.ToString(Inv);

    private static string[] Row(params string[] cells) => cells;
}
