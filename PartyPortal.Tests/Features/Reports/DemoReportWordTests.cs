using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Features.Reports;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>
/// The issue's round trip on the real thing: the demo bureau's 2023 H1 report as the evaluator counts it for a leader,
/// exported to Word and poured into a bureau template, each converted to PDF by LibreOffice; the PDF's text holds every
/// figure's sentence and every template value. The export's first two pages are kept as PNGs (report-demo-2023h1-*.png).
/// </summary>
public sealed class DemoReportWordTests(DemoBureauFixture bureau)
{
    private static readonly Period H1 = Period.HalfYear(2023, 1);

    [Fact]
    public async Task TheDemoHalfYearExportedAndPouredIntoATemplateHoldsEveryFigureInItsPdf()
    {
        var report = await EvaluateAsync();
        Assert.All(report.Figures, f => Assert.NotNull(f.Value));

        var exported = await LibreOffice.PdfTextOfDocxAsync(ReportWordWriter.Write(report.Document), "report-demo-2023h1", keepPages: true);
        foreach (var figure in report.Figures)
        {
            // Each figure's sentence, number filled in, stands whole in the body (white space aside: the PDF text has none).
            var sentence = string.Concat(figure.Sentence.Where(c => !char.IsWhiteSpace(c)));
            Assert.True(exported.Contains(sentence, StringComparison.Ordinal), $"{figure.Figure.Id} “{figure.Sentence}” is not in the exported PDF");
        }

        var values = report.Placeholders();
        var filled = ReportTemplateFiller.Fill(new MemoryStream(TemplateOfEveryFigure(report)), values);
        Assert.Empty(filled.Unknown);
        Assert.Empty(filled.Withheld);
        var poured = await LibreOffice.PdfTextOfDocxAsync(filled.Content, "report-demo-2023h1-template");
        Assert.Contains($"统计期间：{values["期间"]}", poured, StringComparison.Ordinal);
        foreach (var figure in report.Figures)
        {
            var expected = $"{figure.Figure.Id}：{values[figure.Figure.Id]}{figure.Figure.Unit}";
            Assert.True(poured.Contains(expected, StringComparison.Ordinal), $"“{expected}” is not in the filled template's PDF");
        }
    }

    private async Task<ReportResult> EvaluateAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 7, 10, 2, 0, 0, TimeSpan.Zero));
        await using var services = AccessTestServices.Create(bureau.Database, time);
        await using var scope = services.CreateAsyncScope();
        var reports = new ReportService(bureau.Database, scope.ServiceProvider.GetRequiredService<AccessGuard>(),
            services.GetRequiredService<OrgTree>(), new BureauClock(time, BureauClock.FindZone(null)));
        return await reports.EvaluateAsync(TestUsers.Leader, null, H1.Start, H1.End, TestContext.Current.CancellationToken);
    }

    /// <summary>A template naming every figure once, "F06：{{F06}}个", the first split over runs as Word splits what is typed.</summary>
    private static byte[] TemplateOfEveryFigure(ReportResult report)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body(new Paragraph(Plain("{{单位}}"), Plain("统计期间：{{期"), Plain("间}}")));
            foreach (var figure in report.Figures)
            {
                var id = figure.Figure.Id;
                body.Append(new Paragraph(Plain($"{id}：{{{{{id[..2]}"), Plain($"{id[2..]}}}}}{figure.Figure.Unit}")));
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Run Plain(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
}
