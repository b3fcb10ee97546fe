using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartyPortal.Data;

namespace PartyPortal.Access;

/// <summary>
/// Whether a principal issued earlier still speaks for its account: the one re-check behind open pages
/// (<see cref="PortalRevalidatingAuthenticationStateProvider"/>) and live hub connections (the hub's guard).
/// </summary>
public sealed class AccountValidity(IOptions<IdentityOptions> options, PortalDbContext db, SignInSessions sessions)
{
    /// <summary>
    /// The account still exists and is enabled, its security stamp is the one the principal was issued with (a
    /// password reset or a disable changes it), it is not waiting on a one-time password, and its (role, scope)
    /// pairs are still the ones the principal carries, and its sign-in session (a cookie's) has not been ended.
    /// </summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claimTypes = options.Value.ClaimsIdentity;
        if (principal.FindFirstValue(claimTypes.UserIdClaimType) is not { } id
            || await AccountClaims.ReadAsync(db, id, ct) is not { } account
            || account.IsDisabled
            || account.MustChangePassword != principal.HasOneTimePassword()
            || principal.FindFirstValue(claimTypes.SecurityStampClaimType) != account.SecurityStamp)
        {
            return false;
        }

        return await sessions.IsOpenAsync(principal, ct) && account.Assignments.ToHashSet().SetEquals(principal.Assignments());
    }
}
