using PartyPortal.Model;

namespace PartyPortal.Access;

/// <summary>
/// Batch writes decide scope once for the whole list (<see cref="AccessGuard.UnitsAllowingAsync"/>) and report an
/// out-of-scope row as an error of that row instead of throwing, so every problem of a file is listed at once; the
/// refusals are still audited (<see cref="AccessGuard.AuditRefusalsAsync"/>).
/// </summary>
public static class AuditedRefusals
{
    /// <summary>The zh-CN message of a refused row, like the one <see cref="AccessGuard.DemandAsync"/> throws, naming the unit.</summary>
    public static string Message(Operation operation, string unitName) => $"您没有权限在{unitName}{operation.Display()}。";
}
