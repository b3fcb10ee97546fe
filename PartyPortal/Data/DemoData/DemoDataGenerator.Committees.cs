using PartyPortal.Model;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Data.DemoData;

public sealed partial class DemoDataGenerator
{
    private readonly Dictionary<int, RegisterEntry> contactPointOf = [];

    private IEnumerable<Period> HalfYears()
    {
        for (var half = Period.Containing(LedgerStart, PeriodKind.HalfYear); half.Start <= today; half = half.Next)
        {
            yield return half;
        }
    }

    private IEnumerable<Period> MonthsOf(Period range) => Period.Covering(range, PeriodKind.Month).Where(m => m.Start <= today);

    private List<Member> LeadersOf(OrgUnit committee) =>
        set.Posts.Where(p => p.OrgUnitId == committee.Id || (committee == municipal && p.OrgUnitId == organs.Id))
            .Where(p => memberById[p.MemberId].AdministrativePost == AdministrativePost.BureauLeader)
            .Select(p => memberById[p.MemberId]).Distinct().ToList();

    private void BuildCommitteeLedger()
    {
        var leading = committees.Where(c => c != organs).ToList();
        foreach (var committee in leading)
        {
            var leadership = LeadersOf(committee);
            var county = committee != municipal;
            foreach (var month in AllMonths())
            {
                // "四个第一": the committee studies the "第一议题" at its meetings, several times a month.
                var firstTopics = county ? 1 + rng.Next(2) : 2 + rng.Next(2);
                for (var i = 0; i < firstTopics; i++)
                {
                    AddActivity(Codes.FirstTopicStudy, committee, DayIn(month), $"党委会“第一议题”：{DemoNames.StudyTopicThemes[rng.Next(DemoNames.StudyTopicThemes.Length)]}");
                }

                if (rng.NextDouble() < (county ? 0.7 : 0.95))
                {
                    var a = AddActivity(Codes.CentralGroupStudy, committee, DayIn(month), $"党委理论学习中心组{month.Index}月集体学习");
                    Attend(a, leadership, 0.92);
                }

                var youth = county ? committee : organs;
                if (rng.NextDouble() < (county ? 0.6 : 0.9))
                {
                    var date = DayIn(month);
                    var a = AddActivity(Codes.YouthStudyGroup, youth, date, "青年理论学习小组集中学习");
                    a.StudyTopicId = youthTopics[Period.Containing(date, PeriodKind.Quarter).ToString()].Id;
                    Attend(a, MembersUnder(youth, date).Where(m => m.IsYouthIn(date.Year)).OrderBy(_ => rng.Next()).Take(12 + rng.Next(15)), 0.9, makeUpRate: 0.5);
                }

                if (month.Index % 3 == 1)
                {
                    AddActivity(Codes.DisciplineConsultation, committee, DayIn(month), "党委与纪检组季度会商");
                }

                if (month.Index is 1 or 2 && (month.Index == 1) == (committee.Id % 2 == 1))
                {
                    AddActivity(Codes.DemocraticLifeMeeting, committee, DayIn(month), $"{month.Year - 1}年度党员领导干部民主生活会");
                    AddActivity(county ? Codes.LeaderDutyReport : Codes.SecretaryAccountabilityReview, committee, DayIn(month),
                        county ? "“一把手”述责述廉" : $"{month.Year - 1}年度基层党组织书记抓党建述职评议");
                }

                // Talks and home visits aimed at the "关键少数".
                if (rng.NextDouble() < 0.6)
                {
                    AddActivity(Codes.IntegrityTalk, committee, DayIn(month), "新提任干部任前廉政谈话", 2 + rng.Next(county ? 6 : 15));
                }

                if (rng.NextDouble() < 0.35)
                {
                    AddActivity(Codes.SupervisoryTalk, committee, DayIn(month), "对“一把手”开展监督谈话", 1 + rng.Next(4));
                }

                if (rng.NextDouble() < 0.5)
                {
                    var subjects = MembersUnder(committee, month.Start).Where(m => m.CadreLevel >= CadreLevel.Section).OrderBy(_ => rng.Next()).Take(1 + rng.Next(3));
                    foreach (var subject in subjects)
                    {
                        var a = AddActivity(Codes.IntegrityHomeVisit, committee, DayIn(month), $"走访{subject.Name}同志家庭开展廉政家访");
                        a.SubjectMemberId = subject.Id;
                    }
                }

                if (month.Index is 2 or 8 && rng.NextDouble() < 0.7)
                {
                    AddActivity(Codes.IntegrityLetter, committee, DayIn(month), "向干部家属发送廉洁家书", 40 + rng.Next(county ? 120 : 400));
                }

                if (month.Index is 3 or 5 or 9 && rng.NextDouble() < 0.4)
                {
                    AddActivity(Codes.FamilyIntegrityForum, committee, DayIn(month), "“家属议廉”座谈会");
                }
            }
        }

        MunicipalWork();
        ContactPointWork();
        Trainings();
    }

