using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// The self-assessment round trip in a real browser on the demo bureau: a branch secretary scores and submits, the
/// party office returns it with a reason, the secretary reads the reason and submits again, the party office approves.
/// </summary>
[Collection(InBrowser.Name)]
public class StarRatingBrowserTests(BrowserPortal portal)
{
    [Fact(Timeout = 240_000)]
    public async Task ASecretarySubmitsIsReturnedWithAReasonResubmitsAndIsApproved()
    {
        var year = portal.Services.GetRequiredService<BureauClock>().Today.Year;
        await EnsureSchemeAsync(portal.Services, year);

        await using var secretary = await portal.OpenTabAsync(width: 1440, height: 900);
        var page = secretary.Page;
        await page.GotoAsync("/star-rating");
        await secretary.SignInAsync("secretary2");
        var row = page.Locator("tr[data-branch]");
        await Expect(row).ToHaveCountAsync(1);
        var branch = int.Parse((await row.GetAttributeAsync("data-branch"))!, CultureInfo.InvariantCulture);
        var state = await row.GetAttributeAsync("data-state");
        Assert.True(state is "not-started" or "draft" or "returned", $"the demo's secretary2 branch should still be open for self-assessment, not {state}");

        await secretary.ClickAsync(row.Locator("[data-action=open-assessment]"));
        await Expect(page.Locator("[data-summary]")).ToBeVisibleAsync();
        await secretary.ClickAsync(page.Locator("[data-action=accept-all]"));
        await AcceptEveryProposalAsync(secretary);
        var scores = page.Locator("[data-item] input[id^=self-]");
        for (var i = 0; i < await scores.CountAsync(); i++)
        {
            if (string.IsNullOrEmpty(await scores.Nth(i).InputValueAsync()))
            {
                await secretary.TypeAsync(scores.Nth(i), "1");
            }
        }

        await secretary.ClickAsync(page.Locator("[data-action=submit]"));
        await secretary.ClickAsync(page.Locator("[data-action=confirm-submit]"));
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("已提交");
        await secretary.ScreenshotAsync("star-assessment-submitted");

        await using var office = await portal.OpenTabAsync(width: 1440, height: 900);
        await office.Page.GotoAsync($"/star-rating/{year}/branches/{branch}");
        await office.SignInAsync("admin");
        await office.TypeAsync(office.Page.Locator("#return-reason"), "组织生活得分请对照支委会会议记录核实后重新提交。");
        await office.ClickAsync(office.Page.Locator("[data-action=return]"));
        await Expect(office.Page.Locator("[data-status]")).ToHaveTextAsync("退回修改");

        await page.ReloadAsync();
        await secretary.WaitForCircuitAsync();
        await Expect(page.Locator("[data-return-reason]")).ToContainTextAsync("对照支委会会议记录核实");
        await secretary.ClickAsync(page.Locator("[data-action=submit]"));
        await secretary.ClickAsync(page.Locator("[data-action=confirm-submit]"));
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("已提交");

        await office.Page.ReloadAsync();
        await office.WaitForCircuitAsync();
        await office.ClickAsync(office.Page.Locator("[data-action=approve]"));
        await Expect(office.Page.Locator("[data-status]")).ToHaveTextAsync("审核通过");
        await office.ScreenshotAsync("star-assessment-approved");

        await office.Page.GotoAsync($"/star-rating?year={year}&state=approved");
        await office.WaitForCircuitAsync();
        await Expect(office.Page.Locator($"tr[data-branch='{branch}']")).ToHaveAttributeAsync("data-state", "approved");
        await office.ScreenshotAsync("star-rating-list");
        Assert.Empty(secretary.Problems);
        Assert.Empty(office.Problems);
    }

    [Fact(Timeout = 120_000)]
    public async Task TheAssessmentFitsAPhone()
    {
        var year = portal.Services.GetRequiredService<BureauClock>().Today.Year;
        await EnsureSchemeAsync(portal.Services, year);
        await using var tab = await portal.OpenTabAsync(width: 390, height: 844);
        await tab.Page.GotoAsync("/star-rating");
        await tab.SignInAsync("secretary2");
        await tab.ClickAsync(tab.Page.Locator("[data-action=open-assessment]"));
        await Expect(tab.Page.Locator("[data-summary]")).ToBeVisibleAsync();

        var width = await tab.Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await tab.ScreenshotAsync("star-assessment");
        Assert.True(width <= 390, $"the assessment is {width} px wide on a 390 px phone");

        // The newest published result, as every signed-in user reads it.
        await tab.Page.GotoAsync($"/star-rating/notice?year={year - 1}");
        await tab.WaitForCircuitAsync();
        await Expect(tab.Page.Locator("tr[data-branch]").First).ToBeVisibleAsync();
        width = await tab.Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await tab.ScreenshotAsync("star-notice");
        Assert.True(width <= 390, $"the result is {width} px wide on a 390 px phone");
    }

    [Theory(Timeout = 120_000)]
    [InlineData(1440)]
    [InlineData(390)]
    public async Task TheCommitteesPagesFitTheirWidth(int width)
    {
        await using var tab = await portal.OpenTabAsync(width: width, height: 900);
        await tab.Page.GotoAsync("/star-rating");
        await tab.SignInAsync("admin");
        await Expect(tab.Page.Locator("[data-state-filter=submitted]")).ToBeVisibleAsync();
        await tab.ScreenshotAsync("star-rating-review-list");
        Assert.True(await tab.Page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the review list is wider than the window");

        await tab.Page.GotoAsync("/star-rating/scheme");
        await tab.WaitForCircuitAsync();
        await Expect(tab.Page.Locator("h1")).ToContainTextAsync("评定方案");
        await tab.ScreenshotAsync("star-rating-scheme");
        Assert.True(await tab.Page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the scheme editor is wider than the window");
        Assert.Empty(tab.Problems);
    }

    /// <summary>The demo's current-year scheme; a copy of last year's when the demo has none (arranged, not tested, here).</summary>
    /// <summary>
    /// Takes the ledger's proposal wherever a score differs from it: a draft saved on an earlier day holds the proposals
    /// of that day, and the ledger has moved since.
    /// </summary>
    internal static async Task AcceptEveryProposalAsync(PortalTab tab)
    {
        // One at a time, each click's render awaited: a button counted before a render may be gone after it.
        var accept = tab.Page.Locator("[data-action=accept-proposal]");
        for (var left = await accept.CountAsync(); left > 0; left--)
        {
            await tab.ClickAsync(accept.First);
            await Expect(accept).ToHaveCountAsync(left - 1);
        }
    }

    internal static async Task EnsureSchemeAsync(IServiceProvider services, int year)
    {
        using var scope = services.CreateScope();
        var schemes = scope.ServiceProvider.GetRequiredService<StarSchemeService>();
        if (await schemes.GetAsync(TestUsers.PartyOffice, year) is not null)
        {
            return;
        }

        var copy = await schemes.CopyOfLastYearAsync(TestUsers.PartyOffice, year);
        Assert.NotNull(copy);
        var saved = await schemes.SaveAsync(TestUsers.PartyOffice, year, copy);
        Assert.True(saved.Succeeded || (await schemes.GetAsync(TestUsers.PartyOffice, year)) is not null, string.Join(" ", saved.Errors.Values));
    }
}
