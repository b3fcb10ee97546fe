using System.Globalization;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>The rules a self-assessment meets before it is saved (zh-CN messages keyed like the page's fields).</summary>
public sealed partial class StarAssessmentService
{
    public const int NoteMax = 500;
    public const int EvidenceMax = 2000;

    private Dictionary<string, string> Validate(
        StarRubric rubric, StarAssessment? assessment, StarAssessmentInput input,
        IReadOnlyDictionary<int, (Ratio? Figure, decimal? Proposed)> proposals, IReadOnlyList<StarEvidenceOption> options, bool submit)
    {
        var errors = new Dictionary<string, string>();
        if (assessment is { Status: not (AssessmentStatus.Draft or AssessmentStatus.Returned) })
        {
            errors["assessment"] = assessment.Status == AssessmentStatus.Submitted
                ? "自评已提交，正在审核，不能再修改；如需修改请联系党委办公室退回。"
                : $"自评已{assessment.Status.Display()}，不能再修改。";
            return errors;
        }

        var ids = input.Scores.Select(s => s.CriterionId).ToList();
        if (ids.Distinct().Count() != ids.Count || ids.Exists(id => !rubric.Criteria.Exists(c => c.Id == id)))
        {
            errors["scores"] = "评分项目与本年度评定方案不一致，请刷新页面后重试。";
            return errors;
        }

        InputRules.Check(input, errors, clock);
        for (var i = 0; i < input.Scores.Count; i++)
        {
            var line = input.Scores[i];
            var criterion = rubric.Criteria.Single(c => c.Id == line.CriterionId);
            var key = $"scores[{i}].";
            if (line.SelfScore is not { } self)
            {
                // A draft keeps no line without a score: a note or evidence typed beside an empty score would be lost.
                if (submit)
                {
                    errors.TryAdd(key + "selfScore", "请填写得分。");
                }
                else if (line.Links.Count > 0 || !string.IsNullOrWhiteSpace(line.SelfNote) || !string.IsNullOrWhiteSpace(line.Evidence))
                {
                    errors.TryAdd(key + "selfScore", "已填写说明或关联佐证的项目，请同时填写得分。");
                }
            }
            else if (self < 0 || self > criterion.MaxScore || decimal.Round(self, 1) != self)
            {
                errors.TryAdd(key + "selfScore", $"得分应在0至{Points(criterion.MaxScore)}分之间，最多保留一位小数。");
            }
            else if (proposals[criterion.Id].Proposed is { } proposed && proposed != self && string.IsNullOrWhiteSpace(line.SelfNote))
            {
                errors.TryAdd(key + "selfNote", $"得分与台账建议分（{Points(proposed)}分）不同，请说明理由。");
            }

            if (line.SelfNote?.Trim().Length > NoteMax)
            {
                errors.TryAdd(key + "selfNote", $"说明不能超过{NoteMax}个字。");
            }

            if (line.Evidence?.Trim().Length > EvidenceMax)
            {
                errors.TryAdd(key + "evidence", $"佐证材料说明不能超过{EvidenceMax}个字。");
            }

            if (line.Links.Count > StarEvidence.MaxPerItem)
            {
                errors.TryAdd(key + "links", $"每个项目最多关联{StarEvidence.MaxPerItem}条台账记录。");
            }
            else if (line.Links.Distinct().Count() != line.Links.Count || line.Links.Exists(l => !options.Any(o => o.Ref == l)))
            {
                errors.TryAdd(key + "links", "佐证只能关联本支部本年度的台账记录（活动记录、台账登记）；有记录已删除或不属于本支部本年度，请移除后再保存。");
            }
        }

        var missing = rubric.Criteria.Count(c => !ids.Contains(c.Id));
        if (submit && missing > 0)
        {
            errors.TryAdd("scores", $"还有{missing}个项目未评分，全部评分后才能提交。");
        }

        return errors;
    }

    private static string Points(decimal points) => points.ToString("0.#", CultureInfo.InvariantCulture);
}
