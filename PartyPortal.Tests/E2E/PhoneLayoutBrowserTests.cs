using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// What issue 14 saw on a phone (390 px) and on a wide screen (1440 px), checked where the layout is decided
/// centrally: the theme, app.css and the chart bridge.
/// </summary>
[Collection(InBrowser.Name)]
public class PhoneLayoutBrowserTests(BrowserPortal portal)
{
    [Fact(Timeout = 180_000)]
    public async Task OnAPhoneEveryUnitNameBesideA看板BarIsDrawnWhole()
    {
        await using var tab = await portal.OpenTabAsync(width: 390, height: 844);
        var page = tab.Page;
        await page.GotoAsync("/dashboard");
        await tab.SignInAsync("county1");
        var canvas = page.Locator("figure.dashboard-chart canvas[aria-label*='各下级组织']");
        await Expect(canvas).ToBeVisibleAsync();
        await PageChecks.SettleAsync(page);

        // Each tick label of the units' axis, measured in the chart's own font, must fit between the canvas's left edge
        // and the bars: Chart.js draws a longer one past the edge, where nobody can read it.
        var clipped = await canvas.EvaluateAsync<string[]>("""
            (canvas) => {
              const chart = Chart.getChart(canvas);
              const axis = chart.scales.y;
              const ctx = chart.ctx;
              ctx.save();
              ctx.font = Chart.helpers.toFont(axis.options.ticks.font).string;
              const out = axis.ticks
                .map((t) => [].concat(t.label).join(''))
                .filter((label) => ctx.measureText(label).width > axis.right + 1)
                .map((label) => `${label} (${Math.round(ctx.measureText(label).width)} px > ${Math.round(axis.right)} px)`);
              ctx.restore();
              return out;
            }
            """);
        await tab.ScreenshotAsync("phone-dashboard-bars");

        Assert.True(clipped.Length == 0, "labels cut at the canvas edge: " + string.Join("; ", clipped));
        Assert.Empty(tab.Problems);
    }

