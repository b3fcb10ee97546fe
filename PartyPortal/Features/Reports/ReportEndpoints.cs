using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using PartyPortal.Access;
using PartyPortal.Features.Imports;

namespace PartyPortal.Features.Reports;

/// <summary>One figure as the API gives it; <see cref="Value"/> is null where the caller may not see it.</summary>
public sealed record ReportFigureDto(
    string Id, int Chapter, int Section, decimal? Value, string Printed, string Unit, string Sentence, string Definition,
    decimal? YearEarlier, decimal? Change, string? Note, bool Restricted, bool RecordsVisible, string? Records, string? RecordsXlsx);

/// <summary>A report's figures for a scope and period.</summary>
public sealed record ReportFiguresMessage(int ScopeId, string Scope, DateOnly From, DateOnly To, string Period, IReadOnlyList<ReportFigureDto> Figures);

/// <summary>A page of the records behind a figure.</summary>
public sealed record ReportRecordsMessage(
    ReportFigureDto Figure, string Scope, DateOnly From, DateOnly To, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows,
    int Total, int Page, int Pages);

/// <summary>
/// The half-year report's figures over the API (issue 13): <c>GET /api/v1/reports/figures</c>, each figure's records as
/// JSON, and as .xlsx under /exports with the same cookie-or-token authorisation as the other exports. Every answer
/// comes from <see cref="ReportService"/>, so the API shows exactly what the 报告 page shows the same user.
/// </summary>
public static class ReportEndpoints
{
    public const string FiguresPath = "/api/v1/reports/figures";
    public const string InvalidQueryTitle = "查询参数有误";

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").RequireAuthorization(AccessRegistration.ApiPolicy).AddEndpointFilter(ApiRefusal.AsProblemAsync).WithTags("Reports");
        api.MapGet(FiguresPath, FiguresAsync)
            .WithSummary("全面从严治党工作报告的全部统计数字")
            .WithDescription(
                "按统计范围（scope，组织单位编号，缺省为调用者可生成报告的最大范围）和统计期间（from、to，yyyy-MM-dd，含首尾，缺省为本半年度）返回报告F01–F44每个数字：" +
                "编号、所在章节、数值、单位、填入数值的原文句子、口径、上年同期数值及增减，以及其明细记录的链接。纪检保密数字（F13–F18）对党委领导、机关党委只给汇总数，" +
                "明细链接为空，仅纪检可查看明细。党委领导、机关党委、纪检可用；其他角色返回 403，范围外或不存在的单位返回 404，期间有误返回 400。")
            .Produces<ReportFiguresMessage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FiguresPath + "/{id}/records", RecordsAsync)
            .WithSummary("报告某个数字的明细记录")
            .WithDescription("返回某个数字（id，如 F06）在统计范围和期间内计入的记录，每页50条（page从1开始）：列名和各行。纪检保密数字的明细仅纪检可查看，其他角色返回 403。")
            .Produces<ReportRecordsMessage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(XlsxPath, XlsxAsync)
            .WithSummary("导出报告某个数字的明细记录（.xlsx）")
            .WithDescription("某个数字（id）在统计范围和期间内计入的全部记录，一个“记录”工作表和一个“口径”工作表。权限同明细记录接口。")
            .Produces<Stream>(StatusCodes.Status200OK, Workbook.ContentType).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(DocxPath, DocxAsync)
            .WithSummary("导出报告（.docx，党政机关公文格式）")
            .WithDescription("统计范围和期间（同上）的全面从严治党工作报告：按六个方面分章、数字已填入，附报告数字一览及统计口径；与“报告”页的「导出报告」是同一文件。" +
                "调用者无权查看的数字印作“—”。权限同报告数字接口。")
            .Produces<Stream>(StatusCodes.Status200OK, ReportWordWriter.ContentType).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public const string XlsxPath = "/exports/reports/{id}.xlsx";

    public const string DocxPath = "/exports/reports/report.docx";

    /// <summary>The query string of a scope and period, for the links of the page and the API.</summary>
    public static string Query(int scopeId, DateOnly from, DateOnly to) => string.Create(CultureInfo.InvariantCulture,
        $"scope={scopeId}&from={ReportPeriods.Iso(from)}&to={ReportPeriods.Iso(to)}");

    public static string RecordsUrl(string id, int scopeId, DateOnly from, DateOnly to) => $"{FiguresPath}/{id}/records?{Query(scopeId, from, to)}";

    public static string XlsxUrl(string id, int scopeId, DateOnly from, DateOnly to) => $"/exports/reports/{id}.xlsx?{Query(scopeId, from, to)}";

    public static ReportFigureDto Dto(FigureResult f, int scopeId, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(f);
        var id = f.Figure.Id;
        return new ReportFigureDto(id, f.Figure.Chapter, f.Figure.Section, f.Value, f.Printed, f.Figure.Unit, f.Sentence, f.Definition,
            f.YearEarlier, f.Change, f.Note, f.Figure.Restricted, f.RecordsVisible,
            f.RecordsVisible ? RecordsUrl(id, scopeId, from, to) : null, f.RecordsVisible ? XlsxUrl(id, scopeId, from, to) : null);
    }

    private static async Task<IResult> FiguresAsync(
        int? scope, DateOnly? from, DateOnly? to, ClaimsPrincipal user, [FromServices] ReportService reports, CancellationToken ct) =>
        await AnswerAsync(reports, from, to, async (f, t) =>
        {
            var r = await reports.EvaluateAsync(user, scope, f, t, ct);
            return TypedResults.Ok(new ReportFiguresMessage(r.ScopeId, r.ScopeName, r.From, r.To, r.PeriodLabel, [.. r.Figures.Select(x => Dto(x, r.ScopeId, r.From, r.To))]));
        });

    private static async Task<IResult> RecordsAsync(
        string id, int? scope, DateOnly? from, DateOnly? to, int? page, ClaimsPrincipal user, [FromServices] ReportService reports, CancellationToken ct) =>
        await AnswerAsync(reports, from, to, async (f, t) =>
        {
            var r = await reports.RecordsAsync(user, id, scope, f, t, page ?? 1, ct);
            return TypedResults.Ok(new ReportRecordsMessage(Dto(r.Figure, r.ScopeId, f, t), r.ScopeName, f, t, r.Table.Columns, r.Table.Rows, r.Total, r.Page, r.Pages));
        });

    private static async Task<IResult> XlsxAsync(
        string id, int? scope, DateOnly? from, DateOnly? to, ClaimsPrincipal user, [FromServices] ReportService reports, CancellationToken ct) =>
        await AnswerAsync(reports, from, to, async (f, t) =>
            TypedResults.File(await reports.RecordsWorkbookAsync(user, id, scope, f, t, ct), Workbook.ContentType, $"{id.ToUpperInvariant()}明细.xlsx"));

    private static async Task<IResult> DocxAsync(
        int? scope, DateOnly? from, DateOnly? to, ClaimsPrincipal user, [FromServices] ReportService reports, CancellationToken ct) =>
        await AnswerAsync(reports, from, to, async (f, t) =>
        {
            var r = await reports.EvaluateAsync(user, scope, f, t, ct);
            return TypedResults.File(ReportWordWriter.Write(r.Document), ReportWordWriter.ContentType, $"{r.ScopeName}{r.PeriodLabel}全面从严治党工作报告.docx");
        });

    /// <summary>The default period, and the service's "not valid" and "not found" as 400 and 404 problems.</summary>
    private static async Task<IResult> AnswerAsync(ReportService reports, DateOnly? from, DateOnly? to, Func<DateOnly, DateOnly, Task<IResult>> answer)
    {
        var period = reports.DefaultPeriod;
        try
        {
            return await answer(from ?? period.Start, to ?? period.End);
        }
        catch (ArgumentException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = [e.Message] }, title: InvalidQueryTitle);
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(title: e.Message, statusCode: StatusCodes.Status404NotFound);
        }
    }
}
