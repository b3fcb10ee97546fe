using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>A year's scheme as the editor and the assessment pages show it.</summary>
public sealed record StarScheme(StarRubric Rubric, bool Frozen);

/// <summary>
/// The year's star-rating scheme (评定方案, issue 12): PartyOffice with whole-bureau scope writes it, validated with
/// nothing saved on any error, audited in the same transaction, announced after commit. Once a branch has submitted an
/// assessment under it the scheme is frozen. Everyone who assesses or reviews reads it.
/// </summary>
public sealed partial class StarSchemeService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus)
{
    public const string What = "star-scheme";
    public const string FrozenMessage = "本年度已有支部提交自评，评定方案已冻结，不能再修改。";

    /// <summary>What the editor says when <see cref="SaveAsync"/> answers <see cref="WriteResult.Stale"/>: the scheme changed since it was read.</summary>
    public const string StaleMessage = "本年度评定方案已被他人修改，本次未保存。您填写的内容仍保留在下方；请记下要改的内容，点“重新载入”查看最新方案后再修改。";

    /// <summary>The year's scheme, or null when it has none yet.</summary>
    public async Task<StarScheme?> GetAsync(ClaimsPrincipal user, int year, CancellationToken ct = default)
    {
        if ((await guard.UnitsAllowingAsync(user, Operation.AssessStarRating, ct)).Count == 0)
        {
            await guard.DemandSomewhereAsync(user, Operation.ReviewStarRating, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rubric = await db.StarRubrics.AsNoTracking().Include(r => r.Criteria).Include(r => r.Vetoes)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Year == year, ct);
        return rubric is null ? null : new StarScheme(rubric, await IsFrozenAsync(db, rubric.Id, ct));
    }

    /// <summary>Creates the year's scheme, or changes it while no branch has submitted under it.</summary>
    public async Task<WriteResult> SaveAsync(ClaimsPrincipal user, int year, StarSchemeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await guard.DemandAsync(user, Operation.ReviewStarRating, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rubric = await db.StarRubrics.Include(r => r.Criteria).Include(r => r.Vetoes).AsSplitQuery().SingleOrDefaultAsync(r => r.Year == year, ct);
        if (rubric is not null && input.Version != rubric.Version)
        {
            return WriteResult.Stale;
        }

        var errors = YearError(year) is { } yearError ? new() { ["year"] = yearError } : Validate(input);
        if (errors.Count == 0 && rubric is not null && await IsFrozenAsync(db, rubric.Id, ct))
        {
            errors["scheme"] = FrozenMessage;
        }

        if (errors.Count == 0 && rubric is not null && input.Items.Any(i => i.Id is { } id && !rubric.Criteria.Exists(c => c.Id == id)))
        {
            errors["items"] = "评分项目已被他人修改，请刷新后重试。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var before = rubric is null ? null : Snapshot(rubric);
        var created = rubric is null;
        rubric ??= db.StarRubrics.Add(new StarRubric { Year = year, Name = "" }).Entity;
        await ApplyAsync(db, rubric, input, ct);
        bus.Record(db, new DataChanged([], What));
        if (created)
        {
            await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, AuditActions.Create, nameof(StarRubric), Id(rubric.Id), null, after: Snapshot(rubric)), ct);
        }
        else
        {
            rubric.Version = Guid.NewGuid();
            audit.Add(db, user, AuditActions.Update, nameof(StarRubric), Id(rubric.Id), null, before, Snapshot(rubric));
            await db.SaveChangesAsync(ct); // one SaveChanges: the scheme, its items and the audit entry commit together
        }

        return WriteResult.Done(rubric.Id);
    }

    /// <summary>「复制上年方案」: last year's scheme as this year's starting point, for the editor to change and save.</summary>
    public async Task<StarSchemeInput?> CopyOfLastYearAsync(ClaimsPrincipal user, int year, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReviewStarRating, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = await db.StarRubrics.AsNoTracking().Include(r => r.Criteria).Include(r => r.Vetoes).AsSplitQuery()
            .Where(r => r.Year < year).OrderByDescending(r => r.Year).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            return null;
        }

        var copy = StarSchemeInput.From(last);
        copy.Name = last.Name.Replace(last.Year.ToString(CultureInfo.InvariantCulture), year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        copy.Version = null;
        copy.Items.ForEach(i => i.Id = null);
        return copy;
    }

    private static Task<bool> IsFrozenAsync(PortalDbContext db, int rubricId, CancellationToken ct) =>
        db.StarAssessments.AnyAsync(a => a.RubricId == rubricId && a.SubmittedAt != null, ct);

    private string? YearError(int year) =>
        year < clock.FoundedYear || year > clock.LastYear ? $"只能为{clock.FoundedYear}年至{clock.LastYear}年制定评定方案。" : null;

    /// <summary>
    /// Writes the input over the scheme. Items keep their ids where the input names them, so drafts' scores stay with
    /// them; an item taken out goes with the draft scores given under it (nothing was submitted: the scheme is open).
    /// </summary>
    private static async Task ApplyAsync(PortalDbContext db, StarRubric rubric, StarSchemeInput input, CancellationToken ct)
    {
        rubric.Name = input.Name!.Trim();
        (rubric.FiveStarMin, rubric.FourStarMin, rubric.ThreeStarMin, rubric.TwoStarMin) = (input.FiveStarMin, input.FourStarMin, input.ThreeStarMin, input.TwoStarMin);
        rubric.FiveStarGrowthPercent = input.FiveStarGrowthPercent;
        rubric.FiveStarCapPercent = input.FiveStarCapPercent;
        rubric.NoticeDays = input.NoticeDays;
        rubric.CountyPreReview = input.CountyPreReview;

        var kept = input.Items.Select(i => i.Id).OfType<int>().ToHashSet();
        var dropped = rubric.Criteria.Where(c => !kept.Contains(c.Id)).ToList();
        if (dropped.Count > 0)
        {
            var ids = dropped.Select(c => c.Id).ToList();
            db.CriterionScores.RemoveRange(await db.CriterionScores.Where(s => ids.Contains(s.CriterionId)).ToListAsync(ct));
            db.StarCriteria.RemoveRange(dropped);
        }

        for (var i = 0; i < input.Items.Count; i++)
        {
            var item = input.Items[i];
            var criterion = item.Id is { } id ? rubric.Criteria.Single(c => c.Id == id) : new StarCriterion { Name = "" };
            if (item.Id is null)
            {
                rubric.Criteria.Add(criterion);
            }

            criterion.Group = item.Group?.Trim() ?? "";
            criterion.Name = item.Name!.Trim();
            criterion.Description = string.IsNullOrWhiteSpace(item.Description) ? null : item.Description.Trim();
            criterion.Kind = item.Kind;
            criterion.MaxScore = item.MaxScore;
            criterion.Measure = item.Measure;
            (criterion.ZeroBelowPercent, criterion.FullAtPercent) = item.Measure == CriterionMeasure.None ? (60m, 100m) : (item.ZeroBelowPercent, item.FullAtPercent);
            criterion.SortOrder = i + 1;
        }

        db.StarVetoes.RemoveRange(rubric.Vetoes);
        rubric.Vetoes.Clear();
        rubric.Vetoes.AddRange(input.Vetoes.Select(v => new StarVeto { Kind = v.Kind, OverdueDays = v.OverdueDays, MaxStars = v.MaxStars }));
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the audit trail keeps of a scheme.</summary>
    private static object Snapshot(StarRubric r) => new
    {
        year = r.Year,
        name = r.Name,
        bands = new[] { r.FiveStarMin, r.FourStarMin, r.ThreeStarMin, r.TwoStarMin },
        fiveStarGrowthPercent = r.FiveStarGrowthPercent,
        fiveStarCapPercent = r.FiveStarCapPercent,
        noticeDays = r.NoticeDays,
        countyPreReview = r.CountyPreReview,
        items = r.Criteria.OrderBy(c => c.SortOrder).Select(c => new
        {
            group = c.Group, name = c.Name, kind = c.Kind.ToString(), maxScore = c.MaxScore, measure = c.Measure.ToString(),
            zeroBelowPercent = c.ZeroBelowPercent, fullAtPercent = c.FullAtPercent,
        }).ToList(),
        vetoes = r.Vetoes.Select(v => new { kind = v.Kind.ToString(), overdueDays = v.OverdueDays, maxStars = v.MaxStars }).ToList(),
    };
}
