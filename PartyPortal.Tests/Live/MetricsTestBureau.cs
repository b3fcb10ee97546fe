using PartyPortal.Data;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Live;

/// <summary>
/// A bureau small enough to count by hand (today is 2024-05-20; the expected figures for 2024Q1 are worked out in
/// <see cref="MetricFactsReaderTests"/>). The county has branch A (three members, two 警示教育 in Q1), branch B
/// (one member, and T who moved in from A on 2024-02-11), a branch founded on 2024-02-15 and one closed before
/// 2024; the organs have branch O, whose only 警示教育 was deleted.
/// </summary>
public sealed class MetricsTestBureau
{
    public int Municipal { get; private set; }
    public int Organs { get; private set; }
    public int County { get; private set; }
    public int A { get; private set; }
    public int B { get; private set; }
    public int New { get; private set; }
    public int Closed { get; private set; }
    public int O { get; private set; }

    public int A1 { get; private set; }
    public int A2 { get; private set; }
    public int A3 { get; private set; }
    public int B1 { get; private set; }
    public int T { get; private set; }
    public int N1 { get; private set; }
    public int O1 { get; private set; }

    public int NewWarningEducation { get; private set; }

    public static async Task<MetricsTestBureau> SeedAsync(PortalDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var b = new MetricsTestBureau();
        await b.SeedTreeAsync(db);
        await b.SeedLedgerAsync(db);
        return b;
    }

