using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Organisation;

/// <summary>One branch measured against the standardisation rules (党支部规范化建设), today.</summary>
public sealed record BranchStandardsRow(
    int Id,
    string Name,
    string? ParentName,
    BranchFacts Facts,
    IReadOnlyList<string> Findings);

public sealed record BranchStandardsReport(DateOnly Today, IReadOnlyList<BranchStandardsRow> Branches)
{
    public int WithFindings => Branches.Count(b => b.Findings.Count > 0);
}

/// <summary>
/// The facts of every open, permanent branch in a scope (one whose closing day has come is not open) and what <see cref="BranchStandards"/> finds in them.
/// A handful of queries for the whole scope, grouped in memory: a bureau has hundreds of branches.
/// </summary>
public sealed class BranchStandardsService(IDbContextFactory<PortalDbContext> dbFactory, BureauClock clock, AccessGuard guard)
{
    private static readonly BranchPost[] CommitteePosts =
    [
        BranchPost.Secretary, BranchPost.DeputySecretary, BranchPost.DisciplineCommissioner,
        BranchPost.OrganisationCommissioner, BranchPost.PropagandaCommissioner, BranchPost.CommitteeMember,
    ];

    /// <summary>
    /// The branches under <paramref name="scopeOrgUnitId"/> (by default the whole bureau for a bureau-wide role,
    /// else the user's first scope), those with findings first (most first), then in tree order.
    /// </summary>
    public async Task<BranchStandardsReport> GetAsync(ClaimsPrincipal user, int? scopeOrgUnitId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var scope = scopeOrgUnitId ?? DefaultScope(user);
        await guard.DemandAsync(user, Operation.ReadActivities, scope, ct);

        var today = clock.Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        var scopePath = scope is { } id ? byId.GetValueOrDefault(id)?.Path : "/";
        if (scopePath is null)
        {
            return new BranchStandardsReport(today, []);
        }

        // A branch closing today still existed today for the figures, but its members are gone: it is closed, not out of rule.
        var branches = OrgPath.InTreeOrder(units).Select(x => x.Unit)
            .Where(u => u.IsBranch && !u.IsTemporary && u.ExistedOn(today) && u.ClosedOn != today && OrgPath.IsWithin(u.Path, scopePath))
            .ToList();
        var branchIds = branches.Select(b => b.Id).ToList();

        var counts = (await db.Members.AsNoTracking()
                .Where(m => branchIds.Contains(m.OrgUnitId) && m.Status != MemberStatus.Retired)
                .GroupBy(m => m.OrgUnitId)
                .Select(g => new { OrgUnitId = g.Key, Members = g.Count(), Full = g.Count(m => m.Status == MemberStatus.Full) })
                .ToListAsync(ct))
            .ToDictionary(c => c.OrgUnitId);

        // Posts are few; filtering the day in memory keeps IsHeldOn the one definition of "held today".
        var posts = (await db.MemberPosts.AsNoTracking()
                .Where(p => branchIds.Contains(p.OrgUnitId) && CommitteePosts.Contains(p.Post) && p.From <= today)
                .Select(p => new { p.OrgUnitId, p.MemberId, p.Post, p.From, p.To, p.Member!.AdministrativePost })
                .ToListAsync(ct))
            .Where(p => p.To is null || p.To >= today)
            .ToLookup(p => p.OrgUnitId);

        var rows = branches.Select(b =>
        {
            var count = counts.GetValueOrDefault(b.Id);
            var held = posts[b.Id].ToList();
            var secretary = held.FirstOrDefault(p => p.Post == BranchPost.Secretary);
            var commissioner = held.FirstOrDefault(p => p.Post == BranchPost.DisciplineCommissioner);
            var facts = new BranchFacts(
                FullMembers: count?.Full ?? 0,
                Members: count?.Members ?? 0,
                CommitteeMembers: held.Select(p => p.MemberId).Distinct().Count(),
                HasSecretary: secretary is not null,
                HasDisciplineCommissioner: commissioner is not null,
                CommitteeElectedOn: b.CommitteeElectedOn,
                SecretaryPost: secretary?.AdministrativePost,
                DisciplineCommissionerPost: commissioner?.AdministrativePost);
            var parentName = b.ParentId is { } pid ? byId.GetValueOrDefault(pid)?.Name : null;
            return new BranchStandardsRow(b.Id, b.Name, parentName, facts, BranchStandards.Findings(facts, today));
        });

        // OrderByDescending is stable, so branches with as many findings keep their tree order.
        return new BranchStandardsReport(today, rows.OrderByDescending(r => r.Findings.Count).ToList());
    }

    private static int? DefaultScope(ClaimsPrincipal user)
    {
        var scopes = user.Assignments().Where(a => AccessPolicy.RoleAllows(a.Role, Operation.ReadActivities)).Select(a => a.OrgUnitId).ToList();
        return scopes.Contains(null) ? null : scopes.FirstOrDefault();
    }
}
