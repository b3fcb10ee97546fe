using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

/// <summary>
/// The star-rating cycle (issue 12) as its services would have left it: each year's scheme, the branches' assessments
/// and the committee's review, and for past years the decision (quota and veto applied), the notice and publication.
/// Rows are written in bulk (a province rates 3,000 branches a year), so this file keeps to the services' rules itself:
/// <see cref="StarScoring"/> and <see cref="FiveStarQuota"/> for the arithmetic, <see cref="ClosedLoopItem.IsOverdueBeyond"/>
/// for the veto, the ledger's own figures (read by the seeder) for the proposals.
/// </summary>
public sealed partial class DemoDataGenerator
{
    private const int FirstStarYear = 2022;

    /// <summary>
    /// The scheme every demo year uses, as the editor would save it: basic and appraisal items make 100 points, five
    /// basic items are measured by the ledger, and a rectification more than 30 days overdue caps a branch at ★3.
    /// </summary>
    private static readonly (string Group, string Name, string Description, CriterionKind Kind, decimal Max, CriterionMeasure Measure, decimal ZeroBelow, decimal FullAt)[] SchemeItems =
    [
        ("班子建设", "支部班子健全、书记履职", "支委会配备齐全、按期换届；书记与部门负责人“一肩挑”，履行第一责任人职责。", CriterionKind.Basic, 10, CriterionMeasure.None, 60, 100),
        ("队伍建设", "政治理论学习", "按月学习《政治理论学习指引》，按学习完成率计分：50%以下不得分，95%及以上得满分。", CriterionKind.Basic, 10, CriterionMeasure.StudyCompletion, 50, 95),
        ("队伍建设", "科级以上干部培训", "科级及以上干部专题培训全覆盖，按培训覆盖率计分：50%以下不得分，100%得满分。", CriterionKind.Basic, 5, CriterionMeasure.TrainingCoverage, 50, 100),
        ("队伍建设", "党员教育管理", "党员发展程序规范，党费收缴、组织关系转接及时，谈心谈话每年全覆盖。", CriterionKind.Basic, 5, CriterionMeasure.None, 60, 100),
        ("组织生活", "“三会一课”落实", "支部党员大会、支委会、党小组会和党课按规定召开，按三会一课落实率计分：50%以下不得分，95%及以上得满分。", CriterionKind.Basic, 20, CriterionMeasure.MeetingsCompliance, 50, 95),
        ("组织生活", "组织生活会和主题党日", "按时召开组织生活会，每月开展主题党日。", CriterionKind.Basic, 5, CriterionMeasure.None, 60, 100),
        ("作用发挥", "警示教育", "每季度至少开展一次警示教育，按警示教育覆盖率计分：50%以下不得分，100%得满分。", CriterionKind.Basic, 10, CriterionMeasure.WarningEducation, 50, 100),
        ("作用发挥", "整改销号", "检视查摆、巡视自查等问题按期整改销号，按整改销号率计分：50%以下不得分，100%得满分。", CriterionKind.Basic, 10, CriterionMeasure.RectificationClosure, 50, 100),
        ("作用发挥", "党建业务融合", "“一支部护航一行业”、税费服务和志愿服务等党建与业务融合成效。", CriterionKind.Basic, 10, CriterionMeasure.None, 60, 100),
        ("评议", "党员群众评议", "党员和服务对象满意度测评。", CriterionKind.Appraisal, 10, CriterionMeasure.None, 60, 100),
        ("评议", "上级党组织评议", "上级党组织综合评价。", CriterionKind.Appraisal, 5, CriterionMeasure.None, 60, 100),
        ("加分", "获得表彰或经验推广", "获市级以上表彰，或工作经验被上级推广，每项加1分。", CriterionKind.Bonus, 5, CriterionMeasure.None, 60, 100),
        ("减分", "通报批评或工作滞后", "被上级通报批评或重点工作滞后，每次扣1分。", CriterionKind.Deduction, 5, CriterionMeasure.None, 60, 100),
    ];

    /// <summary>The years the demo rates: from 2022 (before the ledger, scored from paper records) to this one, under way.</summary>
    internal IEnumerable<int> StarYears => Enumerable.Range(FirstStarYear, Math.Max(0, today.Year - FirstStarYear + 1));

