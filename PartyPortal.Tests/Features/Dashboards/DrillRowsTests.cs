using PartyPortal.Features.Dashboards;
using PartyPortal.Model;

namespace PartyPortal.Tests.Features.Dashboards;

/// <summary>
/// Whether a new read of a drill-down list shows what the page already shows: decided field by field, so that two reads
/// of the same rows are the same and any change a row would show is a difference.
/// </summary>
public sealed class DrillRowsTests
{
    private static readonly DrillActivity Film = new(7, new DateOnly(2024, 4, 20), "警示教育", "观看警示教育片", "第一党支部");

    private static MemberLine Line(DrillActivity attended, int completed = 1, string name = "张三") =>
        new(11, name, "第一党支部", CadreLevel.Section, 1, completed, [new DrillAttendance(attended, null)], completed == 1 ? [] : ["本期间未参加警示教育"]);

    [Fact]
    public void TwoReadsOfTheSameRowsAreTheSame()
    {
        // Separate objects, as two reads of the database make them.
        Assert.True(DrillRows.SameMembers([Line(Film with { })], [Line(Film with { })]));
        Assert.True(DrillRows.SameRecords([Film], [Film with { }]));
        Assert.True(DrillRows.SameDues(
            [new DueLine(3, "第一党支部", null, Period.Quarter(2024, 2), 1, true, [Film])],
            [new DueLine(3, "第一党支部", null, Period.Quarter(2024, 2), 1, true, [Film with { }])]));
    }

    [Fact]
    public void AnythingARowShowsThatChangedIsADifference()
    {
        MemberLine[] before = [Line(Film)];

        Assert.False(DrillRows.SameMembers(before, [Line(Film with { Title = "观看警示教育片（更正）" })]));
        Assert.False(DrillRows.SameMembers(before, [Line(Film with { Date = new DateOnly(2024, 4, 21) })]));
        Assert.False(DrillRows.SameMembers(before, [Line(Film, completed: 0)]));
        Assert.False(DrillRows.SameMembers(before, [Line(Film, name: "张三丰")]));
        Assert.False(DrillRows.SameMembers(before, [Line(Film), Line(Film)]));
        Assert.False(DrillRows.SameRecords([Film], [Film with { OrgUnitName = "第二党支部" }]));
        Assert.False(DrillRows.SameDues(
            [new DueLine(3, "第一党支部", null, Period.Quarter(2024, 2), 1, true, [Film])],
            [new DueLine(3, "第一党支部", null, Period.Quarter(2024, 2), 1, true, [])]));
    }

    [Fact]
    public void AUnitRowShowsEveryFigureEncodedAndIsOneStringForEveryPageOnIt()
    {
        var unit = new PartyPortal.Live.Metrics.UnitMetrics(5, "第<一>党支部 & 机关", OrgUnitType.Branch,
            new PartyPortal.Live.Metrics.MetricValues(new PartyPortal.Live.Metrics.MetricCounts { BranchQuarters = 4, BranchQuartersWarned = 3, Activities = 1234 }, null));

        var row = DrillRows.Unit(unit, "/dashboard?scope=5&metric=x").Value;

        Assert.StartsWith("<tr data-unit=\"5\">", row, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/dashboard?scope=5&amp;metric=x\">第&lt;一&gt;党支部 &amp; 机关</a>", row, StringComparison.Ordinal);
        Assert.Contains($"data-metric=\"{PartyPortal.Live.Metrics.MetricNames.WarningEducationCoverage}\" data-value=\"0.75\">75.0%</td>", row, StringComparison.Ordinal);
        Assert.Contains($"data-metric=\"{PartyPortal.Live.Metrics.MetricNames.ActivityCount}\" data-value=\"1234\">1,234</td>", row, StringComparison.Ordinal);
        Assert.Equal(MetricInfo.All.Count, row.Split("<td ").Length - 1);

        // Every page on the same snapshot and link holds the same string; another figure in focus, another link.
        Assert.Same(row, DrillRows.Unit(unit, "/dashboard?scope=5&metric=x").Value);
        Assert.Contains("metric=y", DrillRows.Unit(unit, "/dashboard?scope=5&metric=y").Value, StringComparison.Ordinal);
    }
}
