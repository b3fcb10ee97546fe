using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Access;

public sealed class ApiTokenOptions
{
    public const string Section = "Api";

    /// <summary>How long an API token works.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>
/// Bearer tokens for integrations and scripts: the account id, its security stamp and an expiry, protected
/// by Data Protection (whose keys are kept with the data, so a token works across a restart until it
/// expires). Every request re-checks the account, so disabling it or resetting its password stops its
/// tokens at once.
/// </summary>
public sealed class ApiTokenService(IDataProtectionProvider protection, TimeProvider time, IOptions<ApiTokenOptions> options)
{
    private readonly IDataProtector protector = protection.CreateProtector("PartyPortal.ApiToken.v1");

    private sealed record Payload(string UserId, string Stamp, long ExpiresAt);

    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId, string securityStamp)
    {
        var expires = time.GetUtcNow() + options.Value.TokenLifetime;
        var json = JsonSerializer.Serialize(new Payload(userId, securityStamp, expires.ToUnixTimeSeconds()));
        return (protector.Protect(json), expires);
    }

    /// <summary>The account id and stamp of an unexpired, untampered token; null otherwise.</summary>
    public (string UserId, string Stamp)? Read(string token)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(protector.Unprotect(token));
            if (payload is null || DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt) <= time.GetUtcNow())
            {
                return null;
            }

            return (payload.UserId, payload.Stamp);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>Authenticates <c>Authorization: Bearer</c> (and, for SignalR clients, <c>access_token</c>) with an <see cref="ApiTokenService"/> token.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<IdentityOptions> identity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PortalToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = null;
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
        }
        else if (Request.Path.StartsWithSegments("/hubs") && Request.Query.TryGetValue("access_token", out var q))
        {
            token = q.ToString();
        }

        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        if (tokens.Read(token) is not { } read)
        {
            return AuthenticateResult.Fail("令牌无效或已过期。");
        }

        AccountClaims? account;
        await using (var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted))
        {
            account = await AccountClaims.ReadAsync(db, read.UserId, Context.RequestAborted);
        }

        if (account is null || account.IsDisabled || account.MustChangePassword || account.SecurityStamp != read.Stamp)
        {
            return AuthenticateResult.Fail("账户已停用或密码已重置，令牌失效。");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(account.ToIdentity(identity.Value.ClaimsIdentity)), SchemeName));
    }

    // The downloads accept the cookie and the token alike: for a browser the cookie's redirect to the sign-in page
    // stands, and this scheme's bare 401/403 must not overwrite it. API requests get this scheme's answer as before.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiErrors.IsApi(Request) ? base.HandleChallengeAsync(properties) : Task.CompletedTask;

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.IsApi(Request) ? base.HandleForbiddenAsync(properties) : Task.CompletedTask;
}
