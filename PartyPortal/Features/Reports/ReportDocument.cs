namespace PartyPortal.Features.Reports;

/// <summary>
/// The half-year report as text with its figures filled in, in the seed's structure: the six pillars as chapters, each
/// with its numbered sections. The evaluator builds it from the figures a user may see; the Word export renders it. It
/// holds no numbers of its own, so the page, the .docx and the API cannot disagree.
/// </summary>
/// <param name="Title">The report's title, e.g. "中共国家税务总局江城市税务局委员会2023年上半年全面从严治党工作报告".</param>
/// <param name="Subtitle">The scope and period it was counted for, e.g. "统计范围：江城市税务局　统计期间：2023-01-01至2023-06-30".</param>
/// <param name="Opening">The paragraphs before the first chapter (the seed's 开篇: honours, endorsements).</param>
/// <param name="Appendix">Every figure with its definition, in catalogue order.</param>
public sealed record ReportDocument(
    string Title,
    string Subtitle,
    IReadOnlyList<string> Opening,
    IReadOnlyList<ReportChapter> Chapters,
    IReadOnlyList<ReportAppendixRow> Appendix);

/// <param name="Heading">A level-one heading as the seed writes it, e.g. "一、聚焦“政治建设一体深化”，持续推进政治机关建设".</param>
public sealed record ReportChapter(string Heading, IReadOnlyList<ReportSection> Sections);

/// <param name="Heading">A level-two heading, e.g. "（一）不断强化思想理论武装。"</param>
/// <param name="Paragraphs">The section's sentences with their figures filled in.</param>
public sealed record ReportSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <param name="FigureId">"F01" … "F44".</param>
/// <param name="Sentence">The sentence with the figure filled in.</param>
/// <param name="Value">The figure as printed, with its unit ("12次", "35.0％"); "—" where the user may not see it.</param>
/// <param name="Definition">What is counted, in Chinese, as the catalogue states it.</param>
public sealed record ReportAppendixRow(string FigureId, string Sentence, string Value, string Definition);
