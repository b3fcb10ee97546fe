using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

public sealed partial class DemoDataGenerator
{
    private const string Evidence = "支委会会议记录、活动照片及台账材料已上传。";
    private const string PaperNote = "该年度支部活动尚未在系统中登记，按支部纸质台账和会议记录评分。";
    private const string ClaimNote = "部分活动已开展但未及时录入台账，已补充会议记录和签到表作为佐证。";
    private const string LedgerReason = "补充材料不能证明活动按要求开展，以台账记录为准。";
    private const string EvidenceReason = "佐证材料不够充分，酌情扣分。";

    /// <summary>
    /// The lines a secretary enters, as the assessment service keeps them: the ledger's proposal beside each measured
    /// item's score, a note wherever the score departs from it; on approval, the committee's score and reason where it
    /// differs. Most secretaries take the proposal; one in ten claims more, and the committee holds them to the ledger.
    /// A draft (<paramref name="partial"/>) has some lines entered. Four draws per line whatever is entered, so the rows
    /// that follow do not depend on which lines were.
    /// </summary>
    /// <returns>The total the committee's scores make (<see cref="StarScoring.Total"/>).</returns>
    private decimal Score(
        StarAssessment assessment, List<StarCriterion> criteria, double quality, Func<int, CriterionMeasure, double?>? rates, bool approve, bool partial)
    {
        var beforeLedger = criteria.Count > 0 && set.Rubrics[criteria[0].RubricId - 1].Year < LedgerStart.Year;
        var lines = new List<(CriterionKind Kind, decimal Points)>();
        foreach (var c in criteria)
        {
            var (draw, claim, review, enter) = (rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble());
            if (partial && c.SortOrder > 1 && enter > 0.6)
            {
                continue;
            }

            var proposed = c.Measure == CriterionMeasure.None ? null : StarScoring.Proposed(c, rates?.Invoke(assessment.OrgUnitId, c.Measure));
            decimal self;
            string? note = null;
            decimal? reviewed = null;
            string? reason = null;
            if (c.Kind == CriterionKind.Bonus)
            {
                self = Math.Min(c.MaxScore, Math.Floor((decimal)(draw * 4 * quality)));
            }
            else if (c.Kind == CriterionKind.Deduction)
            {
                self = draw < 0.04 ? 2 : draw < 0.14 ? 1 : 0;
            }
            else
            {
                var judged = Math.Round(c.MaxScore * (decimal)Math.Clamp(quality + (draw - 0.4) * 0.08, 0.3, 1.0), 1);
                if (proposed is not { } p)
                {
                    self = judged;
                }
                else if (beforeLedger)
                {
                    self = judged;
                    note = self == p ? null : PaperNote;
                }
                else if (claim < 0.1 && p < c.MaxScore)
                {
                    self = Math.Min(c.MaxScore, p + 1 + (int)(claim * 20));
                    note = ClaimNote;
                    if (approve)
                    {
                        (reviewed, reason) = (p, LedgerReason);
                    }
                }
                else
                {
                    self = p;
                }

                if (approve && reviewed is null && c.Measure == CriterionMeasure.None && review < 0.12 && self >= 1)
                {
                    (reviewed, reason) = (Math.Max(0, self - 1 - (int)(review * 20)), EvidenceReason);
                }
            }

            var score = set.Add(set.CriterionScores, new CriterionScore
            {
                AssessmentId = assessment.Id, CriterionId = c.Id, SelfScore = self, ProposedScore = proposed, SelfNote = note, Evidence = Evidence,
                ReviewedScore = reviewed, AdjustmentReason = reason,
            }, (s, id) => s.Id = id);
            if (c.Measure == CriterionMeasure.None && c.Kind is CriterionKind.Basic)
            {
                LinkEvidence(score, assessment.OrgUnitId, set.Rubrics[c.RubricId - 1].Year, c.SortOrder);
            }

            lines.Add((c.Kind, reviewed ?? self));
        }

        return StarScoring.Total(lines);
    }

    private Dictionary<(int Branch, int Year), List<Activity>>? activitiesByBranchYear;

    /// <summary>
    /// A judged item cites two of the branch's activities of the year, as a secretary links the meetings that bear it
    /// out; which two follows from the item's place, without a draw, so the rows after it stay as they were.
    /// </summary>
    private void LinkEvidence(CriterionScore score, int branch, int year, int sortOrder)
    {
        activitiesByBranchYear ??= set.Activities.GroupBy(a => (a.OrgUnitId, a.Date.Year)).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Date).ToList());
        if (!activitiesByBranchYear.TryGetValue((branch, year), out var activities))
        {
            return;
        }

        kindNames ??= ActivityKindCatalogue.Kinds().ToDictionary(k => kindIds[k.Code], k => k.Name);
        for (var i = 0; i < Math.Min(2, activities.Count); i++)
        {
            var a = activities[(sortOrder * 7 + i * 3) % activities.Count];
            if (i == 1 && a == activities[(sortOrder * 7) % activities.Count])
            {
                break;
            }

            set.Add(set.ScoreEvidence, new ScoreEvidence
            {
                CriterionScoreId = score.Id, Source = EvidenceSource.Activity, ActivityId = a.Id,
                Label = Features.StarRatings.StarEvidence.ActivityLabel(a.Date, kindNames[a.KindId], a.Title),
            }, (e, id) => e.Id = id);
        }
    }

    private Dictionary<int, string>? kindNames;
}
