using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Overview;

/// <summary>One committee's line in the bureau overview.</summary>
public sealed record CommitteeOverview(int OrgUnitId, string Name, OrgTier Tier, int Branches, int Members, int ActivitiesThisQuarter);

/// <summary>A recently recorded activity as the home page lists it.</summary>
public sealed record RecentActivity(int Id, DateOnly Date, string KindName, string Title, string OrgUnitName);

/// <summary>The bureau at a glance: what the home page shows.</summary>
public sealed record BureauOverview(
    string BureauName,
    string CommitteeName,
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
/// Reads the bureau overview. Discipline-restricted kinds are left out of every count and list here:
/// the home page is for everyone.
/// </summary>
public sealed class BureauOverviewService(IDbContextFactory<PortalDbContext> dbFactory, BureauClock clock)
{
    public async Task<BureauOverview> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today;
        var quarter = clock.CurrentQuarter;
        var settings = await db.BureauSettings.AsNoTracking().FirstOrDefaultAsync(ct);

        // The tree is small (hundreds of units): load it once and roll counts up by path in memory.
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var openBranches = units.Where(u => u.IsBranch && u.ExistedOn(today)).ToList();
        var membersByUnit = await db.Members.AsNoTracking()
            .Where(m => m.Status != MemberStatus.Retired)
            .GroupBy(m => m.OrgUnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var activitiesByUnit = await db.LiveActivities.AsNoTracking()
            .Where(a => !a.Kind!.Restricted && a.Date >= quarter.Start && a.Date <= quarter.End)
            .GroupBy(a => a.OrgUnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        var committees = units
            .Where(u => u.Type is OrgUnitType.OrgansCommittee or OrgUnitType.CountyCommittee)
            .OrderBy(u => u.SortOrder)
            .Select(c =>
            {
                var subtree = units.Where(u => OrgPath.IsWithin(u.Path, c.Path)).Select(u => u.Id).ToHashSet();
                return new CommitteeOverview(
                    c.Id,
                    c.Name,
                    c.Type == OrgUnitType.OrgansCommittee ? OrgTier.MunicipalOrgans : OrgTier.County,
                    openBranches.Count(b => subtree.Contains(b.Id)),
                    membersByUnit.Where(kv => subtree.Contains(kv.Key)).Sum(kv => kv.Value),
                    activitiesByUnit.Where(kv => subtree.Contains(kv.Key)).Sum(kv => kv.Value));
            })
            .ToList();

        var recent = await db.LiveActivities.AsNoTracking()
            .Where(a => !a.Kind!.Restricted && a.Date <= today)
            .OrderByDescending(a => a.Date).ThenByDescending(a => a.Id)
            .Take(8)
            .Select(a => new RecentActivity(a.Id, a.Date, a.Kind!.Name, a.Title, a.OrgUnit!.Name))
            .ToListAsync(ct);

        return new BureauOverview(
            settings?.BureauName ?? "党建工作门户",
            settings?.CommitteeName ?? "",
            today,
            quarter,
            openBranches.Count,
            openBranches.Count(b => b.IsTemporary),
            membersByUnit.Values.Sum(),
            activitiesByUnit.Values.Sum(),
            await db.ActivityKinds.CountAsync(k => k.IsActive, ct),
            committees,
            recent);
    }
}
