using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartyPortal.Access;
using PartyPortal.Features.Activities;

namespace PartyPortal.Features.Supervision;

/// <summary>A measure (整改措施) as the API takes it.</summary>
public sealed record MeasureInput(string? Description);

/// <summary>
/// The closed-loop tracker over the API: read an item, register one (a problem found in a 巡视自查 or 检视查摆, a
/// directive to see through), and write its measures — HTTP in and out of <see cref="RectificationService"/>, which
/// authorises, validates and audits exactly as it does for the 整改闭环 page. Versions travel as strong ETags as they do for
/// activities; a measure needs If-Match, so two people writing measures to one item cannot overwrite each other unseen.
/// </summary>
public static class RectificationEndpoints
{
    public const string Path = "/api/v1/rectification";

    private static readonly VersionedRecordProblems Problems = new("没有找到这个整改事项。", "这个整改事项已被他人修改，请重新读取后再提交。");

    public static void MapRectificationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path)
            .RequireAuthorization(AccessRegistration.ApiPolicy)
            .AddEndpointFilter(ApiRefusal.AsProblemAsync)
            .WithTags("Rectification")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{id:int}", GetAsync)
            .WithSummary("整改闭环事项：问题、整改措施和过程")
            .WithDescription("返回一个闭环事项及其整改措施和办理过程，ETag 为其当前版本。范围内可查看台账的角色可用。")
            .Produces<RectificationDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", CreateAsync)
            .WithSummary("登记整改闭环事项")
            .WithDescription("登记一个问题或任务（来源、标题、责任单位、发现日期、整改时限），创建后状态为“待整改”。需在责任单位范围内有整改管理权限；数据有误返回 400，逐项说明。")
            .Produces<RectificationDetail>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapPost("/{id:int}/measures", AddMeasureAsync)
            .WithSummary("为整改事项制定整改措施")
            .WithDescription("为未办结的事项添加一条整改措施。须在 If-Match 请求头中带上读取事项时得到的 ETag：缺少返回 428，事项已被他人修改返回 412。")
            .Produces<RectificationDetail>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<IResult> GetAsync(int id, ClaimsPrincipal user, HttpResponse response, [FromServices] RectificationService items, CancellationToken ct) =>
        await items.GetAsync(user, id, ct) is { } detail ? WithETag(response, detail, TypedResults.Ok(detail)) : Problems.NotFound();

    private static async Task<IResult> CreateAsync(RectificationInput input, ClaimsPrincipal user, HttpResponse response,
        [FromServices] RectificationService items, CancellationToken ct)
    {
        var result = await items.CreateAsync(user, input, ct);
        if (!result.Succeeded)
        {
            return Failure(result);
        }

        var detail = await items.GetAsync(user, result.Id!.Value, ct);
        return detail is null ? Problems.NotFound() : WithETag(response, detail, TypedResults.Created($"{Path}/{result.Id}", detail));
    }

    private static async Task<IResult> AddMeasureAsync(int id, MeasureInput input, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        [FromServices] RectificationService items, CancellationToken ct)
    {
        if (IfMatch.Read(request) is not { } ifMatch)
        {
            return TypedResults.Problem(
                title: "制定整改措施前请在 If-Match 请求头中带上读取该事项时得到的 ETag。",
                statusCode: StatusCodes.Status428PreconditionRequired);
        }

        var expected = await ifMatch.ExpectedVersionAsync(async () => (await items.GetAsync(user, id, ct))?.Row.Version);
        if (expected is not { } version)
        {
            return ifMatch.NeedsCurrent ? Problems.NotFound() : Problems.Stale();
        }

        var result = await items.AddMeasureAsync(user, id, input?.Description, version, ct);
        if (!result.Succeeded)
        {
            return Failure(result);
        }

        var detail = await items.GetAsync(user, id, ct);
        return detail is null ? Problems.NotFound() : WithETag(response, detail, TypedResults.Ok(detail));
    }

    private static IResult Failure(WriteResult result) => Problems.Failure(result.NotFound, result.Conflict, result.Errors);

    private static IResult WithETag(HttpResponse response, RectificationDetail detail, IResult result)
    {
        response.Headers.ETag = ActivityEndpoints.ETag(detail.Row.Version);
        return result;
    }
}
