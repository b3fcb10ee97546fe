using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

/// <summary>The levels of the organisation tree, from the municipal committee down to a party group.</summary>
public enum OrgUnitType
{
    [Display(Name = "市局党委")] MunicipalCommittee = 1,
    [Display(Name = "机关党委")] OrgansCommittee = 2,
    [Display(Name = "县（市、区）局党委")] CountyCommittee = 3,
    [Display(Name = "党总支")] GeneralBranch = 4,
    [Display(Name = "党支部")] Branch = 5,
    [Display(Name = "党小组")] PartyGroup = 6,
}

/// <summary>
/// The tiers of "上热中温下冷": every metric is split by these so a drop down the tree shows.
/// </summary>
public enum OrgTier
{
    [Display(Name = "市局党委")] Municipal = 1,
    [Display(Name = "市局机关")] MunicipalOrgans = 2,
    [Display(Name = "县局")] County = 3,
}

public class OrgUnit
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public OrgUnit? Parent { get; set; }
    public List<OrgUnit> Children { get; } = [];

    public required string Name { get; set; }
    public OrgUnitType Type { get; set; }

    /// <summary>
    /// Materialised path of ids, "/1/4/27/", so a subtree is one indexed prefix match.
    /// Kept by whoever moves a unit; see <see cref="OrgPath"/>.
    /// </summary>
    public string Path { get; set; } = "/";

    public int SortOrder { get; set; }

    /// <summary>临时党支部: founded for a project, closes on a date.</summary>
    public bool IsTemporary { get; set; }

    /// <summary>The day the unit began; null means it predates the records.</summary>
    public DateOnly? FoundedOn { get; set; }

    /// <summary>The day the unit closed (inclusive: it existed on that day).</summary>
    public DateOnly? ClosedOn { get; set; }

    /// <summary>When the branch committee was last elected (re-election is due every 3 years).</summary>
    public DateOnly? CommitteeElectedOn { get; set; }

    /// <summary>The department this branch is attached to (for "一肩挑": secretary = department head).</summary>
    public string? DepartmentName { get; set; }

    public bool IsBranch => Type == OrgUnitType.Branch;

    /// <summary>Whether the unit existed on at least one day of the period.</summary>
    public bool ExistedDuring(Period period) =>
        (FoundedOn is null || FoundedOn <= period.End) && (ClosedOn is null || ClosedOn >= period.Start);

    public bool ExistedOn(DateOnly day) =>
        (FoundedOn is null || FoundedOn <= day) && (ClosedOn is null || ClosedOn >= day);
}

/// <summary>Helpers for the materialised path of <see cref="OrgUnit.Path"/>.</summary>
public static class OrgPath
{
    public static string Of(string? parentPath, int id) => (parentPath ?? "/") + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";

    /// <summary>Whether the unit with <paramref name="path"/> lies in the subtree rooted at <paramref name="scopePath"/>.</summary>
    public static bool IsWithin(string path, string scopePath) => path.StartsWith(scopePath, StringComparison.Ordinal);

    /// <summary>
    /// The org chart's order: each unit followed by its subtree, siblings by <see cref="OrgUnit.SortOrder"/>,
    /// with its depth (0 for a root). Every list of units in the portal reads in this order.
    /// </summary>
    public static IReadOnlyList<(OrgUnit Unit, int Depth)> InTreeOrder(IEnumerable<OrgUnit> units)
    {
        var list = units.ToList();
        var ids = list.Select(u => u.Id).ToHashSet();
        var children = list.ToLookup(u => u.ParentId is { } p && ids.Contains(p) ? p : (int?)null);
        var ordered = new List<(OrgUnit, int)>(list.Count);
        var stack = new Stack<(OrgUnit Unit, int Depth)>(Siblings(null).Reverse().Select(u => (u, 0)));
        while (stack.Count > 0)
        {
            var (unit, depth) = stack.Pop();
            ordered.Add((unit, depth));
            foreach (var child in Siblings(unit.Id).Reverse())
            {
                stack.Push((child, depth + 1));
            }
        }

        return ordered;

        IEnumerable<OrgUnit> Siblings(int? parentId) => children[parentId].OrderBy(u => u.SortOrder).ThenBy(u => u.Id);
    }

    public static IReadOnlyList<int> Ids(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
