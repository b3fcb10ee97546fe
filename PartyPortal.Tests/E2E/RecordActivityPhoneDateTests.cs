using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// The record form's date on a phone (issue 14, item 5): tapping the field opens the calendar, and a day picked
/// there becomes the record's date. Nothing is saved, so the shared demo bureau is left as it was.
/// </summary>
[Collection(InBrowser.Name)]
public class RecordActivityPhoneDateTests(BrowserPortal portal)
{
    [Fact(Timeout = 180_000)]
    public async Task OnAPhoneTappingTheDateFieldOpensTheCalendar()
    {
        await using var tab = await portal.OpenTabAsync(width: 390, height: 844);
        var page = tab.Page;
        await page.GotoAsync("/");
        await tab.SignInAsync("secretary1");
        await page.GotoAsync("/workspace");
        await tab.WaitForCircuitAsync();
        await tab.ClickAsync(page.Locator("[data-record='themed-party-day']").First);
        await Expect(page.Locator("[data-action=save-activity]")).ToBeVisibleAsync();

        var date = page.Locator(".mud-picker input").First;
        await tab.ClickAsync(date);

        var calendar = page.Locator(".mud-popover-open .mud-picker-calendar-container");
        await Expect(calendar).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await tab.ScreenshotAsync("record-date-picker-phone");
        var first = calendar.Locator("button.mud-day:not([disabled])", new() { HasText = "1" }).First;
        await tab.ClickAsync(first);
        await Expect(date).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-01$"));

        // A typed day that does not exist is tested in RecordActivityDateTests: in chromium the calendar the typing
        // reopens sometimes keeps focus when the field is left, so that half was flaky here.
    }
}