    private IEnumerable<Period> AllMonths()
    {
        for (var m = Period.Containing(LedgerStart, PeriodKind.Month); m.Start <= today; m = m.Next)
        {
            yield return m;
        }
    }

    private void MunicipalWork()
    {
        var festivals = new Dictionary<int, string> { [1] = "元旦春节", [4] = "清明五一", [6] = "端午", [9] = "中秋国庆" };
        foreach (var half in HalfYears())
        {
            foreach (var month in MonthsOf(half))
            {
                if (festivals.TryGetValue(month.Index, out var festival))
                {
                    AddActivity(Codes.IntegrityReminder, municipal, DayIn(month), $"{festival}节前发送电子廉洁贺卡", Wide(900 + rng.Next(900)));
                }

                // Discipline inspection group's restricted work.
                AddActivity(Codes.DisciplineMonthlyReport, municipal, DayIn(month), $"纪检组长{month.Index}月“月报告”");
                if (rng.NextDouble() < 0.6)
                {
                    AddActivity(Codes.AssistHigherReview, municipal, DayIn(month), profile.AssistReviewTitle);
                }

                if (month.Index % 6 == 3 || rng.NextDouble() < 0.3)
                {
                    AddActivity(Codes.AssistEvidenceCollection, municipal, DayIn(month), profile.AssistEvidenceTitle);
                }

                if (month.Index is 1 or 2 or 4 or 5 or 9 or 10)
                {
                    // 明察暗访 around the festivals; findings become closed-loop items.
                    var inspection = AddActivity(Codes.Inspection, municipal, DayIn(month), "落实中央八项规定精神明察暗访");
                    // The first round of each half-year always finds something; later rounds may not.
                    var findings = Wide(month.Index is 1 or 9 ? 1 + rng.Next(2) : rng.Next(3));
                    for (var i = 0; i < findings; i++)
                    {
                        var owner = branches[rng.Next(branches.Count)];
                        var item = AddClosedLoop(ClosedLoopSource.SpotCheck, owner, inspection.Date, $"明察暗访发现：{SpotCheckProblems[rng.Next(SpotCheckProblems.Length)]}", 1);
                        item.SourceActivityId = inspection.Id;
                    }

                    if (findings > 0)
                    {
                        AddActivity(Codes.Notification, municipal, ClampToToday(inspection.Date.AddDays(10 + rng.Next(10))), "明察暗访发现问题情况通报");
                    }
                }

                if (month.Index % 3 == 2)
                {
                    AddActivity(Codes.IntegrityReminderCard, organs, DayIn(month), $"《廉洁提醒卡》{month.Year}年第{(month.Index + 1) / 3}期");
                    AddActivity(Codes.IntegrityReminderCard, organs, DayIn(month), $"《廉洁提醒卡》{month.Year}年第{(month.Index + 1) / 3}期（节假日专刊）");
                }
            }

            foreach (var _ in Enumerable.Range(0, 3 + rng.Next(5)))
            {
                AddActivity(Codes.LeaderEndorsement, municipal, DayIn(half), "税收工作获得厅级以上领导肯定性批示");
            }

            var exemplary = AddActivity(Codes.ExemplaryDeedsTalk, municipal, DayIn(half), "“税心永向党 建功新时代”先进事迹宣讲会");
            Attend(exemplary, MembersUnder(organs, exemplary.Date).OrderBy(_ => rng.Next()).Take(120), 0.95);
            var joint = AddActivity(Codes.JointStudy, municipal, DayIn(half), profile.JointStudyTitle);
            Attend(joint, MembersUnder(municipal, joint.Date).Where(m => m.CadreLevel >= CadreLevel.Section).OrderBy(_ => rng.Next()).Take(Wide(150)), 0.93);
            AddActivity(Codes.CultureActivity, organs, DayIn(half), half.Index == 1 ? $"{profile.Level}局机关气排球比赛" : "“百歌颂中华”歌咏比赛");
            var youth = AddActivity(Codes.YouthActivity, organs, DayIn(half), half.Index == 1 ? "“弘扬雷锋精神 践行税务担当”青年主题联学" : "“青年实践营”项目攻关");
            Attend(youth, MembersUnder(organs, youth.Date).Where(m => m.IsYouthIn(youth.Date.Year)).OrderBy(_ => rng.Next()).Take(60), 0.9);
            if (rng.NextDouble() < 0.5)
            {
                AddActivity(Codes.DualInvestigation, municipal, DayIn(half), "对移送问题线索开展“一案双查”");
            }
        }
    }

