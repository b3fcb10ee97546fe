using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Model;

namespace PartyPortal.Features.Organisation;

public sealed partial class OrganisationPage
{
    private List<(OrgUnitDto Unit, int Depth)>? rows;
    private HashSet<int> manageable = [];
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private OrgUnitInput input = new();
    private OrgUnitDto? acting;
    private UnitAction action;
    private string? name;
    private int? targetId;
    private DateOnly? closeOn;
    private bool busy;
    private string? refusal;
    private string? message;

    private enum UnitAction
    {
        Add,
        Rename,
        Move,
        Close,
    }

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync((await AuthState).User);

    /// <summary>The units in the user's scope, already in chart order; a unit's depth is one more than its listed parent's.</summary>
    private async Task LoadAsync(ClaimsPrincipal user)
    {
        var units = await Organisation.ListUnitsAsync(user);
        var depths = new Dictionary<int, int>();
        var list = new List<(OrgUnitDto, int)>(units.Count);
        foreach (var u in units)
        {
            var depth = u.ParentId is { } p && depths.TryGetValue(p, out var d) ? d + 1 : 0;
            depths[u.Id] = depth;
            list.Add((u, depth));
        }

        rows = list;
        manageable = [.. await Access.UnitsAllowingAsync(user, Operation.ManageOrganisation)];
    }

    private bool IsClosed(OrgUnitDto u) => u.ClosedOn is { } c && c < Clock.Today;

    private static string Dates(OrgUnitDto u) => (u.FoundedOn, u.ClosedOn) switch
    {
        ({ } f, { } c) => $"{f:yyyy-MM-dd} 成立 · {c:yyyy-MM-dd} 撤销",
        ({ } f, null) => $"{f:yyyy-MM-dd} 成立",
        (null, { } c) => $"{c:yyyy-MM-dd} 撤销",
        _ => "",
    };

    private string NameOf(int? id) => rows?.FirstOrDefault(r => r.Unit.Id == id).Unit?.Name ?? "";

    /// <summary>Open units the unit may sit under, outside its own subtree (the service checks again).</summary>
    private IEnumerable<OrgUnitDto> MoveTargets(OrgUnitDto unit)
    {
        var subtree = new HashSet<int> { unit.Id };
        foreach (var (u, _) in rows ?? [])
        {
            if (u.ParentId is { } p && subtree.Contains(p))
            {
                subtree.Add(u.Id);
            }
        }

        return (rows ?? []).Select(r => r.Unit)
            .Where(t => !subtree.Contains(t.Id) && t.Id != unit.ParentId && !IsClosed(t) && manageable.Contains(t.Id) && OrgUnitService.Fits(t.Type, unit.Type));
    }

    private bool Has(string key) => errors.ContainsKey(key);

    private string? Of(string key) => errors.GetValueOrDefault(key);

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDay(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    private void Start(OrgUnitDto unit, UnitAction kind)
    {
        acting = unit;
        action = kind;
        input = new OrgUnitInput { ParentId = unit.Id };
        name = kind == UnitAction.Rename ? unit.Name : null;
        targetId = null;
        closeOn = Clock.Today;
        errors = new Dictionary<string, string>();
        message = null;
    }

    private async Task ConfirmAsync()
    {
        var unit = acting!;
        busy = true;
        try
        {
            var user = (await AuthState).User;
            input.Name = name;
            var result = action switch
            {
                UnitAction.Add => await Units.AddAsync(user, input),
                UnitAction.Rename => await Units.RenameAsync(user, unit.Id, name),
                UnitAction.Move when targetId is { } t => await Units.MoveAsync(user, unit.Id, t),
                UnitAction.Move => WriteResult.Invalid(new() { ["newParentId"] = "请选择新的上级组织。" }),
                _ when closeOn is { } day => await Units.CloseAsync(user, unit.Id, day),
                _ => WriteResult.Invalid(new() { ["closedOn"] = "请选择撤销日期。" }),
            };
            errors = result.NotFound ? new Dictionary<string, string> { ["parentId"] = "该组织不存在，请刷新页面。" } : result.Errors;
            if (!result.Succeeded)
            {
                return;
            }

            message = action switch
            {
                UnitAction.Add => $"已在{unit.Name}下新增{name?.Trim()}。",
                UnitAction.Rename => $"已将{unit.Name}更名为{name?.Trim()}。",
                UnitAction.Move => $"已将{unit.Name}移到{NameOf(targetId)}之下。",
                _ => $"{unit.Name}已于{closeOn:yyyy-MM-dd}撤销。",
            };
            acting = null;
            await LoadAsync(user);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
        finally
        {
            busy = false;
        }
    }
}
