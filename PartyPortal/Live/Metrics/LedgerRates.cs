using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Live.Metrics;

/// <summary>
/// The rates star-rating items are measured by, for the demo seeder (<see cref="Data.DemoData.DemoLedgerRates"/>): the
/// live figures' own counts and definitions, each branch's over its subtree as the engine gives them to the
/// self-assessment, so the demo's proposed points are exactly those the assessment page proposes.
/// </summary>
public static class LedgerRates
{
    public static async Task<Func<int, CriterionMeasure, double?>> ReadAsync(PortalDbContext db, int year, DateOnly today, CancellationToken ct)
    {
        var facts = await MetricFactsReader.ReadAllAsync(db, Period.OfYear(year), today, ct);
        var values = new Dictionary<int, MetricValues>();
        return (branchId, measure) =>
        {
            if (facts.Unit(branchId) is not { } unit)
            {
                return null;
            }

            if (!values.TryGetValue(branchId, out var v))
            {
                values[branchId] = v = new MetricValues(facts.Subtree(unit), facts.QuotaRule);
            }

            return v.Of(measure)?.Value;
        };
    }
}
