using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>One branch of a decided year, as the notice (公示) lists it.</summary>
public sealed record StarNoticeRow(int BranchId, string Branch, decimal Score, int Stars, string? Reason);

/// <summary>A decided year: the notice's rows, and (for the committee) the objections raised.</summary>
public sealed record StarNotice(int Year, StarDecision Decision, IReadOnlyList<StarNoticeRow> Rows, IReadOnlyList<StarObjection> Objections)
{
    public bool Published => Decision.PublishedOn is not null;
}

/// <summary>
/// The year's decision, notice and publication (评定、公示、发布, issue 12), PartyOffice with whole-bureau scope:
/// <list type="bullet">
/// <item>评定: once every rated branch's assessment is approved, each total (the committee's scores where it changed
/// them) is banded, capped by the vetoes the ledger finds, and the five-star quota applied (<see cref="FiveStarQuota"/>);
/// it can be run again until publication.</item>
/// <item>公示: every signed-in user sees the result for the scheme's days; objections are recorded and handled.</item>
/// <item>发布: after the notice, with every objection handled, the result becomes the year's ratings — history that
/// later years never change — and the dashboards and screens move at once.</item>
/// </list>
/// </summary>
public sealed partial class StarDecisionService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus,
    StarLedger ledger)
{
    public const string What = "star-rating";

    /// <summary>The decided year as the notice shows it; null when the year is not decided. Objections only for the committee.</summary>
    public async Task<StarNotice?> NoticeAsync(ClaimsPrincipal user, int year, CancellationToken ct = default)
    {
        if (!user.Assignments().Any())
        {
            await guard.DemandAsync(user, Operation.ViewOverview, null, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decision = await db.StarDecisions.AsNoTracking().Include(d => d.Objections).ThenInclude(o => o.OrgUnit)
            .SingleOrDefaultAsync(d => d.Rubric!.Year == year, ct);
        if (decision is null)
        {
            return null;
        }

        var rows = await db.StarAssessments.AsNoTracking()
            .Where(a => a.RubricId == decision.RubricId && a.FinalStars != null)
            .Select(a => new StarNoticeRow(a.OrgUnitId, a.OrgUnit!.Name, a.FinalScore!.Value, a.FinalStars!.Value, a.FinalReason))
            .ToListAsync(ct);
        var committee = await guard.AllowsAsync(user, Operation.ReviewStarRating);
        return new StarNotice(
            year, decision, [.. rows.OrderByDescending(r => r.Stars).ThenByDescending(r => r.Score).ThenBy(r => r.Branch, StringComparer.Ordinal)],
            committee ? [.. decision.Objections.OrderBy(o => o.ReceivedOn).ThenBy(o => o.Id)] : []);
    }

    /// <summary>评定: final scores and stars for every rated branch, and the notice from today.</summary>
    public async Task<WriteResult> DecideAsync(ClaimsPrincipal user, int year, Guid? version, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReviewStarRating, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rubric = await db.StarRubrics.AsNoTracking().Include(r => r.Criteria).Include(r => r.Vetoes).AsSplitQuery().SingleOrDefaultAsync(r => r.Year == year, ct);
        if (rubric is null)
        {
            return WriteResult.Missing;
        }

        var decision = await db.StarDecisions.SingleOrDefaultAsync(d => d.RubricId == rubric.Id, ct);
        if (decision is not null && version != decision.Version)
        {
            return WriteResult.Stale;
        }

        var rated = await StarLedger.RatedBranchesAsync(db, year, ct);
        var assessments = await db.StarAssessments.Include(a => a.Scores).Where(a => a.RubricId == rubric.Id).ToDictionaryAsync(a => a.OrgUnitId, ct);
        var pending = rated.Where(b => assessments.GetValueOrDefault(b.Id)?.Status != AssessmentStatus.Approved).ToList();
        var errors = new Dictionary<string, string>();
        if (decision?.PublishedOn is { } published)
        {
            errors["decision"] = $"{year}年度星级评定结果已于{published:yyyy年M月d日}发布，不能重新评定。";
        }
        else if (pending.Count > 0)
        {
            var names = string.Join("、", pending.Take(3).Select(b => b.Name)) + (pending.Count > 3 ? "等" : "");
            errors["decision"] = $"还有{pending.Count}个支部（{names}）的自评未审核通过，全部审核通过后才能评定。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var previous = await db.StarRatings.Where(r => r.Year == year - 1).Select(r => r.Stars).ToListAsync(ct);
        var quota = FiveStarQuota.For(previous.Count == 0 ? null : previous.Count(s => s == 5), rubric.FiveStarGrowthPercent, rubric.FiveStarCapPercent, rated.Count);
        var kinds = rubric.Criteria.ToDictionary(c => c.Id, c => c.Kind);
        var scored = new List<(int OrgUnitId, decimal Score, int MaxStars, string? CapReason)>();
        foreach (var branch in rated)
        {
            var a = assessments[branch.Id];
            var total = StarScoring.Total(a.Scores.Select(s => (kinds[s.CriterionId], s.ReviewedScore ?? s.SelfScore)));
            var strictest = (await ledger.FindingsAsync(rubric, branch.Id, ct)).OrderBy(f => f.Veto.MaxStars).FirstOrDefault();
            scored.Add((branch.Id, total, strictest?.Veto.MaxStars ?? 5, strictest?.Reason));
        }

        foreach (var (unit, score, stars, reason) in FiveStarQuota.Apply(scored, rubric.Bands, quota))
        {
            (assessments[unit].FinalScore, assessments[unit].FinalStars, assessments[unit].FinalReason) = (score, stars, reason);
        }

        var created = decision is null;
        var before = decision is null ? null : Snapshot(decision);
        decision ??= db.StarDecisions.Add(new StarDecision { RubricId = rubric.Id }).Entity;
        decision.DecidedOn = clock.Today;
        decision.NoticeUntil = clock.Today.AddDays(rubric.NoticeDays - 1);
        decision.Quota = quota;
        decision.Version = Guid.NewGuid();
        await AuditTrail.SaveNewAsync(db, () => audit.Add(
            db, user, created ? AuditActions.Create : AuditActions.Update, nameof(StarDecision), Id(decision.Id), null, before, Snapshot(decision, scored.Count, assessments.Values)), ct);
        return WriteResult.Done(decision.Id);
    }

    /// <summary>发布: the decided result becomes the year's ratings, after the notice and with every objection handled.</summary>
    public async Task<WriteResult> PublishAsync(ClaimsPrincipal user, int year, Guid? version, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReviewStarRating, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decision = await db.StarDecisions.Include(d => d.Objections).SingleOrDefaultAsync(d => d.Rubric!.Year == year, ct);
        if (decision is null)
        {
            return WriteResult.Missing;
        }

        if (version != decision.Version)
        {
            return WriteResult.Stale;
        }

        var errors = new Dictionary<string, string>();
        var open = decision.Objections.Count(o => o.HandledOn is null);
        if (decision.PublishedOn is not null)
        {
            errors["decision"] = $"{year}年度星级评定结果已经发布。";
        }
        else if (clock.Today <= decision.NoticeUntil)
        {
            errors["decision"] = $"公示期至{decision.NoticeUntil:yyyy年M月d日}结束，结束后才能发布。";
        }
        else if (open > 0)
        {
            errors["decision"] = $"还有{open}条公示异议未处理，处理后才能发布。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var assessments = await db.StarAssessments.Where(a => a.RubricId == decision.RubricId && a.FinalStars != null).ToListAsync(ct);
        foreach (var a in assessments)
        {
            a.Status = AssessmentStatus.Published;
            db.StarRatings.Add(new StarRating { Year = year, OrgUnitId = a.OrgUnitId, Stars = a.FinalStars!.Value, Score = a.FinalScore!.Value, Reason = a.FinalReason, PublishedOn = clock.Today });
        }

        var before = Snapshot(decision);
        decision.PublishedOn = clock.Today;
        decision.Version = Guid.NewGuid();
        audit.Add(db, user, AuditActions.Publish, nameof(StarDecision), Id(decision.Id), null, before, Snapshot(decision));
        bus.Record(db, DataChanged.Everything(What));
        await db.SaveChangesAsync(ct); // one SaveChanges: the ratings, the decision and the audit entry commit together
        return WriteResult.Done(decision.Id);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static object Snapshot(StarDecision d, int? rated = null, IEnumerable<StarAssessment>? results = null) => new
    {
        decidedOn = IsoDate.Day(d.DecidedOn),
        noticeUntil = IsoDate.Day(d.NoticeUntil),
        publishedOn = d.PublishedOn is { } p ? IsoDate.Day(p) : null,
        quota = d.Quota,
        rated,
        stars = results?.Where(a => a.FinalStars is not null).GroupBy(a => a.FinalStars!.Value).OrderByDescending(g => g.Key)
            .ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count()),
    };
}