    /// <summary>Leadership members' research and lectures at their grassroots contact points (F11/F12).</summary>
    private void ContactPointWork()
    {
        foreach (var leader in leaders)
        {
            if (!contactPointOf.TryGetValue(leader.Id, out var point))
            {
                continue;
            }

            var branch = set.OrgUnits[point.OrgUnitId - 1];
            foreach (var half in HalfYears())
            {
                var research = AddActivity(Codes.PartyBuildingResearch, branch, ClampToUnit(branch, DayIn(half)), $"{leader.Name}同志到基层联系点开展党建专项调研");
                research.PresenterMemberId = leader.Id;
                research.ContactPointId = point.Id;
                if (rng.NextDouble() < 0.7)
                {
                    var date = ClampToUnit(branch, DayIn(half));
                    var lecture = AddActivity(Codes.PartyLecture, branch, date, $"{leader.Name}同志到基层联系点讲授党课");
                    lecture.PresenterMemberId = leader.Id;
                    lecture.ContactPointId = point.Id;
                    Attend(lecture, MembersOn(branch.Id, date), 0.93);
                }
            }
        }
    }

    /// <summary>
    /// Congress-spirit training: 处级 at the provincial bureau's online class, 科级 at the bureau's own classes (two
    /// in a city, as many more in a province as it is larger, so a class stays a few hundred cadres).
    /// </summary>
    private void Trainings()
    {
        foreach (var half in HalfYears())
        {
            var date = DayIn(half);
            var provincial = AddActivity(Codes.Training, municipal, date, "省税务局处级干部学习贯彻党的二十大精神网络培训班");
            provincial.OrganiserLevel = OrganiserLevel.Provincial;
            provincial.TrainingFor = CadreLevels.Division;
            Attend(provincial, MembersUnder(municipal, date).Where(m => m.CadreLevel == CadreLevel.Division), 0.96);

            // The classes share the 科级 cadres between them.
            var section = MembersUnder(municipal, half.Start).Where(m => m.CadreLevel == CadreLevel.Section).ToList();
            var classes = Wide(2);
            for (var k = 0; k < classes; k++)
            {
                var day = DayIn(half);
                var course = AddActivity(Codes.Training, municipal, day, $"{profile.Level}税务局科级干部学习贯彻党的二十大精神培训班（第{k + 1}期）");
                course.OrganiserLevel = profile.SectionTrainingLevel;
                course.TrainingFor = CadreLevels.Section;
                course.PresenterName = profile.SectionTrainingPresenter;
                Attend(course, section.Where((m, i) => i % classes == k && InBureauOn(m, day)), 0.94);
            }

            foreach (var county in counties.Where(_ => rng.NextDouble() < 0.5))
            {
                var day = DayIn(half);
                var course = AddActivity(Codes.Training, county, day, "一般干部政治理论轮训班");
                course.OrganiserLevel = OrganiserLevel.County;
                course.TrainingFor = CadreLevels.General;
                Attend(course, MembersUnder(county, day).Where(m => m.CadreLevel == CadreLevel.General).OrderBy(_ => rng.Next()).Take(40), 0.92);
            }
        }
    }

    private DateOnly ClampToToday(DateOnly day) => day > today ? today : day;

    private static readonly string[] SpotCheckProblems =
    [
        "工作时间脱岗离岗", "公务用车使用登记不规范", "办税服务厅窗口人员服务态度生硬", "公务接待清单不完整",
        "值班记录填写不完整", "节日期间违规收受礼品线索", "会议室空调长明灯等浪费现象",
    ];
}
