using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.Dashboards;

/// <summary>
/// One thing a branch owed in the period: a quarter's 警示教育 (<see cref="KindName"/> null) or a 三会一课 requirement
/// instance (a kind's month, quarter or year), whether it was met, and the branch's records that count for it.
/// </summary>
public sealed record DueLine(
    int OrgUnitId, string UnitName, string? KindName, Period Period, int Minimum, bool Met, IReadOnlyList<DrillActivity> Records);

/// <summary>The branch-level facts behind 警示教育覆盖率 or 三会一课落实率: met lines are the numerator, all lines the denominator.</summary>
/// <remarks>Shared by every page showing it (<see cref="SnapshotReads"/>): what a page shows of it is worked out once, here.</remarks>
public sealed class DueDrill(IReadOnlyList<DueLine> lines)
{
    public IReadOnlyList<DueLine> Lines { get; } = lines;

    /// <summary>The lines met, in the list's order.</summary>
    public IReadOnlyList<DueLine> MetLines { get; } = [.. lines.Where(l => l.Met)];

    /// <summary>The lines missed, in the list's order.</summary>
    public IReadOnlyList<DueLine> MissedLines { get; } = [.. lines.Where(l => !l.Met)];

    public int Met => MetLines.Count;

    public int Missed => MissedLines.Count;
}

public sealed partial class DashboardService
{
    /// <summary>
    /// The (branch, quarter) pairs of 警示教育覆盖率 or the 三会一课 requirement instances of 三会一课落实率 under the scope,
    /// met and missed, from the very facts the figure is summed from (<see cref="BranchFacts"/>); read once per snapshot
    /// and shared by every page showing it.
    /// </summary>
    public async Task<DueDrill> DuesAsync(ClaimsPrincipal user, int scopeId, Period period, string metric, CancellationToken ct = default)
    {
        if (metric is not (MetricNames.WarningEducationCoverage or MetricNames.MeetingsCompliance))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "只有警示教育覆盖率和三会一课落实率按支部列出应完成事项。");
        }

        await guard.DemandAsync(user, Operation.ViewDashboards, scopeId, ct);
        var units = await SubtreeAsync(scopeId, ct);
        var snapshot = await metrics.GetAsync(scopeId, period, ct);
        return await shared.GetAsync<DueDrill>("dues:" + metric, snapshot,
            (earlier, c) => earlier is { } e && metrics.UnitsRereadSince(period, e.Sequence) is { } changed
                ? FollowDuesAsync(e.Value, changed, units, period, metric, c)
                : ReadDuesAsync(units, period, metric, c),
            (a, b) => DrillRows.SameDues(a.Lines, b.Lines), ct);
    }

    /// <summary><paramref name="earlier"/> brought up to date (<see cref="FollowAsync"/>).</summary>
    private async Task<DueDrill> FollowDuesAsync(DueDrill earlier, IReadOnlySet<int> changed, List<int> units, Period period, string metric, CancellationToken ct)
    {
        var (kept, fresh) = await FollowAsync(earlier.Lines, l => l.OrgUnitId, l => l.Records, restricted: true, changed, units,
            async reread => (await ReadDuesAsync(reread, period, metric, ct)).Lines, ct);
        var lines = kept.Concat(fresh);

        // A unit's lines stay together and in their order; the units in the list's order (zh-CN name, then id).
        var blocks = lines.GroupBy(l => l.OrgUnitId).OrderBy(g => g.First().UnitName, ByName).ThenBy(g => g.Key);
        return new DueDrill([.. blocks.SelectMany(g => g)]);
    }

    private async Task<DueDrill> ReadDuesAsync(List<int> units, Period period, string metric, CancellationToken ct)
    {
        var branchFacts = await facts.ReadBranchesAsync(period, clock.Today, units, ct);
        var warning = metric == MetricNames.WarningEducationCoverage;
        var parts = warning
            ? branchFacts.Quarters.Select(q => (q.OrgUnitId, Kind: (ActivityKind?)null, Period: q.Quarter, Minimum: 1, q.Warned, Records: q.Warnings))
            : branchFacts.Meetings.Select(m => (m.OrgUnitId, Kind: (ActivityKind?)m.Kind, m.Instance.Period, m.Kind.Requirement!.Minimum, Warned: m.Met, Records: m.Held));
        var list = parts.ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitNames = await db.OrgUnits.AsNoTracking().Where(u => units.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var activityIds = list.SelectMany(p => p.Records.Select(r => r.ActivityId)).Distinct().ToList();
        var activities = await DrillActivitiesAsync(db, activityIds, ct, restricted: true);
        // By branch (zh-CN order), then period, then the kinds in the order 三会一课 is said.
        var lines = list
            .Select(p => (Order: p.Kind is { } k ? IndexOf(ActivityKindCatalogue.MeetingCodes, k.Code) : 0, Line: new DueLine(
                p.OrgUnitId, unitNames.GetValueOrDefault(p.OrgUnitId, "—"), p.Kind?.Name, p.Period, p.Minimum, p.Warned,
                [.. p.Records.Where(r => activities.ContainsKey(r.ActivityId)).Select(r => activities[r.ActivityId])])))
            .OrderBy(x => x.Line.UnitName, ByName).ThenBy(x => x.Line.OrgUnitId).ThenBy(x => x.Line.Period.Start).ThenBy(x => x.Order)
            .Select(x => x.Line)
            .ToList();
        return new DueDrill(lines);
    }

    private static int IndexOf(IReadOnlyList<string> codes, string code)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] == code)
            {
                return i;
            }
        }

        return codes.Count;
    }
}
