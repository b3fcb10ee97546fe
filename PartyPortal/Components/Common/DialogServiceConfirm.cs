using MudBlazor;

namespace PartyPortal.Components.Common;

/// <summary>
/// Every destructive action asks first, the same way: <c>if (!await Dialogs.ConfirmAsync("删除活动记录", "删除后…", "删除")) return;</c>
/// The message says what will happen and whether it can be undone; the confirm button names the action.
/// </summary>
public static class DialogServiceConfirm
{
    private static readonly DialogOptions Options = new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        CloseOnEscapeKey = true,
        BackdropClick = true,
    };

    /// <returns>true only when the user pressed the confirm button.</returns>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, Options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: true };
    }

    /// <summary>
    /// Asks, like <see cref="ConfirmAsync"/>, for an action that happens on a day: the day is chosen in the dialog and
    /// <see cref="DayConfirmation.Save"/> runs from it, so a refusal keeps the dialog open with its reason.
    /// </summary>
    /// <returns>the day saved, or null when the user cancelled (nothing written).</returns>
    public static async Task<DateOnly?> ConfirmOnDayAsync(this IDialogService dialogs, DayConfirmation request)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new DialogParameters<DayConfirmDialog> { { d => d.Request, request } };
        var dialog = await dialogs.ShowAsync<DayConfirmDialog>(request.Title, parameters, Options);
        return await dialog.Result is { Canceled: false, Data: DateOnly day } ? day : null;
    }
}

/// <summary>
/// What a dated confirmation says and does. <paramref name="Save"/> writes on the chosen day and returns the reason
/// it was refused, or null when saved; the day must lie between <see cref="Earliest"/> (when given) and today.
/// </summary>
public sealed record DayConfirmation(string Title, string Message, string DayLabel, string ConfirmText, DateOnly? Day, DateOnly Today, Func<DateOnly, Task<string?>> Save)
{
    /// <summary>The first day allowed and what it is ("活动日期"), named in the refusal.</summary>
    public (DateOnly Day, string What)? Earliest { get; init; }
}
