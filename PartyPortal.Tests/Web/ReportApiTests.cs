using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>
/// The report's figures over the API, black-box: writes move exactly the figures they should, by exactly what was
/// written, and no other; records and their .xlsx answer with a token as the other exports do.
/// </summary>
public class ReportApiTests
{
    private static readonly string[] SectionOnly = ["section"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Range => $"from={ApiBureau.Day(ApiBureau.Today.AddDays(-30))}&to={ApiBureau.Day(ApiBureau.Today)}";

    private static async Task<Dictionary<string, decimal>> FiguresAsync(HttpClient client, int scope)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/figures?scope={scope}&{Range}", Ct);
        var figures = body.GetProperty("figures").EnumerateArray().ToList();
        Assert.Equal(44, figures.Count);
        return figures.ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("value").GetDecimal());
    }

    private static Dictionary<string, decimal> Moved(Dictionary<string, decimal> before, Dictionary<string, decimal> after) =>
        after.Where(a => a.Value != before[a.Key]).ToDictionary(a => a.Key, a => a.Value - before[a.Key]);

    [Fact]
    public async Task WritesMoveExactlyTheirFiguresByExactlyWhatWasWritten()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var office = await bureau.ClientAsync("office");
        var start = await FiguresAsync(office, bureau.Root);

        // 40 廉洁家书 sent by 一支部: F38 by 40.
        using (var letters = await office.PostAsJsonAsync("/api/v1/activities", new
        {
            kindCode = "integrity-letter", orgUnitId = bureau.BranchA, date = ApiBureau.Day(ApiBureau.Today.AddDays(-2)), title = "端午廉洁家书", quantity = 40,
        }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, letters.StatusCode);
        }

        var afterLetters = await FiguresAsync(office, bureau.Root);
        Assert.Equal(new Dictionary<string, decimal> { ["F38"] = 40 }, Moved(start, afterLetters));

        // The bureau's training for 科级: its 科级 attendee counts in F08, the 一般干部 beside them does not.
        using (var training = await office.PostAsJsonAsync("/api/v1/activities", new
        {
            kindCode = "training", orgUnitId = bureau.Root, date = ApiBureau.Day(ApiBureau.Today.AddDays(-1)), title = "科级干部学习贯彻培训班",
            organiserLevel = "municipal", trainingFor = SectionOnly,
            attendance = new[] { new { memberId = bureau.MembersA[0], status = "present" }, new { memberId = bureau.MembersA[1], status = "present" } },
        }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, training.StatusCode);
        }

        var afterTraining = await FiguresAsync(office, bureau.Root);
        Assert.Equal(new Dictionary<string, decimal> { ["F08"] = 1 }, Moved(afterLetters, afterTraining));

        // A problem from the inspection self-check (F09) and a measure written for it (F10), through the rectification API.
        using var item = await office.PostAsJsonAsync("/api/v1/rectification", new
        {
            source = "inspectionSelfCheck", title = "学习制度执行不严", ownerOrgUnitId = bureau.BranchA,
            foundOn = ApiBureau.Day(ApiBureau.Today.AddDays(-1)), deadline = ApiBureau.Day(ApiBureau.Today.AddDays(30)),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, item.StatusCode);
        var afterItem = await FiguresAsync(office, bureau.Root);
        Assert.Equal(new Dictionary<string, decimal> { ["F09"] = 1 }, Moved(afterTraining, afterItem));

        using var measure = new HttpRequestMessage(HttpMethod.Post, item.Headers.Location + "/measures")
        {
            Content = JsonContent.Create(new { description = "修订学习制度" }),
        };
        measure.Headers.IfMatch.Add(item.Headers.ETag!);
        using (var written = await office.SendAsync(measure, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        }

        var afterMeasure = await FiguresAsync(office, bureau.Root);
        Assert.Equal(new Dictionary<string, decimal> { ["F10"] = 1 }, Moved(afterItem, afterMeasure));
    }

    [Fact]
    public async Task RecordsComeAsJsonAndXlsxAndRestrictedOnesOnlyAsAggregates()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var office = await bureau.ClientAsync("office");
        await bureau.RecordAsync(office);

        var figures = await office.GetFromJsonAsync<JsonElement>($"/api/v1/reports/figures?scope={bureau.Root}&{Range}", Ct);
        var f42 = figures.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "F42");
        var f13 = figures.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "F13");
        Assert.Equal(JsonValueKind.Null, f13.GetProperty("records").ValueKind);
        Assert.Equal(0, f13.GetProperty("value").GetDecimal());

        var records = await office.GetFromJsonAsync<JsonElement>(f42.GetProperty("records").GetString()!, Ct);
        Assert.Equal(1, records.GetProperty("total").GetInt32());
        Assert.Equal("学习党章", records.GetProperty("rows")[0][4].GetString());

        using var xlsx = await office.GetAsync(new Uri(f42.GetProperty("recordsXlsx").GetString()!, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);

        using var restricted = await office.GetAsync(new Uri($"/exports/reports/F13.xlsx?scope={bureau.Root}&{Range}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, restricted.StatusCode);
        using var secretary = await bureau.ClientAsync("sec");
        using var refused = await secretary.GetAsync(new Uri($"/api/v1/reports/figures?{Range}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var backwards = await office.GetAsync(new Uri($"/api/v1/reports/figures?from=2023-06-30&to=2023-01-01", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);

        using var anonymous = bureau.Portal.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var get = document.GetProperty("paths").GetProperty("/api/v1/reports/figures").GetProperty("get");
        Assert.Equal("全面从严治党工作报告的全部统计数字", get.GetProperty("summary").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/exports/reports/{id}.xlsx", out _));
    }

    [Fact]
    public async Task TheReportAsWordComesWithATokenToReadersOnly()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var office = await bureau.ClientAsync("office");
        await bureau.RecordAsync(office);

        using var docx = await office.GetAsync(new Uri($"/exports/reports/report.docx?scope={bureau.Root}&{Range}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(PartyPortal.Features.Reports.ReportWordWriter.ContentType, docx.Content.Headers.ContentType?.MediaType);
        var figures = await office.GetFromJsonAsync<JsonElement>($"/api/v1/reports/figures?scope={bureau.Root}&{Range}", Ct);
        var f42 = figures.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "F42").GetProperty("sentence").GetString()!;
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(await docx.Content.ReadAsStreamAsync(Ct), false))
        {
            Assert.Contains(f42, word.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        }

        using var secretary = await bureau.ClientAsync("sec");
        using var refused = await secretary.GetAsync(new Uri($"/exports/reports/report.docx?{Range}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var anonymous = bureau.Portal.CreateClient(new() { AllowAutoRedirect = false });
        using var signedOut = await anonymous.GetAsync(new Uri($"/exports/reports/report.docx?{Range}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
    }
}