    [Theory(Timeout = 180_000)]
    [InlineData("/", 390, false)]
    [InlineData("/organisation/members", 390, true)]
    [InlineData("/organisation/members", 360, true)]
    public async Task OnAPhoneTableCellsKeepTheirWordsOnOneLine(string address, int width, bool noBoxScrollsSideways)
    {
        await using var tab = await portal.OpenTabAsync(width: width, height: 844);
        var page = tab.Page;
        await page.GotoAsync(address);
        await tab.SignInAsync("admin");
        await Expect(page.Locator("table td").First).ToBeVisibleAsync();
        await PageChecks.SettleAsync(page);

        // A cell whose text the browser breaks over several lines: on a phone Chinese breaks between any two
        // characters, and a squeezed column reads one character a line.
        var broken = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('table td, table th')]
              .filter((cell) => cell.offsetParent !== null)
              .flatMap((cell) => {
                const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                const found = [];
                for (let node = texts.nextNode(); node; node = texts.nextNode()) {
                  if (node.textContent.trim().length < 2) continue;
                  const range = document.createRange();
                  range.selectNodeContents(node);
                  const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                  if (lines.size > 1) found.push(`${node.textContent.trim().slice(0, 20)} (${lines.size} lines)`);
                }
                return found;
              })
              .slice(0, 8)
            """);
        // A table that fits by scrolling inside its own box still hides what lies past the edge (党员管理's row
        // actions were 300 px to the right): every button lies within the screen, and on a page people work in on a
        // phone no box scrolls sideways (首页's figures table may: it holds no action).
        var sideways = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.portal-main *')]
              .filter((el) => el.offsetParent !== null && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
              .filter((el) => el.scrollWidth > el.clientWidth + 1)
              .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${el.scrollWidth} px in ${el.clientWidth} px)`)
            """);
        var offScreen = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.portal-main button, .portal-main a.mud-button-root')]
              .filter((el) => el.offsetParent !== null)
              .filter((el) => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth; })
              .map((el) => el.innerText.trim() || el.getAttribute('aria-label'))
              .slice(0, 8)
            """);
        await tab.ScreenshotAsync("phone-table" + address.Replace('/', '-').TrimEnd('-'));

        Assert.True(broken.Length == 0, $"{address}: cells broken over several lines at {width} px: " + string.Join(" | ", broken));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"));
        Assert.True(!noBoxScrollsSideways || sideways.Length == 0, $"{address}: boxes scrolling sideways at {width} px: " + string.Join(" | ", sideways));
        Assert.True(offScreen.Length == 0, $"{address}: buttons off the screen at {width} px: " + string.Join(" | ", offScreen));
        Assert.Empty(tab.Problems);
    }

    [Fact(Timeout = 180_000)]
    public async Task OnAWideScreenThe看板ShowsEveryUnitColumnAndKeepsFiguresWithTheirUnits()
    {
        await using var tab = await portal.OpenTabAsync(width: 1440, height: 900);
        var page = tab.Page;
        await page.GotoAsync("/dashboard");
        await tab.SignInAsync("leader");
        await Expect(page.Locator(".drill-table tbody tr").First).ToBeVisibleAsync();
        await PageChecks.SettleAsync(page);

        // The units' table needs no sideways scroll at 1440 px: its last column (活动次数) was cut at the edge.
        var hidden = await page.Locator("section.drill[aria-label='下级组织'] .drill-scroll").EvaluateAsync<int>("(box) => box.scrollWidth - box.clientWidth");
        // A figure and its unit ("1,856 次") on one line, in the tiles and in every table.
        var wrapped = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.stat-tile-value, td.num, th.num')]
              .filter((el) => {
                const range = document.createRange();
                range.selectNodeContents(el);
                // Boxes of one line overlap vertically (a number and its smaller unit too); a box below another wrapped.
                const boxes = [...range.getClientRects()].filter((r) => r.width > 0);
                return boxes.some((a) => boxes.some((b) => b.top >= a.bottom - 1));
              })
              .map((el) => el.innerText.trim().replace(/\s+/g, ' '))
            """);
        await tab.ScreenshotAsync("wide-dashboard");

        Assert.True(hidden <= 0, $"the units' table hides {hidden} px of its columns at 1440 px");
        Assert.True(wrapped.Length == 0, "figures broken from their units: " + string.Join(" | ", wrapped));
        Assert.Empty(tab.Problems);
    }

    [Theory(Timeout = 180_000)]
    [InlineData(360)]
    [InlineData(390)]
    [InlineData(640)]
    public async Task TheAppBarKeepsEachLabelOnOneLine(int width)
    {
        await using var tab = await portal.OpenTabAsync(width: width, height: 800);
        var page = tab.Page;
        await page.GotoAsync("/");
        await tab.SignInAsync("county1");

        // The bureau's name, who is signed in (their role and scope) and the links beside them: each on one line,
        // the bar one toolbar high.
        var stacked = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.mud-appbar .portal-title, .mud-appbar .user-name, .mud-appbar .user-link, .mud-appbar .user-logout button')]
              .filter((el) => el.offsetParent !== null)
              .filter((el) => {
                const range = document.createRange();
                range.selectNodeContents(el);
                // Boxes of one line overlap vertically (a number and its smaller unit too); a box below another wrapped.
                const boxes = [...range.getClientRects()].filter((r) => r.width > 0);
                return boxes.some((a) => boxes.some((b) => b.top >= a.bottom - 1));
              })
              .map((el) => el.innerText.trim())
            """);
        var height = await page.Locator(".mud-appbar").EvaluateAsync<double>("(bar) => bar.getBoundingClientRect().height");
        await tab.ScreenshotAsync("app-bar");

        Assert.True(stacked.Length == 0, $"at {width} px these labels break over lines: " + string.Join(" | ", stacked));
        Assert.True(height <= 64, $"the app bar is {height} px high at {width} px");
    }

    /// <summary>
    /// The menu as a user meets it at each width: beside the page on a wide screen (the button hides it and gives the
    /// page the room), closed on a phone until the button opens it over the page, and closed again by the link chosen.
    /// </summary>
    [Theory(Timeout = 180_000)]
    [InlineData(390)]
    [InlineData(1440)]
    public async Task TheMenuStartsOpenOnlyWhereThereIsRoomAndTheButtonOpensAndClosesIt(int width)
    {
        await using var tab = await portal.OpenTabAsync(width: width, height: 844);
        var page = tab.Page;
        await page.GotoAsync("/");
        await tab.SignInAsync("county1");
        var menu = page.Locator("#portal-menu");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "展开或收起菜单" });
        var link = menu.GetByRole(AriaRole.Link, new() { Name = "看板" });
        // Inside the window or not: a closed drawer is moved off its left edge or not displayed.
        Task<bool> Shown() => menu.EvaluateAsync<bool>("(m) => { const r = m.getBoundingClientRect(); return r.width > 0 && r.right > 1; }");
        Task<double> PageLeft() => page.Locator("main").EvaluateAsync<double>("(m) => m.getBoundingClientRect().left");
        async Task WaitShownAsync(bool shown) =>
            await page.WaitForFunctionAsync($"() => {{ const r = document.getElementById('portal-menu').getBoundingClientRect(); return (r.width > 0 && r.right > 1) === {(shown ? "true" : "false")}; }}");

        if (width < 960)
        {
            Assert.False(await Shown(), "the menu covers the page on a phone before anyone asked for it");
            await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
            await button.ClickAsync();
            await WaitShownAsync(true);
            await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(page.Locator("[data-menu-scrim]")).ToBeVisibleAsync();
            await tab.ScreenshotAsync("menu-open-phone", fullPage: false);

            await link.ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard");
            await WaitShownAsync(false);
            await Expect(page.Locator("[data-menu-scrim]")).ToBeHiddenAsync();
            await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        }
        else
        {
            Assert.True(await Shown(), "the menu is not beside the page on a wide screen");
            await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
            var besideMenu = await PageLeft();
            Assert.True(besideMenu >= 200, $"the page starts at {besideMenu} px, under the menu");

            await button.ClickAsync();
            await WaitShownAsync(false);
            await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
            Assert.True(await PageLeft() < 1, "the page did not take the room the menu left");
            await Expect(page.Locator("[data-menu-scrim]")).ToBeHiddenAsync();

            await button.ClickAsync();
            await WaitShownAsync(true);
            await link.ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard");
            Assert.True(await Shown(), "choosing a page closed the menu on a wide screen");
        }

        Assert.Empty(tab.Problems);
    }
}
