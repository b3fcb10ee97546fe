using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Access;

public sealed class SignInLimitOptions
{
    public const string Section = "SignInLimits";

    /// <summary>Sign-in and token requests a client address may make per minute.</summary>
    public int PerMinute { get; set; } = 20;
}

/// <summary>Registers sign-in, the authorisation that every feature, the hub and the API use, and the audit trail.</summary>
public static class AccessRegistration
{
    public const string ApiPolicy = "api";
    public const string SignInPath = "/account/login";

    /// <summary>Everything but the key ring, which <see cref="KeyRing.AddPortalKeyRing"/> keeps in the database.</summary>
    public static IServiceCollection AddPortalAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<AuthenticationStateProvider, PortalRevalidatingAuthenticationStateProvider>();
        services.AddScoped<AccountValidity>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);

        services.AddIdentityCore<PortalUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddErrorDescriber<ZhCnIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        // A disabled account's cookie stops working at its next request after a minute at most.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = SignInSessions.KeepSessionAsync;
        });
        services.AddSingleton<SignInSessions>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = SignInPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.Cookie.Name = "PartyPortal.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Events.OnValidatePrincipal = SignInSessions.ValidateCookieAsync;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            // Every page and endpoint needs a signed-in user unless it says otherwise (sign-in, /healthz).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            // An account with a one-time password has no API: the pages send it to choose its own first.
            .AddPolicy(ApiPolicy, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiTokenHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(ctx => !ctx.User.HasOneTimePassword()));

        services.AddSingleton<OrgTree>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<RefusalLog>();
        services.AddHostedService(sp => sp.GetRequiredService<RefusalLog>());
        services.Configure<AnonymousConnectionOptions>(configuration.GetSection(AnonymousConnectionOptions.Section));
        services.AddSingleton<AnonymousConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<AnonymousConnections>());
        // A global hub filter: it runs on Blazor's own hub (/_blazor), where the anonymous screens connect.
        services.Configure<HubOptions>(o => o.AddFilter<AnonymousConnections>());
        services.AddScoped<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddScoped<AccessGuard>();
        services.Configure<ApiTokenOptions>(configuration.GetSection(ApiTokenOptions.Section));
        services.AddSingleton<ApiTokenService>();

        var limits = configuration.GetSection(SignInLimitOptions.Section).Get<SignInLimitOptions>() ?? new SignInLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = TooManySignInsAsync;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                IsSignInAttempt(ctx.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return services;
    }

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments(SignInPath, StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/api/v1/auth/token", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// 429 with Retry-After: a problem for the token endpoint, a page in Chinese for the sign-in form (which would
    /// otherwise be re-executed as the not-found page and end on a redirect).
    /// </summary>
    private static async ValueTask TooManySignInsAsync(OnRejectedContext context, CancellationToken ct)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))
            : 60;
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = $"登录尝试过于频繁，请{seconds}秒后再试。";
        if (ApiErrors.IsApi(http.Request))
        {
            await TypedResults.Problem(title: message, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>请稍后再试 · 党建工作门户</title></head>"
            + $"<body><h1>请稍后再试</h1><p>{message}</p><p><a href=\"{SignInPath}\">返回登录</a></p></body></html>", ct);
    }

    /// <summary>The API answers 401/403; pages are sent to the sign-in page.</summary>
    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ApiErrors.IsApi(ctx.Request))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
