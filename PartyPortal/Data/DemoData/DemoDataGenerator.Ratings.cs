using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

public sealed partial class DemoDataGenerator
{
    /// <summary>
    /// Star ratings for 2022 onwards, each year published in the February after it, the five-star count
    /// capped at ⌈last year × 1.1⌉ from 2023 on, with rubrics, assessments and the scores behind them.
    /// </summary>
    private void BuildStarRatings()
    {
        int? previousFive = null;
        for (var year = 2022; new DateOnly(year + 1, 2, 20) <= today; year++)
        {
            var rubric = set.Add(set.Rubrics, new StarRubric { Year = year, Name = $"{year}年度党支部星级化管理评定标准" }, (r, id) => r.Id = id);
            var criteria = new (string Name, decimal Max, CriterionMeasure Measure)[]
            {
                ("“三会一课”等组织生活落实", 25, CriterionMeasure.MeetingsCompliance),
                ("警示教育和纪律作风建设", 15, CriterionMeasure.WarningEducation),
                ("政治理论学习", 20, CriterionMeasure.StudyCompletion),
                ("党建与业务融合", 20, CriterionMeasure.None),
                ("支部班子建设和党员队伍管理", 20, CriterionMeasure.None),
            }.Select((c, i) => set.Add(set.Criteria, new StarCriterion { RubricId = rubric.Id, Name = c.Name, MaxScore = c.Max, Measure = c.Measure, SortOrder = i + 1 }, (x, id) => x.Id = id)).ToList();

            var published = new DateOnly(year + 1, 2, 20);
            var rated = branches.Where(b => !b.IsTemporary && b.ExistedOn(new DateOnly(year, 12, 31))).ToList();
            var scores = new List<(int OrgUnitId, decimal Score)>();
            foreach (var branch in rated)
            {
                var assessment = set.Add(set.Assessments, new StarAssessment
                {
                    RubricId = rubric.Id,
                    OrgUnitId = branch.Id,
                    Status = AssessmentStatus.Published,
                    SubmittedAt = new DateTimeOffset(new DateOnly(year + 1, 1, 15).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)),
                    ReviewedAt = new DateTimeOffset(published.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)),
                }, (a, id) => a.Id = id);

                // Quality improves a little each year, and more where branches are diligent.
                var quality = Math.Clamp(diligence[branch.Id] - 0.07 + 0.02 * (year - 2022) + (rng.NextDouble() - 0.5) * 0.12, 0.4, 1.0);
                decimal total = 0;
                foreach (var c in criteria)
                {
                    var self = Math.Round(c.MaxScore * (decimal)Math.Clamp(quality + (rng.NextDouble() - 0.4) * 0.08, 0.3, 1.0), 1);
                    decimal? reviewed = rng.Next(100) < 15 ? Math.Max(0, self - 1 - rng.Next(3)) : null;
                    set.Add(set.CriterionScores, new CriterionScore
                    {
                        AssessmentId = assessment.Id,
                        CriterionId = c.Id,
                        SelfScore = self,
                        ReviewedScore = reviewed,
                        AdjustmentReason = reviewed is null ? null : "佐证材料不够充分，酌情扣分",
                        Evidence = "会议记录、活动照片及台账已上传",
                    }, (s, id) => s.Id = id);
                    total += reviewed ?? self;
                }

                scores.Add((branch.Id, total));
            }

            int? quota = previousFive is null ? null : FiveStarQuota.For(previousFive.Value);
            foreach (var (unit, score, stars, reason) in FiveStarQuota.Apply(scores, rubric.Bands, quota))
            {
                set.Add(set.Ratings, new StarRating { Year = year, OrgUnitId = unit, Score = score, Stars = stars, Reason = reason, PublishedOn = published }, (r, id) => r.Id = id);
            }

            previousFive = set.Ratings.Count(r => r.Year == year && r.Stars == 5);
        }
    }
}
