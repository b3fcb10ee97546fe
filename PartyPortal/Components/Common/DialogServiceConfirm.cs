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
}
