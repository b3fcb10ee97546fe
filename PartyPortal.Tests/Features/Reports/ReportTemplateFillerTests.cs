using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using PartyPortal.Features.Reports;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>Filling a template as Word writes one: split placeholders, tables, headers and footers, and names it cannot fill.</summary>
public sealed class ReportTemplateFillerTests
{
    private static FilledTemplate FillSample() =>
        ReportTemplateFiller.Fill(new MemoryStream(TemplateSamples.Build()), TemplateSamples.Values());

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    private static List<string> BodyTexts(WordprocessingDocument word) =>
        word.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();

    [Fact]
    public void APlaceholderSplitOverThreeRunsWithMarksBetweenIsFilledInItsFirstRunsFormatting()
    {
        using var word = Open(FillSample().Content);
        var paragraph = word.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Single(p => p.InnerText.StartsWith("上半年", StringComparison.Ordinal));

        Assert.Equal("上半年“第一议题”学习共41次，其后照常。", paragraph.InnerText);
        var valueRun = paragraph.Elements<Run>().Single(r => r.InnerText == "41次");
        Assert.NotNull(valueRun.RunProperties!.Bold);
        Assert.Equal("C00000", valueRun.RunProperties.Color!.Val!.Value);

        // The text around it keeps its own (plain) runs.
        Assert.Null(paragraph.Elements<Run>().Single(r => r.InnerText == "，其后照常。").RunProperties);
    }

    [Fact]
    public void PlaceholdersInATableCellTheHeaderAndTheFooterAreFilled()
    {
        using var word = Open(FillSample().Content);
        var main = word.MainDocumentPart!;
        var cells = main.Document!.Body!.Descendants<TableCell>().Select(c => c.InnerText).ToList();
        Assert.Equal(["统计期间", "2023-01-01至2023-06-30"], cells);
        Assert.Equal("报送单位：江城市税务局", main.HeaderParts.Single().Header!.InnerText);
        Assert.Equal("主题党日支部数：136个", main.FooterParts.Single().Footer!.InnerText);
        Assert.Contains("江城市税务局工作报告", BodyTexts(word));
        Assert.Contains("中心组学习29次，联动开展主题党日1093次。", BodyTexts(word));
    }

    [Fact]
    public void UnknownAndWithheldNamesAreReportedAndLeftVisibleInTheDocument()
    {
        var filled = FillSample();
        Assert.Equal(["F99"], filled.Unknown);
        Assert.Equal(["F13"], filled.Withheld);

        using var word = Open(filled.Content);
        Assert.Contains("处置线索【无权查看：F13】件；另有【未知：{{F99}}】。", BodyTexts(word));
    }

    [Fact]
    public void TheFilledDocumentIsValidOpenXmlWithNoPlaceholderLeft()
    {
        using var word = Open(FillSample().Content);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(word, TestContext.Current.CancellationToken)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // The unknown one is shown inside its 【未知：…】 mark; nothing else is left to fill.
        Assert.Equal(["F99"], ReportTemplateFiller.Placeholders(word));
    }

    [Fact]
    public void PlaceholdersAreListedByNameInOrderOfAppearanceAcrossSplitRuns()
    {
        using var word = Open(TemplateSamples.Build());
        Assert.Equal(["单位", "F03", "期间", "F13", "F99", "F04", "F42", "F06"], ReportTemplateFiller.Placeholders(word));
    }

    [Fact]
    public void TwoPlaceholdersInOneRunAndOneSpanningThemAreEachFilled()
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            word.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(
                new Run(new Text("{{A}}与{{B}}及{{")), new Run(new Text("C}}")))));
        }

        var filled = ReportTemplateFiller.Fill(new MemoryStream(stream.ToArray()), new Dictionary<string, string?> { ["A"] = "甲", ["B"] = "乙乙乙", ["C"] = "丙" });
        using var result = Open(filled.Content);
        Assert.Equal("甲与乙乙乙及丙", result.MainDocumentPart!.Document!.Body!.InnerText);
        Assert.Empty(filled.Unknown);
    }
}
