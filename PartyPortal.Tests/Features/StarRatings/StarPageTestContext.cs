using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.StarRatings;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Live;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

/// <summary>
/// The star-rating pages over the real services, engine and SQLite file: <see cref="MetricsTestBureau"/> with the
/// 2024 scheme of <see cref="StarRatingTestContext.Scheme"/>, rated branches A, B and O, counted on 2024-05-20.
/// </summary>
public abstract class StarPageTestContext : PortalTestContext
{
    protected const int Year = 2024;

    /// <summary>How long a page may take to show a write's outcome: generous, the suite shares two cores with a browser.</summary>
    internal static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    protected MetricsTestBureau Bureau { get; private set; } = null!;
    protected IReadOnlyList<StarCriterion> Criteria { get; private set; } = [];
    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            Bureau = await MetricsTestBureau.SeedAsync(db);
        }

        Services.AddScoped<StarSchemeService>();
        Services.AddScoped<StarAssessmentService>();
        Services.AddScoped<StarLedger>();
        Services.AddScoped<StarReviewService>();
        Services.AddScoped<StarDecisionService>();
        Services.AddScoped<StarHistoryService>();
        await StartLiveMetricsAsync();
        var saved = await Services.GetRequiredService<StarSchemeService>().SaveAsync(TestUsers.PartyOffice, Year, StarRatingTestContext.Scheme(), Ct);
        Assert.True(saved.Succeeded);
        Criteria = [.. (await Services.GetRequiredService<StarSchemeService>().GetAsync(TestUsers.PartyOffice, Year, Ct))!.Rubric.Criteria.OrderBy(c => c.SortOrder)];
    }

    /// <summary>
    /// Days pass (the notice runs out). The engine stops first: on the fake clock its minute timer would tick thousands
    /// of times, and nothing after a decision asks it for figures.
    /// </summary>
    protected async Task PassDaysAsync(int days)
    {
        await Services.GetRequiredService<LiveMetrics>().StopAsync(Ct);
        Time.Advance(TimeSpan.FromDays(days));
    }

    /// <summary>Presses an action that asks first, waits for the question (MudButton handles a click asynchronously), confirms.</summary>
    protected void ClickAndConfirm<TPage>(IRenderedComponent<TPage> page, string action)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        dialogs ??= Render<MudBlazor.MudDialogProvider>();
        page.Find($"[data-action={action}]").Click();
        dialogs.WaitForElement("[data-action=confirm-ok]", Wait).Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-action=confirm-ok]")), Wait);
    }

    /// <summary>Where the pages' confirmations appear, as the layout's provider shows them in the portal.</summary>
    private IRenderedComponent<MudBlazor.MudDialogProvider>? dialogs;

    /// <summary>Renders a page routed with a query (the year), navigating there first as the router would.</summary>
    protected IRenderedComponent<TPage> RenderAt<TPage>(System.Security.Claims.ClaimsPrincipal user, string url)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(url);
        return RenderAs<TPage>(user);
    }

    protected IRenderedComponent<StarAssessmentPage> OpenAssessment(System.Security.Claims.ClaimsPrincipal user, int branch)
    {
        var page = RenderAs<StarAssessmentPage>(user, p => p.Add(x => x.Year, Year).Add(x => x.BranchId, branch));
        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-status]").Count > 0 || page.FindAll("[data-not-found]").Count > 0), Wait);
        return page;
    }

    /// <summary>Types into a field as a user would: a field that listens to input gets input, the others a change.</summary>
    protected static void Type(IRenderedComponent<StarAssessmentPage> page, string inputId, string text)
    {
        try
        {
            page.Find("#" + inputId).Change(text);
        }
        catch (MissingEventHandlerException)
        {
            page.Find("#" + inputId).Input(text);
        }

        // The field takes the text in its own time (a numeric field parses it first): a click before then would send the old value.
        page.WaitForAssertion(() => Assert.Equal(text, page.Find("#" + inputId).GetAttribute("value") ?? page.Find("#" + inputId).TextContent), Wait);
    }

    /// <summary>A branch's assessment taken through the services to 已提交 (every item scored as proposed, judged items 55/27/2/0).</summary>
    protected async Task SubmitAsync(int branch)
    {
        var assessments = Services.GetRequiredService<StarAssessmentService>();
        var secretary = TestUsers.Secretary(branch);
        var view = (await assessments.OpenAsync(secretary, Year, branch, Ct))!;
        decimal[] judged = [55, 27, 2, 0];
        var input = new StarAssessmentInput
        {
            Version = view.Assessment?.Version,
            Scores = [.. view.Items.Select((item, i) => new StarScoreInput { CriterionId = item.Criterion.Id, SelfScore = item.Proposed ?? judged[i - 1] })],
        };
        var result = await assessments.SubmitAsync(secretary, Year, branch, input, Ct);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
    }

    protected async Task ApproveAsync(int branch)
    {
        var view = (await Services.GetRequiredService<StarAssessmentService>().OpenAsync(TestUsers.PartyOffice, Year, branch, Ct))!;
        var result = await Services.GetRequiredService<StarReviewService>().ApproveAsync(
            TestUsers.PartyOffice, Year, branch, new StarReviewInput { Version = view.Assessment!.Version }, Ct);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
    }
}
