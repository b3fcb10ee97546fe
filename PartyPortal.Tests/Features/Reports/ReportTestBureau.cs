using PartyPortal.Data;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>
/// A bureau small enough to count by hand: a municipal committee with its organs (branches O1, O2) and the 滨江区
/// county committee (branches D1, D2), four members, and a few records of each kind the report counts, some inside
/// 2023 H1, some a year earlier, some outside both or deleted. The expected figures are written beside each record.
/// </summary>
internal sealed class ReportTestBureau
{
    public OrgUnit Root { get; private set; } = null!;
    public OrgUnit Organs { get; private set; } = null!;
    public OrgUnit County { get; private set; } = null!;
    public OrgUnit O1 { get; private set; } = null!;
    public OrgUnit O2 { get; private set; } = null!;
    public OrgUnit D1 { get; private set; } = null!;
    public OrgUnit D2 { get; private set; } = null!;
    public Member Division { get; private set; } = null!;
    public Member SectionO1 { get; private set; } = null!;
    public Member SectionD1 { get; private set; } = null!;
    public Member GeneralD1 { get; private set; } = null!;

    private PortalDbContext db = null!;
    private Dictionary<string, int> kinds = [];

    public static async Task<ReportTestBureau> CreateAsync(TestDatabase database)
    {
        var b = new ReportTestBureau();
        await using var db = database.CreateDbContext();
        b.db = db;
        await ActivityKindCatalogue.EnsureSeededAsync(db);
        b.kinds = db.ActivityKinds.ToDictionary(k => k.Code, k => k.Id);
        db.BureauSettings.Add(new BureauSettings
        {
            BureauName = "国家税务总局江城市税务局", CommitteeName = "中共国家税务总局江城市税务局委员会", ProvinceName = "东江省", CityName = "江城市", DistrictName = "滨江区",
        });
        await db.SaveChangesAsync();
        b.Root = await TestTree.AddUnitAsync(db, "江城市税务局党委", OrgUnitType.MunicipalCommittee, null);
        b.Organs = await TestTree.AddUnitAsync(db, "机关党委", OrgUnitType.OrgansCommittee, b.Root, 1);
        b.County = await TestTree.AddUnitAsync(db, "滨江区税务局党委", OrgUnitType.CountyCommittee, b.Root, 2);
        b.O1 = await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, b.Organs, 1);
        b.O2 = await TestTree.AddUnitAsync(db, "税政党支部", OrgUnitType.Branch, b.Organs, 2);
        b.D1 = await TestTree.AddUnitAsync(db, "滨江第一党支部", OrgUnitType.Branch, b.County, 1);
        b.D2 = await TestTree.AddUnitAsync(db, "滨江第二党支部", OrgUnitType.Branch, b.County, 2);
        b.Division = b.AddMember("处级甲", CadreLevel.Division, b.O1);
        b.SectionO1 = b.AddMember("科级乙", CadreLevel.Section, b.O1);
        b.SectionD1 = b.AddMember("科级丙", CadreLevel.Section, b.D1);
        b.GeneralD1 = b.AddMember("一般丁", CadreLevel.General, b.D1);
        await db.SaveChangesAsync();
        await b.LedgerAsync();
        return b;
    }

    private Member AddMember(string name, CadreLevel level, OrgUnit branch)
    {
        var m = new Member { Name = name, BirthYear = 1985, CadreLevel = level, OrgUnitId = branch.Id };
        m.Assignments.Add(new MemberAssignment { OrgUnitId = branch.Id, From = new DateOnly(2020, 1, 1) });
        db.Members.Add(m);
        return m;
    }

    private Activity Add(string code, OrgUnit unit, DateOnly date, string title, Action<Activity>? more = null)
    {
        var a = new Activity { KindId = kinds[code], OrgUnitId = unit.Id, Date = date, Title = title, RecordedAt = DateTimeOffset.UnixEpoch };
        more?.Invoke(a);
        db.Activities.Add(a);
        return a;
    }

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private async Task LedgerAsync()
    {
        var ningxin = new Campaign { Code = "ningxin-zhuhun-2023", Name = "凝心铸魂固根本 深学笃行勇担当" };
        db.Campaigns.Add(ningxin);
        await db.SaveChangesAsync();

        // F42 主题党日: 3 in 2023 H1 (O1 ×2, D1), 1 a year earlier (O2); one in July and one deleted count nowhere.
        // F06: the 3 of 2023 H1 carry the campaign: 2 branches (O1, D1).
        Add(Codes.ThemedPartyDay, O1, D(2023, 2, 10), "二月主题党日", a => a.CampaignId = ningxin.Id);
        Add(Codes.ThemedPartyDay, O1, D(2023, 3, 10), "三月主题党日", a => a.CampaignId = ningxin.Id);
        Add(Codes.ThemedPartyDay, D1, D(2023, 4, 10), "四月主题党日", a => a.CampaignId = ningxin.Id);
        Add(Codes.ThemedPartyDay, O2, D(2022, 5, 10), "去年五月主题党日");
        Add(Codes.ThemedPartyDay, O2, D(2023, 7, 10), "七月主题党日");
        Add(Codes.ThemedPartyDay, D2, D(2023, 5, 10), "已删除的主题党日", a => a.IsDeleted = true);

        // F03 第一议题: the municipal and the county committee, 1 each; a branch's does not count. F03 = 2.
        Add(Codes.FirstTopicStudy, Root, D(2023, 1, 5), "市局党委第一议题");
        Add(Codes.FirstTopicStudy, County, D(2023, 1, 6), "县局党委第一议题");
        Add(Codes.FirstTopicStudy, O1, D(2023, 1, 7), "支部第一议题");

        // F38 廉洁家书: 120 + 30 = 150 letters.
        Add(Codes.IntegrityLetter, O1, D(2023, 1, 20), "春节廉洁家书", a => a.Quantity = 120);
        Add(Codes.IntegrityLetter, D1, D(2023, 5, 20), "端午廉洁家书", a => a.Quantity = 30);

        // F39 廉洁家访: 丙 twice, 丁 once: 2 members.
        Add(Codes.IntegrityHomeVisit, D1, D(2023, 2, 1), "家访丙", a => a.SubjectMemberId = SectionD1.Id);
        Add(Codes.IntegrityHomeVisit, D1, D(2023, 5, 1), "再访丙", a => a.SubjectMemberId = SectionD1.Id);
        Add(Codes.IntegrityHomeVisit, D1, D(2023, 5, 2), "家访丁", a => a.SubjectMemberId = GeneralD1.Id);

        // F08: 科级 present at the bureau's trainings: 乙 (twice) and 丙 = 2; 丁 is not 科级. F07: 甲 at the province's = 1.
        var march = Add(Codes.Training, Root, D(2023, 3, 15), "市局科级干部培训班（第1期）", a => a.OrganiserLevel = OrganiserLevel.Municipal);
        var may = Add(Codes.Training, Root, D(2023, 5, 15), "市局科级干部培训班（第2期）", a => a.OrganiserLevel = OrganiserLevel.Municipal);
        var province = Add(Codes.Training, Root, D(2023, 4, 15), "省局处级干部网络培训班", a => a.OrganiserLevel = OrganiserLevel.Provincial);
        await db.SaveChangesAsync();
        db.Attendance.AddRange(
            new Attendance { ActivityId = march.Id, MemberId = SectionO1.Id, Status = AttendanceStatus.Present },
            new Attendance { ActivityId = march.Id, MemberId = SectionD1.Id, Status = AttendanceStatus.Present },
            new Attendance { ActivityId = march.Id, MemberId = GeneralD1.Id, Status = AttendanceStatus.Present },
            new Attendance { ActivityId = march.Id, MemberId = Division.Id, Status = AttendanceStatus.Excused },
            new Attendance { ActivityId = may.Id, MemberId = SectionO1.Id, Status = AttendanceStatus.Present },
            new Attendance { ActivityId = province.Id, MemberId = Division.Id, Status = AttendanceStatus.Present });

        // F15 四种形态: 3 + 1 = 4 person-times; F16 first form 3 of 4 = 75.0 ％. F13: 1 clue.
        db.DisciplineRecords.AddRange(
            new DisciplineRecord { Type = DisciplineRecordType.Disposition, Form = DispositionForm.First, PersonTimes = 3, OrgUnitId = D1.Id, Date = D(2023, 3, 1), Summary = "批评教育" },
            new DisciplineRecord { Type = DisciplineRecordType.Disposition, Form = DispositionForm.Second, PersonTimes = 1, OrgUnitId = O1.Id, Date = D(2023, 4, 1), Summary = "诫勉" },
            new DisciplineRecord { Type = DisciplineRecordType.ClueHandled, OrgUnitId = O1.Id, Date = D(2023, 2, 1), Reference = "XS-2023-01", Summary = "信访线索" });

        // F09: 1 problem from the inspection self-check found in H1 (the December one is earlier); F10: its 3 measures.
        var problem = new ClosedLoopItem { Source = ClosedLoopSource.InspectionSelfCheck, Title = "学习制度执行不严", OwnerOrgUnitId = O1.Id, FoundOn = D(2023, 3, 3), Deadline = D(2023, 9, 30) };
        problem.Measures.AddRange([
            new RectificationMeasure { Description = "修订学习制度", WrittenOn = D(2023, 3, 5) },
            new RectificationMeasure { Description = "每月检查", WrittenOn = D(2023, 3, 5) },
            new RectificationMeasure { Description = "年底复查", WrittenOn = D(2023, 8, 1) }]);
        db.ClosedLoopItems.AddRange(problem,
            new ClosedLoopItem { Source = ClosedLoopSource.InspectionSelfCheck, Title = "去年的问题", OwnerOrgUnitId = O2.Id, FoundOn = D(2022, 12, 3), Deadline = D(2023, 3, 30) });

        // F24: organs' branches co-building with 滨江区 branches: O1, O2 = 2; F25: their partners D1, D2 = 2.
        db.Partnerships.AddRange(
            new Partnership { Type = PartnershipType.CoBuilding, OrgUnitId = O1.Id, PartnerOrgUnitId = D1.Id, StartsOn = D(2022, 6, 1) },
            new Partnership { Type = PartnershipType.CoBuilding, OrgUnitId = O1.Id, PartnerOrgUnitId = D2.Id, StartsOn = D(2023, 2, 1) },
            new Partnership { Type = PartnershipType.CoBuilding, OrgUnitId = O2.Id, PartnerOrgUnitId = D1.Id, StartsOn = D(2023, 6, 1) });

        // F29: the circle running since 2022 counts, the one closed at the end of 2022 does not: 1.
        db.RegisterEntries.AddRange(
            new RegisterEntry { Kind = RegisterKind.ServiceCircle, Name = "江岸服务圈", OrgUnitId = D1.Id, StartsOn = D(2022, 3, 1) },
            new RegisterEntry { Kind = RegisterKind.ServiceCircle, Name = "已撤服务圈", OrgUnitId = D2.Id, StartsOn = D(2021, 3, 1), EndsOn = D(2022, 12, 31) });

        // F31: one temporary branch founded in April.
        await db.SaveChangesAsync();
        await TestTree.AddUnitAsync(db, "征管改革临时党支部", OrgUnitType.Branch, County, 3, u => { u.IsTemporary = true; u.FoundedOn = D(2023, 4, 1); });

        // F43: 2022's ratings, published 2023-02-20: O1 and D1 five-star = 2 (quota ⌈1 × 1.1⌉ = 2); 2021's (published 2022-02-20): 1.
        db.StarRatings.AddRange(
            new StarRating { Year = 2022, OrgUnitId = O1.Id, Stars = 5, Score = 95, PublishedOn = D(2023, 2, 20) },
            new StarRating { Year = 2022, OrgUnitId = D1.Id, Stars = 5, Score = 92, PublishedOn = D(2023, 2, 20) },
            new StarRating { Year = 2022, OrgUnitId = O2.Id, Stars = 4, Score = 85, PublishedOn = D(2023, 2, 20) },
            new StarRating { Year = 2021, OrgUnitId = O1.Id, Stars = 5, Score = 93, PublishedOn = D(2022, 2, 20) });
        await db.SaveChangesAsync();
    }
}
