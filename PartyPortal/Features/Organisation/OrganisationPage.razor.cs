using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;

namespace PartyPortal.Features.Organisation;

public sealed partial class OrganisationPage
{
    private UnitTreeView? tree;
    private string? search;
    private int found;
    private string? message;
    private UnitAction action;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync((await AuthState).User);

    /// <summary>The units in the user's scope, already in chart order; a reload keeps what the reader had opened.</summary>
    private async Task LoadAsync(ClaimsPrincipal user)
    {
        var units = await Organisation.ListUnitsAsync(user);
        var manageable = await Access.UnitsAllowingAsync(user, Operation.ManageOrganisation);
        var next = new UnitTreeView(units, manageable, Clock.Today)
        {
            OnToggle = EventCallback.Factory.Create<int>(this, id => tree?.Toggle(id)),
            OnStart = EventCallback.Factory.Create<(OrgUnitDto, UnitAction)>(this, Start),
        };
        if (tree is not null)
        {
            next.Expanded.UnionWith(tree.Expanded);
        }

        tree = next;
        found = tree.Search(search);
    }

    private void Search(string? text)
    {
        search = text;
        found = tree?.Search(text) ?? 0;
    }

    private async Task Start((OrgUnitDto Unit, UnitAction Action) chosen)
    {
        message = null;
        if (chosen.Action == UnitAction.Close)
        {
            await CloseAsync(chosen.Unit);
            return;
        }

        tree!.ActingId = chosen.Unit.Id;
        action = chosen.Action;
    }

    /// <summary>
    /// 撤销 asks first, in the portal's one dated confirmation: the unit leaves every count after that day and is
    /// greyed, which cannot be undone here. The dialog stays open with the server's reason (a unit with open children).
    /// </summary>
    private async Task CloseAsync(OrgUnitDto unit)
    {
        tree!.ActingId = null;
        var today = Clock.Today;
        var closed = await Dialogs.ConfirmOnDayAsync(new DayConfirmation(
            $"撤销{unit.Name}",
            $"撤销后，{unit.Name}撤销日期之后不再计入统计、不能再登记活动，在组织体系中以灰色显示；此操作记入审计日志，不能在此撤销。",
            "撤销日期", "撤销", today, today, day => CloseOnAsync(unit, day))
        {
            Earliest = unit.FoundedOn is { } founded ? (founded, "成立日期") : null,
        });
        if (closed is { } on)
        {
            message = $"{unit.Name}已于{on:yyyy-MM-dd}撤销。";
            await LoadAsync((await AuthState).User);
        }
    }

    /// <summary>The write behind the dialog; returns the reason it was refused, null when saved.</summary>
    private async Task<string?> CloseOnAsync(OrgUnitDto unit, DateOnly day)
    {
        try
        {
            var result = await Units.CloseAsync((await AuthState).User, unit.Id, day);
            return result.Succeeded ? null : result.NotFound ? "该组织不存在，请刷新页面。" : string.Join(" ", result.Errors.Values);
        }
        catch (AccessDeniedException e)
        {
            return e.Message;
        }
    }

    private RenderFragment<OrgUnitDto> Panel => unit => builder =>
    {
        builder.OpenComponent<OrgUnitActionPanel>(0);
        builder.AddComponentParameter(1, nameof(OrgUnitActionPanel.Unit), unit);
        builder.AddComponentParameter(2, nameof(OrgUnitActionPanel.Action), action);
        builder.AddComponentParameter(3, nameof(OrgUnitActionPanel.Tree), tree);
        builder.AddComponentParameter(4, nameof(OrgUnitActionPanel.OnDone), EventCallback.Factory.Create<string>(this, DoneAsync));
        builder.AddComponentParameter(5, nameof(OrgUnitActionPanel.OnCancel), EventCallback.Factory.Create(this, () => tree!.ActingId = null));
        builder.CloseComponent();
    };

    /// <summary>After a change the tree is read again; the unit acted on stays in view (a new unit under its opened parent).</summary>
    private async Task DoneAsync(string done)
    {
        var acted = tree!.ActingId;
        message = done;
        tree.ActingId = null;
        if (acted is { } id && action == UnitAction.Add)
        {
            tree.Expanded.Add(id);
        }

        await LoadAsync((await AuthState).User);
    }
}
