using PartyPortal.Features.Reports;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>
/// What another word processor makes of the files: the export and a filled template, converted to PDF by LibreOffice,
/// hold every figure's value in their text. The export's first two pages are kept as PNGs beside the screenshots.
/// </summary>
public sealed class WordPdfRoundTripTests
{
    [Fact]
    public async Task TheExportedReportConvertsToAPdfHoldingEveryFigure()
    {
        var report = ReportSamples.Document();
        var text = await LibreOffice.PdfTextOfDocxAsync(ReportWordWriter.Write(report), "report-export", keepPages: true);

        Assert.Contains("全面从严治党工作报告", text, StringComparison.Ordinal);
        foreach (var (id, value) in ReportSamples.Values.Where(v => v.Value != "—"))
        {
            Assert.True(text.Contains(value, StringComparison.Ordinal), $"{id} ({value}) is not in the PDF's text");
        }

        // The appendix: its heading row and each figure's id.
        Assert.Contains("编号数字语句统计口径", text, StringComparison.Ordinal);
        Assert.All(ReportSamples.Values.Keys, id => Assert.Contains(id + "的统计口径", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFilledTemplateConvertsToAPdfHoldingEveryValueAndTheMarksOfWhatWasNotFilled()
    {
        var filled = ReportTemplateFiller.Fill(new MemoryStream(TemplateSamples.Build()), TemplateSamples.Values());
        var text = await LibreOffice.PdfTextOfDocxAsync(filled.Content, "report-template");

        foreach (var (name, value) in TemplateSamples.Values().Where(v => v.Value is not null))
        {
            Assert.True(text.Contains(value!, StringComparison.Ordinal), $"{name} ({value}) is not in the PDF's text");
        }

        Assert.Contains("【无权查看：F13】", text, StringComparison.Ordinal);
        Assert.Contains("【未知：{{F99}}】", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{F0", text, StringComparison.Ordinal);
    }
}
