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
    bool quotaKnown)
{
    private readonly Dictionary<int, OrgUnit> unitById = units.ToDictionary(u => u.Id);

    public Period Period { get; } = period;

    /// <summary>The day members are counted on: the period's last day, or today while it runs.</summary>
    public DateOnly ReferenceDay { get; } = referenceDay;

    public IReadOnlyList<OrgUnit> Units { get; } = units;

    public IReadOnlyDictionary<int, MetricCounts> Counts { get; } = counts;

    /// <summary>The rating year the star figures are of; null when nothing has been published yet.</summary>
    public int? StarYear { get; } = starYear;

    /// <summary>Whether the year before <see cref="StarYear"/> was rated, so a quota can be given.</summary>
    public bool QuotaKnown { get; } = quotaKnown;

    public OrgUnit? Unit(int id) => unitById.GetValueOrDefault(id);

    /// <summary>This period's facts with <paramref name="reread"/>'s units replaced (its tree and stars are newer).</summary>
    public PeriodFacts With(PeriodFacts reread)
    {
        ArgumentNullException.ThrowIfNull(reread);
        var merged = new Dictionary<int, MetricCounts>(Counts);
        foreach (var (id, c) in reread.Counts)
        {
            merged[id] = c;
        }

        return new PeriodFacts(Period, reread.ReferenceDay, reread.Units, merged, reread.StarYear, reread.QuotaKnown);
    }

    /// <summary>The sum of the counts of <paramref name="scope"/>'s subtree.</summary>
    public MetricCounts Subtree(OrgUnit scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return MetricCounts.Sum(Units.Where(u => OrgPath.IsWithin(u.Path, scope.Path) && Counts.ContainsKey(u.Id)).Select(u => Counts[u.Id]));
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
