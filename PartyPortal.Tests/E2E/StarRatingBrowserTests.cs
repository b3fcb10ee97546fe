using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// The star-rating pages in a real browser on the shared demo bureau, at a phone's width and a desk's; the whole cycle,
/// which publishes, runs on a portal of its own (<see cref="StarRatingCycleBrowserTests"/>).
/// </summary>
[Collection(InBrowser.Name)]
public class StarRatingBrowserTests(BrowserPortal portal)
{
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
