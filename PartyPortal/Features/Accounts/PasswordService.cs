using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Accounts;

/// <summary>A signed-in user changes their own password (required after a reset).</summary>
public sealed class PasswordService(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, PortalDbContext db, AuditTrail audit)
{
    /// <returns>null when changed; otherwise the zh-CN reason.</returns>
    public async Task<string?> ChangeAsync(ClaimsPrincipal principal, string current, string next)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return "登录已失效，请重新登录。";
        }

        if (current == next)
        {
            return "新密码不能与当前密码相同。";
        }

        user.MustChangePassword = false;
        audit.Add(db, principal, AuditActions.ChangePassword, nameof(PortalUser), user.Id);

        // One save: the new hash, the cleared flag and the audit entry together.
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded)
        {
            return string.Join(" ", result.Errors.Select(e => e.Description));
        }

        // The same browser session goes on under the new password (other sessions end with the old stamp).
        var session = principal.FindFirst(PortalClaims.Session);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, session is null ? [] : [new Claim(PortalClaims.Session, session.Value)]);
        return null;
    }
}
