using PartyPortal.Data;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Live;

/// <summary>
/// Why a quarter's 学习完成率 can sit far below its year's, by DOMAIN.md's definition: a period requires the topics due in
/// it, and a pair is completed by presence or 补学 whenever it happens. A branch of two members with a monthly topic each
/// month of 2024H1: January and February studied, March studied by one and made up by the other in April, April and May
/// not studied, June studied — counted on 2024-07-15.
/// </summary>
public sealed class StudyCompletionPeriodTests : ServiceTestContext
{
    private static readonly DateOnly CountedOn = new(2024, 7, 15);
    private OrgUnit branch = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db, Ct);
        var committee = await TestTree.AddUnitAsync(db, "测试市局党委", OrgUnitType.MunicipalCommittee, null);
        branch = await TestTree.AddUnitAsync(db, "学习党支部", OrgUnitType.Branch, committee);
        var members = new List<Member>();
        foreach (var name in new[] { "学一", "学二" })
        {
            var m = new Member { Name = name, CadreLevel = CadreLevel.General, BirthYear = 1970, Gender = Gender.Female, OrgUnitId = branch.Id };
            m.Assignments.Add(new MemberAssignment { OrgUnitId = branch.Id, From = new DateOnly(2020, 1, 1) });
            db.Members.Add(m);
            members.Add(m);
        }

        var partyDay = db.ActivityKinds.Single(k => k.Code == Codes.ThemedPartyDay).Id;
        for (var month = 1; month <= 6; month++)
        {
            var topic = new StudyTopic { Title = $"{month}月学习指引", PublishedOn = new DateOnly(2024, month, 1), DueOn = Period.Month(2024, month).End, Audience = StudyAudience.AllMembers };
            db.StudyTopics.Add(topic);
            if (month is 4 or 5)
            {
                continue;
            }

            var activity = new Activity { KindId = partyDay, OrgUnitId = branch.Id, Date = new DateOnly(2024, month, 15), Title = $"{month}月主题党日", StudyTopic = topic };
            activity.Attendance.Add(new Attendance { Member = members[0], Status = AttendanceStatus.Present });
            activity.Attendance.Add(month == 3
                ? new Attendance { Member = members[1], Status = AttendanceStatus.Absent, MadeUpOn = new DateOnly(2024, 4, 10) }
                : new Attendance { Member = members[1], Status = AttendanceStatus.Present });
            db.Activities.Add(activity);
        }

        await db.SaveChangesAsync(Ct);
    }

    private async Task<Ratio> StudyAsync(Period period)
    {
        var facts = await new MetricFactsReader(Database).ReadAllAsync(period, CountedOn, Ct);
        return new MetricValues(facts.Subtree(facts.Unit(branch.Id)!), null).StudyCompletion;
    }

    [Fact]
    public async Task AQuarterRequiresOnlyTheTopicsDueInItSoOneMissedMonthWeighsMoreThanInTheYear()
    {
        // Q1: three topics × two members, all completed — March's second pair by the make-up dated in April.
        Assert.Equal(new Ratio(6, 6), await StudyAsync(Period.Quarter(2024, 1)));

        // Q2: April's and May's topics not studied, June's by both: 2 of 6. The make-up in April is not Q2's: its topic is March's.
        Assert.Equal(new Ratio(2, 6), await StudyAsync(Period.Quarter(2024, 2)));

        // The half-year and the year are the two quarters' pairs together: 8 of 12, well above Q2's 33 %.
        Assert.Equal(new Ratio(8, 12), await StudyAsync(Period.HalfYear(2024, 1)));
        Assert.Equal(new Ratio(8, 12), await StudyAsync(Period.OfYear(2024)));
    }

    [Fact]
    public async Task ARunningQuarterRequiresOnlyTheTopicsAlreadyDue()
    {
        // Counted on 2024-05-20 (the fixture's today): April's topic is due and missed, May's is not yet due.
        var facts = await new MetricFactsReader(Database).ReadAllAsync(Period.Quarter(2024, 2), Today, Ct);
        Assert.Equal(new Ratio(0, 2), new MetricValues(facts.Subtree(facts.Unit(branch.Id)!), null).StudyCompletion);
    }
}
