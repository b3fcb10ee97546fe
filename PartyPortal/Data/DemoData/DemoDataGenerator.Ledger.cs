using PartyPortal.Model;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Data.DemoData;

public sealed partial class DemoDataGenerator
{
    private readonly Dictionary<string, StudyTopic> monthlyTopics = [];
    private readonly Dictionary<string, StudyTopic> youthTopics = [];
    private readonly Dictionary<string, Campaign> campaigns = [];

    private Activity AddActivity(string code, OrgUnit unit, DateOnly date, string title, int quantity = 1)
    {
        var recorded = new DateTimeOffset(date.ToDateTime(new TimeOnly(17, 0)), TimeSpan.FromHours(8)).AddDays(rng.Next(3));
        return set.Add(set.Activities, new Activity
        {
            KindId = kindIds[code],
            OrgUnitId = unit.Id,
            Date = date,
            Title = title,
            Quantity = quantity,
            RecordedBy = "demo",
            RecordedAt = recorded,
        }, (a, id) => a.Id = id);
    }

    /// <summary>Records who came: mostly present, some excused (请假), a few absent; absentees may make up the study later.</summary>
    private void Attend(Activity activity, IEnumerable<Member> people, double presentRate, double makeUpRate = 0)
    {
        foreach (var m in people)
        {
            var r = rng.NextDouble();
            var status = r < presentRate ? AttendanceStatus.Present
                : r < presentRate + (1 - presentRate) * 0.7 ? AttendanceStatus.Excused
                : AttendanceStatus.Absent;
            var row = new Attendance { ActivityId = activity.Id, MemberId = m.Id, Status = status };
            if (status != AttendanceStatus.Present && rng.NextDouble() < makeUpRate)
            {
                var madeUp = activity.Date.AddDays(3 + rng.Next(18));
                if (madeUp <= today)
                {
                    row.MadeUpOn = madeUp;
                    row.MakeUpNote = "通过学习强国、党建云平台自学并提交心得";
                }
            }

            set.Attendance.Add(row);
        }
    }

    private void BuildCampaignsAndTopics()
    {
        (string Code, string Name, DateOnly Start, DateOnly End)[] list =
        [
            ("ningxin-zhuhun-2023", "凝心铸魂固根本 深学笃行勇担当", new(2023, 3, 1), new(2023, 6, 30)),
            ("discipline-style-2023", "守纪律、讲规矩、强作风", new(2023, 2, 1), new(2023, 6, 30)),
            ("party-discipline-2024", "党纪学习教育", new(2024, 4, 1), new(2024, 7, 31)),
            ("eight-rules-2025", "深入贯彻中央八项规定精神学习教育", new(2025, 3, 1), new(2025, 7, 31)),
        ];
        foreach (var (code, name, start, end) in list)
        {
            campaigns[code] = set.Add(set.Campaigns, new Campaign { Code = code, Name = name, StartsOn = start, EndsOn = end }, (c, id) => c.Id = id);
        }

        // The monthly 政治理论学习指引 for all members, and a quarterly topic for the youth study groups.
        var i = 0;
        for (var month = Period.Containing(LedgerStart, PeriodKind.Month); month.Start <= today; month = month.Next, i++)
        {
            var theme = DemoNames.StudyTopicThemes[i % DemoNames.StudyTopicThemes.Length];
            monthlyTopics[month.ToString()] = set.Add(set.StudyTopics, new StudyTopic
            {
                Title = $"{month.Label}政治理论学习指引：{theme}",
                PublishedOn = month.Start,
                DueOn = month.End,
                Audience = StudyAudience.AllMembers,
            }, (t, id) => t.Id = id);
            if (month.Index % 3 == 1)
            {
                var quarter = Period.Containing(month.Start, PeriodKind.Quarter);
                youthTopics[quarter.ToString()] = set.Add(set.StudyTopics, new StudyTopic
                {
                    Title = $"{quarter.Label}青年理论学习：{DemoNames.StudyTopicThemes[(i + 5) % DemoNames.StudyTopicThemes.Length]}",
                    PublishedOn = quarter.Start,
                    DueOn = quarter.End,
                    Audience = StudyAudience.Youth,
                }, (t, id) => t.Id = id);
            }
        }
    }

    private Campaign? CampaignFor(DateOnly date, params string[] codes) =>
        codes.Select(c => campaigns[c]).FirstOrDefault(c => c.StartsOn <= date && c.EndsOn >= date);

