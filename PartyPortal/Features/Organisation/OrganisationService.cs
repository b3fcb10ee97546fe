using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Organisation;

/// <summary>An org unit as the API lists it.</summary>
public sealed record OrgUnitDto(int Id, int? ParentId, string Name, OrgUnitType Type, bool IsTemporary, DateOnly? FoundedOn, DateOnly? ClosedOn);

/// <summary>A current member as the API lists it.</summary>
public sealed record MemberDto(int Id, string Name, int OrgUnitId, CadreLevel CadreLevel, int BirthYear, MemberStatus Status);

/// <summary>
/// The organisation tree and its members, as far as the user may read activities there. Read side only:
/// the organisation pages (issue #4, point 4) will add the writes here.
/// </summary>
public sealed class OrganisationService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard)
{
    /// <summary>The units inside any scope in which one of the user's roles may read activities, in tree order.</summary>
    public async Task<IReadOnlyList<OrgUnitDto>> ListUnitsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var allowed = await guard.UnitsAllowingAsync(user, Operation.ReadActivities, ct);
        if (allowed.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        return OrgPath.InTreeOrder(all).Select(x => x.Unit)
            .Where(u => allowed.Contains(u.Id))
            .Select(u => new OrgUnitDto(u.Id, u.ParentId, u.Name, u.Type, u.IsTemporary, u.FoundedOn, u.ClosedOn))
            .ToList();
    }

    /// <summary>
    /// The current (not retired) members whose branch lies in the unit's subtree; null when there is no
    /// such unit.
    /// </summary>
    public async Task<IReadOnlyList<MemberDto>?> ListMembersAsync(ClaimsPrincipal user, int orgUnitId, CancellationToken ct = default)
    {
        if (!await guard.FindsAsync(user, Operation.ReadActivities, orgUnitId, ct))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var path = await db.OrgUnits.AsNoTracking().Where(u => u.Id == orgUnitId).Select(u => u.Path).SingleOrDefaultAsync(ct);
        if (path is null)
        {
            return null;
        }

        var members = await db.Members.AsNoTracking()
            .Where(m => m.Status != MemberStatus.Retired && m.OrgUnit!.Path.StartsWith(path))
            .Select(m => new MemberDto(m.Id, m.Name, m.OrgUnitId, m.CadreLevel, m.BirthYear, m.Status))
            .ToListAsync(ct);
        return members.OrderBy(m => m.Name, MemberNames.Comparer).ThenBy(m => m.Id).ToList();
    }
}
