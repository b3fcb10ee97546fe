using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using PartyPortal.Access;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>Where a year's star rating stands, as the API reports it.</summary>
public enum StarYearState
{
    /// <summary>Not yet decided: branches assess and the committee reviews; only each assessment's state is shown.</summary>
    Assessing = 1,

    /// <summary>Decided and publicly noticed (公示), not yet published.</summary>
    Notice = 2,

    /// <summary>Published: the year's ratings are history, lowered or revoked since only by 动态管理.</summary>
    Published = 3,
}

/// <summary>
/// A year's star ratings as the caller may see them: <see cref="Results"/> once decided (the notice's, or the published
/// ratings with their later changes), <see cref="Assessments"/> before that (state only, within the caller's scope).
/// </summary>
public sealed record StarRatingsMessage(
    int Year, StarYearState State, DateOnly? DecidedOn, DateOnly? NoticeUntil, DateOnly? PublishedOn, int? FiveStarQuota,
    IReadOnlyList<StarResultDto>? Results, IReadOnlyList<StarProgressDto>? Assessments);

/// <summary>A branch's result: its stars now, its final score, why the stars differ from the score's band, and its changes.</summary>
public sealed record StarResultDto(
    int BranchId, string Branch, int? ParentId, string? Parent, string Path, int Stars, decimal Score, string? Reason,
    DateOnly? PublishedOn, IReadOnlyList<StarChangeDto> Changes);

/// <summary>动态管理: a published star lowered, or revoked (to 0), on a day, with the reason.</summary>
public sealed record StarChangeDto(DateOnly ChangedOn, int FromStars, int ToStars, bool Revoked, string Reason);

/// <summary>A branch's assessment before the decision: its state (null: 未开始) and when it was submitted.</summary>
public sealed record StarProgressDto(
    int BranchId, string Branch, int? ParentId, string? Parent, string Path, AssessmentStatus? Status, string StatusName, DateTimeOffset? SubmittedAt);

/// <summary>
/// <c>GET /api/v1/star-ratings?year=</c> (issue 12): the year's star ratings through the feature's services, so the API
/// shows exactly what their access rules allow — published ratings and the notice to every signed-in user, the
/// assessments' states before that to each user within their overview scope, never another branch's scores early.
/// </summary>
public static class StarRatingEndpoints
{
    public const string Path = "/star-ratings";
    public const string InvalidQueryTitle = "查询参数有误";

    public static void MapStarRatingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1")
            .RequireAuthorization(AccessRegistration.ApiPolicy)
            .AddEndpointFilter(ApiRefusal.AsProblemAsync)
            .WithTags("StarRatings")
            .MapGet(Path, GetAsync)
            .WithSummary("年度党支部星级评定结果")
            .WithDescription(
                "按年度（year，缺省为本年度）返回星级评定情况。已发布年度：每个参评支部的星级、最终得分、星级与分数档不一致的原因（五星级名额、一票否决）、" +
                "发布日期及发布后的动态管理调整（降级、撤销），所有已登录用户可见。公示期内：公示名单。评定之前：仅返回调用者范围内各支部自评的状态和提交时间，" +
                "不含任何得分。年度须在本局成立年度至下一年度之间，否则返回 400。")
            .Produces<StarRatingsMessage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The zh-CN reason a year cannot be asked for: outside the bureau's lifetime (Bureau:FoundedYear to next year).</summary>
    public static string? YearError(BureauClock clock, int year)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return year < clock.FoundedYear || year > clock.LastYear ? $"年度应在{clock.FoundedYear}年至{clock.LastYear}年之间。" : null;
    }

    public static IResult YearProblem(string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [error] }, title: InvalidQueryTitle);

    private static async Task<IResult> GetAsync(
        int? year, ClaimsPrincipal user, [FromServices] BureauClock clock, [FromServices] StarHistoryService history,
        [FromServices] StarDecisionService decisions, [FromServices] StarReviewService reviews, [FromServices] StarLedger ledger,
        CancellationToken ct)
    {
        var y = year ?? clock.Today.Year;
        if (YearError(clock, y) is { } error)
        {
            return YearProblem(error);
        }

        // Published ratings first: a year rated before the cycle existed has ratings and no decision.
        var ratings = await history.YearAsync(user, y, ct);
        var notice = await decisions.NoticeAsync(user, y, ct);
        var decision = notice?.Decision;
        if (ratings.Count > 0)
        {
            var places = await ledger.PlacesAsync(ratings.Select(r => r.BranchId), ct);
            return TypedResults.Ok(new StarRatingsMessage(
                y, StarYearState.Published, decision?.DecidedOn, decision?.NoticeUntil, decision?.PublishedOn ?? ratings[0].Rating.PublishedOn, decision?.Quota,
                [.. ratings.Select(r => Result(r.BranchId, r.Branch, places, r.Rating.Stars, r.Rating.Score, r.Rating.Reason, r.Rating.PublishedOn,
                    [.. r.Rating.Changes.Select(c => new StarChangeDto(c.ChangedOn, c.FromStars, c.ToStars, c.ToStars == 0, c.Reason))]))],
                null));
        }

        if (notice is not null)
        {
            var places = await ledger.PlacesAsync(notice.Rows.Select(r => r.BranchId), ct);
            return TypedResults.Ok(new StarRatingsMessage(
                y, StarYearState.Notice, notice.Decision.DecidedOn, notice.Decision.NoticeUntil, null, notice.Decision.Quota,
                [.. notice.Rows.Select(r => Result(r.BranchId, r.Branch, places, r.Stars, r.Score, r.Reason, null, []))], null));
        }

        var progress = await reviews.ProgressAsync(user, y, ct);
        var at = await ledger.PlacesAsync(progress.Select(r => r.BranchId), ct);
        return TypedResults.Ok(new StarRatingsMessage(
            y, StarYearState.Assessing, null, null, null, null, null,
            [.. progress.Select(r =>
            {
                var p = Place(r.BranchId, at);
                return new StarProgressDto(r.BranchId, r.Branch, p.ParentId, p.Parent, p.Path, r.Status, StatusName(r.Status), r.SubmittedAt);
            })]));
    }

    /// <summary>未开始 for a branch with no assessment yet, else the state's name.</summary>
    public static string StatusName(AssessmentStatus? status) => status is { } s ? s.Display() : "未开始";

    private static StarResultDto Result(
        int branchId, string branch, IReadOnlyDictionary<int, StarUnitPlace> places, int stars, decimal score, string? reason,
        DateOnly? publishedOn, IReadOnlyList<StarChangeDto> changes)
    {
        var p = Place(branchId, places);
        return new StarResultDto(branchId, branch, p.ParentId, p.Parent, p.Path, stars, score, reason, publishedOn, changes);
    }

    private static StarUnitPlace Place(int branchId, IReadOnlyDictionary<int, StarUnitPlace> places) =>
        places.GetValueOrDefault(branchId) ?? new StarUnitPlace(null, null, "", int.MaxValue);
}