    private void BuildBranchLedger()
    {
        foreach (var branch in branches)
        {
            var d = diligence[branch.Id];
            var organ = IsOrgan(branch);
            for (var month = Period.Containing(LedgerStart, PeriodKind.Month); month.Start <= today; month = month.Next)
            {
                if (!branch.ExistedDuring(month) || (branch.FoundedOn is { } f && f > month.End))
                {
                    continue;
                }

                var roll = MembersOn(branch.Id, ClampToUnit(branch, month.Start));
                if (roll.Count == 0)
                {
                    continue;
                }

                MonthlyMeetings(branch, month, roll, d);
                var quarter = Period.Containing(month.Start, PeriodKind.Quarter);
                if (month.Index % 3 == 0 || (branch.ClosedOn is { } closed && month.Contains(closed)))
                {
                    QuarterlyMeetings(branch, quarter, d, organ);
                }
                else if (month.Contains(today))
                {
                    // The running quarter: as many branches have held its meetings as the days gone allow, so a
                    // dashboard of "this quarter" looks like a real one in mid-quarter, not an empty one.
                    var elapsed = (double)(today.DayNumber - quarter.Start.DayNumber + 1) / quarter.Days;
                    QuarterlyMeetings(branch, quarter, d * elapsed, organ);
                }

                Occasional(branch, month, roll, d, organ);
            }
        }
    }

    private void MonthlyMeetings(OrgUnit branch, Period month, List<Member> roll, double d)
    {
        var topic = monthlyTopics[month.ToString()];
        var committee = PostsOf(branch.Id).Where(p => p.IsHeldOn(month.Start) && p.Post <= BranchPost.CommitteeMember).Select(p => memberById[p.MemberId]).ToList();
        if (committee.Count >= 3 && rng.NextDouble() < d + 0.03)
        {
            var date = ClampToUnit(branch, DayIn(month));
            var a = AddActivity(Codes.BranchCommitteeMeeting, branch, date, $"{month.Index}月支部委员会会议：研究部署本月党建和业务工作");
            Attend(a, committee, 0.95);
        }

        if (rng.NextDouble() < d - 0.02)
        {
            var date = ClampToUnit(branch, DayIn(month));
            var a = AddActivity(Codes.PartyGroupMeeting, branch, date, $"{month.Index}月党小组会：{TopicTheme(topic)}");
            Attend(a, MembersOn(branch.Id, date).Where((_, i) => i % 2 == month.Index % 2), 0.9);
        }

        if (rng.NextDouble() < d + 0.04)
        {
            // 主题党日 on a fixed day each month (the 15th here), linked to the month's study guide.
            var date = ClampToUnit(branch, DayIn(month, 15));
            var campaign = CampaignFor(date, "ningxin-zhuhun-2023", "party-discipline-2024", "eight-rules-2025");
            var tagged = campaign is not null && rng.NextDouble() < 0.85;
            var a = AddActivity(Codes.ThemedPartyDay, branch, date,
                tagged ? $"“{campaign!.Name}”主题党日" : $"{month.Index}月主题党日：{TopicTheme(topic)}");
            a.StudyTopicId = topic.Id;
            a.CampaignId = tagged ? campaign!.Id : null;
            a.Place = "党员活动室";
            Attend(a, MembersOn(branch.Id, date), 0.86 + 0.1 * d, makeUpRate: 0.7);
        }
    }

    private void QuarterlyMeetings(OrgUnit branch, Period quarter, double d, bool organ)
    {
        var secretary = PostsOf(branch.Id).FirstOrDefault(p => p.Post == BranchPost.Secretary && p.IsHeldOn(ClampToUnit(branch, quarter.Start)));
        if (rng.NextDouble() < d)
        {
            var date = ClampToUnit(branch, DayIn(quarter));
            var a = AddActivity(Codes.BranchGeneralMeeting, branch, date, $"{quarter.Label}支部党员大会");
            Attend(a, MembersOn(branch.Id, date), 0.9);
        }

        if (rng.NextDouble() < d - 0.04)
        {
            var date = ClampToUnit(branch, DayIn(quarter));
            var a = AddActivity(Codes.PartyLecture, branch, date, $"{quarter.Label}党课：{DemoNames.StudyTopicThemes[rng.Next(DemoNames.StudyTopicThemes.Length)]}");
            a.PresenterMemberId = secretary?.MemberId;
            Attend(a, MembersOn(branch.Id, date), 0.9);
        }

        // 警示教育 at least once a quarter: the organs nearly always, the counties noticeably less.
        var warningRate = organ ? 0.90 + 0.09 * d : 0.55 + 0.35 * d;
        if (branch.IsTemporary || rng.NextDouble() < warningRate)
        {
            var date = ClampToUnit(branch, DayIn(quarter));
            var a = AddActivity(Codes.WarningEducation, branch, date, DemoNames.WarningEducationTitles[rng.Next(DemoNames.WarningEducationTitles.Length)]);
            Attend(a, MembersOn(branch.Id, date), 0.88 + 0.08 * d);
            if (rng.NextDouble() < 0.15)
            {
                var again = ClampToUnit(branch, DayIn(quarter));
                var b = AddActivity(Codes.WarningEducation, branch, again, DemoNames.WarningEducationTitles[rng.Next(DemoNames.WarningEducationTitles.Length)]);
                Attend(b, MembersOn(branch.Id, again), 0.9);
            }
        }
    }

