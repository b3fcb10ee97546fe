using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Access;

/// <summary>
/// Whether a principal issued earlier still speaks for its account: the one re-check behind open pages
/// (<see cref="PortalRevalidatingAuthenticationStateProvider"/>) and live hub connections (the hub's guard).
/// </summary>
public sealed class AccountValidity(UserManager<PortalUser> users, IOptions<IdentityOptions> options, PortalDbContext db, SignInSessions sessions)
{
    /// <summary>
    /// The account still exists and is enabled, its security stamp is the one the principal was issued with (a
    /// password reset or a disable changes it), it is not waiting on a one-time password, and its (role, scope)
    /// pairs are still the ones the principal carries, and its sign-in session (a cookie's) has not been ended.
    /// </summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled || user.MustChangePassword != principal.HasOneTimePassword())
        {
            return false;
        }

        if (users.SupportsUserSecurityStamp
            && principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
        {
            return false;
        }

        if (!await sessions.IsOpenAsync(principal, ct))
        {
            return false;
        }

        var held = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == user.Id)
            .Select(r => new { r.Role, r.OrgUnitId }).ToListAsync(ct);
        var now = held.Select(r => new Assignment(r.Role, r.OrgUnitId)).ToHashSet();
        return now.SetEquals(principal.Assignments());
    }
}
