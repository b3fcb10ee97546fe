using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;

namespace PartyPortal.Features.StarRatings;

/// <summary>
/// The year's result: during the notice (公示) and after publication every signed-in user reads it here; the committee
/// runs 评定 (again while unpublished), records objections and publishes.
/// </summary>
public sealed partial class StarNoticePage
{
    private StarNotice? notice;
    private int year;
    private bool committee;
    private bool assessor;
    private bool loading = true;
    private bool busy;
    private string? message;
    private string? error;
    private string? refusal;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "year")]
    public int? Year { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var asked = Year is { } y && y >= Clock.FoundedYear && y <= Clock.LastYear ? y : (int?)null;
        year = asked ?? Clock.Today.Year;
        loading = true;
        message = null;
        error = null;
        await RunAsync(async user =>
        {
            committee = await Access.AllowsAsync(user, Operation.ReviewStarRating);
            assessor = (await Access.UnitsAllowingAsync(user, Operation.AssessStarRating)).Count > 0;
            notice = await Decisions.NoticeAsync(user, year);
            if (notice is null && asked is null)
            {
                // Without a year asked for, show the newest result: until this year is decided, that is last year's.
                notice = await Decisions.NoticeAsync(user, year - 1);
                year = notice is null ? year : year - 1;
            }
        });
        loading = false;
    }

    private async Task ReloadAsync() => await RunAsync(async user => notice = await Decisions.NoticeAsync(user, year));

    private Task DecideAsync() => WriteAsync(user => Decisions.DecideAsync(user, year, notice?.Decision.Version), "评定完成，结果进入公示。");

    private async Task ConfirmPublishAsync()
    {
        if (await Dialogs.ConfirmAsync($"发布{year}年度星级评定结果", "发布后结果成为历史，不能撤回，看板和大屏将立即更新。", "发布"))
        {
            await PublishAsync();
        }
    }

    private Task PublishAsync() =>
        WriteAsync(user => Decisions.PublishAsync(user, year, notice?.Decision.Version), $"{year}年度星级评定结果已发布，看板和大屏已更新。");

    private async Task WriteAsync(Func<ClaimsPrincipal, Task<WriteResult>> write, string done)
    {
        busy = true;
        message = null;
        error = null;
        try
        {
            await RunAsync(async user =>
            {
                var result = await write(user);
                error = result switch
                {
                    { NotFound: true } => $"{year}年度尚无评定方案或评定结果。",
                    { Conflict: true } => "评定结果已被他人更新，已为您重新载入，请核对后再操作。",
                    _ => result.Errors.Values.FirstOrDefault(),
                };
                notice = await Decisions.NoticeAsync(user, year);
                message = result.Succeeded ? done : null;
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
