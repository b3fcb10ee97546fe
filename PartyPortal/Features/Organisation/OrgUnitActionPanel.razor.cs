using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Model;

namespace PartyPortal.Features.Organisation;

public sealed partial class OrgUnitActionPanel
{
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private OrgUnitInput input = new();
    private List<OrgUnitType> types = [];
    private string? name;
    private int? targetId;
    private bool busy;
    private string? refusal;
    private UnitAction? started;

    [Parameter, EditorRequired] public OrgUnitDto Unit { get; set; } = default!;

    [Parameter, EditorRequired] public UnitAction Action { get; set; }

    [Parameter, EditorRequired] public UnitTreeView Tree { get; set; } = default!;

    /// <summary>Called with what was done, once it is saved.</summary>
    [Parameter] public EventCallback<string> OnDone { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private string NameLabel => Action == UnitAction.Rename ? "新名称" : Unit.Type == OrgUnitType.Branch ? "党小组名称" : "下级组织名称";

    /// <summary>A fresh form whenever another unit or action is chosen; re-renders of the same keep what was typed.</summary>
    protected override void OnParametersSet()
    {
        if (input.ParentId == Unit.Id && started == Action)
        {
            return;
        }

        started = Action;
        types = [.. Enum.GetValues<OrgUnitType>().Where(t => OrgUnitService.Fits(Unit.Type, t))];
        // Where one type fits (a branch holds only party groups) it is chosen already.
        input = new OrgUnitInput { ParentId = Unit.Id, Type = types.Count == 1 ? types[0] : null };
        name = Action == UnitAction.Rename ? Unit.Name : null;
        targetId = null;
        errors = new Dictionary<string, string>();
        refusal = null;
    }

    private bool Has(string key) => errors.ContainsKey(key);

    private string? Of(string key) => errors.GetValueOrDefault(key);

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDay(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    private async Task ConfirmAsync()
    {
        busy = true;
        try
        {
            var user = (await AuthState).User;
            input.Name = name;
            var result = Action switch
            {
                UnitAction.Add => await Units.AddAsync(user, input),
                UnitAction.Rename => await Units.RenameAsync(user, Unit.Id, name),
                UnitAction.Move when targetId is { } t => await Units.MoveAsync(user, Unit.Id, t),
                _ => WriteResult.Invalid(new() { ["newParentId"] = "请选择新的上级组织。" }),
            };
            errors = result.NotFound ? new Dictionary<string, string> { ["parentId"] = "该组织不存在，请刷新页面。" } : result.Errors;
            if (!result.Succeeded)
            {
                return;
            }

            await OnDone.InvokeAsync(Action switch
            {
                UnitAction.Add => $"已在{Unit.Name}下新增{name?.Trim()}。",
                UnitAction.Rename => $"已将{Unit.Name}更名为{name?.Trim()}。",
                _ => $"已将{Unit.Name}移到{Tree.Find(targetId)?.Name}之下。",
            });
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
