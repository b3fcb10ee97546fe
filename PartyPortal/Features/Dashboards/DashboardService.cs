using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Access;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.Dashboards;

/// <summary>
/// Leaders' (and every role's) view of the live metrics: authorises the scope, then reads the one engine. A page
/// shows a snapshot and watches for the next; nothing here computes a figure itself.
/// </summary>
public sealed partial class DashboardService(
    LiveMetrics metrics, AccessGuard guard, OrgTree tree, BureauClock clock, MetricFactsReader facts, SnapshotReads shared,
    Activities.ActivityService activities, IDbContextFactory<PortalDbContext> dbFactory)
{
    public Period CurrentQuarter => clock.CurrentQuarter;

    public DateOnly Today => clock.Today;

    /// <summary>A period from an address ("2024Q3", "2024H1", "2024"), within the bureau's lifetime.</summary>
    public bool TryParsePeriod(string? text, out Period period) => MetricsPeriods.TryParse(text, clock, out period);

    public string PeriodHint => MetricsPeriods.Hint(clock);

    /// <summary>A moment in the bureau's time zone, for "数据更新于 HH:mm:ss".</summary>
    public DateTimeOffset LocalTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, clock.Zone);

    /// <summary>
    /// Those of <paramref name="units"/> whose dashboards the user may open (the crumbs link only to these): a scope's
    /// few ancestors checked one by one, not every unit the user may view listed (at a province ~3,000) to find them.
    /// </summary>
    public async Task<IReadOnlySet<int>> OpenableAsync(ClaimsPrincipal user, IEnumerable<int> units)
    {
        var openable = new HashSet<int>();
        foreach (var unit in units)
        {
            if (await guard.AllowsAsync(user, Operation.ViewDashboards, unit))
            {
                openable.Add(unit);
            }
        }

        return openable;
    }

    /// <summary>
    /// The scope's snapshots for the <paramref name="quarters"/> quarters up to the one the period ends in (or
    /// today's, while it runs), oldest first: the trend lines. Quarters before the bureau's founding are left out.
    /// </summary>
    public async Task<IReadOnlyList<MetricsSnapshot>> TrendAsync(ClaimsPrincipal user, int scopeId, Period period, int quarters, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ViewDashboards, scopeId, ct);
        var last = Period.Containing(period.End < clock.Today ? period.End : clock.Today, PeriodKind.Quarter);
        var list = new List<MetricsSnapshot>(quarters);
        var q = last;
        for (var i = 0; i < quarters && clock.IsWithinLifetime(q); i++, q = q.Previous)
        {
            list.Add(await metrics.GetAsync(scopeId, q, ct));
        }

        list.Reverse();
        return list;
    }

    /// <summary>The widest unit the user may see dashboards of: the bureau for a whole-bureau role, else their first scope.</summary>
    public async Task<int?> HomeScopeAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var paths = await tree.PathsAsync(ct);
        var scopes = user.Assignments().Where(a => AccessPolicy.RoleAllows(a.Role, Operation.ViewDashboards)).Select(a => a.OrgUnitId).ToList();
        if (scopes.Contains(null))
        {
            return paths.Where(p => OrgPath.Ids(p.Value).Count == 1).OrderBy(p => p.Key).Select(p => (int?)p.Key).FirstOrDefault();
        }

        return scopes.Where(s => paths.ContainsKey(s!.Value)).OrderBy(s => OrgPath.Ids(paths[s!.Value]).Count).FirstOrDefault();
    }

    /// <summary>The snapshot of <paramref name="scopeId"/> (default: the user's home scope) for the period (default: this quarter).</summary>
    /// <exception cref="AccessDeniedException">The user has no scope to see dashboards of.</exception>
    /// <exception cref="KeyNotFoundException">No such unit, or one outside the user's scope (answered alike).</exception>
    public async Task<MetricsSnapshot> GetAsync(ClaimsPrincipal user, int? scopeId, Period? period, CancellationToken ct = default)
    {
        var scope = scopeId ?? await HomeScopeAsync(user, ct) ?? throw new AccessDeniedException("您没有可查看看板的组织范围。");
        if (!await guard.FindsAsync(user, Operation.ViewDashboards, scope, ct))
        {
            throw new KeyNotFoundException(MetricsHub.NoSuchScope);
        }

        return await metrics.GetAsync(scope, period ?? clock.CurrentQuarter, ct);
    }

    /// <summary>
    /// The snapshot now, and every later one passed to <paramref name="onUpdate"/> until the result is disposed.
    /// Subscribing after the read means a change in between is delivered, never lost.
    /// </summary>
    public async Task<(MetricsSnapshot Snapshot, IDisposable Subscription)> WatchAsync(
        ClaimsPrincipal user, int scopeId, Period period, Func<MetricsSnapshot, Task> onUpdate, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ViewDashboards, scopeId, ct);
        var subscription = metrics.Subscribe(scopeId, period, onUpdate);
        try
        {
            return (await metrics.GetAsync(scopeId, period, ct), subscription);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }
}
