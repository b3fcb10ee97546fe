using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>
/// 星级评定: the year's branches by state. The committee reviews from here (every branch in its scope, filtered by
/// state); a secretary finds their own branch and its state. Each row opens the branch's assessment.
/// </summary>
public sealed partial class StarRatingPage
{
    private static readonly AssessmentStatus?[] States =
        [null, AssessmentStatus.Draft, AssessmentStatus.Submitted, AssessmentStatus.Returned, AssessmentStatus.PreReviewed, AssessmentStatus.Approved, AssessmentStatus.Published];

    private IReadOnlyList<StarReviewRow>? rows;
    private int year;
    private int growth = FiveStarQuota.DefaultGrowthPercent;
    private bool committee;
    private bool reviewer;
    private bool hasScheme;
    private bool preReview;
    private bool decided;
    private string? filter;
    private string? refusal;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "year")]
    public int? Year { get; set; }

    [SupplyParameterFromQuery(Name = "state")]
    public string? State { get; set; }

    private IEnumerable<StarReviewRow> Shown => filter is null ? rows ?? [] : (rows ?? []).Where(r => Key(r.Status) == filter);

    protected override async Task OnParametersSetAsync()
    {
        if (refusal is not null)
        {
            return;
        }

        year = Year is { } y && y >= Clock.FoundedYear && y <= Clock.LastYear ? y : Clock.Today.Year;
        filter = States.Select(Key).FirstOrDefault(k => k == State);
        await LoadAsync();
    }

    /// <summary>The key a state is filtered and tested by: not-started, draft, submitted, returned, approved, published.</summary>
    private static string Key(AssessmentStatus? status) => status?.ToString().ToLowerInvariant() ?? "not-started";

    private static string ActionOf(StarReviewRow row) => row.Status switch
    {
        null or AssessmentStatus.Draft or AssessmentStatus.Returned => "自评",
        AssessmentStatus.Submitted or AssessmentStatus.PreReviewed => "审核",
        _ => "查看",
    };

    private Task SelectYearAsync(int chosen)
    {
        Navigation.NavigateTo(StarText.YearLink("", chosen));
        return Task.CompletedTask;
    }

    private async Task LoadAsync()
    {
        rows = null;
        try
        {
            var user = (await AuthState).User;
            committee = await Access.AllowsAsync(user, Operation.ReviewStarRating);
            reviewer = (await Access.UnitsAllowingAsync(user, Operation.ReviewStarRating)).Count > 0;
            if (!reviewer && (await Access.UnitsAllowingAsync(user, Operation.AssessStarRating)).Count == 0)
            {
                // Leaders and Discipline neither assess nor review: what they read is the published result. Once only:
                // the new address sets this page's query parameters again before the router swaps the page.
                refusal = "星级评定结果请在“评定结果公示”中查看。";
                Navigation.NavigateTo(StarText.YearLink("/notice", year), replace: true);
                return;
            }

            var scheme = await Schemes.GetAsync(user, year);
            hasScheme = scheme is not null;
            preReview = scheme?.Rubric.CountyPreReview == true;
            growth = scheme?.Rubric.FiveStarGrowthPercent ?? FiveStarQuota.DefaultGrowthPercent;
            decided = await Decisions.NoticeAsync(user, year) is not null;
            rows = await RowsAsync(user);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    /// <summary>A reviewer (the bureau's office, or a county's) sees its review scope; anyone else the branches they assess.</summary>
    private async Task<IReadOnlyList<StarReviewRow>> RowsAsync(ClaimsPrincipal user) =>
        reviewer ? await Reviews.ListAsync(user, year) : await Reviews.MineAsync(user, year);
}
