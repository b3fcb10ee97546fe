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
public sealed class AccessGuard(IAuthorizationService authorization, IDbContextFactory<PortalDbContext> dbFactory, AuditTrail audit)
{
    public async Task<bool> AllowsAsync(ClaimsPrincipal user, Operation operation, int? orgUnitId = null) =>
        (await authorization.AuthorizeAsync(user, new OrgScope(orgUnitId), new OperationRequirement(operation))).Succeeded;

    public async Task DemandAsync(ClaimsPrincipal user, Operation operation, int? orgUnitId = null, CancellationToken ct = default)
    {
        if (await AllowsAsync(user, operation, orgUnitId))
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        audit.Add(db, user, AuditActions.Refused, nameof(Operation), operation.ToString(), orgUnitId);
        await db.SaveChangesAsync(ct);
        throw new AccessDeniedException($"您没有权限{operation.Display()}。");
    }
}
