using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Organisation;

/// <summary>A current member found by name, with the branch they belong to now.</summary>
public sealed record MemberHit(int Id, string Name, int BranchId, string BranchName, CadreLevel CadreLevel, MemberStatus Status);

/// <summary>One page of the members a search found; <see cref="Total"/> counts every page.</summary>
public sealed record MemberHits(IReadOnlyList<MemberHit> Rows, int Total, int Page, int PageSize)
{
    public static readonly MemberHits None = new([], 0, 1, MemberFinder.PageSize);

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The one way a person is looked up by name: the 党员管理 search and every member picker use it. Current members
/// (not retired) of the branches the user may read, optionally within one unit's subtree. The database filters
/// by name; the matches are put in pinyin order (<see cref="MemberNames"/>, which SQLite cannot collate) and
/// only the asked-for page leaves the server.
/// </summary>
public sealed class MemberFinder(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard)
{
    public const int PageSize = 50;

    public async Task<MemberHits> SearchAsync(ClaimsPrincipal user, string? text, int page, int? withinUnitId = null,
        int pageSize = PageSize, CancellationToken ct = default)
    {
        var term = text?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return MemberHits.None;
        }

        var allowed = (await guard.UnitsAllowingAsync(user, Operation.ReadActivities, ct)).ToList();
        if (allowed.Count == 0)
        {
            return MemberHits.None;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = db.Members.AsNoTracking()
            .Where(m => m.Status != MemberStatus.Retired && allowed.Contains(m.OrgUnitId) && m.Name.Contains(term));
        if (withinUnitId is { } within)
        {
            var path = await db.OrgUnits.AsNoTracking().Where(u => u.Id == within).Select(u => u.Path).SingleOrDefaultAsync(ct);
            if (path is null)
            {
                return MemberHits.None;
            }

            members = members.Where(m => m.OrgUnit!.Path.StartsWith(path));
        }

        var found = await members
            .Select(m => new MemberHit(m.Id, m.Name, m.OrgUnitId, m.OrgUnit!.Name, m.CadreLevel, m.Status))
            .ToListAsync(ct);
        var size = Math.Clamp(pageSize, 1, PageSize);
        var pages = Math.Max(1, (found.Count + size - 1) / size);
        var current = Math.Clamp(page, 1, pages);
        var rows = found.OrderBy(m => m.Name, MemberNames.Comparer).ThenBy(m => m.BranchName, MemberNames.Comparer).ThenBy(m => m.Id)
            .Skip((current - 1) * size).Take(size).ToList();
        return new MemberHits(rows, found.Count, current, size);
    }
}