    /// <param name="rates">Each year's ledger rates by branch and measure (see <see cref="DemoLedgerRates"/>); a year
    /// without them proposes nothing, and the secretaries score every item by hand.</param>
    internal void BuildStarRatings(IReadOnlyDictionary<int, Func<int, CriterionMeasure, double?>> rates)
    {
        var itemsOf = set.ClosedLoopItems.ToLookup(i => i.OwnerOrgUnitId);
        foreach (var year in StarYears)
        {
            var (rubric, criteria, veto) = AddScheme(year);
            if (year == today.Year)
            {
                BuildOpenYear(rubric, criteria, rates.GetValueOrDefault(year));
            }
            else
            {
                BuildDecidedYear(rubric, criteria, veto, rates.GetValueOrDefault(year), itemsOf);
            }
        }

        AddObjectionAndLowering();
    }

    private (StarRubric Rubric, List<StarCriterion> Criteria, StarVeto Veto) AddScheme(int year)
    {
        var rubric = set.Add(set.Rubrics, new StarRubric { Year = year, Name = $"{year}年度党支部星级化管理评定方案", Version = NextVersion() }, (r, id) => r.Id = id);
        var criteria = SchemeItems.Select((c, i) => set.Add(set.Criteria, new StarCriterion
        {
            RubricId = rubric.Id, Group = c.Group, Name = c.Name, Description = c.Description, Kind = c.Kind, MaxScore = c.Max,
            Measure = c.Measure, ZeroBelowPercent = c.ZeroBelow, FullAtPercent = c.FullAt, SortOrder = i + 1,
        }, (x, id) => x.Id = id)).ToList();
        var veto = set.Add(set.Vetoes, new StarVeto { RubricId = rubric.Id, Kind = VetoKind.RectificationOverdue, OverdueDays = 30, MaxStars = 3 }, (v, id) => v.Id = id);
        return (rubric, criteria, veto);
    }

    /// <summary>The branches a year rates, by the services' rule: every standing branch that existed in the year.</summary>
    private List<OrgUnit> RatedBranches(int year)
    {
        var period = Period.OfYear(year);
        return branches.Where(b => !b.IsTemporary && b.ExistedDuring(period)).ToList();
    }

    /// <summary>
    /// A past year: every branch submitted in January and was approved by early February; the committee decided on
    /// February 10 (the quota over last year's published five-star count, the veto from the records at year end),
    /// noticed the result for the scheme's five days and published it on February 20. A year whose February has not
    /// come yet stops where today is.
    /// </summary>
    private void BuildDecidedYear(
        StarRubric rubric, List<StarCriterion> criteria, StarVeto veto, Func<int, CriterionMeasure, double?>? rates, ILookup<int, ClosedLoopItem> itemsOf)
    {
        var year = rubric.Year;
        var yearEnd = Period.OfYear(year).End;
        var findingsDay = yearEnd < today ? yearEnd : today;
        var decidedOn = new DateOnly(year + 1, 2, 10);
        var publishedOn = new DateOnly(year + 1, 2, 20);
        var rated = RatedBranches(year);
        var assessments = new Dictionary<int, StarAssessment>();
        var scored = new List<(int OrgUnitId, decimal Score, int MaxStars, string? CapReason)>();
        foreach (var branch in rated)
        {
            var submitted = Min(new DateOnly(year + 1, 1, 5).AddDays(rng.Next(16)), today);
            var reviewed = Max(submitted, Min(new DateOnly(year + 1, 1, 21).AddDays(rng.Next(16)), today));
            var assessment = assessments[branch.Id] = set.Add(set.Assessments, new StarAssessment
            {
                RubricId = rubric.Id,
                OrgUnitId = branch.Id,
                Status = AssessmentStatus.Approved,
                SubmittedAt = At(submitted, 9 + rng.Next(3)),
                ReviewedAt = At(reviewed, 14 + rng.Next(3)),
                Version = NextVersion(),
            }, (a, id) => a.Id = id);
            var total = Score(assessment, criteria, Quality(branch, year), rates, approve: true, partial: false);
            var overdue = itemsOf[branch.Id].Any(i => i.IsOverdueBeyond(findingsDay, veto.OverdueDays ?? 0));
            scored.Add((branch.Id, total, overdue ? veto.MaxStars : 5, overdue ? StarScoring.VetoReason(veto) : null));
        }

        if (today < decidedOn)
        {
            return; // every assessment approved; the committee has not decided yet
        }

        var previous = set.Ratings.Where(r => r.Year == year - 1).ToList();
        var quota = FiveStarQuota.For(previous.Count == 0 ? null : previous.Count(r => r.Stars == 5), rubric.FiveStarGrowthPercent, rubric.FiveStarCapPercent, rated.Count);
        var published = today >= publishedOn ? publishedOn : (DateOnly?)null;
        set.Add(set.Decisions, new StarDecision
        {
            RubricId = rubric.Id, DecidedOn = decidedOn, NoticeUntil = decidedOn.AddDays(rubric.NoticeDays - 1), Quota = quota, PublishedOn = published, Version = NextVersion(),
        }, (d, id) => d.Id = id);
        foreach (var (unit, score, stars, reason) in FiveStarQuota.Apply(scored, rubric.Bands, quota))
        {
            var a = assessments[unit];
            (a.FinalScore, a.FinalStars, a.FinalReason) = (score, stars, reason);
            if (published is { } on)
            {
                a.Status = AssessmentStatus.Published;
                set.Add(set.Ratings, new StarRating { Year = year, OrgUnitId = unit, Score = score, Stars = stars, Reason = reason, PublishedOn = on }, (r, id) => r.Id = id);
            }
        }
    }

