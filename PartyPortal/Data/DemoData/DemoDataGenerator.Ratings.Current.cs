using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

public sealed partial class DemoDataGenerator
{
    private static readonly string[] ReturnReasons =
    [
        "“三会一课”得分与台账记录不一致，请补充支委会会议记录后重新提交。",
        "党建业务融合项缺少佐证材料，请上传“一支部护航一行业”相关活动记录后重新提交。",
    ];

    /// <summary>
    /// This year, under way: the scheme is out and the review list shows every state — most branches not started,
    /// some assessing (secretary2's branch among them, for a newcomer to take through submit, return and approve),
    /// some submitted in the last month, one or two returned with the committee's reason, some already approved.
    /// </summary>
    private void BuildOpenYear(StarRubric rubric, List<StarCriterion> criteria, Func<int, CriterionMeasure, double?>? rates)
    {
        var rated = RatedBranches(rubric.Year);
        var secretary2 = DemoAccountUnits.Find(set.OrgUnits, set.Settings.DistrictName).CountyBranch?.Id;
        var others = rated.Where(b => b.Id != secretary2).Select(b => (Branch: b, Key: rng.Next())).OrderBy(x => x.Key).Select(x => x.Branch).ToList();
        var n = others.Count;
        var plan = new List<AssessmentStatus>();
        plan.AddRange(Enumerable.Repeat(AssessmentStatus.Returned, n >= 20 ? 2 : Math.Min(1, n)));
        plan.AddRange(Enumerable.Repeat(AssessmentStatus.Approved, Math.Max(1, n * 12 / 100)));
        plan.AddRange(Enumerable.Repeat(AssessmentStatus.Submitted, Math.Max(1, n * 15 / 100)));
        plan.AddRange(Enumerable.Repeat(AssessmentStatus.Draft, Math.Max(1, n * 15 / 100)));
        var state = others.Zip(plan).ToDictionary(x => x.First.Id, x => x.Second);
        if (secretary2 is { } own && rated.Exists(b => b.Id == own))
        {
            state[own] = AssessmentStatus.Draft;
        }

        // Submissions in the last month of the year so far; a review a day or three after.
        var first = Max(new DateOnly(rubric.Year, 1, 1), today.AddDays(-30));
        var last = Max(first, today.AddDays(-1));
        var returned = 0;
        foreach (var branch in rated.Where(b => state.ContainsKey(b.Id)))
        {
            var status = state[branch.Id];
            var submitted = first.AddDays(rng.Next(last.DayNumber - first.DayNumber + 1));
            var assessment = set.Add(set.Assessments, new StarAssessment
            {
                RubricId = rubric.Id,
                OrgUnitId = branch.Id,
                Status = status,
                SubmittedAt = status == AssessmentStatus.Draft ? null : At(submitted, 9 + rng.Next(3)),
                ReviewedAt = status == AssessmentStatus.Approved ? At(Min(submitted.AddDays(1 + rng.Next(3)), today), 14 + rng.Next(3)) : null,
                ReturnReason = status == AssessmentStatus.Returned ? ReturnReasons[returned++ % ReturnReasons.Length] : null,
                Version = NextVersion(),
            }, (a, id) => a.Id = id);
            Score(assessment, criteria, Quality(branch, rubric.Year), rates, approve: status == AssessmentStatus.Approved, partial: status == AssessmentStatus.Draft);
        }
    }
}
