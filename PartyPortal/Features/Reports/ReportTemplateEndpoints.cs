using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using PartyPortal.Access;

namespace PartyPortal.Features.Reports;

/// <summary>
/// The bureau's report templates over HTTP, through <see cref="ReportTemplateService"/>, which authorises and validates
/// exactly as it does for the page. Listing and downloading take the browser's cookie or the API's bearer token; the
/// upload takes the bearer token only — a form post carrying only a cookie could be sent by another site, and people
/// upload through the page, on the circuit, as they import spreadsheets.
/// The report's own downloads (「导出报告」, a template filled with the figures) are mapped where the report is evaluated.
/// </summary>
public static class ReportTemplateEndpoints
{
    public const string ListPath = "/api/v1/report-templates";

    public static string DownloadUrl(int id) => $"/exports/report-templates/{id.ToString(CultureInfo.InvariantCulture)}.docx";

    public static void MapReportTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").AddEndpointFilter(ApiRefusal.AsProblemAsync).WithTags("Reports")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet(ListPath, async (ClaimsPrincipal user, [FromServices] ReportTemplateService templates, CancellationToken ct) =>
                TypedResults.Ok(await templates.ListAsync(user, ct)))
            .RequireAuthorization(AccessRegistration.ApiPolicy)
            .WithSummary("本局报告模板")
            .WithDescription("本局上传的 Word 报告模板，每个名称一项：最新版本及全部历史版本（不含文件内容）。党委领导、机关党委、纪检可查看，其他角色返回 403。")
            .Produces<IReadOnlyList<ReportTemplateSummary>>();

        group.MapPost(ListPath, UploadAsync)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireAuthenticatedUser())
            .DisableAntiforgery()
            .WithSummary("上传报告模板（新版本）")
            .WithDescription("机关党委上传本局的 Word 报告模板（multipart：name 模板名称，file .docx 文件），同名模板保存为新版本。文件须能作为 Word 文档打开、不超过 10 MB、含至少一个占位符（如 {{F03}}、{{期间}}、{{单位}}），否则返回 400 及中文说明。仅接受 API 令牌。")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ReportTemplateVersion>(StatusCodes.Status201Created).ProducesValidationProblem();

        group.MapGet("/exports/report-templates/{id:int}.docx", DownloadAsync)
            .RequireAuthorization(AccessRegistration.ApiPolicy)
            .WithSummary("下载报告模板的某一版本（.docx）")
            .WithDescription("按版本编号（id）下载上传时的原文件。没有该版本或无权查看时返回 404。")
            .Produces<Stream>(StatusCodes.Status200OK, ReportWordWriter.ContentType).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> UploadAsync([FromForm] string? name, IFormFile? file, ClaimsPrincipal user,
        [FromServices] ReportTemplateService templates, CancellationToken ct)
    {
        if (file is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [ReportTemplateService.EmptyMessage] }, title: "提交的数据有误");
        }

        await using var content = file.OpenReadStream();
        var result = await templates.UploadAsync(user, name, file.FileName, content, ct);
        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "提交的数据有误");
        }

        var stored = await templates.GetAsync(user, result.Id!.Value, ct);
        return TypedResults.Created(DownloadUrl(result.Id.Value), stored!.Version);
    }

    private static async Task<IResult> DownloadAsync(int id, ClaimsPrincipal user, [FromServices] ReportTemplateService templates, CancellationToken ct) =>
        await templates.GetAsync(user, id, ct) is { } file
            ? TypedResults.File(file.Content, ReportWordWriter.ContentType, file.Version.FileName)
            : TypedResults.Problem(title: "没有这个模板版本。", statusCode: StatusCodes.Status404NotFound);
}
