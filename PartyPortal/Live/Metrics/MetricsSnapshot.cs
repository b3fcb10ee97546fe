using PartyPortal.Model;

namespace PartyPortal.Live.Metrics;

/// <summary>One unit's (subtree's) figures inside a snapshot: a county on the bureau's view, a branch on a county's.</summary>
public sealed record UnitMetrics(int OrgUnitId, string Name, OrgUnitType Type, MetricValues Values);

/// <summary>A tier's figures for the pressure-transmission view.</summary>
public sealed record TierMetrics(OrgTier Tier, MetricValues Values);

/// <summary>
/// The figures of one scope for one period at one moment, computed once and shared by every dashboard, screen
/// and hub client that shows them.
/// </summary>
public sealed record MetricsSnapshot(
    int Scope,
    string ScopeName,
    OrgUnitType ScopeType,
    Period Period,
    int? StarYear,
    DateTimeOffset ComputedAt,
    MetricValues Values,
    IReadOnlyList<UnitMetrics> Children,
    IReadOnlyList<TierMetrics> Tiers,
    IReadOnlyList<(int Id, string Name)> Ancestors)
{
    /// <summary>
    /// The sequence of the last change record applied to the figures: a reader that holds a snapshot with a higher one
    /// keeps it (deliveries and reads may cross), and one that holds a lower one takes this.
    /// </summary>
    public long Sequence { get; init; }

    /// <summary>A branch (or a unit without units below it): its records are the drill-down's last step.</summary>
    public bool IsLeaf => Children.Count == 0;

    /// <summary>Whether <paramref name="other"/> shows exactly the same figures (its time aside): nothing to send.</summary>
    public bool SameFiguresAs(MetricsSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Scope == other.Scope && Period == other.Period && StarYear == other.StarYear && ScopeName == other.ScopeName
            && Values.Counts.SameAs(other.Values.Counts) && Values.FiveStarQuota == other.Values.FiveStarQuota
            && Children.Count == other.Children.Count
            && Children.Zip(other.Children).All(p => p.First.OrgUnitId == p.Second.OrgUnitId && p.First.Name == p.Second.Name
                && p.First.Values.Counts.SameAs(p.Second.Values.Counts))
            && Tiers.Count == other.Tiers.Count
            && Tiers.Zip(other.Tiers).All(p => p.First.Tier == p.Second.Tier && p.First.Values.Counts.SameAs(p.Second.Values.Counts));
    }

    public static MetricsSnapshot Build(PeriodFacts facts, OrgUnit scope, DateTimeOffset computedAt)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(scope);
        var values = new MetricValues(facts.Subtree(scope), facts.QuotaRule);
        var children = OrgPath.InTreeOrder(facts.ChildrenOf(scope.Id))
            .Select(x => new UnitMetrics(x.Unit.Id, x.Unit.Name, x.Unit.Type, new MetricValues(facts.Subtree(x.Unit), facts.QuotaRule)))
            .ToList();
        var tiers = facts.TierSums(scope).Select(t => new TierMetrics(t.Tier, new MetricValues(t.Counts, facts.QuotaRule))).ToList();
        var ancestors = OrgPath.Ids(scope.Path).Where(id => id != scope.Id).Select(facts.Unit).OfType<OrgUnit>().Select(u => (u.Id, u.Name)).ToList();
        return new MetricsSnapshot(scope.Id, scope.Name, scope.Type, facts.Period, facts.StarYear, computedAt, values, children, tiers, ancestors);
    }
}
