using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using PartyPortal.Access;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;

namespace PartyPortal.Features.Imports;

/// <summary>
/// Downloads: the import templates and the .xlsx exports. Signed in with the browser's cookie or the API's bearer
/// token (the API policy, as /api/v1: a program gets 401/403 problems, a browser without its cookie the sign-in
/// page); what each may download is decided by <see cref="ImportService"/> and <see cref="ExportService"/>, a
/// refusal answered 403.
/// Uploads go through the /imports page, which hands the file to <see cref="ImportService"/> on the circuit.
/// </summary>
public static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("").RequireAuthorization(AccessRegistration.ApiPolicy).AddEndpointFilter(RefusalAsForbiddenAsync).ExcludeFromDescription();

        files.MapGet("/imports/templates/members.xlsx", (ClaimsPrincipal user, [FromServices] ImportService imports, CancellationToken ct) =>
            FileAsync(imports.TemplateAsync(user, ImportKind.Members, ct), "党员导入模板.xlsx"));
        files.MapGet("/imports/templates/activities.xlsx", (ClaimsPrincipal user, [FromServices] ImportService imports, CancellationToken ct) =>
            FileAsync(imports.TemplateAsync(user, ImportKind.Activities, ct), "活动导入模板.xlsx"));

        files.MapGet("/exports/members.xlsx", (int orgUnitId, ClaimsPrincipal user, [FromServices] ExportService exports, CancellationToken ct) =>
            FileAsync(exports.MembersAsync(user, orgUnitId, ct), "党员名册.xlsx"));
        files.MapGet("/exports/activities.xlsx", (int? orgUnitId, string? kindCode, DateOnly? from, DateOnly? to, ClaimsPrincipal user, [FromServices] ExportService exports, CancellationToken ct) =>
            FileAsync(exports.ActivitiesAsync(user, orgUnitId, kindCode, from, to, ct), "活动记录.xlsx"));
        files.MapGet("/exports/registers.xlsx", (RegisterKind? kind, ClaimsPrincipal user, [FromServices] ExportService exports, CancellationToken ct) =>
            FileAsync(exports.RegistersAsync(user, kind, ct), kind is { } k ? $"{k.Display()}.xlsx" : "台账.xlsx"));
        files.MapGet("/exports/study-topics.xlsx", (int year, ClaimsPrincipal user, [FromServices] ExportService exports, CancellationToken ct) =>
            FileAsync(exports.StudyTopicsAsync(user, year, ct), $"学习专题{year.ToString(CultureInfo.InvariantCulture)}.xlsx"));

        // Described in the OpenAPI document: an integration fetches it with a token as it fetches the JSON.
        app.MapGroup("").RequireAuthorization(AccessRegistration.ApiPolicy).AddEndpointFilter(RefusalAsForbiddenAsync).WithTags("StarRatings")
            .MapGet(StarRatingsPath, StarRatingsAsync)
            .WithSummary("导出年度星级评定表（.xlsx）")
            .WithDescription("机关党委导出某年度（year）每个参评支部一行：所属单位、支部、状态、自评得分、审核得分、最终得分、星级及说明。其他角色返回 403；年度超出本局成立年度至下一年度返回 400。")
            .Produces<Stream>(StatusCodes.Status200OK, Workbook.ContentType).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    public const string StarRatingsPath = "/exports/star-ratings.xlsx";

    public static string StarRatingsUrl(int year) => $"{StarRatingsPath}?year={year.ToString(CultureInfo.InvariantCulture)}";

    private static async Task<IResult> StarRatingsAsync(int year, ClaimsPrincipal user, [FromServices] BureauClock clock, [FromServices] ExportService exports, CancellationToken ct) =>
        StarRatingEndpoints.YearError(clock, year) is { } error
            ? StarRatingEndpoints.YearProblem(error)
            : await FileAsync(exports.StarRatingsAsync(user, year, ct), $"星级评定{year.ToString(CultureInfo.InvariantCulture)}.xlsx");

    /// <summary>The address of the members export of a unit, for the pages' 导出 buttons.</summary>
    public static string MembersUrl(int orgUnitId) => $"/exports/members.xlsx?orgUnitId={orgUnitId.ToString(CultureInfo.InvariantCulture)}";

    public static string RegistersUrl(RegisterKind kind) => $"/exports/registers.xlsx?kind={kind}";

    public static string ActivitiesUrl(int? orgUnitId, string? kindCode, DateOnly? from, DateOnly? to)
    {
        var query = new List<string>();
        if (orgUnitId is { } id)
        {
            query.Add("orgUnitId=" + id.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(kindCode))
        {
            query.Add("kindCode=" + Uri.EscapeDataString(kindCode));
        }

        if (from is { } f)
        {
            query.Add("from=" + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (to is { } t)
        {
            query.Add("to=" + t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return "/exports/activities.xlsx" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    private static async Task<IResult> FileAsync(Task<byte[]> content, string name) =>
        TypedResults.File(await content, Workbook.ContentType, name);

    private static async ValueTask<object?> RefusalAsForbiddenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AccessDeniedException e)
        {
            return TypedResults.Problem(title: e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
    }
}
