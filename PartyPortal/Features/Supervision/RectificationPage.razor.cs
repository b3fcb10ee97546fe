using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PartyPortal.Access;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Supervision;

public sealed partial class RectificationPage
{
    private IReadOnlyList<RectificationRow>? rows;
    private IReadOnlyList<OrgUnitDto> units = [];
    private List<OrgUnitDto> manageableUnits = [];
    private IReadOnlySet<int> manageable = new HashSet<int>();
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private RectificationFilter filter = new();
    private RectificationInput input = new();
    private int? openId;
    private bool adding;
    private bool busy;
    private string? refusal;
    private string? message;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>A unit's items (its subtree), as the dashboard's rectification tiles open them.</summary>
    [SupplyParameterFromQuery(Name = "unit")] public int? Unit { get; set; }

    [SupplyParameterFromQuery(Name = "overdue")] public bool Overdue { get; set; }

    private string Summary
    {
        get
        {
            var all = rows!.Count;
            var closed = rows.Count(r => r.Status == ClosedLoopStatus.Closed);
            var overdue = rows.Count(r => r.IsOverdue);
            return string.Create(CultureInfo.InvariantCulture, $"共{all}项，已办结{closed}项（办结率{100.0 * closed / all:0.#}%），逾期未办结{overdue}项。");
        }
    }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var user = (await AuthState).User;
            units = await Organisation.ListUnitsAsync(user);
            manageable = await Access.UnitsAllowingAsync(user, Operation.ManageRectification);
            var today = Clock.Today;
            manageableUnits = units.Where(u => manageable.Contains(u.Id) && (u.ClosedOn is null || u.ClosedOn >= today)).ToList();
            filter = filter with { OrgUnitId = Unit ?? filter.OrgUnitId, OverdueOnly = Overdue || filter.OverdueOnly };
            rows = await Rectification.ListAsync(user, filter);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    private async Task FilterAsync(RectificationFilter value)
    {
        filter = value;
        openId = null;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            rows = await Rectification.ListAsync((await AuthState).User, filter);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    private void Toggle(int id) => openId = openId == id ? null : id;

    private string UnitName(int? id) => units.FirstOrDefault(u => u.Id == id)?.Name ?? "";

    private static string StatusText(RectificationRow r) => r.IsOverdue ? $"{r.Status.Display()}·已逾期" : r.Status.Display();

    private static Color StatusColor(RectificationRow r) => r.IsOverdue ? Color.Error : r.Status switch
    {
        ClosedLoopStatus.Closed => Color.Success,
        ClosedLoopStatus.InProgress => Color.Info,
        _ => Color.Warning,
    };

    private void StartAdding()
    {
        var today = Clock.Today;
        input = new RectificationInput
        {
            FoundOn = today,
            Deadline = today.AddMonths(3),
            OwnerOrgUnitId = manageableUnits.Count == 1 ? manageableUnits[0].Id : 0,
        };
        errors = new Dictionary<string, string>();
        message = null;
        adding = true;
    }

    /// <summary>Saves; on errors the form stays open with what was typed and the reasons beside the fields.</summary>
    private async Task AddAsync()
    {
        busy = true;
        try
        {
            var user = (await AuthState).User;
            var result = await Rectification.CreateAsync(user, input);
            errors = result.Errors;
            if (!result.Succeeded)
            {
                return;
            }

            message = $"已登记“{input.Title?.Trim()}”。";
            adding = false;
            openId = result.Id;
            rows = await Rectification.ListAsync(user, filter);
        }
        catch (AccessDeniedException e)
        {
            errors = new Dictionary<string, string> { ["ownerOrgUnitId"] = e.Message };
        }
        finally
        {
            busy = false;
        }
    }
}
