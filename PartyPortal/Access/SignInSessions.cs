using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Access;

/// <summary>
/// Server-side sign-in sessions: signing in opens one and puts its id in the cookie, signing out ends it, and every
/// request with the cookie (and every re-check of an open page) asks whether it is still open. So signing out ends
/// that browser's session at once, copies of its cookie included, and leaves the user's other browsers and API
/// tokens alone.
/// </summary>
public sealed class SignInSessions(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time)
{
    public async Task<Claim> StartAsync(string userId, CancellationToken ct = default)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.SignInSessions.Add(new SignInSession { Id = id, UserId = userId, StartedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return new Claim(PortalClaims.Session, id);
    }

    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(PortalClaims.Session) is not { } id)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        await db.SignInSessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }

    /// <summary>Whether the principal's session is open; a principal without one (an API token's) has nothing to end.</summary>
    public async Task<bool> IsOpenAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(PortalClaims.Session) is not { } id)
        {
            return true;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SignInSessions.AnyAsync(s => s.Id == id && s.EndedAt == null, ct);
    }

    /// <summary>
    /// The sign-in cookie's check on every request: Identity's security stamp (at its interval), then the session.
    /// A cookie without a session (issued before sessions existed) or with an ended one signs the browser out.
    /// </summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is not { } principal)
        {
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
        if (!principal.HasClaim(c => c.Type == PortalClaims.Session) || !await sessions.IsOpenAsync(principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>Keeps the session when Identity rebuilds the principal (its periodic stamp check, a password change).</summary>
    public static Task KeepSessionAsync(SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CurrentPrincipal?.FindFirst(PortalClaims.Session) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == PortalClaims.Session))
        {
            identity.AddClaim(new Claim(PortalClaims.Session, session.Value));
        }

        return Task.CompletedTask;
    }
}
