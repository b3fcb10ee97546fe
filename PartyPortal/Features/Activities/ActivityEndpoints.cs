using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;

namespace PartyPortal.Features.Activities;

/// <summary>A row of the activity catalogue as the API lists it.</summary>
public sealed record ActivityKindDto(int Id, string Code, string Name, Pillar Pillar, ActivityUnit Unit, bool TakesAttendance, bool Restricted);

/// <summary>
/// The JSON API of the branch workspace (issue #4, point 7): HTTP in and out of <see cref="ActivityService"/>
/// and <see cref="OrganisationService"/>, which authorise and validate exactly as they do for the pages.
/// Versions travel as strong ETags; a refusal is a 403 problem, invalid input a 400 validation problem.
/// </summary>
public static class ActivityEndpoints
{
    public const string InvalidTitle = VersionedRecordProblems.InvalidTitle;

    private static readonly VersionedRecordProblems Problems = new("没有找到这条活动记录，它可能已被删除。", "这条活动记录已被他人修改，请重新读取后再保存。");

    private static readonly string[] EmptyAttendanceEntry = ["出勤名单中有空项，请填写党员编号和出勤状态。"];

    public static void MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(AccessRegistration.ApiPolicy)
            .AddEndpointFilter(ApiRefusal.AsProblemAsync)
            .WithTags("Activities")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/org-units", async (ClaimsPrincipal user, [FromServices] OrganisationService organisation, CancellationToken ct) =>
            TypedResults.Ok(await organisation.ListUnitsAsync(user, ct)));

        api.MapGet("/members", ListMembersAsync)
            .Produces<IReadOnlyList<MemberDto>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/activity-kinds", ListKindsAsync).Produces<IReadOnlyList<ActivityKindDto>>();

        api.MapGet("/activities", async (int? orgUnitId, string? kindCode, DateOnly? from, DateOnly? to, ClaimsPrincipal user,
                [FromServices] ActivityService activities, CancellationToken ct) =>
            TypedResults.Ok(await activities.ListAsync(user, orgUnitId, kindCode, from, to, ct)));

        api.MapGet("/activities/{id:int}", GetAsync)
            .Produces<ActivityView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/activities", RecordAsync)
            .Produces<ActivityView>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapPut("/activities/{id:int}", UpdateAsync)
            .Produces<ActivityView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        api.MapDelete("/activities/{id:int}", DeleteAsync)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    public static string Location(int id) => "/api/v1/activities/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A strong entity tag: the record's version, quoted.</summary>
    public static string ETag(Guid version) => $"\"{version:D}\"";

    private static async Task<IResult> ListMembersAsync(int? orgUnitId, ClaimsPrincipal user, [FromServices] OrganisationService organisation, CancellationToken ct)
    {
        if (orgUnitId is not { } id)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["orgUnitId"] = ["请指定党组织（orgUnitId）。"] }, title: InvalidTitle);
        }

        return await organisation.ListMembersAsync(user, id, ct) is { } members
            ? TypedResults.Ok(members)
            : TypedResults.Problem(title: "没有这个党组织。", statusCode: StatusCodes.Status404NotFound);
    }

    // Restricted kinds are listed for everyone: they are catalogue rows, not records.
    private static async Task<IResult> ListKindsAsync([FromServices] IDbContextFactory<PortalDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var kinds = await db.ActivityKinds.AsNoTracking().Where(k => k.IsActive).OrderBy(k => k.SortOrder).ThenBy(k => k.Id)
            .Select(k => new ActivityKindDto(k.Id, k.Code, k.Name, k.Pillar, k.Unit, k.TakesAttendance, k.Restricted))
            .ToListAsync(ct);
        return TypedResults.Ok(kinds);
    }

    private static async Task<IResult> GetAsync(int id, ClaimsPrincipal user, HttpResponse response, [FromServices] ActivityService activities, CancellationToken ct)
    {
        var view = await activities.GetAsync(user, id, ct);
        return view is null ? Problems.NotFound() : WithETag(response, view, TypedResults.Ok(view));
    }

    private static async Task<IResult> RecordAsync(ActivityInput input, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        [FromServices] ActivityService activities, [FromServices] IdempotencyKeys keys, CancellationToken ct)
    {
        if (Unreadable(input) is { } unreadable)
        {
            return unreadable;
        }

        var reading = await keys.ReadAsync(request, user, input, async id => await activities.GetAsync(user, id, ct), ct);
        if (reading.Refusal is { } refusal)
        {
            return refusal;
        }

        if (reading.ReplayBody is { } replay)
        {
            return Replay(reading.ReplayId, replay);
        }

        var result = await activities.RecordAsync(user, input, reading.Claim, ct);
        if (result.KeyInUse)
        {
            // A concurrent retry under the same key wrote first: answer as it was answered.
            var again = await keys.ReadAsync(request, user, input, async id => await activities.GetAsync(user, id, ct), ct);
            return again.Refusal ?? (again.ReplayBody is { } body ? Replay(again.ReplayId, body) : Failure(result));
        }

        if (!result.Succeeded)
        {
            return Failure(result);
        }

        var created = result.Id!.Value;
        var view = await activities.GetAsync(user, created, ct);
        if (view is null)
        {
            return Problems.NotFound();
        }

        if (reading.Claim is { } claim)
        {
            var body = await keys.RememberAsync(claim, view, ct);
            return IdempotencyKeys.Created(Location(created), body, ETag(view.Version), replayed: false);
        }

        return WithETag(response, view, TypedResults.Created(Location(created), view));
    }

    /// <summary>The first answer again, with the version it carried as its ETag.</summary>
    private static IResult Replay(int id, string body)
    {
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var etag = json.RootElement.TryGetProperty("version", out var v) && v.TryGetGuid(out var version) ? ETag(version) : null;
        return IdempotencyKeys.Created(Location(id), body, etag, replayed: true);
    }

    private static async Task<IResult> UpdateAsync(int id, ActivityInput input, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        [FromServices] ActivityService activities, CancellationToken ct)
    {
        if (Unreadable(input) is { } unreadable)
        {
            return unreadable;
        }

        var ifMatch = IfMatch.Read(request);
        if (ifMatch is null)
        {
            return TypedResults.Problem(
                title: "修改前请在 If-Match 请求头中带上读取这条记录时得到的 ETag。",
                statusCode: StatusCodes.Status428PreconditionRequired);
        }

        var expected = await ifMatch.ExpectedVersionAsync(() => CurrentVersionAsync(activities, user, id, ct));
        if (expected is not { } version)
        {
            return ifMatch.NeedsCurrent ? Problems.NotFound() : Problems.Stale();
        }

        var result = await activities.UpdateAsync(user, id, input, version, ct);
        if (!result.Succeeded)
        {
            return Failure(result);
        }

        var view = await activities.GetAsync(user, id, ct);
        return view is null ? Problems.NotFound() : WithETag(response, view, TypedResults.Ok(view));
    }

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal user, HttpRequest request, [FromServices] ActivityService activities, CancellationToken ct)
    {
        Guid? version = null;
        if (IfMatch.Read(request) is { } ifMatch)
        {
            version = await ifMatch.ExpectedVersionAsync(() => CurrentVersionAsync(activities, user, id, ct));
            if (version is null)
            {
                return ifMatch.NeedsCurrent ? Problems.NotFound() : Problems.Stale();
            }
        }

        var result = await activities.DeleteAsync(user, id, version, ct);
        return result.Succeeded ? TypedResults.NoContent() : Failure(result);
    }

    private static async Task<Guid?> CurrentVersionAsync(ActivityService activities, ClaimsPrincipal user, int id, CancellationToken ct) =>
        (await activities.GetAsync(user, id, ct))?.Version;

    /// <summary>What the JSON reader lets through but the input cannot hold: a null attendance list or entry.</summary>
    private static ValidationProblem? Unreadable(ActivityInput input)
    {
        // System.Text.Json sets a non-nullable property to null when the JSON says null.
        input.Attendance ??= [];
        var gaps = input.Attendance.Select((a, i) => (a, i)).Where(x => x.a is null).ToList();
        return gaps.Count == 0 ? null
            : TypedResults.ValidationProblem(
                gaps.ToDictionary(x => $"attendance[{x.i}]", _ => EmptyAttendanceEntry),
                title: InvalidTitle);
    }

    private static IResult Failure(ActivityResult result) => Problems.Failure(result.NotFound, result.Conflict, result.Errors);

    private static IResult WithETag(HttpResponse response, ActivityView view, IResult result)
    {
        response.Headers.ETag = ETag(view.Version);
        return result;
    }
}
