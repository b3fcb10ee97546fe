using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>One branch in the review list: where its assessment stands (null: 未开始) and its totals.</summary>
public sealed record StarReviewRow(int BranchId, string Branch, AssessmentStatus? Status, decimal? SelfTotal, decimal? ReviewedTotal, DateTimeOffset? SubmittedAt);

/// <summary>One branch in the year's progress: where its assessment stands (null: 未开始), without its scores.</summary>
public sealed record StarProgressRow(int BranchId, string Branch, AssessmentStatus? Status, DateTimeOffset? SubmittedAt);

/// <summary>The committee's review of one assessment: a review score and reason per item where it differs.</summary>
public sealed class StarReviewInput
{
    public List<StarReviewLine> Lines { get; set; } = [];

    /// <summary>Grounds for designating the branch 软弱涣散 (a veto where the scheme has one); empty: not designated.</summary>
    public string? WeakAndLax { get; set; }
    public Guid? Version { get; set; }
}

public sealed class StarReviewLine
{
    public int CriterionId { get; set; }

    /// <summary>The committee's score; empty keeps the secretary's.</summary>
    public decimal? ReviewedScore { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// The committee's review (审核, issue 12): PartyOffice lists the year's branches by state, returns an assessment with
/// a reason (the secretary sees it and resubmits) or approves it with its own scores where they differ. Each step is
/// version-checked (a second reviewer saving over the first is refused, their text kept by the page) and audited.
/// </summary>
public sealed class StarReviewService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus)
{
    public const int ReasonMax = 500;

    /// <summary>The year's branches in the user's review scope that existed in the year, by state, with their totals.</summary>
    public async Task<IReadOnlyList<StarReviewRow>> ListAsync(ClaimsPrincipal user, int year, CancellationToken ct = default)
    {
        await guard.DemandSomewhereAsync(user, Operation.ReviewStarRating, ct);
        return await RowsAsync(await guard.UnitsAllowingAsync(user, Operation.ReviewStarRating, ct), year, ct);
    }

    /// <summary>The year's branches the user assesses (a secretary's own), by state; empty for one who assesses none.</summary>
    public async Task<IReadOnlyList<StarReviewRow>> MineAsync(ClaimsPrincipal user, int year, CancellationToken ct = default) =>
        await RowsAsync(await guard.UnitsAllowingAsync(user, Operation.AssessStarRating, ct), year, ct);

    /// <summary>
    /// Where each assessment of the year stands (状态 and when it was submitted) for the branches in the user's overview
    /// scope: a secretary their own branch, a county committee its branches, leaders and the committee every branch.
    /// No scores: until the year is decided, a branch's points are its own and the reviewers' business.
    /// </summary>
    public async Task<IReadOnlyList<StarProgressRow>> ProgressAsync(ClaimsPrincipal user, int year, CancellationToken ct = default)
    {
        await guard.DemandSomewhereAsync(user, Operation.ViewOverview, ct);
        var rows = await RowsAsync(await guard.UnitsAllowingAsync(user, Operation.ViewOverview, ct), year, ct);
        return [.. rows.Select(r => new StarProgressRow(r.BranchId, r.Branch, r.Status, r.SubmittedAt))];
    }

