using Microsoft.AspNetCore.Components;
using PartyPortal.Model;

namespace PartyPortal.Features.Organisation;

/// <summary>What PartyOffice may do to a unit on 组织体系.</summary>
public enum UnitAction
{
    Add,
    Rename,
    Move,
    Close,
}

/// <summary>
/// 组织体系 as a collapsible tree: the units the user may read, which of them are open on screen, which match the
/// search, and what each offers. A bureau has hundreds of units; only the top of the user's own scope starts open,
/// so the page shows the committees rather than every branch.
/// </summary>
public sealed class UnitTreeView
{
    private readonly Dictionary<int, OrgUnitDto> byId;
    private readonly ILookup<int, OrgUnitDto> children;
    private readonly IReadOnlySet<int> manageable;

    public UnitTreeView(IReadOnlyList<OrgUnitDto> units, IReadOnlySet<int> manageable, DateOnly today)
    {
        Units = units;
        this.manageable = manageable;
        Today = today;
        byId = units.ToDictionary(u => u.Id);
        children = units.Where(u => u.ParentId is { } p && byId.ContainsKey(p)).ToLookup(u => u.ParentId!.Value);
        Roots = units.Where(u => u.ParentId is not { } p || !byId.ContainsKey(p)).ToList();
        Expanded.UnionWith(Roots.Select(r => r.Id));
    }

    /// <summary>Every unit the user may read, in tree order.</summary>
    public IReadOnlyList<OrgUnitDto> Units { get; }

    /// <summary>The tops of the user's scope: the bureau for PartyOffice and leaders, a committee or a branch for a secretary.</summary>
    public IReadOnlyList<OrgUnitDto> Roots { get; }

    public DateOnly Today { get; }

    public HashSet<int> Expanded { get; } = [];

    public IReadOnlySet<int> Matches { get; private set; } = new HashSet<int>();

    /// <summary>The unit whose action panel is open, if any.</summary>
    public int? ActingId { get; set; }

    public EventCallback<int> OnToggle { get; init; }

    public EventCallback<(OrgUnitDto Unit, UnitAction Action)> OnStart { get; init; }

    public IEnumerable<OrgUnitDto> ChildrenOf(int id) => children[id];

    public bool HasChildren(int id) => children.Contains(id);

    public int CountChildren(int id) => children[id].Count();

    public OrgUnitDto? Find(int? id) => id is { } i ? byId.GetValueOrDefault(i) : null;

    /// <summary>
    /// Closed once its closing day has come: the unit still counts for that day's figures (it exists up to and
    /// including <see cref="OrgUnitDto.ClosedOn"/>), but there is nothing left to manage in it.
    /// </summary>
    public bool IsClosed(OrgUnitDto unit) => unit.ClosedOn is { } c && c <= Today;

    public bool CanManage(OrgUnitDto unit) => manageable.Contains(unit.Id) && !IsClosed(unit);

    /// <summary>What the unit's type allows: only committees and general branches hold units; a branch holds party groups.</summary>
    public static string? AddLabel(OrgUnitType type) => type switch
    {
        OrgUnitType.PartyGroup => null,
        OrgUnitType.Branch => "新增党小组",
        _ => "新增下级组织",
    };

    public void Toggle(int id)
    {
        if (!Expanded.Remove(id))
        {
            Expanded.Add(id);
        }
    }

    /// <summary>Marks the units whose name contains the text and opens the tree down to each; returns how many.</summary>
    public int Search(string? text)
    {
        var term = text?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            Matches = new HashSet<int>();
            return 0;
        }

        var matches = Units.Where(u => u.Name.Contains(term, StringComparison.OrdinalIgnoreCase)).Select(u => u.Id).ToHashSet();
        foreach (var id in matches)
        {
            Reveal(id);
        }

        Matches = matches;
        return matches.Count;
    }

    /// <summary>Opens every unit above this one, so that it shows.</summary>
    public void Reveal(int id)
    {
        for (var parent = Find(Find(id)?.ParentId); parent is not null; parent = Find(parent.ParentId))
        {
            Expanded.Add(parent.Id);
        }
    }

    /// <summary>Open units the unit may be moved under: outside its own subtree, not its parent now, of a fitting type.</summary>
    public IEnumerable<OrgUnitDto> MoveTargets(OrgUnitDto unit)
    {
        var subtree = new HashSet<int> { unit.Id };
        foreach (var u in Units)
        {
            if (u.ParentId is { } p && subtree.Contains(p))
            {
                subtree.Add(u.Id);
            }
        }

        return Units.Where(t => !subtree.Contains(t.Id) && t.Id != unit.ParentId && CanManage(t) && OrgUnitService.Fits(t.Type, unit.Type));
    }
}
