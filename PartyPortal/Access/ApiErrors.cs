using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
namespace PartyPortal.Access;

/// <summary>
/// How the API and the hub answer errors, in every environment: an RFC 9457 problem with a zh-CN title, never a
/// stack trace, an HTML page or anything of the request echoed back. Pages keep their own error and not-found pages.
/// It sits with Access because sign-in limits and authentication challenges answer through it as the features do.
/// </summary>
public static partial class ApiErrors
{
    /// <summary>
    /// Requests answered by the API's rules rather than by pages: the JSON API, the metrics hub, and a spreadsheet
    /// download asked for by a program (a bearer token, or no wish for an HTML page). A browser following a
    /// download link asks for text/html and keeps the pages' rules: without its cookie it is sent to sign in.
    /// </summary>
    public static bool IsApi(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsApiPath(request.Path) || (IsFilePath(request.Path) && !IsBrowserNavigation(request));
    }

    /// <summary>The .xlsx downloads the README lists with the API (templates and exports).</summary>
    public static bool IsFilePath(PathString path) => path.StartsWithSegments("/exports") || path.StartsWithSegments("/imports/templates");

    private static bool IsBrowserNavigation(HttpRequest request) =>
        !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static bool IsApiPath(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            if (problem.Status is { } status && (problem.Title is null || EnglishDefaults.Contains(problem.Title)))
            {
                problem.Title = Title(status);
            }

            // The developer exception page's extras (exception, headers, route values) never leave the server.
            problem.Extensions.Remove("exception");
            problem.Extensions.Remove("headers");
        });
        services.AddExceptionHandler<BadRequestProblemHandler>();
        services.AddExceptionHandler<ServerFaultHandler>();
        return services;
    }

    /// <summary>
    /// The exception handler in every environment (in Development it sits inside the developer exception page, so
    /// that page never answers the API), and status-code problems for API responses that carry no body (401 from
    /// a challenge, 404 from routing, 405, 415).
    /// </summary>
    public static IApplicationBuilder UseApiErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", CreateScopeForErrors = true });
        app.UseWhen(ctx => IsApi(ctx.Request), api => api.UseStatusCodePages(ctx =>
            TypedResults.Problem(statusCode: ctx.HttpContext.Response.StatusCode).ExecuteAsync(ctx.HttpContext)));
        return app;
    }

    /// <summary>An address under /api or /hubs that nothing answers: 404 for everyone, signed in or not.</summary>
    public static void MapApiNotFound(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/api/{**rest}", "/hubs/{**rest}" })
        {
            app.MapFallback(prefix, () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound)).AllowAnonymous();
        }
    }

    public static string Title(int status) => status switch
    {
        400 => "请求有误，请检查后重试。",
        401 => "请先登录，或提供有效的令牌（Bearer）。",
        403 => "您没有权限执行此操作。",
        404 => "没有找到请求的资源。",
        405 => "该地址不支持这种请求方法。",
        406 => "无法按请求的格式作答。",
        409 => "请求与当前数据冲突，请刷新后重试。",
        412 => "数据已被他人修改，请重新读取后再保存。",
        413 => "请求内容过大。",
        415 => "不支持该内容类型，请以 application/json 提交。",
        422 => "请求无法处理。",
        428 => "请求缺少必需的前提条件。",
        429 => "请求过于频繁，请稍后再试。",
        503 => "系统繁忙，本次提交未保存，请稍后重试。",
        >= 500 => "服务器内部错误，请稍后重试；如持续出现，请联系机关党委并提供错误编号。",
        _ => "请求无法处理。",
    };

    // The titles ASP.NET Core fills in by status code when none is given.
    private static readonly HashSet<string> EnglishDefaults =
    [
        "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed", "Not Acceptable", "Conflict",
        "Precondition Failed", "Payload Too Large", "Unsupported Media Type", "Unprocessable Entity", "Precondition Required",
        "Too Many Requests", "Service Unavailable", "An error occurred while processing your request.", "One or more validation errors occurred.",
    ];

    /// <summary>Any other exception on the API: logged with its stack, answered with a bare 500 problem and the trace id.</summary>
    private sealed partial class ServerFaultHandler(ILogger<ServerFaultHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            // The middleware has already pointed the request at the error page: decide on the path it came with.
            var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value ?? "";
            if (!IsApiPath(path))
            {
                return false;
            }

            if (Busy(exception))
            {
                // Overload, not a fault: the database had no connection (or lock) to give within its wait. Nothing was
                // saved; the client may send the same request again.
                LogBusy(exception, httpContext.Request.Method, path);
                httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                httpContext.Response.Headers.RetryAfter = "5";
                await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
                return true;
            }

            LogFault(exception, httpContext.Request.Method, path);
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(httpContext);
            return true;
        }

        /// <summary>
        /// PostgreSQL's connection pool exhausted (Npgsql waits its Timeout, then throws with a TimeoutException
        /// inside), or SQLite's write lock still held when its busy timeout ran out (SQLITE_BUSY, 5).
        /// </summary>
        private static bool Busy(Exception exception)
        {
            for (var e = exception; e is not null; e = e.InnerException)
            {
                if (e is Npgsql.NpgsqlException { InnerException: TimeoutException } or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 })
                {
                    return true;
                }
            }

            return false;
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "API request {Method} {Path} found the database busy: answered 503")]
        private partial void LogBusy(Exception exception, string method, string path);

        [LoggerMessage(Level = LogLevel.Error, Message = "API request {Method} {Path} failed")]
        private partial void LogFault(Exception exception, string method, string path);
    }
}

/// <summary>
/// A request the minimal API could not read (malformed JSON, a string where a number belongs, a query value
/// that is no date) is answered with a 400 problem, naming the field when the JSON reader knows it, instead of
/// an empty 400 or a 500 page. Needs <c>RouteHandlerOptions.ThrowOnBadRequest</c>, so that such a request
/// surfaces as a <see cref="BadHttpRequestException"/>. Nothing of the request or the reader's message is echoed.
/// </summary>
public sealed class BadRequestProblemHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // A value of the wrong type has a path to name; broken syntax (an inner reader exception) has not.
        var field = bad.InnerException is JsonException { InnerException: not JsonException, Path: { Length: > 2 } path }
            && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..]
            : null;
        IResult result = field is not null && bad.StatusCode == StatusCodes.Status400BadRequest
            ? TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    [field] = [bad.InnerException is NulCharacters.RefusedException
                        ? NulCharacters.Message
                        : "格式不正确：请检查这个字段的类型（数字、文字、日期 yyyy-MM-dd 或 present/excused/absent）。"],
                },
                title: "提交的数据有误",
                detail: "请求正文无法按 JSON 读取。")
            : TypedResults.Problem(
                title: bad.StatusCode == StatusCodes.Status400BadRequest ? "请求无法读取：请检查 JSON 格式和各字段的类型。" : ApiErrors.Title(bad.StatusCode),
                statusCode: bad.StatusCode);
        httpContext.Response.StatusCode = bad.StatusCode;
        await result.ExecuteAsync(httpContext);
        return true;
    }
}
