using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;

namespace PartyPortal.Features.StarRatings;

/// <summary>
/// 评定方案: PartyOffice writes the year's star-rating scheme. A year without one offers a blank scheme or a copy of the
/// latest earlier one; a frozen scheme is shown read-only. Every rule lives in <see cref="StarSchemeService"/>; the page
/// keeps what was typed and puts each refusal beside its field.
/// </summary>
public sealed partial class StarSchemePage
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    private IReadOnlyList<int> years = [];
    private IReadOnlyDictionary<string, string> errors = NoErrors;
    private StarScheme? scheme;
    private StarSchemeInput? input;
    private int year;
    private int? loadedYear;
    private bool loaded;
    private bool busy;
    private string? refusal;
    private string? message;
    private string? notice;
    private string? conflict;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>The year shown, kept in the address so a reload or a bookmark keeps it.</summary>
    [SupplyParameterFromQuery(Name = "year")]
    public int? Year { get; set; }

    private bool Frozen => scheme?.Frozen == true;

    private string QuotaText => input is null ? "" :
        $"比上年五星级支部数最多增长{input.FiveStarGrowthPercent}%" + (input.FiveStarCapPercent is { } cap ? $"，且不超过参评支部的{cap}%" : "，不设占比上限");

    /// <summary>Every refusal of the last save, with where it is when the field is not obvious from the message.</summary>
    private List<(string? Where, string What)> Summary { get; set; } = [];

    protected override async Task OnInitializedAsync()
    {
        var first = Clock.FoundedYear;
        years = Enumerable.Range(first, Clock.LastYear - first + 1).Reverse().ToList();

        // The scheme is read by secretaries too; the editor is PartyOffice's alone, so the page asks what a save asks.
        await RunAsync(user => Access.DemandAsync(user, Operation.ReviewStarRating));
    }

    protected override async Task OnParametersSetAsync()
    {
        var wanted = Year is { } y && y >= Clock.FoundedYear && y <= Clock.LastYear ? y : Clock.Today.Year;
        if (refusal is not null || wanted == loadedYear)
        {
            return;
        }

        await RunAsync(user => LoadAsync(user, wanted));
    }

    private async Task LoadAsync(ClaimsPrincipal user, int chosen)
    {
        year = chosen;
        loadedYear = chosen;
        scheme = await Schemes.GetAsync(user, chosen);
        input = scheme is null ? null : StarSchemeInput.From(scheme.Rubric);
        SetErrors(NoErrors);
        conflict = null;
        loaded = true;
    }

    private async Task SelectYearAsync(int chosen)
    {
        message = null;
        notice = null;
        await RunAsync(user => LoadAsync(user, chosen));
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("year", chosen), replace: true);
    }

    private bool Has(string key) => errors.ContainsKey(key);

    private string? Of(string key) => errors.GetValueOrDefault(key);

    private static string Points(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A blank scheme: no items (each bureau writes its own), the default bands and quota rules.</summary>
    private void StartNew()
    {
        input = new StarSchemeInput { Name = $"{year}年度党支部星级化管理评定方案" };
        message = null;
        notice = null;
        SetErrors(NoErrors);
    }

    private async Task CopyLastYearAsync()
    {
        busy = true;
        message = null;
        try
        {
            await RunAsync(async user =>
            {
                var copy = await Schemes.CopyOfLastYearAsync(user, year);
                if (copy is null)
                {
                    notice = $"{year - 1}年及以前年度都没有评定方案，无法复制。请点“新建方案”。";
                    return;
                }

                input = copy;
                SetErrors(NoErrors);
                notice = "已复制最近一年的评定方案，请核对名称、项目和分值后保存。";
            });
        }
        finally
        {
            busy = false;
        }
    }

    private void CancelNew()
    {
        input = null;
        notice = null;
        SetErrors(NoErrors);
    }

    /// <summary>Saves; on errors everything typed stays, each reason beside its field and all of them in the summary.</summary>
    private async Task SaveAsync()
    {
        if (input is null)
        {
            return;
        }

        busy = true;
        message = null;
        notice = null;
        conflict = null;
        try
        {
            await RunAsync(async user =>
            {
                var result = await Schemes.SaveAsync(user, year, input);
                if (result.Conflict)
                {
                    conflict = StarSchemeService.StaleMessage;
                    SetErrors(NoErrors);
                    return;
                }

                if (!result.Succeeded)
                {
                    SetErrors(result.Errors);
                    return;
                }

                var name = input.Name?.Trim();
                await LoadAsync(user, year);
                message = $"已保存{year}年度评定方案“{name}”。";
            });
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ReloadAsync()
    {
        message = null;
        await RunAsync(user => LoadAsync(user, year));
    }

    /// <summary>Rows moved or removed: errors keyed by a row's position no longer point at the row they were about.</summary>
    private void Forget(string prefix) =>
        SetErrors(errors.Where(e => !e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary());

    private void SetErrors(IReadOnlyDictionary<string, string> next)
    {
        errors = next;
        Summary = [.. next.Select(e => (Where(e.Key), e.Value))];
    }

    /// <summary>Names the row of an item's or a veto's error; the other messages name their own field.</summary>
    private string? Where(string key)
    {
        var row = RowKey().Match(key);
        if (!row.Success)
        {
            return null;
        }

        var index = int.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture);
        if (row.Groups[1].Value == "vetoes")
        {
            return $"第{index + 1}个否决项";
        }

        var name = input is not null && index < input.Items.Count ? input.Items[index].Name?.Trim() : null;
        return string.IsNullOrEmpty(name) ? $"第{index + 1}个评分项目" : $"第{index + 1}个评分项目“{name}”";
    }

    private async Task RunAsync(Func<ClaimsPrincipal, Task> action)
    {
        try
        {
            await action((await AuthState).User);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    [GeneratedRegex(@"^(items|vetoes)\[(\d+)\]\.")]
    private static partial Regex RowKey();
}