    private void Occasional(OrgUnit branch, Period month, List<Member> roll, double d, bool organ)
    {
        // 组织生活会 for the past year, held in January or February.
        if (month.Index == 1 + (branch.Id % 2) && rng.NextDouble() < d + 0.05)
        {
            var date = ClampToUnit(branch, DayIn(month));
            var a = AddActivity(Codes.OrganisationalLifeMeeting, branch, date, $"{month.Year - 1}年度组织生活会暨民主评议党员");
            Attend(a, MembersOn(branch.Id, date), 0.93);
        }

        // 谈心谈话: committee members with members, counted in person-times.
        if (month.Index % 4 == branch.Id % 4 && rng.NextDouble() < d)
        {
            AddActivity(Codes.HeartToHeartTalk, branch, ClampToUnit(branch, DayIn(month)), "支委班子成员与党员谈心谈话", 2 + rng.Next(Math.Max(2, roll.Count / 2)));
        }

        // Campaign work of 2023 H1: "守纪律、讲规矩、强作风" lectures and "以案明纪" party days.
        if (CampaignFor(month.Start, "discipline-style-2023") is { } style && month.Index is 4 or 5 && rng.NextDouble() < 0.35)
        {
            var date = ClampToUnit(branch, DayIn(month));
            var a = AddActivity(Codes.SpecialPartyLecture, branch, date, $"“{style.Name}”专题党课");
            a.CampaignId = style.Id;
            Attend(a, MembersOn(branch.Id, date), 0.92);
        }
        else if (month.Index == 6 && rng.NextDouble() < 0.25)
        {
            var date = ClampToUnit(branch, DayIn(month));
            var a = AddActivity(Codes.SpecialPartyLecture, branch, date, "纪律作风建设专题党课");
            Attend(a, MembersOn(branch.Id, date), 0.92);
        }

        if (month.Index is 3 or 9 && rng.NextDouble() < 0.45 * d + 0.1)
        {
            var date = ClampToUnit(branch, DayIn(month));
            var a = AddActivity(Codes.CaseDisciplineDay, branch, date, "“以案明纪”主题党日：典型案例剖析");
            Attend(a, MembersOn(branch.Id, date), 0.9);
        }

        // 税源网格化: county branches send members into the communities.
        if (!organ && branch.DepartmentName is { } dept && dept.Contains("分局", StringComparison.Ordinal) && rng.NextDouble() < 0.45)
        {
            var date = ClampToUnit(branch, DayIn(month));
            var a = AddActivity(Codes.TaxGridService, branch, date, "党员深入社区开展税源网格化管理服务");
            Attend(a, MembersOn(branch.Id, date).OrderBy(_ => rng.Next()).Take(3 + rng.Next(6)), 1.0);
        }

        if (month.Index is 5 or 11 && rng.NextDouble() < 0.2)
        {
            var date = ClampToUnit(branch, DayIn(month));
            var a = AddActivity(Codes.YouthActivity, branch, date, "青年读书分享会");
            Attend(a, MembersOn(branch.Id, date).Where(m => m.IsYouthIn(date.Year)), 0.9);
        }
    }

    private DateOnly ClampToUnit(OrgUnit unit, DateOnly day)
    {
        if (unit.FoundedOn is { } f && day < f)
        {
            day = f;
        }

        if (unit.ClosedOn is { } c && day > c)
        {
            day = c;
        }

        return day > today ? today : day;
    }

    private static string TopicTheme(StudyTopic topic) => topic.Title[(topic.Title.IndexOf('：', StringComparison.Ordinal) + 1)..];
}
