using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>A published five-star branch of a year, for lists under a scope.</summary>
public sealed record FiveStarBranch(int BranchId, string Name, string? ParentName, decimal Score);

/// <summary>
/// Read-only views of the published stars under a scope, and the one wording of the five-star quota: how it is
/// computed (<see cref="FiveStarQuota"/>, from the year's scheme) and that it is the whole bureau's, applied once at the
/// decision (<see cref="StarDecisionService"/>), never split among units.
/// </summary>
public static class FiveStarScope
{
    /// <summary>The year's published five-star branches whose path lies under <paramref name="scopePath"/>, best score first.</summary>
    public static async Task<IReadOnlyList<FiveStarBranch>> FiveStarBranchesAsync(this PortalDbContext db, string scopePath, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.StarRatings.AsNoTracking()
            .Where(r => r.Year == year && r.Stars == 5 && r.OrgUnit!.Path.StartsWith(scopePath))
            .Select(r => new { r.OrgUnitId, r.OrgUnit!.Name, Parent = r.OrgUnit.Parent!.Name, r.Score, r.OrgUnit.SortOrder })
            .ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.Score).ThenBy(r => r.SortOrder).ThenBy(r => r.OrgUnitId).Select(r => new FiveStarBranch(r.OrgUnitId, r.Name, r.Parent, r.Score))];
    }

    /// <summary>The year's quota rule as its scheme sets it (growth, optional share cap); the default growth when no scheme.</summary>
    public static async Task<(int GrowthPercent, int? CapPercent)> QuotaRuleAsync(this PortalDbContext db, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scheme = await db.StarRubrics.AsNoTracking().Where(r => r.Year == year)
            .Select(r => new { r.FiveStarGrowthPercent, r.FiveStarCapPercent }).SingleOrDefaultAsync(ct);
        return scheme is null ? (FiveStarQuota.DefaultGrowthPercent, null) : (scheme.FiveStarGrowthPercent, scheme.FiveStarCapPercent);
    }

    /// <summary>The screens' note under 五星级名额 ("上年度五星级支部数 × 1.1"), with the scheme's own growth.</summary>
    public static string QuotaNote(int growthPercent) =>
        string.Create(CultureInfo.InvariantCulture, $"上年度五星级支部数 × {(100 + growthPercent) / 100m:0.0#}");

    /// <summary>How the quota is computed and used, as the decision applies it.</summary>
    public static string QuotaRule(int growthPercent, int? capPercent) =>
        string.Create(CultureInfo.InvariantCulture,
            $"五星级名额 = 上年度五星级支部数 ×（1 + {growthPercent}%），向上取整{(capPercent is { } cap ? $"，且不超过参评支部数的 {cap}%" : "")}；上年度未评定时不设增长限制。")
        + "名额由党委在全局评定时统一使用：得分达到五星级分数线的支部多于名额时，按得分从高到低认定，名额线上同分的支部均按四星级认定，并注明原因。";

    /// <summary>Below the bureau: the figure is the same rule over the scope's own branches, for reference only.</summary>
    public const string ScopeShare =
        "本单位的“五星级名额”是按同一规则、以本单位上年度五星级支部数折算的参考数，不是分配给本单位的指标；各单位的五星级支部数可以多于或少于这个数。";

    /// <summary>A scope with more five-star branches than its reference figure: why that is not over any quota.</summary>
    public static string Exceeded(int fiveStars, int scopeQuota, int bureauFiveStars, int? bureauQuota) =>
        string.Create(CultureInfo.InvariantCulture,
            $"本单位五星级支部 {fiveStars} 个，多于按本单位上年度折算的 {scopeQuota} 个：名额只在全局计算和使用，")
        + (bureauQuota is { } q
            ? string.Create(CultureInfo.InvariantCulture, $"全局名额 {q} 个、五星级支部 {bureauFiveStars} 个，")
            : string.Create(CultureInfo.InvariantCulture, $"全局本年度不设名额、五星级支部 {bureauFiveStars} 个，"))
        + "本单位的支部是在全局名额内按得分认定的，不属于超出名额。";
}