    /// <summary>
    /// In the latest published year: an objection raised in the notice and answered before publication, and, once the
    /// year has run a while, one branch's star lowered under 动态管理 — as the committee records them.
    /// </summary>
    private void AddObjectionAndLowering()
    {
        if (set.Ratings.Count == 0)
        {
            return;
        }

        var year = set.Ratings.Max(r => r.Year);
        var decision = set.Decisions.Single(d => set.Rubrics[d.RubricId - 1].Year == year);
        var capped = set.Assessments.FirstOrDefault(a => a.RubricId == decision.RubricId && a.FinalReason == FiveStarQuota.QuotaFullReason);
        if (capped is not null)
        {
            set.Add(set.Objections, new StarObjection
            {
                DecisionId = decision.Id, OrgUnitId = capped.OrgUnitId, ReceivedOn = decision.DecidedOn.AddDays(2),
                Content = "本支部年度得分达到五星级分数线，因名额已满评为四星级，请求说明名额分配依据。",
                Handling = "经复核，按方案规定五星级名额按上年度五星级支部数增长10%确定，该支部得分低于名额内末位支部，维持四星级，已当面向支部书记说明。",
                HandledOn = decision.DecidedOn.AddDays(3),
            }, (o, id) => o.Id = id);
        }

        var on = decision.PublishedOn!.Value.AddDays(45 + rng.Next(30));
        var candidates = set.Ratings.Where(r => r.Year == year && r.Stars == 4 && r.Reason is null).ToList();
        if (on >= today || candidates.Count == 0)
        {
            return;
        }

        var rating = candidates[rng.Next(candidates.Count)];
        const string reason = "支部书记受到党纪轻处分，按动态管理规定降低一个星级。";
        set.Add(set.RatingChanges, new StarRatingChange { StarRatingId = rating.Id, ChangedOn = on, FromStars = rating.Stars, ToStars = rating.Stars - 1, Reason = reason }, (c, id) => c.Id = id);
        rating.Stars--;
        rating.Reason = $"动态调整（{on:yyyy-MM-dd}）：{reason}";
    }

    /// <summary>How well the branch works in the year (0.4–1): its diligence, a little better each year, give or take.</summary>
    private double Quality(OrgUnit branch, int year) =>
        Math.Clamp(diligence[branch.Id] - 0.07 + 0.02 * (year - FirstStarYear) + (rng.NextDouble() - 0.5) * 0.12, 0.4, 1.0);

    /// <summary>A version from the seeded generator: the same seed gives the same rows, versions included.</summary>
    private Guid NextVersion()
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>A moment of the bureau's day, as the services' clock gives it (UTC+8).</summary>
    private static DateTimeOffset At(DateOnly day, int hour) =>
        new(day.ToDateTime(new TimeOnly(hour, (day.DayNumber * 7) % 60)), TimeSpan.FromHours(8));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
