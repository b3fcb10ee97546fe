using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using PartyPortal.Access;
using PartyPortal.Features.Activities;
using PartyPortal.Model;

namespace PartyPortal.Features.Screens;

/// <summary>A screen as the API answers it; <see cref="Url"/> (which holds the token) only in the answer to its creation.</summary>
public sealed record ScreenDto(
    int Id, string Name, int ScopeOrgUnitId, ScreenPanels Panels, int RotationSeconds, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? Url = null);

/// <summary>The 大屏 API: HTTP in and out of <see cref="ScreenService"/>, which authorises and validates as it does for the page.</summary>
public static class ScreenEndpoints
{
    public static void MapScreenEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/screens")
            .RequireAuthorization(AccessRegistration.ApiPolicy)
            .AddEndpointFilter(ApiRefusal.AsProblemAsync)
            .WithTags("Screens")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/", async (ClaimsPrincipal user, [FromServices] ScreenService screens, CancellationToken ct) =>
            TypedResults.Ok((await screens.ListAsync(user, ct)).Select(Dto).ToList()));
        api.MapPost("/", CreateAsync).Produces<ScreenDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapDelete("/{id:int}", RevokeAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(ScreenInput input, ClaimsPrincipal user, HttpRequest request, [FromServices] ScreenService screens, CancellationToken ct)
    {
        var issued = await screens.CreateAsync(user, input, ct);
        if (!issued.Result.Succeeded)
        {
            return TypedResults.ValidationProblem(issued.Result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: ActivityEndpoints.InvalidTitle);
        }

        var row = (await screens.GetAsync(user, issued.Result.Id!.Value, ct))!;
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}/{ScreenService.PathFor(issued.Token!)}";
        return TypedResults.Created("/api/v1/screens/" + row.Id.ToString(CultureInfo.InvariantCulture), Dto(row) with { Url = url });
    }

    private static async Task<IResult> RevokeAsync(int id, ClaimsPrincipal user, [FromServices] ScreenService screens, CancellationToken ct)
    {
        var result = await screens.RevokeAsync(user, id, ct);
        return result.NotFound
            ? TypedResults.Problem(title: "没有这块大屏。", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.NoContent();
    }

    private static ScreenDto Dto(ScreenRow r) => new(r.Id, r.Name, r.ScopeOrgUnitId, r.Panels, r.RotationSeconds, r.CreatedAt, r.RevokedAt);
}
