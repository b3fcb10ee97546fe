using PartyPortal.Features.Reports;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>
/// A report in the seed's structure with figures whose values appear nowhere else in its text, so a test can find each
/// value in what Word or LibreOffice made of it and know it came from that figure.
/// </summary>
internal static class ReportSamples
{
    /// <summary>Figure id → the value as printed: distinct, and each unlikely to occur by chance in the rest of the text.</summary>
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["F01"] = "17项",
        ["F03"] = "41次",
        ["F04"] = "29次",
        ["F06"] = "136个",
        ["F13"] = "—",
        ["F16"] = "73.5％",
        ["F22"] = "4826人次",
        ["F42"] = "1093次",
        ["F43"] = "58个",
    };

    public static ReportDocument Document()
    {
        string V(string id) => Values[id];
        return new ReportDocument(
            "中共国家税务总局江城市税务局委员会2023年上半年全面从严治党工作报告",
            "统计范围：江城市税务局　统计期间：2023-01-01至2023-06-30",
            [$"2023年上半年，全市税务系统获得集体和个人荣誉{V("F01")}。现将有关情况汇报如下："],
            [
                new ReportChapter("一、聚焦“政治建设一体深化”，持续推进政治机关建设",
                [
                    new ReportSection("（一）不断强化思想理论武装。",
                    [
                        $"上半年市县两级税务局党委“第一议题”学习共{V("F03")}、中心组学习共{V("F04")}。",
                        $"统筹全市税务系统{V("F06")}党支部开展“凝心铸魂固根本深学笃行勇担当”主题党日。",
                    ]),
                ]),
                new ReportChapter("三、聚焦“综合监督一体集成”，一体推进“三不腐”",
                [
                    new ReportSection("（一）在“不敢腐”上持续加压。",
                        [$"处置信访等线索（无权查看）；深化运用“四种形态”，其中第一种形态占比{V("F16")}。"]),
                    new ReportSection("（三）在“不想腐”上巩固提升",
                        [$"发送电子廉洁贺卡教育提醒干部职工{V("F22")}。"]),
                ]),
                new ReportChapter("六、聚焦“组织体系一体贯通”，着力建强基层党组织",
                [
                    new ReportSection("（一）增强党支部政治功能。", [$"联动开展主题党日{V("F42")}。"]),
                    new ReportSection("（三）增强党支部示范功能。", [$"重新确定{V("F43")}“五星级”党支部。"]),
                ]),
            ],
            Values.Select(v => new ReportAppendixRow(v.Key, $"{v.Key}所在语句", v.Value, $"{v.Key}的统计口径")).ToList());
    }
}
