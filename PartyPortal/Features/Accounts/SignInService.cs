using Microsoft.AspNetCore.Identity;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Accounts;

public enum SignInOutcome
{
    SignedIn,
    MustChangePassword,
    LockedOut,
    NotAllowed,
    Failed,
}

/// <summary>
/// Password sign-in for the sign-in page and the token endpoint: lockout after 5 failures for 15 minutes,
/// disabled accounts refused, and every attempt audited.
/// </summary>
public sealed class SignInService(
    SignInManager<PortalUser> signIn,
    UserManager<PortalUser> users,
    PortalDbContext db,
    AuditTrail audit,
    SignInSessions sessions)
{
    public static string Message(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.LockedOut => "登录失败次数过多，账户已锁定15分钟，请稍后再试。",
        SignInOutcome.NotAllowed => "该账户已停用，不能登录。如有疑问请联系机关党委。",
        SignInOutcome.MustChangePassword => "该账户使用的是初始密码：请先登录门户修改初始密码，然后再申请令牌。",
        SignInOutcome.Failed => "用户名或密码不正确。",
        _ => "",
    };

    /// <summary>Checks the password (counting failures towards lockout) and, for the sign-in page, issues the cookie.</summary>
    public async Task<(SignInOutcome Outcome, PortalUser? User)> CheckAsync(string userName, string password, bool issueCookie)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        SignInOutcome outcome;
        if (user is null)
        {
            outcome = SignInOutcome.Failed;
        }
        else
        {
            var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            outcome = result.Succeeded ? (user.MustChangePassword ? SignInOutcome.MustChangePassword : SignInOutcome.SignedIn)
                : result.IsLockedOut ? SignInOutcome.LockedOut
                : result.IsNotAllowed ? SignInOutcome.NotAllowed
                : SignInOutcome.Failed;
            if (result.Succeeded && issueCookie)
            {
                await signIn.SignInWithClaimsAsync(user, isPersistent: false, [await sessions.StartAsync(user.Id)]);
            }
        }

        var action = outcome switch
        {
            SignInOutcome.SignedIn or SignInOutcome.MustChangePassword when issueCookie => AuditActions.SignIn,
            SignInOutcome.SignedIn => AuditActions.TokenIssued,
            SignInOutcome.MustChangePassword => AuditActions.TokenRefused,
            SignInOutcome.LockedOut => AuditActions.SignInLockedOut,
            _ => AuditActions.SignInFailed,
        };
        audit.Add(db, user?.UserName ?? userName.Trim(), action, nameof(PortalUser), user?.Id, after: new { outcome = outcome.ToString() });
        await db.SaveChangesAsync();
        return (outcome, outcome is SignInOutcome.SignedIn or SignInOutcome.MustChangePassword ? user : null);
    }

    public async Task SignOutAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        audit.Add(db, user, AuditActions.SignOut, nameof(PortalUser), users.GetUserId(user));
        await db.SaveChangesAsync();
        await sessions.EndAsync(user);
        await signIn.SignOutAsync();
    }
}
