using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;

namespace PartyPortal.Access;

/// <summary>
/// What a principal says about an account: the account row's identity fields and its (role, scope) pairs. The
/// sign-in, every bearer request and the re-check of open pages and hub connections all read it here, in one
/// query. Identity's own route took three (the user, their stored claims, which the portal never writes, and the
/// pairs), and building a <c>UserManager</c> for each API request cost as much again.
/// </summary>
public sealed record AccountClaims(
    string Id,
    string? UserName,
    string? Email,
    string? SecurityStamp,
    string DisplayName,
    bool IsDisabled,
    bool MustChangePassword,
    IReadOnlyList<Assignment> Assignments)
{
    /// <summary>The account as it is now; null when there is no such account.</summary>
    public static Task<AccountClaims?> ReadAsync(PortalDbContext db, string userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new AccountClaims(
                u.Id, u.UserName, u.Email, u.SecurityStamp, u.DisplayName, u.IsDisabled, u.MustChangePassword,
                u.Roles.OrderBy(r => r.Role).ThenBy(r => r.OrgUnitId).Select(r => new Assignment(r.Role, r.OrgUnitId)).ToList()))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The identity of a signed-in principal: the claims Identity's own factory gives (id, user name, e-mail when
    /// there is one, security stamp) and the portal's (display name, one-time password, each (role, scope) pair).
    /// </summary>
    public ClaimsIdentity ToIdentity(ClaimsIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, options.UserNameClaimType, options.RoleClaimType);
        identity.AddClaim(new Claim(options.UserIdClaimType, Id));
        identity.AddClaim(new Claim(options.UserNameClaimType, UserName ?? ""));
        if (!string.IsNullOrEmpty(Email))
        {
            identity.AddClaim(new Claim(options.EmailClaimType, Email));
        }

        if (SecurityStamp is not null)
        {
            identity.AddClaim(new Claim(options.SecurityStampClaimType, SecurityStamp));
        }

        identity.AddClaim(new Claim(PortalClaims.DisplayName, DisplayName));
        if (MustChangePassword)
        {
            identity.AddClaim(new Claim(PortalClaims.MustChangePassword, "true"));
        }

        foreach (var a in Assignments)
        {
            identity.AddClaim(new Claim(PortalClaims.Assignment, a.ToClaimValue()));
        }

        return identity;
    }
}
