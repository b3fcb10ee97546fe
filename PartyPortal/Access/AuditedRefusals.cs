using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Access;

/// <summary>
/// Batch writes decide scope once for the whole list (<see cref="AccessGuard.UnitsAllowingAsync"/>) and report an
/// out-of-scope row as an error of that row instead of throwing, so every problem of a file is listed at once.
/// The refusals are still audited, as <see cref="AccessGuard.DemandAsync"/> audits one, in their own transaction.
/// </summary>
public static class AuditedRefusals
{
    public static async Task SaveAsync(this AuditTrail audit, IDbContextFactory<PortalDbContext> dbFactory, ClaimsPrincipal user,
        IReadOnlyCollection<(int OrgUnitId, Operation Operation)> refusals, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(dbFactory);
        ArgumentNullException.ThrowIfNull(refusals);
        if (refusals.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (unitId, operation) in refusals)
        {
            audit.Add(db, user, AuditActions.Refused, nameof(Operation), operation.ToString(), unitId);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The zh-CN message of a refused row, like the one <see cref="AccessGuard.DemandAsync"/> throws, naming the unit.</summary>
    public static string Message(Operation operation, string unitName) => $"您没有权限在{unitName}{operation.Display()}。";
}
