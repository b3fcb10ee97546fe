using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;

namespace PartyPortal.Features.Reports;

/// <summary>
/// F43 from the published star ratings: the star-rating code's own lists and quota rule, never a recount. The year is
/// the latest rating year published within the period (its ratings are "re-determined" then).
/// </summary>
internal static class ReportStars
{
    public static async Task<StarFact> LoadAsync(PortalDbContext db, string scopePath, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var year = await db.StarRatings.AsNoTracking().Where(r => r.PublishedOn >= from && r.PublishedOn <= to).MaxAsync(r => (int?)r.Year, ct);
        if (year is not { } y)
        {
            return new StarFact(null, [], null);
        }

        var branches = await db.FiveStarBranchesAsync(scopePath, y, ct);
        var previous = await db.StarRatings.AsNoTracking().Where(r => r.Year == y - 1 && r.OrgUnit!.Path.StartsWith(scopePath))
            .GroupBy(_ => 1).Select(g => new { Rated = g.Count(), Five = g.Count(r => r.Stars == 5) }).SingleOrDefaultAsync(ct);
        var rated = await db.StarRatings.AsNoTracking().CountAsync(r => r.Year == y && r.OrgUnit!.Path.StartsWith(scopePath), ct);
        var (growth, cap) = await db.QuotaRuleAsync(y, ct);
        return new StarFact(y, branches, FiveStarQuota.For(previous?.Five, growth, cap, rated));
    }
}
