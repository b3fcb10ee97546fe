using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using PartyPortal.Model;

namespace PartyPortal.Features.Dashboards;

/// <summary>
/// The rows of the 看板's drill-down tables, each as one piece of markup made once per line and shared by every page
/// that shows it.
/// </summary>
/// <remarks>
/// Why not plain Razor rows: a 看板 stays open all day on many desks, and each open page keeps its render tree twice
/// (the current and the previous) in its circuit. Written as elements, the 250 rows of its five tables were some
/// 5,000 render frames per page, re-rendered and diffed on every write; as markup they are one frame per row, and the
/// text itself is the one string every page holds. The lines come from reads shared per snapshot
/// (<see cref="Live.SnapshotReads"/>), so a row is built once per snapshot, not once per page. Rows hold only text
/// and links, no handlers. Every text and attribute value is HTML-encoded here.
/// </remarks>
public static class DrillRows
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly ConditionalWeakTable<DueLine, string> Dues = [];
    private static readonly ConditionalWeakTable<MemberLine, string> StudyMembers = [];
    private static readonly ConditionalWeakTable<MemberLine, string> Members = [];
    private static readonly ConditionalWeakTable<DrillActivity, string> Records = [];
    private static readonly ConditionalWeakTable<Live.Metrics.UnitMetrics, System.Collections.Concurrent.ConcurrentDictionary<string, string>> Units = [];

    /// <summary>A branch's period (警示教育) or requirement instance (三会一课, with <paramref name="meetings"/>) and its records.</summary>
    public static MarkupString Due(DueLine line, bool meetings) =>
        new(Dues.GetValue(line, l => BuildDue(l, meetings)));

    /// <summary>A member, what counted them and what is missing; with <paramref name="study"/> the topics done of those due.</summary>
    public static MarkupString Member(MemberLine line, bool study) =>
        new((study ? StudyMembers : Members).GetValue(line, l => BuildMember(l, study)));

    /// <summary>
    /// A unit of the scope with every figure, its name linking to its own 看板 at <paramref name="link"/>. The rows are
    /// the snapshot's, shared by every page on that scope and period; the link varies only with the figure in focus.
    /// </summary>
    public static MarkupString Unit(Live.Metrics.UnitMetrics row, string link) =>
        new(Units.GetValue(row, static _ => new()).GetOrAdd(link, static (l, r) => BuildUnit(r, l), row));

    /// <summary>An activity a figure counted, opening its record.</summary>
    public static MarkupString Record(DrillActivity activity) =>
        new(Records.GetValue(activity, BuildRecord));

    /// <summary>
    /// Whether two reads of a drill-down would show the same rows: a new snapshot often leaves a list as it was, and the
    /// shared read then keeps the earlier object (compared once per snapshot, not once per open page).
    /// </summary>
    /// <remarks>
    /// Compared field by field (with what a row does not show but a later read builds on: a member's unit), not by
    /// their rows' markup: a row is built only when a page shows it, and a province's members list is 60,000 lines of
    /// which a page shows a few dozen. Building every row to compare cost each write tens of megabytes and a weak-table
    /// entry per line.
    /// </remarks>
    public static bool SameDues(IReadOnlyList<DueLine> before, IReadOnlyList<DueLine> now) =>
        Same(before, now, static (a, b) => a.OrgUnitId == b.OrgUnitId && a.UnitName == b.UnitName && a.KindName == b.KindName
            && a.Period == b.Period && a.Minimum == b.Minimum && a.Met == b.Met && a.Records.SequenceEqual(b.Records));

    /// <inheritdoc cref="SameDues"/>
    public static bool SameMembers(IReadOnlyList<MemberLine> before, IReadOnlyList<MemberLine> now) =>
        Same(before, now, static (a, b) => a.MemberId == b.MemberId && a.OrgUnitId == b.OrgUnitId && a.Name == b.Name && a.UnitName == b.UnitName
            && a.CadreLevel == b.CadreLevel && a.Required == b.Required && a.Completed == b.Completed
            && a.Attended.SequenceEqual(b.Attended) && a.Missing.SequenceEqual(b.Missing));

    /// <inheritdoc cref="SameDues"/>
    public static bool SameRecords(IReadOnlyList<DrillActivity> before, IReadOnlyList<DrillActivity> now) =>
        Same(before, now, static (a, b) => a == b);

    private static bool Same<T>(IReadOnlyList<T> before, IReadOnlyList<T> now, Func<T, T, bool> same) where T : class
    {
        if (ReferenceEquals(before, now))
        {
            return true;
        }

        if (before.Count != now.Count)
        {
            return false;
        }

        for (var i = 0; i < now.Count; i++)
        {
            if (!ReferenceEquals(before[i], now[i]) && !same(before[i], now[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string BuildDue(DueLine l, bool meetings)
    {
        var html = new StringBuilder(256);
        html.Append(CultureInfo.InvariantCulture, $"<tr data-due=\"{l.OrgUnitId}\" data-met=\"{(l.Met ? "true" : "false")}\">");
        html.Append("<th scope=\"row\">").Append(Text(l.UnitName)).Append("</th>");
        html.Append("<td>").Append(Text(l.Period.Label)).Append("</td>");
        if (meetings)
        {
            html.Append("<td class=\"drill-kind\">").Append(Text(l.KindName ?? "")).Append("</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{l.Records.Count} / {l.Minimum} 次</td>");
        }

        html.Append("<td class=\"member-wrap\">");
        if (l.Records.Count == 0)
        {
            html.Append("<span class=\"drill-kind\">本期间没有记录</span>");
        }

        foreach (var a in l.Records)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"member-attended\" data-attended=\"{a.Id}\">");
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"/activities/{a.Id}\" title=\"{Text(a.Title)}\">");
            html.Append(a.Date.ToString("MM-dd", CultureInfo.InvariantCulture)).Append(' ').Append(Text(a.Title)).Append("</a></span>");
        }

        return html.Append("</td></tr>").ToString();
    }

    private static string BuildMember(MemberLine l, bool study)
    {
        var html = new StringBuilder(256);
        html.Append(CultureInfo.InvariantCulture, $"<tr data-member=\"{l.MemberId}\" data-counted=\"{(l.Counted ? "true" : "false")}\">");
        html.Append("<th scope=\"row\">").Append(Text(l.Name)).Append("</th>");
        html.Append("<td>").Append(Text(l.UnitName)).Append("</td>");
        html.Append("<td>").Append(Text(l.CadreLevel.Display())).Append("</td>");
        if (study)
        {
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{l.Completed} / {l.Required}</td>");
        }

        // Inline, wrapping. For study a year is a dozen topics per member: the date alone links each record (its title
        // is in the records above and in the tooltip), so a member stays one or two lines.
        html.Append("<td class=\"member-wrap\">");
        foreach (var a in l.Attended)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"member-attended\" data-attended=\"{a.Activity.Id}\">");
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"/activities/{a.Activity.Id}\" title=\"{Text($"{a.Activity.Title}（{a.Activity.OrgUnitName}）")}\">");
            html.Append(a.Activity.Date.ToString("MM-dd", CultureInfo.InvariantCulture));
            if (!study)
            {
                html.Append(' ').Append(Text(a.Activity.Title));
            }

            html.Append("</a>");
            if (a.MadeUpOn is { } madeUp)
            {
                html.Append("<span class=\"drill-kind\">（补学 ").Append(madeUp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("）</span>");
            }

            html.Append("</span>");
        }

        html.Append("</td><td class=\"member-wrap\">").Append(Text(string.Join("；", l.Missing))).Append("</td></tr>");
        return html.ToString();
    }

    private static string BuildRecord(DrillActivity a) =>
        string.Create(CultureInfo.InvariantCulture, $"<tr data-activity=\"{a.Id}\"><td class=\"num\">{a.Date:yyyy-MM-dd}</td><td class=\"drill-kind\">{Text(a.KindName)}</td>")
        + string.Create(CultureInfo.InvariantCulture, $"<td class=\"drill-title\"><a href=\"/activities/{a.Id}\">{Text(a.Title)}</a></td><td>{Text(a.OrgUnitName)}</td></tr>");

    private static string BuildUnit(Live.Metrics.UnitMetrics row, string link)
    {
        var html = new StringBuilder(1024);
        html.Append(CultureInfo.InvariantCulture, $"<tr data-unit=\"{row.OrgUnitId}\">");
        html.Append("<th scope=\"row\"><a href=\"").Append(Text(link)).Append("\">").Append(Text(row.Name)).Append("</a></th>");
        foreach (var m in MetricInfo.All)
        {
            var v = row.Values[m.Name];
            html.Append("<td class=\"num\" data-metric=\"").Append(Text(m.Name)).Append("\" data-value=\"")
                .Append(v?.ToString("R", CultureInfo.InvariantCulture)).Append("\">")
                .Append(v is null ? "—" : m.IsRate ? (v.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : v.Value.ToString("N0", CultureInfo.InvariantCulture))
                .Append("</td>");
        }

        return html.Append("</tr>").ToString();
    }

    private static string Text(string value) => Encoder.Encode(value);
}
