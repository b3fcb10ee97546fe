using PartyPortal.Model;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Features.Reports;

/// <summary>
/// The one catalogue of the half-year report's figures (REPORT_FIGURES.md, F01–F44) and of the seed's outline. The
/// evaluator, the records behind each figure, the document, the API and the page read only this.
/// </summary>
/// <remarks>
/// Choices REPORT_FIGURES.md leaves open, stated once:
/// <list type="bullet">
/// <item>A scope below the bureau counts an activity by the unit that held it; a member (F07, F08, F26) by the unit
/// they belonged to on the activity's day, since trainings are held by the bureau for members of every county.</item>
/// <item>"Distinct" figures count each member, branch or partner once over the whole period however many records.</item>
/// <item>F10/F37 count every measure written for the problems found in the period, whenever the measure was written.</item>
/// <item>F20 counts the problems recorded against F19's inspections (those dated in the period, held in the scope).</item>
/// <item>F28 counts the industry associations of F27's pairings (the organs' branches), not of any branch.</item>
/// <item>F43 counts the five-star branches of the latest rating year published within the period (a range spanning
/// two publications shows the later), read from the published ratings; its quota is shown beside it.</item>
/// <item>F16 is F15's first form as a percentage of F15, to one decimal; with no dispositions it is 0.</item>
/// </list>
/// </remarks>
public static partial class ReportCatalogue
{
    public static IReadOnlyList<ReportFigure> Figures { get; } = Build();

    private static readonly Dictionary<string, ReportFigure> ById = Figures.ToDictionary(f => f.Id, StringComparer.OrdinalIgnoreCase);

    public static ReportFigure? Find(string? id) => id is not null && ById.TryGetValue(id, out var f) ? f : null;

    private static ReportFigure Activities(string id, int chapter, int section, string sentence, string unit, string definition, FigureFilter filter,
        FigureMeasure measure = FigureMeasure.Count, bool restricted = false) =>
        new(id, chapter, section, sentence, unit, FigureSource.Activities, measure, filter, restricted, definition);

    private static FigureFilter Kind(string code) => new() { KindCodes = [code] };

