using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using PartyPortal.Access;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.Dashboards;

/// <summary><c>GET /api/v1/metrics?scope=&amp;period=</c>: a snapshot for clients that poll instead of subscribing.</summary>
public static class MetricsEndpoints
{
    public static void MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1")
            .RequireAuthorization(AccessRegistration.ApiPolicy)
            .AddEndpointFilter(ApiRefusal.AsProblemAsync)
            .WithTags("Metrics")
            .MapGet("/metrics", GetAsync)
            .Produces<MetricsMessage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetAsync(int? scope, string? period, ClaimsPrincipal user, [FromServices] DashboardService dashboards,
        [FromServices] BureauClock clock, CancellationToken ct)
    {
        Period? parsed = null;
        if (period is not null)
        {
            if (!MetricsPeriods.TryParse(period, clock, out var p))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [MetricsPeriods.Hint(clock)] }, title: "查询参数有误");
            }

            parsed = p;
        }

        try
        {
            return TypedResults.Ok(MetricsMessage.From(await dashboards.GetAsync(user, scope, parsed, ct)));
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.Problem(title: MetricsHub.NoSuchScope, statusCode: StatusCodes.Status404NotFound);
        }
    }
}
