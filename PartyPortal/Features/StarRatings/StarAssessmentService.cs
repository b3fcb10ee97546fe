using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>
/// A branch's self-assessment (自评, issue 12): the secretary of the branch scores each item of the year's scheme beside
/// the ledger's proposal, saves drafts and submits; PartyOffice reads it. A branch outside the user's scope is answered
/// as one that does not exist (and the refusal audited). Every write is validated with nothing saved on any error,
/// version-checked, and audited in the same transaction; a submission freezes the year's scheme.
/// </summary>
public sealed partial class StarAssessmentService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus,
    StarLedger ledger)
{
    public const string What = "star-assessment";

    /// <summary>The branch's assessment for the year; null when the branch is not found in the user's scope or the year has no scheme.</summary>
    public async Task<StarAssessmentView?> OpenAsync(ClaimsPrincipal user, int year, int branchId, CancellationToken ct = default)
    {
        if (!await guard.AllowsAsync(user, Operation.ReviewStarRating, branchId) && !await guard.FindsAsync(user, Operation.AssessStarRating, branchId, ct))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var branch = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == branchId, ct);
        var rubric = await SchemeAsync(db, year, ct);
        if (branch is not { IsBranch: true } || rubric is null)
        {
            return null;
        }

        var assessment = await db.StarAssessments.AsNoTracking().Include(a => a.Scores).ThenInclude(s => s.EvidenceLinks).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.RubricId == rubric.Id && a.OrgUnitId == branchId, ct);
        var proposals = await ledger.ProposalsAsync(rubric, branchId, ct);
        var items = rubric.Criteria.OrderBy(c => c.SortOrder)
            .Select(c => new StarItemView(c, proposals[c.Id].Figure, proposals[c.Id].Proposed, assessment?.Scores.SingleOrDefault(s => s.CriterionId == c.Id)))
            .ToList();
        var view = new StarAssessmentView(year, branch, rubric, assessment, items, await ledger.FindingsAsync(rubric, branchId, ct));
        return view.Editable ? view with { EvidenceOptions = await StarEvidence.OptionsAsync(db, branchId, year, ct) } : view;
    }

    /// <summary>Saves what was entered, complete or not, and keeps the assessment with the secretary.</summary>
    public Task<WriteResult> SaveDraftAsync(ClaimsPrincipal user, int year, int branchId, StarAssessmentInput input, CancellationToken ct = default) =>
        WriteAsync(user, year, branchId, input, submit: false, ct);

    /// <summary>Saves and hands the assessment to the committee: every item scored, every departure from a proposal explained.</summary>
    public Task<WriteResult> SubmitAsync(ClaimsPrincipal user, int year, int branchId, StarAssessmentInput input, CancellationToken ct = default) =>
        WriteAsync(user, year, branchId, input, submit: true, ct);

    private async Task<WriteResult> WriteAsync(ClaimsPrincipal user, int year, int branchId, StarAssessmentInput input, bool submit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await guard.FindsAsync(user, Operation.AssessStarRating, branchId, ct))
        {
            return WriteResult.Missing;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var branch = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == branchId, ct);
        var rubric = await SchemeAsync(db, year, ct);
        if (branch is not { IsBranch: true } || rubric is null)
        {
            return WriteResult.Missing;
        }

        var assessment = await db.StarAssessments.Include(a => a.Scores).ThenInclude(s => s.EvidenceLinks).AsSplitQuery().SingleOrDefaultAsync(a => a.RubricId == rubric.Id && a.OrgUnitId == branchId, ct);
        if (assessment is not null && input.Version != assessment.Version)
        {
            return WriteResult.Stale;
        }

        var proposals = await ledger.ProposalsAsync(rubric, branchId, ct);
        var options = await StarEvidence.OptionsAsync(db, branchId, year, ct);
        var errors = Validate(rubric, assessment, input, proposals, options, submit);
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var before = assessment is null ? null : Snapshot(assessment);
        var created = assessment is null;
        assessment ??= db.StarAssessments.Add(new StarAssessment { RubricId = rubric.Id, OrgUnitId = branchId }).Entity;
        Apply(db, assessment, rubric, input, proposals, options);
        if (submit)
        {
            assessment.Status = AssessmentStatus.Submitted;
            assessment.SubmittedAt = clock.Now;
            assessment.ReturnReason = null; // answered by this submission; the audit trail keeps it
        }
        else if (created)
        {
            assessment.Status = AssessmentStatus.Draft;
        }

        assessment.Version = Guid.NewGuid();
        bus.Record(db, Changed(branchId, year));
        var action = submit ? AuditActions.Submit : created ? AuditActions.Create : AuditActions.Update;
        await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, action, nameof(StarAssessment), Id(assessment.Id), branchId, before, Snapshot(assessment)), ct);
        return WriteResult.Done(assessment.Id);
    }

    /// <summary>
    /// An assessment moves no figure until its year is published; the record names the branch and the year, so that a
    /// page showing the year's progress hears of it and the engine re-reads nothing outside that year.
    /// </summary>
    internal static DataChanged Changed(int branchId, int year) => new([branchId], What) { Dates = [new DateOnly(year, 1, 1)] };

    private static Task<StarRubric?> SchemeAsync(PortalDbContext db, int year, CancellationToken ct) =>
        db.StarRubrics.AsNoTracking().Include(r => r.Criteria).Include(r => r.Vetoes).AsSplitQuery().SingleOrDefaultAsync(r => r.Year == year, ct);

    /// <summary>Writes the entered lines over the assessment's scores; a line left empty in a draft has no score.</summary>
    private static void Apply(
        PortalDbContext db, StarAssessment assessment, StarRubric rubric, StarAssessmentInput input,
        IReadOnlyDictionary<int, (Live.Metrics.Ratio? Figure, decimal? Proposed)> proposals, IReadOnlyList<StarEvidenceOption> options)
    {
        foreach (var criterion in rubric.Criteria)
        {
            var line = input.Scores.SingleOrDefault(s => s.CriterionId == criterion.Id);
            var score = assessment.Scores.SingleOrDefault(s => s.CriterionId == criterion.Id);
            if (line?.SelfScore is not { } self)
            {
                if (score is not null)
                {
                    db.CriterionScores.Remove(score);
                }

                continue;
            }

            if (score is null)
            {
                score = new CriterionScore { CriterionId = criterion.Id };
                assessment.Scores.Add(score);
            }

            score.SelfScore = self;
            score.ProposedScore = proposals[criterion.Id].Proposed;
            score.SelfNote = Trimmed(line.SelfNote);
            score.Evidence = Trimmed(line.Evidence);
            LinkEvidence(score, line.Links, options);
        }
    }

    /// <summary>Makes the score's linked records those of the line: unlinked ones go, new ones come with their label as it reads today.</summary>
    private static void LinkEvidence(CriterionScore score, List<StarEvidenceRef> links, IReadOnlyList<StarEvidenceOption> options)
    {
        score.EvidenceLinks.RemoveAll(e => e.RecordId is not { } id || !links.Contains(new StarEvidenceRef(e.Source, id)));
        foreach (var link in links.Where(l => !score.EvidenceLinks.Exists(e => e.Source == l.Source && e.RecordId == l.Id)))
        {
            score.EvidenceLinks.Add(new ScoreEvidence
            {
                Source = link.Source,
                ActivityId = link.Source == EvidenceSource.Activity ? link.Id : null,
                RegisterEntryId = link.Source == EvidenceSource.Register ? link.Id : null,
                Label = options.First(o => o.Ref == link).Label,
            });
        }
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the audit trail keeps of an assessment.</summary>
    private static object Snapshot(StarAssessment a) => new
    {
        status = a.Status.ToString(),
        returnReason = a.ReturnReason,
        scores = a.Scores.OrderBy(s => s.CriterionId).Select(s => new
        {
            criterion = s.CriterionId, self = s.SelfScore, proposed = s.ProposedScore, note = s.SelfNote, evidence = s.Evidence,
            links = s.EvidenceLinks.Select(e => $"{e.Source}:{e.RecordId}").ToList(),
            reviewed = s.ReviewedScore, reason = s.AdjustmentReason,
        }).ToList(),
    };
}
