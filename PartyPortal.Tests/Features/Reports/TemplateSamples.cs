using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>
/// A bureau template as Word leaves it after some typing: {{F03}} split over three runs with a spelling mark and a
/// bookmark between them, its first run bold; {{期间}} in a table cell; {{单位}} in the header; {{F06}} in the footer; an
/// unknown {{F99}} and a restricted {{F13}}.
/// </summary>
internal static class TemplateSamples
{
    public static byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(new Paragraph(Plain("报送单位：{{单位}}")));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(new Paragraph(Plain("主题党日支部数：{{F06}}")));

            var split = new Paragraph(
                Plain("上半年“第一议题”学习共"),
                new Run(new RunProperties(new Bold(), new Color { Val = "C00000" }), new Text("{{F")),
                new ProofError { Type = ProofingErrorValues.SpellStart },
                Plain("0"),
                new ProofError { Type = ProofingErrorValues.SpellEnd },
                new BookmarkStart { Id = "0", Name = "figure" },
                Plain("3}}"),
                new BookmarkEnd { Id = "0" },
                Plain("，其后照常。"));

            var table = new Table(
                new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }),
                new TableGrid(new GridColumn { Width = "4000" }, new GridColumn { Width = "4000" }),
                new TableRow(
                    new TableCell(new Paragraph(Plain("统计期间"))),
                    new TableCell(new Paragraph(Plain("{{期间}}")))));

            main.Document = new Document(new Body(
                new Paragraph(Plain("{{单位}}工作报告")),
                split,
                table,
                new Paragraph(Plain("处置线索{{F13}}件；另有{{ F99 }}。")),
                new Paragraph(Plain("中心组学习{{F04}}，联动开展主题党日{{F42}}。")),
                new SectionProperties(
                    new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                    new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) })));
        }

        return stream.ToArray();
    }

    /// <summary>The values a leader gets for the sample: F13 withheld, F99 unknown.</summary>
    public static Dictionary<string, string?> Values() => new()
    {
        ["单位"] = "江城市税务局",
        ["期间"] = "2023-01-01至2023-06-30",
        ["F03"] = ReportSamples.Values["F03"],
        ["F04"] = ReportSamples.Values["F04"],
        ["F06"] = ReportSamples.Values["F06"],
        ["F42"] = ReportSamples.Values["F42"],
        ["F13"] = null,
    };

    private static Run Plain(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
}
