using Bunit;
using MudBlazor;
using PartyPortal.Features.Organisation;

namespace PartyPortal.Tests.Support;

/// <summary>
/// Chooses a member in a MemberPicker in a bUnit test. MudBlazor draws the picker's list through its popover
/// provider, which stays empty without the browser's script, so the choice is handed to the picker's autocomplete
/// as a click on an entry would; typing part of a name and clicking it is tested in the browser.
/// </summary>
internal static class MemberPicking
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static Task PickAsync<TPage>(IRenderedComponent<TPage> page, string inputId, MemberHit member)
        where TPage : class, Microsoft.AspNetCore.Components.IComponent
    {
        var picker = page.FindComponents<MemberPicker>().Single(p => p.Instance.InputId == inputId).FindComponent<MudAutocomplete<MemberHit>>();
        return page.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(member));
    }
}