    /// <summary>The rated branches of the year among <paramref name="scope"/>, in the order of the cycle, those not started last.</summary>
    private async Task<List<StarReviewRow>> RowsAsync(IReadOnlySet<int> scope, int year, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var branches = (await StarLedger.RatedBranchesAsync(db, year, ct)).Where(b => scope.Contains(b.Id)).ToList();
        var assessments = await db.StarAssessments.AsNoTracking().Include(a => a.Scores)
            .Where(a => a.Rubric!.Year == year).ToDictionaryAsync(a => a.OrgUnitId, ct);

        // Totals as the scheme counts them (a deduction takes points off), not the plain sum of the lines.
        var kinds = await db.StarCriteria.AsNoTracking().Where(c => c.Rubric!.Year == year).ToDictionaryAsync(c => c.Id, c => c.Kind, ct);
        decimal Total(StarAssessment a, bool reviewed) =>
            StarScoring.Total(a.Scores.Select(s => (kinds[s.CriterionId], reviewed ? s.ReviewedScore ?? s.SelfScore : s.SelfScore)));
        return branches
            .Select(b => assessments.GetValueOrDefault(b.Id) is { } a
                ? new StarReviewRow(b.Id, b.Name, a.Status, Total(a, false), Total(a, true), a.SubmittedAt)
                : new StarReviewRow(b.Id, b.Name, null, null, null, null))
            .OrderBy(r => r.Status is null ? 9 : (int)r.Status).ThenBy(r => r.Branch, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Returns a submitted assessment to the secretary with the reason they will read.</summary>
    public async Task<WriteResult> ReturnAsync(ClaimsPrincipal user, int year, int branchId, string? reason, Guid? version, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = "请填写退回理由，支部书记将看到这段话。";
        }
        else if (reason.Trim().Length > ReasonMax || !InputRules.IsClean(reason, multiline: true))
        {
            errors["reason"] = reason.Trim().Length > ReasonMax ? $"退回理由不能超过{ReasonMax}个字。" : InputRules.HiddenCharactersMessage;
        }

        return await DecideAsync(user, year, branchId, version, errors, AuditActions.Return, (a, _) =>
        {
            a.Status = AssessmentStatus.Returned;
            a.ReturnReason = reason!.Trim();
        }, ct);
    }

    /// <summary>Approves a submitted assessment, with the committee's score and reason on each item it changes.</summary>
    public async Task<WriteResult> ApproveAsync(ClaimsPrincipal user, int year, int branchId, StarReviewInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        InputRules.Check(input, errors, clock);
        return await DecideAsync(user, year, branchId, input.Version, errors, AuditActions.Approve, (a, bureau) =>
        {
            foreach (var score in a.Scores)
            {
                var line = input.Lines.SingleOrDefault(l => l.CriterionId == score.CriterionId);
                var changed = line?.ReviewedScore is { } r && r != score.SelfScore;
                score.ReviewedScore = changed ? line!.ReviewedScore : null;
                score.AdjustmentReason = changed ? line!.Reason!.Trim() : null;
            }

            a.WeakAndLaxFinding = string.IsNullOrWhiteSpace(input.WeakAndLax) ? null : input.WeakAndLax.Trim();
            // A county committee's approval, where the scheme asks for one, is a pre-review: the bureau's follows.
            a.Status = bureau ? AssessmentStatus.Approved : AssessmentStatus.PreReviewed;
            a.ReviewedAt = clock.Now;
        }, ct, (a, e) => ValidateLines(a, input, e));
    }

    private async Task<WriteResult> DecideAsync(
        ClaimsPrincipal user, int year, int branchId, Guid? version, Dictionary<string, string> errors, string action,
        Action<StarAssessment, bool> decide, CancellationToken ct, Action<StarAssessment, Dictionary<string, string>>? validate = null)
    {
        if (!await guard.FindsAsync(user, Operation.ReviewStarRating, branchId, ct))
        {
            return WriteResult.Missing;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.StarAssessments.Include(a => a.Scores).Include(a => a.Rubric).ThenInclude(r => r!.Criteria)
            .Include(a => a.Rubric).ThenInclude(r => r!.Vetoes).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Rubric!.Year == year && a.OrgUnitId == branchId, ct);
        if (assessment is null)
        {
            return WriteResult.Missing;
        }

        if (version != assessment.Version)
        {
            return WriteResult.Stale;
        }

        // The bureau's reviewers (whole-bureau scope) decide; a county committee's only pre-reviews, and only where the scheme says so.
        var bureau = await guard.AllowsAsync(user, Operation.ReviewStarRating);
        if (!bureau && !assessment.Rubric!.CountyPreReview)
        {
            errors["assessment"] = "本年度评定方案不设县（市、区）局党委预审，自评由机关党委审核。";
        }
        else if (assessment.Status != AssessmentStatus.Submitted && !(bureau && assessment.Status == AssessmentStatus.PreReviewed))
        {
            errors["assessment"] = $"只能审核已提交的自评，该支部自评当前为“{assessment.Status.Display()}”。";
        }

        validate?.Invoke(assessment, errors);
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var before = Snapshot(assessment);
        decide(assessment, bureau);
        assessment.Version = Guid.NewGuid();
        audit.Add(db, user, action, nameof(StarAssessment), assessment.Id.ToString(CultureInfo.InvariantCulture), branchId, before, Snapshot(assessment));
        bus.Record(db, StarAssessmentService.Changed(branchId, year));
        await db.SaveChangesAsync(ct); // one SaveChanges: the decision and its audit entry commit together
        return WriteResult.Done(assessment.Id);
    }

    private static void ValidateLines(StarAssessment assessment, StarReviewInput input, Dictionary<string, string> errors)
    {
        if (!string.IsNullOrWhiteSpace(input.WeakAndLax))
        {
            if (!assessment.Rubric!.Vetoes.Exists(v => v.Kind == VetoKind.WeakAndLax))
            {
                errors.TryAdd("weakAndLax", "本年度评定方案没有“软弱涣散”一票否决项，不能在此认定。");
            }
            else if (input.WeakAndLax.Trim().Length > ReasonMax)
            {
                errors.TryAdd("weakAndLax", $"认定依据不能超过{ReasonMax}个字。");
            }
        }

        for (var i = 0; i < input.Lines.Count; i++)
        {
            var line = input.Lines[i];
            var score = assessment.Scores.SingleOrDefault(s => s.CriterionId == line.CriterionId);
            var criterion = assessment.Rubric!.Criteria.SingleOrDefault(c => c.Id == line.CriterionId);
            var key = $"lines[{i}].";
            if (score is null || criterion is null)
            {
                errors.TryAdd("lines", "审核项目与该支部的自评不一致，请刷新页面后重试。");
            }
            else if (line.ReviewedScore is { } r && (r < 0 || r > criterion.MaxScore || decimal.Round(r, 1) != r))
            {
                errors.TryAdd(key + "reviewedScore", $"审核得分应在0至{criterion.MaxScore:0.#}分之间，最多保留一位小数。");
            }
            else if (line.ReviewedScore is { } changed && changed != score.SelfScore && string.IsNullOrWhiteSpace(line.Reason))
            {
                errors.TryAdd(key + "reason", "审核得分与自评得分不同，请填写调整理由。");
            }

            if (line.Reason?.Trim().Length > ReasonMax)
            {
                errors.TryAdd(key + "reason", $"调整理由不能超过{ReasonMax}个字。");
            }
        }
    }

    private static object Snapshot(StarAssessment a) => new
    {
        status = a.Status.ToString(),
        returnReason = a.ReturnReason,
        weakAndLax = a.WeakAndLaxFinding,
        reviewed = a.Scores.Where(s => s.ReviewedScore is not null).OrderBy(s => s.CriterionId)
            .Select(s => new { criterion = s.CriterionId, score = s.ReviewedScore, reason = s.AdjustmentReason }).ToList(),
    };
}
