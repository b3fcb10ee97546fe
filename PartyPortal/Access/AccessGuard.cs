using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Access;

/// <summary>Thrown when the server refuses an operation; the message is for the person.</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException()
        : base("您没有权限执行此操作。")
    {
    }

    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// What every feature service calls first: authorise the operation on the org unit through
/// <see cref="IAuthorizationService"/>; a refusal is audited (in its own transaction: nothing else happens)
/// and thrown.
/// </summary>
public sealed class AccessGuard(IAuthorizationService authorization, IDbContextFactory<PortalDbContext> dbFactory, RefusalLog refusals, OrgTree tree)
{
    /// <summary>
    /// Every org unit in which the user may do the operation — the same decision as <see cref="AllowsAsync"/>,
    /// made once for a whole list from the cached tree instead of one authorisation per unit.
    /// </summary>
    public async Task<IReadOnlySet<int>> UnitsAllowingAsync(ClaimsPrincipal user, Operation operation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || user.HasOneTimePassword())
        {
            return new HashSet<int>();
        }

        var paths = await tree.PathsAsync(ct);
        var scopes = user.Assignments().Where(a => AccessPolicy.RoleAllows(a.Role, operation)).Select(a => a.OrgUnitId).ToList();
        if (scopes.Contains(null))
        {
            return paths.Keys.ToHashSet();
        }

        var scopePaths = scopes.Select(id => paths.GetValueOrDefault(id!.Value)).OfType<string>().ToList();
        return paths.Where(p => scopePaths.Any(s => OrgPath.IsWithin(p.Value, s))).Select(p => p.Key).ToHashSet();
    }

    /// <summary>
    /// Whether the member belonged on <paramref name="day"/> to a unit in which the user may do the operation. A
    /// reference to a member (a presenter, an honoured member) is checked with this, and one outside the scope is
    /// answered exactly as an id that does not exist: which ids exist elsewhere is not the caller's to learn.
    /// </summary>
    public async Task<bool> AllowsMemberAsync(ClaimsPrincipal user, Operation operation, int memberId, DateOnly day, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.MemberAssignments.AsNoTracking()
            .Where(a => a.MemberId == memberId && a.From <= day && (a.To == null || a.To >= day))
            .Select(a => a.OrgUnitId).ToListAsync(ct);

        // The member's one or two units, each checked against the scopes: not every unit of the bureau listed to find them.
        foreach (var unit in units)
        {
            if (await ScopeAuthorizationHandler.AllowsAsync(tree, user, operation, unit))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<bool> AllowsAsync(ClaimsPrincipal user, Operation operation, int? orgUnitId = null) =>
        (await authorization.AuthorizeAsync(user, new OrgScope(orgUnitId), new OperationRequirement(operation))).Succeeded;

    public async Task DemandAsync(ClaimsPrincipal user, Operation operation, int? orgUnitId = null, CancellationToken ct = default)
    {
        if (await AllowsAsync(user, operation, orgUnitId))
        {
            return;
        }

        await AuditRefusalAsync(user, operation, orgUnitId, ct);
        throw new AccessDeniedException($"您没有权限{operation.Display()}。");
    }

    /// <summary>
    /// For a record found by its id (or a unit named in an address): whether the user may do the operation where it
    /// lies. A refusal is audited as <see cref="DemandAsync"/> audits it, but the caller answers "not found", exactly
    /// as for an id that does not exist: which records exist outside a scope is not the caller's to learn.
    /// </summary>
    public async Task<bool> FindsAsync(ClaimsPrincipal user, Operation operation, int orgUnitId, CancellationToken ct = default)
    {
        if (await AllowsAsync(user, operation, orgUnitId))
        {
            return true;
        }

        await AuditRefusalAsync(user, operation, orgUnitId, ct);
        return false;
    }

    /// <summary>
    /// Refuses (audited, thrown) a user who may do the operation nowhere, before a record is looked up by its id: such
    /// a user learns nothing of which ids exist, and the refusal says plainly what they may not do.
    /// </summary>
    public async Task DemandSomewhereAsync(ClaimsPrincipal user, Operation operation, CancellationToken ct = default)
    {
        if ((await UnitsAllowingAsync(user, operation, ct)).Count == 0)
        {
            await AuditRefusalAsync(user, operation, null, ct);
            throw new AccessDeniedException($"您没有权限{operation.Display()}。");
        }
    }

    private Task AuditRefusalAsync(ClaimsPrincipal user, Operation operation, int? orgUnitId, CancellationToken ct) =>
        refusals.RecordAsync(user, operation, orgUnitId, ct);

    /// <summary>The refusals a batch decided itself (<see cref="UnitsAllowingAsync"/>), audited like any other.</summary>
    public async Task AuditRefusalsAsync(ClaimsPrincipal user, IReadOnlyCollection<(int OrgUnitId, Operation Operation)> refused, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(refused);
        foreach (var (unit, operation) in refused)
        {
            await refusals.RecordAsync(user, operation, unit, ct);
        }
    }
}
