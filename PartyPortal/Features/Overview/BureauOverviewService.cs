using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.Overview;

/// <summary>One committee's line in the bureau overview.</summary>
public sealed record CommitteeOverview(int OrgUnitId, string Name, OrgTier Tier, int Branches, int Members, int ActivitiesThisQuarter);

/// <summary>A recently recorded activity as the home page lists it.</summary>
public sealed record RecentActivity(int Id, DateOnly Date, string KindName, string Title, string OrgUnitName);

/// <summary>The bureau (or the part of it the user works in) at a glance: what the home page shows.</summary>
public sealed record BureauOverview(
    string BureauName,
    string ScopeName,
    DateOnly Today,
    Period Quarter,
    int Branches,
    int TemporaryBranches,
    int Members,
    int ActivitiesThisQuarter,
    int ActivityKinds,
    IReadOnlyList<CommitteeOverview> Committees,
    IReadOnlyList<RecentActivity> Recent);

/// <summary>
/// Reads the overview of the user's own scope: the whole bureau for leaders and PartyOffice, a county
/// committee or a branch for its secretary. Discipline-restricted kinds are left out of every count and
/// list here: the home page is for everyone. This quarter's activity counts are the live metrics engine's
/// (<c>activity-count</c>), the same figures as the dashboards and screens.
/// </summary>
public sealed class BureauOverviewService(IDbContextFactory<PortalDbContext> dbFactory, BureauClock clock, AccessGuard guard, LiveMetrics metrics)
{
    /// <param name="scopeOrgUnitId">The part of the tree to look at; by default the user's own (see <see cref="HomeScope"/>).</param>
    public async Task<BureauOverview> GetAsync(ClaimsPrincipal user, int? scopeOrgUnitId = null, CancellationToken ct = default)
    {
        var scopeId = scopeOrgUnitId ?? HomeScope(user);
        await guard.DemandAsync(user, Operation.ViewOverview, scopeId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today;
        var quarter = clock.CurrentQuarter;
        var settings = await db.BureauSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);

        // The tree is small (hundreds of units): load it once and roll counts up by path in memory.
        var all = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var scope = scopeId is null ? null : all.Single(u => u.Id == scopeId);
        var units = scope is null ? all : all.Where(u => OrgPath.IsWithin(u.Path, scope.Path)).ToList();
        var inScope = units.Select(u => u.Id).ToHashSet();
        var openBranches = units.Where(u => u.IsBranch && u.ExistedOn(today)).ToList();
        var membersByUnit = await db.Members.AsNoTracking()
            .Where(m => m.Status != MemberStatus.Retired && inScope.Contains(m.OrgUnitId))
            .GroupBy(m => m.OrgUnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var committees = new List<CommitteeOverview>();
        foreach (var c in units.Where(u => u.Type is OrgUnitType.OrgansCommittee or OrgUnitType.CountyCommittee).OrderBy(u => u.SortOrder))
        {
            var subtree = units.Where(u => OrgPath.IsWithin(u.Path, c.Path)).Select(u => u.Id).ToHashSet();
            committees.Add(new CommitteeOverview(
                c.Id,
                c.Name,
                c.Type == OrgUnitType.OrgansCommittee ? OrgTier.MunicipalOrgans : OrgTier.County,
                openBranches.Count(b => subtree.Contains(b.Id)),
                membersByUnit.Where(kv => subtree.Contains(kv.Key)).Sum(kv => kv.Value),
                (await metrics.GetAsync(c.Id, quarter, ct)).Values.ActivityCount));
        }

        var roots = scope is null ? all.Where(u => u.ParentId is null).ToList() : [scope];
        var activities = 0;
        foreach (var root in roots)
        {
            activities += (await metrics.GetAsync(root.Id, quarter, ct)).Values.ActivityCount;
        }

        var recent = await db.LiveActivities.AsNoTracking()
            .Where(a => !a.Kind!.Restricted && a.Date <= today && inScope.Contains(a.OrgUnitId))
            .OrderByDescending(a => a.Date).ThenByDescending(a => a.Id)
            .Take(8)
            .Select(a => new RecentActivity(a.Id, a.Date, a.Kind!.Name, a.Title, a.OrgUnit!.Name))
            .ToListAsync(ct);

        return new BureauOverview(
            settings?.BureauName ?? "党建工作门户",
            scope?.Name ?? settings?.CommitteeName ?? "",
            today,
            quarter,
            openBranches.Count,
            openBranches.Count(b => b.IsTemporary),
            membersByUnit.Values.Sum(),
            activities,
            await db.ActivityKinds.CountAsync(k => k.IsActive, ct),
            committees,
            recent);
    }

    /// <summary>
    /// Where the user's home page looks: the whole bureau if any of their roles covers it, otherwise the
    /// scope of their first role (a secretary's branch or county committee).
    /// </summary>
    private static int? HomeScope(ClaimsPrincipal user)
    {
        var assignments = user.Assignments().Where(a => AccessPolicy.RoleAllows(a.Role, Operation.ViewOverview)).ToList();
        return assignments.Count == 0 || assignments.Any(a => a.OrgUnitId is null) ? null : assignments[0].OrgUnitId;
    }
}
