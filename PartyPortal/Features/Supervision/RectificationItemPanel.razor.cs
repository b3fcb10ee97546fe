using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Supervision;

/// <summary>One item opened in the list: its measures and history, and the next step for those who may take it.</summary>
public sealed partial class RectificationItemPanel
{
    private RectificationDetail? detail;
    private int loadedId;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? measure;
    private string? note;
    private RectificationClosing closing = new();
    private bool busy;
    private string? refusal;

    [Parameter, EditorRequired]
    public int ItemId { get; set; }

    [Parameter]
    public bool CanManage { get; set; }

    /// <summary>Raised after a saved change, so the list shows the new status.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (loadedId != ItemId)
        {
            loadedId = ItemId;
            closing = new RectificationClosing { ClosedOn = Clock.Today };
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            detail = await Rectification.GetAsync((await AuthState).User, ItemId);
            refusal = detail is null ? "该事项不存在。" : null;
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    /// <summary>Takes the latest version after a conflict; what was typed stays in the fields.</summary>
    private async Task RefreshAsync()
    {
        errors = new Dictionary<string, string>();
        await LoadAsync();
        await Changed.InvokeAsync();
    }

    private async Task AddMeasureAsync()
    {
        if (await RunAsync(user => Rectification.AddMeasureAsync(user, ItemId, measure, detail!.Row.Version)))
        {
            measure = null;
        }
    }

    private async Task CompleteMeasureAsync(int measureId) =>
        await RunAsync(user => Rectification.CompleteMeasureAsync(user, ItemId, measureId, detail!.Row.Version));

    private async Task StartAsync()
    {
        if (await RunAsync(user => Rectification.StartAsync(user, ItemId, note, detail!.Row.Version)))
        {
            note = null;
        }
    }

    /// <summary>
    /// 办结销号 asks first once the evidence is written (without it the server says what is missing): a closed item
    /// leaves the open and overdue counts and takes no more measures.
    /// </summary>
    private async Task CloseAsync()
    {
        if (string.IsNullOrWhiteSpace(closing.Evidence) || await Dialogs.ConfirmAsync("办结销号", $"办结后，“{detail!.Row.Title}”计为已办结，不再计入未办结和逾期统计，也不能再添加整改措施；此操作记入审计日志，不能在此撤销。", "办结销号"))
        {
            await RunAsync(user => Rectification.CloseAsync(user, ItemId, closing, detail!.Row.Version));
        }
    }

    private async Task<bool> RunAsync(Func<ClaimsPrincipal, Task<WriteResult>> write)
    {
        busy = true;
        try
        {
            var result = await write((await AuthState).User);
            errors = result.NotFound ? new Dictionary<string, string> { ["status"] = "该事项不存在。" }
                : result.Conflict ? new Dictionary<string, string> { ["version"] = RectificationService.StaleMessage }
                : result.Errors;
            if (!result.Succeeded)
            {
                return false;
            }

            await LoadAsync();
            await Changed.InvokeAsync();
            return true;
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
            return false;
        }
        finally
        {
            busy = false;
        }
    }

    private bool Has(string key) => errors.ContainsKey(key);

    private string? Of(string key) => errors.GetValueOrDefault(key);

    private string When(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Clock.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDay(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;
}
