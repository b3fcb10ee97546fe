using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>A branch's published rating of one year, with any lowering since.</summary>
public sealed record StarHistoryRow(int RatingId, int Year, int Stars, decimal Score, string? Reason, DateOnly PublishedOn, IReadOnlyList<StarRatingChange> Changes);

/// <summary>One branch's published rating in the year's list.</summary>
public sealed record StarYearRating(int BranchId, string Branch, StarHistoryRow Rating);

/// <summary>
/// Published ratings as history (issue 12): a branch's stars year by year, and 动态管理 — PartyOffice lowering or
/// revoking a star of the latest published year with a reason, audited and at once on the dashboards. Earlier years
/// are never changed.
/// </summary>
public sealed class StarHistoryService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus)
{
    public const int ReasonMax = 500;

    /// <summary>The branch's ratings, newest first; null when the branch is not found in the user's scope.</summary>
    public async Task<IReadOnlyList<StarHistoryRow>?> HistoryAsync(ClaimsPrincipal user, int branchId, CancellationToken ct = default)
    {
        if (!await guard.FindsAsync(user, Operation.ViewOverview, branchId, ct))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ratings = await db.StarRatings.AsNoTracking().Include(r => r.Changes).Where(r => r.OrgUnitId == branchId).ToListAsync(ct);
        return ratings.OrderByDescending(r => r.Year)
            .Select(r => new StarHistoryRow(r.Id, r.Year, r.Stars, r.Score, r.Reason, r.PublishedOn, [.. r.Changes.OrderBy(c => c.ChangedOn).ThenBy(c => c.Id)]))
            .ToList();
    }

    /// <summary>
    /// The year's published ratings of every branch with any lowering since, best first; empty when the year is not
    /// published. Published stars were noticed (公示) to every member before publication, so every signed-in user with a
    /// role reads them all, as they read the notice (<see cref="StarDecisionService.NoticeAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<StarYearRating>> YearAsync(ClaimsPrincipal user, int year, CancellationToken ct = default)
    {
        if (!user.Assignments().Any())
        {
            await guard.DemandAsync(user, Operation.ViewOverview, null, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ratings = await db.StarRatings.AsNoTracking().Include(r => r.Changes).Include(r => r.OrgUnit).Where(r => r.Year == year).ToListAsync(ct);
        return ratings
            .OrderByDescending(r => r.Stars).ThenByDescending(r => r.Score).ThenBy(r => r.OrgUnit!.Name, StringComparer.Ordinal)
            .Select(r => new StarYearRating(
                r.OrgUnitId, r.OrgUnit!.Name, new StarHistoryRow(r.Id, r.Year, r.Stars, r.Score, r.Reason, r.PublishedOn, [.. r.Changes.OrderBy(c => c.ChangedOn).ThenBy(c => c.Id)])))
            .ToList();
    }

    /// <summary>Lowers (or, to 0, revokes) a published star of the latest published year.</summary>
    public async Task<WriteResult> LowerAsync(ClaimsPrincipal user, int ratingId, int toStars, string? reason, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReviewStarRating, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rating = await db.StarRatings.SingleOrDefaultAsync(r => r.Id == ratingId, ct);
        if (rating is null)
        {
            return WriteResult.Missing;
        }

        var errors = new Dictionary<string, string>();
        var latest = await db.StarRatings.MaxAsync(r => r.Year, ct);
        if (rating.Year != latest)
        {
            errors["rating"] = $"{rating.Year}年度的星级已成为历史，只能调整最近一次（{latest}年度）发布的星级。";
        }
        else if (toStars < 0 || toStars >= rating.Stars)
        {
            errors["toStars"] = rating.Stars == 0 ? "该支部星级已撤销。" : $"只能降低星级：请选择0（撤销）至{rating.Stars - 1}星。";
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.TryAdd("reason", "请填写调整理由。");
        }
        else if (reason.Trim().Length > ReasonMax || !InputRules.IsClean(reason, multiline: true))
        {
            errors.TryAdd("reason", reason.Trim().Length > ReasonMax ? $"调整理由不能超过{ReasonMax}个字。" : InputRules.HiddenCharactersMessage);
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var before = new { stars = rating.Stars, reason = rating.Reason };
        db.StarRatingChanges.Add(new StarRatingChange { StarRatingId = rating.Id, ChangedOn = clock.Today, FromStars = rating.Stars, ToStars = toStars, Reason = reason!.Trim() });
        rating.Stars = toStars;
        rating.Reason = $"动态调整（{clock.Today:yyyy-MM-dd}）：{reason.Trim()}";
        audit.Add(db, user, AuditActions.Update, nameof(StarRating), rating.Id.ToString(CultureInfo.InvariantCulture), rating.OrgUnitId, before, new { stars = rating.Stars, reason = rating.Reason });
        bus.Record(db, new DataChanged([rating.OrgUnitId], StarDecisionService.What));
        await db.SaveChangesAsync(ct); // one SaveChanges: the change, the rating and the audit entry commit together
        return WriteResult.Done(rating.Id);
    }
}
