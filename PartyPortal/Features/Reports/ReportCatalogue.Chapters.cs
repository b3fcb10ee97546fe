using PartyPortal.Model;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Features.Reports;

/// <summary>The figures of chapters four to six, and the seed's headings.</summary>
public static partial class ReportCatalogue
{
    /// <summary>The seed's level-one headings, chapter 1–6 (the six pillars).</summary>
    public static IReadOnlyList<string> ChapterHeadings { get; } =
    [
        "一、聚焦“政治建设一体深化”，持续推进政治机关建设",
        "二、聚焦“两个责任一体发力”，坚决扛牢管党治党责任",
        "三、聚焦“综合监督一体集成”，一体推进“三不腐”",
        "四、聚焦“党建业务一体融合”，不断强化党建引领",
        "五、聚焦“约束激励一体抓实”，大力弘扬“和正”文化",
        "六、聚焦“组织体系一体贯通”，着力建强基层党组织",
    ];

    /// <summary>The seed's level-two headings of each chapter (index 0 is chapter one).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> SectionHeadings { get; } =
    [
        ["（一）不断强化思想理论武装。", "（二）深入学习宣传贯彻党的二十大精神。", "（三）持续培育良好政治生态。"],
        ["（一）扛牢压实主体责任。", "（二）抓严抓实监督责任。", "（三）完善压力传导机制。"],
        ["（一）在“不敢腐”上持续加压。", "（二）在“不能腐”上深化拓展。", "（三）在“不想腐”上巩固提升。"],
        ["（一）上下联通促融合。", "（二）条块协同促融合。", "（三）横向拓展促融合。"],
        ["（一）营造向上向善氛围。", "（二）锻造风清气正队伍。", "（三）践行“和正”文化理念。"],
        ["（一）增强党支部政治功能。", "（二）增强党支部组织功能。", "（三）增强党支部示范功能。"],
    ];

    private static ReportFigure[] Integration() =>
    [
        new("F24", 4, 1, "市局机关{值}个党支部", "个", FigureSource.Partnerships, FigureMeasure.DistinctBranches,
            new() { PartnershipType = PartnershipType.CoBuilding, OrgansSide = true, DistrictPartner = true }, false,
            "统计期间内在运行的“党建共建”中，与{区}税务局党支部结对的市局机关党支部数。"),
        new("F25", 4, 1, "和{区}税务局{值}个党支部开展共建", "个", FigureSource.Partnerships, FigureMeasure.DistinctPartners,
            new() { PartnershipType = PartnershipType.CoBuilding, OrgansSide = true, DistrictPartner = true }, false,
            "F24所计共建关系另一方的{区}税务局党支部数。"),
        new("F26", 4, 1, "组织{值}多名党员深入社区开展税源网格化管理", "名", FigureSource.Attendance, FigureMeasure.DistinctMembers,
            Kind(Codes.TaxGridService), false, "出席活动类型“税源网格化服务”的党员人数（同一人多次只计一名；按活动当日所在支部计入统计范围）。"),
        new("F27", 4, 2, "市局机关{值}个党支部", "个", FigureSource.Partnerships, FigureMeasure.DistinctBranches,
            new() { PartnershipType = PartnershipType.IndustryEscort, OrgansSide = true }, false,
            "统计期间内在运行的“一支部护航一行业”结对中的市局机关党支部数。"),
        new("F28", 4, 2, "与{市}{值}个行业协会结对共建", "个", FigureSource.Partnerships, FigureMeasure.DistinctPartners,
            new() { PartnershipType = PartnershipType.IndustryEscort, OrgansSide = true, PartnerKind = OutsideOrganisationKind.IndustryAssociation }, false,
            "F27所计结对另一方的行业协会数。"),
        new("F29", 4, 2, "统筹运用好全市{值}个“10分钟税费服务圈”", "个", FigureSource.Registers, FigureMeasure.Count,
            new() { RegisterKinds = [RegisterKind.ServiceCircle] }, false, "台账中统计期间内在运行的“10分钟税费服务圈”个数。"),
        new("F30", 4, 2, "{值}个“税费志愿服务点”", "个", FigureSource.Registers, FigureMeasure.Count,
            new() { RegisterKinds = [RegisterKind.VolunteerPoint] }, false, "台账中统计期间内在运行的“税费志愿服务点”个数。"),
        new("F31", 4, 3, "围绕重大改革、重要项目成立{值}个临时党支部", "个", FigureSource.TemporaryBranches, FigureMeasure.Count,
            new(), false, "组织体系中成立日期在统计期间内的临时党支部数。"),
        new("F32", 4, 3, "组建{值}支“党员先锋队”“青年突击队”", "支", FigureSource.Registers, FigureMeasure.Count,
            new() { RegisterKinds = [RegisterKind.VanguardTeam, RegisterKind.YouthCommandoTeam], Window = RegisterWindow.StartedInPeriod }, false,
            "台账中组建日期在统计期间内的“党员先锋队”和“青年突击队”支数。"),
    ];

