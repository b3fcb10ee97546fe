using AngleSharp.Dom;
using Bunit;
using MudBlazor;

namespace PartyPortal.Tests.Support;

/// <summary>
/// Answers the portal's dated confirmation (DayConfirmDialog) in a bUnit test as a user would: press the action,
/// read what the dialog says, cancel, or choose a day and confirm. A MudButton handles a click asynchronously, so
/// each step waits for what it needs.
/// </summary>
internal static class DayDialog
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Presses the action, checks the dialog says <paramref name="says"/>, and cancels it.</summary>
    public static async Task CancelAsync(IRenderedComponent<MudDialogProvider> dialogs, Func<IElement> action, string says)
    {
        var asking = action().ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Contains(says, dialogs.Find("[data-confirm-message]").TextContent, StringComparison.Ordinal), Wait);
        await dialogs.Find("[data-action=confirm-cancel]").ClickAsync(new());
        await asking;
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-confirm-dialog]")), Wait);
    }

    /// <summary>Presses the action, chooses <paramref name="day"/> (yyyy-MM-dd) in the dialog and confirms.</summary>
    public static async Task ConfirmAsync(IRenderedComponent<MudDialogProvider> dialogs, Func<IElement> action, string day)
    {
        var asking = action().ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-field=confirm-day] input"), Wait);
        await dialogs.Find("[data-field=confirm-day] input").ChangeAsync(new() { Value = day });
        await dialogs.Find("[data-action=confirm-ok]").ClickAsync(new());
        await asking;
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-confirm-dialog]")), Wait);
    }
}
