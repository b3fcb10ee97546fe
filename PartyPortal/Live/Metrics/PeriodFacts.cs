using PartyPortal.Model;

namespace PartyPortal.Live.Metrics;

/// <summary>
/// Every unit's counts for one period, as read at one moment; immutable, so a snapshot built from it never sees
/// a half-applied change. <see cref="With"/> makes the next version after a change.
/// </summary>
public sealed class PeriodFacts(
    Period period,
    DateOnly referenceDay,
    IReadOnlyList<OrgUnit> units,
    IReadOnlyDictionary<int, MetricCounts> counts,
    int? starYear,
    FiveStarQuotaRule? quotaRule)
{
    private readonly Dictionary<int, OrgUnit> unitById = units.ToDictionary(u => u.Id);
    private readonly ILookup<int?, OrgUnit> childrenOf = units.ToLookup(u => u.ParentId);
    private Dictionary<int, MetricCounts>? subtrees;

    public Period Period { get; } = period;

    /// <summary>The day members are counted on: the period's last day, or today while it runs.</summary>
    public DateOnly ReferenceDay { get; } = referenceDay;

    public IReadOnlyList<OrgUnit> Units { get; } = units;

    public IReadOnlyDictionary<int, MetricCounts> Counts { get; } = counts;

    /// <summary>The rating year the star figures are of; null when nothing has been published yet.</summary>
    public int? StarYear { get; } = starYear;

    /// <summary>The five-star quota rule of <see cref="StarYear"/>'s scheme; null when nothing has been published.</summary>
    public FiveStarQuotaRule? QuotaRule { get; } = quotaRule;

    public OrgUnit? Unit(int id) => unitById.GetValueOrDefault(id);

    /// <summary>
    /// This period's facts with the counts of <paramref name="reread"/>'s units replaced (its stars are newer). The tree
    /// stays this one's: a re-read reads only the units it re-counts, and a change to the tree itself is never re-read in
    /// part (<see cref="DataChanged.AffectsEverything"/>: the whole period is read again).
    /// </summary>
    public PeriodFacts With(PeriodFacts reread)
    {
        ArgumentNullException.ThrowIfNull(reread);
        var merged = new Dictionary<int, MetricCounts>(Counts);
        foreach (var (id, c) in reread.Counts)
        {
            merged[id] = c;
        }

        return new PeriodFacts(Period, reread.ReferenceDay, Units, merged, reread.StarYear, reread.QuotaRule);
    }

    /// <summary>The units directly below <paramref name="parentId"/>, in no particular order.</summary>
    public IEnumerable<OrgUnit> ChildrenOf(int parentId) => childrenOf[parentId];

    /// <summary>
    /// The sum of the counts of <paramref name="scope"/>'s subtree. Every unit's subtree sum is made once per facts, in
    /// one pass from the leaves up, so a snapshot of a scope with a hundred children costs a hundred look-ups rather than
    /// a hundred scans of the tree (3,000 branches at a province).
    /// </summary>
    public MetricCounts Subtree(OrgUnit scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var sums = Volatile.Read(ref subtrees) ?? SumSubtrees();
        return sums.GetValueOrDefault(scope.Id) ?? new MetricCounts();
    }

    /// <summary>
    /// Each tier's sums within <paramref name="scope"/>, only tiers with a counted unit, in tier order. Below the root a
    /// whole subtree lies in one tier; at the root each child's subtree goes to its own tier, and the root to its.
    /// </summary>
    public IReadOnlyList<(OrgTier Tier, MetricCounts Counts)> TierSums(OrgUnit scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var sums = Volatile.Read(ref subtrees) ?? SumSubtrees();
        var parts = new List<(OrgTier Tier, MetricCounts Counts)>();
        if (scope.ParentId is null)
        {
            if (Counts.TryGetValue(scope.Id, out var own))
            {
                parts.Add((TierOf(scope), own));
            }

            parts.AddRange(ChildrenOf(scope.Id).Where(c => sums.ContainsKey(c.Id)).Select(c => (TierOf(c), sums[c.Id])));
        }
        else if (sums.TryGetValue(scope.Id, out var whole))
        {
            parts.Add((TierOf(scope), whole));
        }

        return [.. parts.GroupBy(p => p.Tier).OrderBy(g => g.Key).Select(g => (g.Key, MetricCounts.Sum(g.Select(p => p.Counts))))];
    }

    /// <summary>Every unit's subtree sum, leaves first; a subtree without a counted unit has no entry.</summary>
    private Dictionary<int, MetricCounts> SumSubtrees()
    {
        var sums = new Dictionary<int, MetricCounts>(Units.Count);
        foreach (var unit in Units.OrderByDescending(u => OrgPath.Ids(u.Path).Count))
        {
            MetricCounts? sum = null;
            if (Counts.TryGetValue(unit.Id, out var own))
            {
                sum = new MetricCounts();
                sum.Add(own);
            }

            foreach (var child in ChildrenOf(unit.Id))
            {
                if (sums.TryGetValue(child.Id, out var below))
                {
                    sum ??= new MetricCounts();
                    sum.Add(below);
                }
            }

            if (sum is not null)
            {
                sums[unit.Id] = sum;
            }
        }

        // Racing builders make equal dictionaries; the first one kept is as good as any.
        return Interlocked.CompareExchange(ref subtrees, sums, null) ?? sums;
    }

    /// <summary>
    /// The tier of "上热中温下冷" a unit sits in: the municipal committee itself, the municipal organs (below the
    /// 机关党委), or a county bureau (below a county committee).
    /// </summary>
    public OrgTier TierOf(OrgUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var ids = OrgPath.Ids(unit.Path);
        var top = ids.Count > 1 ? Unit(ids[1]) : null;
        return top?.Type switch
        {
            OrgUnitType.OrgansCommittee => OrgTier.MunicipalOrgans,
            OrgUnitType.CountyCommittee => OrgTier.County,
            _ => OrgTier.Municipal,
        };
    }
}
