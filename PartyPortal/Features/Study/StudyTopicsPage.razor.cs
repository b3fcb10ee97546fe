using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Model;

namespace PartyPortal.Features.Study;

public sealed partial class StudyTopicsPage
{
    private IReadOnlyList<int>? years;
    private IReadOnlyList<StudyTopicRow>? rows;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private StudyTopicInput input = new();
    private int year;
    private int? editingId;
    private bool canPublish;
    private bool editing;
    private bool busy;
    private string? refusal;
    private string? message;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var user = (await AuthState).User;
            year = Clock.Today.Year;
            canPublish = await Access.AllowsAsync(user, Operation.ManageCatalogue);
            years = await Topics.YearsAsync(user, year);
            rows = await Topics.ListAsync(user, year);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    private async Task SelectYearAsync(int chosen)
    {
        year = chosen;
        rows = null;
        await RunAsync(async user => rows = await Topics.ListAsync(user, year));
    }

    private bool Has(string key) => errors.ContainsKey(key);

    private string? Of(string key) => errors.GetValueOrDefault(key);

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDay(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    private void SelectAudience(StudyAudience audience)
    {
        input.Audience = audience;
        if (audience != StudyAudience.CadreLevel)
        {
            input.AudienceCadreLevel = null;
        }
    }

    /// <summary>Prefilled for this month's 政治理论学习指引: the title's head, the first and last day of the month.</summary>
    private void StartPublishing()
    {
        var today = Clock.Today;
        var first = new DateOnly(today.Year, today.Month, 1);
        input = new StudyTopicInput
        {
            Title = $"{today.Year}年{today.Month}月政治理论学习指引：",
            PublishedOn = first,
            DueOn = first.AddMonths(1).AddDays(-1),
        };
        Open(null);
    }

    private void StartEditing(StudyTopicRow t)
    {
        input = new StudyTopicInput
        {
            Title = t.Title, PublishedOn = t.PublishedOn, DueOn = t.DueOn, Audience = t.Audience, AudienceCadreLevel = t.AudienceCadreLevel,
        };
        Open(t.Id);
    }

    private void Open(int? id)
    {
        editingId = id;
        errors = new Dictionary<string, string>();
        message = null;
        editing = true;
    }

    /// <summary>Saves; on errors the form stays open with what was typed and the reasons beside the fields.</summary>
    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            await RunAsync(async user =>
            {
                var result = editingId is { } id ? await Topics.UpdateAsync(user, id, input) : await Topics.PublishAsync(user, input);
                errors = result.NotFound ? new Dictionary<string, string> { ["title"] = "该学习专题不存在。" } : result.Errors;
                if (!result.Succeeded)
                {
                    return;
                }

                message = editingId is null ? $"已发布学习专题“{input.Title?.Trim()}”。" : $"已修改学习专题“{input.Title?.Trim()}”。";
                editing = false;
                year = input.PublishedOn!.Value.Year;
                years = await Topics.YearsAsync(user, Clock.Today.Year);
                rows = await Topics.ListAsync(user, year);
            });
        }
        finally
        {
            busy = false;
        }
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
}
