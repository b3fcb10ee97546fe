using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>Issue 13: the leader opens the 2023 H1 report, clicks F06 and sees the branches it counted.</summary>
[Collection(InBrowser.Name)]
public class ReportBrowserTests(BrowserPortal portal)
{
    [Fact(Timeout = 180_000)]
    public async Task TheLeaderClicksF06AndSeesTheBranchesCounted()
    {
        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        await tab.Page.GotoAsync("/account/login");
        await tab.SignInAsync("leader");
        await tab.Page.GotoAsync("/reports?from=2023-01-01&to=2023-06-30");
        await tab.WaitForCircuitAsync();

        var f06 = tab.Page.Locator("a[data-value='F06']");
        await Expect(f06).ToBeVisibleAsync();
        var value = int.Parse(await f06.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(value > 0);
        await Expect(tab.Page.Locator("li[data-figure='F13'] a[data-value='F13']")).Not.ToHaveTextAsync("—");
        await tab.ScreenshotAsync("report-2023h1");

        // 导出报告 saves the report the page shows as a Word file, named for its scope and period.
        var download = await tab.Page.RunAndWaitForDownloadAsync(() => tab.ClickAsync(tab.Page.Locator("[data-action=export-docx]")));
        Assert.Equal("中共国家税务总局江城市税务局委员会2023年上半年全面从严治党工作报告.docx", download.SuggestedFilename);
        var saved = Path.Combine(BrowserPortal.ScreenshotFolder, "report-2023h1-downloaded.docx");
        await download.SaveAsAsync(saved);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(saved, false))
        {
            Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value}个党支部"),
                word.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        }

        await tab.ClickAsync(f06);
        var records = tab.Page.Locator("table[data-records='F06']");
        await Expect(records).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("[data-total]")).ToHaveAttributeAsync("data-total", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var shown = Math.Min(value, 50);
        await Expect(records.Locator("tbody tr")).ToHaveCountAsync(shown);
        await Expect(records.Locator("tbody tr").First.Locator("td").First).ToContainTextAsync("党支部");
        await tab.ScreenshotAsync("report-f06-records");
        Assert.Empty(tab.Problems);
    }
}
