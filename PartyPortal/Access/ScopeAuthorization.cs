using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace PartyPortal.Access;

/// <summary>The requirement "may do this operation", checked against an <see cref="OrgScope"/> resource.</summary>
public sealed class OperationRequirement(Operation operation) : IAuthorizationRequirement
{
    public Operation Operation { get; } = operation;
}

/// <summary>The resource of every check: the org unit an operation concerns, or null for the bureau as a whole.</summary>
public sealed record OrgScope(int? OrgUnitId)
{
    public static OrgScope Bureau { get; } = new((int?)null);
}

/// <summary>Allows an operation when one of the user's (role, scope) pairs allows it and its scope contains the resource.</summary>
public sealed class ScopeAuthorizationHandler(OrgTree tree) : AuthorizationHandler<OperationRequirement, OrgScope>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationRequirement requirement, OrgScope resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        if (await AllowsAsync(tree, context.User, requirement.Operation, resource.OrgUnitId))
        {
            context.Succeed(requirement);
        }
    }

    internal static async Task<bool> AllowsAsync(OrgTree tree, ClaimsPrincipal user, Operation operation, int? orgUnitId)
    {
        if (user.Identity?.IsAuthenticated != true || user.HasOneTimePassword())
        {
            return false;
        }

        foreach (var a in user.Assignments().Where(a => AccessPolicy.RoleAllows(a.Role, operation)))
        {
            if (await tree.IsWithinAsync(orgUnitId, a.OrgUnitId))
            {
                return true;
            }
        }

        return false;
    }
}