    private async Task SeedTreeAsync(PortalDbContext db)
    {
        await ActivityKindCatalogue.EnsureSeededAsync(db);
        var municipal = await TestTree.AddUnitAsync(db, "测试市局党委", OrgUnitType.MunicipalCommittee, null);
        var organs = await TestTree.AddUnitAsync(db, "测试机关党委", OrgUnitType.OrgansCommittee, municipal, 1);
        var county = await TestTree.AddUnitAsync(db, "城东区局党委", OrgUnitType.CountyCommittee, municipal, 2);
        Municipal = municipal.Id;
        Organs = organs.Id;
        County = county.Id;
        A = (await TestTree.AddUnitAsync(db, "甲党支部", OrgUnitType.Branch, county, 1)).Id;
        B = (await TestTree.AddUnitAsync(db, "乙党支部", OrgUnitType.Branch, county, 2)).Id;
        New = (await TestTree.AddUnitAsync(db, "新成立临时党支部", OrgUnitType.Branch, county, 3, u =>
        {
            u.IsTemporary = true;
            u.FoundedOn = new DateOnly(2024, 2, 15);
        })).Id;
        Closed = (await TestTree.AddUnitAsync(db, "已撤销临时党支部", OrgUnitType.Branch, county, 4, u =>
        {
            u.IsTemporary = true;
            u.ClosedOn = new DateOnly(2023, 12, 31);
        })).Id;
        O = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, organs)).Id;

        var longAgo = new DateOnly(2020, 1, 1);
        A1 = await AddMemberAsync(db, "甲一", CadreLevel.Section, 1975, (A, longAgo, null));
        A2 = await AddMemberAsync(db, "甲二", CadreLevel.General, 1970, (A, longAgo, null));
        A3 = await AddMemberAsync(db, "甲三", CadreLevel.General, 1995, (A, longAgo, null));
        B1 = await AddMemberAsync(db, "乙一", CadreLevel.Division, 1970, (B, longAgo, null));
        T = await AddMemberAsync(db, "调动", CadreLevel.General, 1970, (A, longAgo, new DateOnly(2024, 2, 10)), (B, new DateOnly(2024, 2, 11), null));
        N1 = await AddMemberAsync(db, "新一", CadreLevel.General, 1980, (New, new DateOnly(2024, 2, 15), null));
        O1 = await AddMemberAsync(db, "机关一", CadreLevel.Section, 1970, (O, longAgo, null));
    }

    private async Task SeedLedgerAsync(PortalDbContext db)
    {
        var t1 = await AddTopicAsync(db, "一月学习指引", new DateOnly(2024, 1, 31), StudyAudience.AllMembers, null);
        var t2 = await AddTopicAsync(db, "青年理论学习", new DateOnly(2024, 2, 29), StudyAudience.Youth, null);
        var t3 = await AddTopicAsync(db, "科级干部专题", new DateOnly(2024, 3, 31), StudyAudience.CadreLevel, CadreLevel.Section);
        await AddTopicAsync(db, "四月学习指引", new DateOnly(2024, 4, 30), StudyAudience.AllMembers, null);
        _ = t2;

        // A: two 警示教育 in one quarter (the branch counts once); excused and absent are not present.
        await AddActivityAsync(db, A, Codes.WarningEducation, new(2024, 1, 10), (A1, AttendanceStatus.Present), (A2, AttendanceStatus.Excused),
            (A3, AttendanceStatus.Absent), (T, AttendanceStatus.Present));
        await AddActivityAsync(db, A, Codes.WarningEducation, new(2024, 3, 5), (A1, AttendanceStatus.Present));
        var studyDay = await AddActivityAsync(db, A, Codes.ThemedPartyDay, new(2024, 1, 20), t1, (A1, AttendanceStatus.Present),
            (A2, AttendanceStatus.Absent), (A3, AttendanceStatus.Present), (T, AttendanceStatus.Excused));
        var makeUp = db.Attendance.Single(x => x.ActivityId == studyDay && x.MemberId == A2);
        makeUp.MadeUpOn = new DateOnly(2024, 2, 1);
        await db.SaveChangesAsync();
        await AddActivityAsync(db, A, Codes.ThemedPartyDay, new(2024, 2, 20));
        await AddActivityAsync(db, A, Codes.ThemedPartyDay, new(2024, 3, 20));
        await AddActivityAsync(db, A, Codes.JointStudy, new(2024, 4, 2), t3, (A1, AttendanceStatus.Present));

        NewWarningEducation = await AddActivityAsync(db, New, Codes.WarningEducation, new(2024, 3, 1), (N1, AttendanceStatus.Present));
        await AddActivityAsync(db, New, Codes.BranchGeneralMeeting, new(2024, 3, 15), (N1, AttendanceStatus.Present));

        var deleted = await AddActivityAsync(db, O, Codes.WarningEducation, new(2024, 2, 2), (O1, AttendanceStatus.Present));
        db.Activities.Single(a => a.Id == deleted).IsDeleted = true;
        await db.SaveChangesAsync();
        await AddActivityAsync(db, O, Codes.JointStudy, new(2024, 2, 5), t3, (O1, AttendanceStatus.Present));
        await AddActivityAsync(db, O, Codes.Training, new(2024, 2, 1), CadreLevels.General, (O1, AttendanceStatus.Present));
        await AddActivityAsync(db, O, Codes.DisciplineMonthlyReport, new(2024, 2, 6));

        await AddActivityAsync(db, County, Codes.Training, new(2024, 3, 10), CadreLevels.Section | CadreLevels.Division,
            (B1, AttendanceStatus.Present), (A1, AttendanceStatus.Present), (T, AttendanceStatus.Present));

        AddItem(db, A, new(2024, 1, 5), new(2024, 2, 28), ClosedLoopStatus.Closed, new(2024, 2, 20));
        AddItem(db, A, new(2024, 2, 1), new(2024, 3, 15), ClosedLoopStatus.InProgress, null);
        AddItem(db, A, new(2024, 4, 10), new(2024, 6, 30), ClosedLoopStatus.Open, null);
        AddItem(db, B, new(2024, 3, 1), new(2024, 6, 30), ClosedLoopStatus.Open, null);
        AddItem(db, O, new(2024, 1, 1), new(2024, 3, 1), ClosedLoopStatus.Closed, new(2024, 4, 5));

        AddRating(db, 2023, A, 5);
        AddRating(db, 2023, B, 5);
        AddRating(db, 2023, O, 5);
        AddRating(db, 2022, A, 5);
        AddRating(db, 2022, O, 4);
        await db.SaveChangesAsync();
    }

    private static async Task<int> AddMemberAsync(PortalDbContext db, string name, CadreLevel level, int birthYear, params (int Unit, DateOnly From, DateOnly? To)[] stints)
    {
        var member = new Member { Name = name, CadreLevel = level, BirthYear = birthYear, Gender = Gender.Male, OrgUnitId = stints[^1].Unit };
        foreach (var (unit, from, to) in stints)
        {
            member.Assignments.Add(new MemberAssignment { OrgUnitId = unit, From = from, To = to });
        }

        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member.Id;
    }

    private static async Task<int> AddTopicAsync(PortalDbContext db, string title, DateOnly due, StudyAudience audience, CadreLevel? level)
    {
        var topic = new StudyTopic { Title = title, PublishedOn = due.AddDays(-20), DueOn = due, Audience = audience, AudienceCadreLevel = level };
        db.StudyTopics.Add(topic);
        await db.SaveChangesAsync();
        return topic.Id;
    }

    public static Task<int> AddActivityAsync(PortalDbContext db, int unit, string code, DateOnly date, params (int Member, AttendanceStatus Status)[] attendance) =>
        AddActivityAsync(db, unit, code, date, null, CadreLevels.None, attendance);

    private static Task<int> AddActivityAsync(PortalDbContext db, int unit, string code, DateOnly date, int topic, params (int Member, AttendanceStatus Status)[] attendance) =>
        AddActivityAsync(db, unit, code, date, topic, CadreLevels.None, attendance);

    private static Task<int> AddActivityAsync(PortalDbContext db, int unit, string code, DateOnly date, CadreLevels trainingFor, params (int Member, AttendanceStatus Status)[] attendance) =>
        AddActivityAsync(db, unit, code, date, null, trainingFor, attendance);

    private static async Task<int> AddActivityAsync(
        PortalDbContext db, int unit, string code, DateOnly date, int? topic, CadreLevels trainingFor, (int Member, AttendanceStatus Status)[] attendance)
    {
        var kind = db.ActivityKinds.Single(k => k.Code == code);
        var activity = new Activity { KindId = kind.Id, OrgUnitId = unit, Date = date, Title = $"{kind.Name} {date:M月d日}", StudyTopicId = topic, TrainingFor = trainingFor };
        foreach (var (member, status) in attendance)
        {
            activity.Attendance.Add(new Attendance { MemberId = member, Status = status });
        }

        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }

    private static void AddItem(PortalDbContext db, int owner, DateOnly found, DateOnly deadline, ClosedLoopStatus status, DateOnly? closedOn) =>
        db.ClosedLoopItems.Add(new ClosedLoopItem
        {
            Source = ClosedLoopSource.SelfReview,
            Title = $"整改事项 {found:M月d日}",
            OwnerOrgUnitId = owner,
            FoundOn = found,
            Deadline = deadline,
            Status = status,
            ClosedOn = closedOn,
        });

    private static void AddRating(PortalDbContext db, int year, int unit, int stars) =>
        db.StarRatings.Add(new StarRating { Year = year, OrgUnitId = unit, Stars = stars, Score = 80 + stars, PublishedOn = new DateOnly(year + 1, 1, 15) });
}
