using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using PartyPortal.Features.Reports;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>The .docx export read back with the OpenXML SDK: valid, and in the 公文 format the committee files.</summary>
public sealed class ReportWordWriterTests
{
    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    private static List<Paragraph> BodyParagraphs(WordprocessingDocument word) =>
        word.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();

    private static string FontOf(Run run) => run.RunProperties!.RunFonts!.EastAsia!.Value!;

    private static string SizeOf(Run run) => run.RunProperties!.FontSize!.Val!.Value!;

    [Fact]
    public void TheExportIsValidOpenXml()
    {
        using var word = Open(ReportWordWriter.Write(ReportSamples.Document()));
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(word, TestContext.Current.CancellationToken)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void ThePageIsA4WithTheGongwenMargins()
    {
        using var word = Open(ReportWordWriter.Write(ReportSamples.Document()));
        var section = word.MainDocumentPart!.Document!.Body!.GetFirstChild<SectionProperties>()!;
        var size = section.GetFirstChild<PageSize>()!;
        var margin = section.GetFirstChild<PageMargin>()!;

        // 1 mm = 56.69 twips: 210 × 297 mm; top 37, bottom 35, left 28, right 26 mm.
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        Assert.Equal((2098, 1984, 1587u, 1474u), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));
    }

    [Fact]
    public void TitleSubtitleAndBodyHaveTheirFacesSizesAndLineGrid()
    {
        using var word = Open(ReportWordWriter.Write(ReportSamples.Document()));
        var paragraphs = BodyParagraphs(word);
        var title = paragraphs[0];
        Assert.Equal(JustificationValues.Center, title.ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal(("方正小标宋简体", "44"), (FontOf(title.Elements<Run>().Single()), SizeOf(title.Elements<Run>().Single())));

        // The subtitle's two parts each on a centred line of their own.
        var scope = paragraphs.IndexOf(paragraphs.Single(p => p.InnerText == "统计范围：江城市税务局"));
        Assert.Equal("统计期间：2023-01-01至2023-06-30", paragraphs[scope + 1].InnerText);
        var subtitle = paragraphs[scope + 1];
        Assert.Equal(JustificationValues.Center, subtitle.ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal(("楷体_GB2312", "32"), (FontOf(subtitle.Elements<Run>().Single()), SizeOf(subtitle.Elements<Run>().Single())));

        var opening = paragraphs.Single(p => p.InnerText.Contains("荣誉17项", StringComparison.Ordinal));
        Assert.Equal(("仿宋_GB2312", "32"), (FontOf(opening.Elements<Run>().Single()), SizeOf(opening.Elements<Run>().Single())));
        var props = opening.ParagraphProperties!;
        Assert.Equal(200, props.Indentation!.FirstLineChars!.Value);
        Assert.Equal(LineSpacingRuleValues.Exact, props.SpacingBetweenLines!.LineRule!.Value);
        var line = int.Parse(props.SpacingBetweenLines.Line!.Value!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(line, 28 * 20, 29 * 20);
    }

    [Fact]
    public void ALevelTwoHeadingEndingItsSentenceRunsIntoItsParagraphInKaiti()
    {
        using var word = Open(ReportWordWriter.Write(ReportSamples.Document()));
        var paragraphs = BodyParagraphs(word);

        var chapter = paragraphs.Single(p => p.InnerText.StartsWith("一、聚焦", StringComparison.Ordinal));
        Assert.Equal("黑体", FontOf(chapter.Elements<Run>().Single()));

        var runIn = paragraphs.Single(p => p.InnerText.StartsWith("（一）不断强化思想理论武装。", StringComparison.Ordinal)).Elements<Run>().ToList();
        Assert.Equal(2, runIn.Count);
        Assert.Equal(("（一）不断强化思想理论武装。", "楷体_GB2312"), (runIn[0].InnerText, FontOf(runIn[0])));
        Assert.StartsWith("上半年市县两级", runIn[1].InnerText, StringComparison.Ordinal);
        Assert.Equal("仿宋_GB2312", FontOf(runIn[1]));

        // Without its full stop the heading is a line of its own, and its text the next paragraph.
        var alone = paragraphs.Single(p => p.InnerText.StartsWith("（三）在“不想腐”上", StringComparison.Ordinal));
        Assert.Equal("（三）在“不想腐”上巩固提升", alone.InnerText);
        Assert.StartsWith("发送电子廉洁贺卡", paragraphs[paragraphs.IndexOf(alone) + 1].InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFontTableNamesASongtiFamilyFallbackForTheTitleFace()
    {
        using var word = Open(ReportWordWriter.Write(ReportSamples.Document()));
        var fonts = word.MainDocumentPart!.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!);
        Assert.Equal("宋体", fonts["方正小标宋简体"].AltName!.Val!.Value);
        Assert.Equal("仿宋", fonts["仿宋_GB2312"].AltName!.Val!.Value);
        Assert.Equal("86", fonts["方正小标宋简体"].FontCharSet!.Val!.Value);
    }

    [Fact]
    public void OddAndEvenFootersCarryThePageNumberInSongtiSizeFour()
    {
        using var word = Open(ReportWordWriter.Write(ReportSamples.Document()));
        var main = word.MainDocumentPart!;
        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
        var references = main.Document!.Body!.GetFirstChild<SectionProperties>()!.Elements<FooterReference>().ToList();
        Assert.Equal([HeaderFooterValues.Default, HeaderFooterValues.Even], references.Select(r => r.Type!.Value));
        foreach (var reference in references)
        {
            var footer = ((FooterPart)main.GetPartById(reference.Id!.Value!)).Footer!;
            Assert.Equal(" PAGE ", footer.Descendants<SimpleField>().Single().Instruction!.Value);
            Assert.Equal("— 1 —", footer.InnerText);
            Assert.All(footer.Descendants<Run>(), r => Assert.Equal(("宋体", "28"), (FontOf(r), SizeOf(r))));
        }
    }

    [Fact]
    public void TheAppendixListsEveryFigureWithItsValueSentenceAndDefinition()
    {
        var report = ReportSamples.Document();
        using var word = Open(ReportWordWriter.Write(report));
        var body = word.MainDocumentPart!.Document!.Body!;
        var label = body.Elements<Paragraph>().Single(p => p.InnerText == "附件");
        Assert.NotNull(label.ParagraphProperties!.PageBreakBefore);

        var rows = body.Elements<Table>().Single().Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["编号", "数字", "语句", "统计口径"], rows[0]);
        Assert.Equal(report.Appendix.Select(a => new List<string> { a.FigureId, a.Value, a.Sentence, a.Definition }), rows.Skip(1));
    }
}