    private static ReportFigure[] Incentive() =>
    [
        Activities("F33", 5, 2, "组织“守纪律、讲规矩、强作风”专题党课{值}场", "场",
            "活动类型“专题党课”中标注专项主题“守纪律、讲规矩、强作风”的场数。",
            new() { KindCodes = [Codes.SpecialPartyLecture], CampaignCode = "discipline-style-2023" }),
        Activities("F34", 5, 2, "开展“以案明纪”主题党日活动{值}次", "次", "活动类型“以案明纪主题党日”的次数。", Kind(Codes.CaseDisciplineDay)),
        Activities("F35", 5, 2, "发送《廉洁提醒卡》{值}期", "期", "活动类型“廉洁提醒卡”的期数（每期一条记录）。", Kind(Codes.IntegrityReminderCard)),
        new("F36", 5, 2, "对照检视查摆问题{值}个", "个", FigureSource.ClosedLoopItems, FigureMeasure.Count,
            new() { ItemSource = ClosedLoopSource.SelfReview }, false, "整改闭环中来源为“检视查摆”、发现日期在统计期间内的问题数。"),
        new("F37", 5, 2, "制定整改措施{值}条", "条", FigureSource.RectificationMeasures, FigureMeasure.Count,
            new() { ItemSource = ClosedLoopSource.SelfReview }, false, "为F36所计问题制定的整改措施条数（不论措施制定日期）。"),
        Activities("F38", 5, 2, "{期间}全市税务系统发送廉洁家书{值}封", "封", "活动类型“廉洁家书”的封数之和。", Kind(Codes.IntegrityLetter), FigureMeasure.Sum),
        Activities("F39", 5, 2, "各级党组织对{值}名干部职工开展了廉洁家访", "名", "活动类型“廉政家访”所访党员人数（同一人多次只计一名）。",
            Kind(Codes.IntegrityHomeVisit), FigureMeasure.DistinctMembers),
        Activities("F40", 5, 2, "开展“家属议廉”活动{值}场", "场", "活动类型“家属议廉”的场数。", Kind(Codes.FamilyIntegrityForum)),
        Activities("F41", 5, 2, "开展廉政谈话{值}人次", "人次", "活动类型“廉政谈话”的人次之和。", Kind(Codes.IntegrityTalk), FigureMeasure.Sum),
    ];

    private static ReportFigure[] OrganisationSystem() =>
    [
        Activities("F42", 6, 1, "各党支部联动开展主题党日{值}次", "次", "活动类型“主题党日”的次数（全部党支部）。", Kind(Codes.ThemedPartyDay)),
        new("F43", 6, 3, "按照比上年度增长10％的比例重新确定{值}个“五星级”党支部", "个", FigureSource.StarRatings, FigureMeasure.Count,
            new(), false,
            "统计期间内发布的最近一个评定年度的五星级党支部数（按已发布的星级评定，含动态管理后的现状），旁注该年度五星级名额。"),
        new("F44", 6, 3, "继续深化{值}个“出彩书记工作室”建设", "个", FigureSource.Registers, FigureMeasure.Count,
            new() { RegisterKinds = [RegisterKind.SecretaryStudio] }, false, "台账中统计期间内在运行的“出彩书记工作室”个数。"),
    ];
}
