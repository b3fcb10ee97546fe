using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PartyPortal.Access;
using PartyPortal.Model;

namespace PartyPortal.Features.Accounts;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public sealed record MeRole(string Role, int? OrgUnitId);

public sealed record MeResponse(string UserName, string DisplayName, IReadOnlyList<MeRole> Roles);

/// <summary>Sign-out for pages, and the API's sign-in: a bearer token for integrations and scripts.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] SignInService signIn) =>
        {
            // A cross-site page must not be able to sign people out: the form carries the antiforgery token.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(title: "请求已失效，请刷新页面后重试。", statusCode: StatusCodes.Status400BadRequest);
            }

            await signIn.SignOutAsync(context.User);
            return Results.LocalRedirect(AccessRegistration.SignInPath);
        }).DisableAntiforgery();

        var api = app.MapGroup("/api/v1").RequireAuthorization(AccessRegistration.ApiPolicy);

        api.MapPost("/auth/token", async (TokenRequest body, [FromServices] SignInService signIn, [FromServices] UserManager<PortalUser> users, [FromServices] ApiTokenService tokens) =>
        {
            if (string.IsNullOrWhiteSpace(body.UserName) || string.IsNullOrEmpty(body.Password))
            {
                return Results.Problem(title: "请提供用户名和密码。", statusCode: StatusCodes.Status400BadRequest);
            }

            var (outcome, user) = await signIn.CheckAsync(body.UserName, body.Password, issueCookie: false);
            if (outcome == SignInOutcome.MustChangePassword)
            {
                // The password was right, but a one-time password opens nothing but the form to replace it.
                return Results.Problem(title: SignInService.Message(outcome), statusCode: StatusCodes.Status403Forbidden);
            }

            if (user is null)
            {
                return Results.Problem(title: SignInService.Message(outcome), statusCode: StatusCodes.Status401Unauthorized);
            }

            var (token, expiresAt) = tokens.Issue(user.Id, await users.GetSecurityStampAsync(user));
            return Results.Ok(new TokenResponse(token, expiresAt));
        }).AllowAnonymous().DisableAntiforgery();

        api.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new MeResponse(
            user.UserName(),
            user.DisplayNameOf(),
            user.Assignments().Select(a => new MeRole(a.Role.ToString(), a.OrgUnitId)).ToList())));
    }
}