    private static ReportFigure[] Build() =>
    [
        new("F01", 0, 0, "全市税务系统获得集体和个人荣誉{值}项", "项", FigureSource.Registers, FigureMeasure.Count,
            new() { RegisterKinds = [RegisterKind.Honour], Window = RegisterWindow.StartedInPeriod }, false,
            "荣誉台账中获得日期在统计期间内的集体和个人荣誉项数。"),
        Activities("F02", 0, 0, "各项税收工作获得厅级以上领导肯定性批示{值}次", "次",
            "活动类型“领导肯定性批示”在统计期间内的记录次数。", Kind(Codes.LeaderEndorsement)),

        Activities("F03", 1, 1, "{期间}市县两级税务局党委“第一议题”学习共{值}次", "次",
            "活动类型“第一议题学习”由市局党委和县（市、区）局党委开展的次数（不含支部）。",
            new() { KindCodes = [Codes.FirstTopicStudy], HeldByTypes = [OrgUnitType.MunicipalCommittee, OrgUnitType.CountyCommittee] }),
        Activities("F04", 1, 1, "中心组学习共{值}次", "次", "活动类型“理论学习中心组学习”的次数。", Kind(Codes.CentralGroupStudy)),
        Activities("F05", 1, 1, "青年理论学习小组学习{值}次", "次", "活动类型“青年理论学习小组学习”的次数。", Kind(Codes.YouthStudyGroup)),
        Activities("F06", 1, 1, "统筹全市税务系统{值}个党支部开展“凝心铸魂固根本 深学笃行勇担当”主题党日", "个",
            "开展了标注专项主题“凝心铸魂固根本 深学笃行勇担当”的主题党日的党支部数（同一支部多次只计一个）。",
            new() { KindCodes = [Codes.ThemedPartyDay], CampaignCode = "ningxin-zhuhun-2023" }, FigureMeasure.DistinctBranches),

        new("F07", 1, 2, "组织全市税务系统{值}名处级干部参加省税务局网络培训班", "名", FigureSource.Attendance, FigureMeasure.DistinctMembers,
            new() { KindCodes = [Codes.Training], OrganiserLevel = OrganiserLevel.Provincial, CadreLevel = CadreLevel.Division }, false,
            "出席省税务局组织的专题培训的处级党员人数（同一人多次只计一名；按培训当日所在支部计入统计范围）。"),
        new("F08", 1, 2, "组织全市税务系统{值}名科级干部参加市税务局培训班", "名", FigureSource.Attendance, FigureMeasure.DistinctMembers,
            new() { KindCodes = [Codes.Training], OrganiserLevel = OrganiserLevel.Municipal, CadreLevel = CadreLevel.Section }, false,
            "出席市税务局组织的专题培训的科级党员人数（同一人多次只计一名；按培训当日所在支部计入统计范围）。"),

        new("F09", 2, 2, "对照巡视发现问题深入开展自查整改，查找存在问题{值}个", "个", FigureSource.ClosedLoopItems, FigureMeasure.Count,
            new() { ItemSource = ClosedLoopSource.InspectionSelfCheck }, false,
            "整改闭环中来源为“巡视自查”、发现日期在统计期间内的问题数。"),
        new("F10", 2, 2, "制定整改措施{值}条", "条", FigureSource.RectificationMeasures, FigureMeasure.Count,
            new() { ItemSource = ClosedLoopSource.InspectionSelfCheck }, false,
            "为F09所计问题制定的整改措施条数（不论措施制定日期）。"),
        Activities("F11", 2, 3, "领导班子成员深入基层联系点和基层党建联系点开展党建专项调研{值}次", "次",
            "活动类型“党建专项调研”中在领导班子成员基层联系点开展的次数。",
            new() { KindCodes = [Codes.PartyBuildingResearch], AtContactPoint = true }),
        Activities("F12", 2, 3, "在基层联系点讲授党课{值}次", "次",
            "活动类型“党课”中由领导班子成员在基层联系点讲授的次数。",
            new() { KindCodes = [Codes.PartyLecture], AtContactPoint = true }),

        new("F13", 3, 1, "{市}税务局{期间}处置信访等线索{值}件", "件", FigureSource.DisciplineRecords, FigureMeasure.Count,
            new() { DisciplineType = DisciplineRecordType.ClueHandled }, true, "纪检记录中“处置信访等线索”的件数（保密：明细仅纪检可查看）。"),
        new("F14", 3, 1, "立案审查调查{值}件", "件", FigureSource.DisciplineRecords, FigureMeasure.Count,
            new() { DisciplineType = DisciplineRecordType.CaseOpened }, true, "纪检记录中“立案审查调查”的件数（保密：明细仅纪检可查看）。"),
        new("F15", 3, 1, "深化运用“四种形态”处理{值}人次", "人次", FigureSource.DisciplineRecords, FigureMeasure.Sum,
            new() { DisciplineType = DisciplineRecordType.Disposition }, true, "纪检记录中运用“四种形态”处理的人次之和（四种形态合计；保密）。"),
        new("F16", 3, 1, "其中第一种形态占比{值}％", "％", FigureSource.DisciplineRecords, FigureMeasure.Share,
            new() { DisciplineType = DisciplineRecordType.Disposition, Form = DispositionForm.First, ShareOf = "F15" }, true,
            "F15中第一种形态的人次占F15的百分比，保留一位小数；F15为0时记0（保密）。"),
        Activities("F17", 3, 1, "协助省税务局开展案件审查调查{值}次", "次", "保密活动类型“协助上级审查调查”的次数（明细仅纪检可查看）。",
            Kind(Codes.AssistHigherReview), restricted: true),
        Activities("F18", 3, 1, "协助市纪委开展取证工作{值}次", "次", "保密活动类型“协助取证”的次数（明细仅纪检可查看）。",
            Kind(Codes.AssistEvidenceCollection), restricted: true),
        Activities("F19", 3, 1, "在全系统开展多轮次、交叉式明察暗访{值}次", "次", "活动类型“明察暗访”的次数。", Kind(Codes.Inspection)),
        new("F20", 3, 1, "发现问题{值}个", "个", FigureSource.ClosedLoopItems, FigureMeasure.Count,
            new() { FoundByFigure = "F19" }, false, "整改闭环中记为由F19所计明察暗访发现的问题数。"),
        Activities("F21", 3, 1, "通报{值}次", "次", "活动类型“通报”的次数。", Kind(Codes.Notification)),
        Activities("F22", 3, 3, "发送电子廉洁贺卡教育提醒干部职工{值}余人次", "人次", "活动类型“廉洁提醒”的人次之和（各次记录的数量相加）。",
            Kind(Codes.IntegrityReminder), FigureMeasure.Sum),
        Activities("F23", 3, 3, "{期间}全市税务系统开展针对性谈心谈话{值}人次", "人次", "活动类型“谈心谈话”的人次之和。",
            Kind(Codes.HeartToHeartTalk), FigureMeasure.Sum),

        .. Integration(),
        .. Incentive(),
        .. OrganisationSystem(),
    ];
}
