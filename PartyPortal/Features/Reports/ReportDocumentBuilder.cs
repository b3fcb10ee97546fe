namespace PartyPortal.Features.Reports;

/// <summary>
/// The shared <see cref="ReportDocument"/> from a report's figures: the seed's headings, each section's figure sentences
/// as one paragraph, and the appendix of every figure with its definition. A section of the seed without a counted
/// figure keeps its heading and no paragraph: its prose is the committee's to write.
/// </summary>
internal static class ReportDocumentBuilder
{
    public static ReportDocument Build(
        UnitFact scope, DateOnly from, DateOnly to, string periodLabel, IReadOnlyDictionary<string, string> names, IReadOnlyList<FigureResult> figures)
    {
        var isBureau = scope.ParentId is null;
        var author = isBureau ? names["{委员会}"] : scope.Name;
        var title = $"{author}{periodLabel}全面从严治党工作报告";
        var subtitle = $"统计范围：{scope.Name}　统计期间：{ReportPeriods.Iso(from)}至{ReportPeriods.Iso(to)}";
        var opening = Paragraph(figures.Where(f => f.Figure.Chapter == 0), $"{periodLabel}，");
        var chapters = ReportCatalogue.ChapterHeadings.Select((heading, c) => new ReportChapter(heading,
            [.. ReportCatalogue.SectionHeadings[c].Select((sectionHeading, s) =>
            {
                var paragraph = Paragraph(figures.Where(f => f.Figure.Chapter == c + 1 && f.Figure.Section == s + 1), "");
                return new ReportSection(sectionHeading, paragraph is null ? [] : [paragraph]);
            })])).ToList();
        var appendix = figures.Select(f => new ReportAppendixRow(f.Figure.Id, f.Sentence, f.Printed, f.Definition)).ToList();
        return new ReportDocument(title, subtitle, opening is null ? [] : [opening], chapters, appendix);
    }

    private static string? Paragraph(IEnumerable<FigureResult> figures, string lead)
    {
        var sentences = figures.Select(f => f.Sentence).ToList();
        return sentences.Count == 0 ? null : lead + string.Join("，", sentences) + "。";
    }
}
