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
}
