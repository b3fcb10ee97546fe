using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;

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

    private void Start((OrgUnitDto Unit, UnitAction Action) chosen)
    {
        tree!.ActingId = chosen.Unit.Id;
        action = chosen.Action;
        message = null;
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
