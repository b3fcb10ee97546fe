using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;

namespace PartyPortal.Features.Registers;

public sealed partial class RegistersPage
{
    private static readonly RegisterKind[] Kinds =
    [
        RegisterKind.Honour, RegisterKind.ServiceCircle, RegisterKind.VolunteerPoint,
        RegisterKind.VanguardTeam, RegisterKind.YouthCommandoTeam, RegisterKind.SecretaryStudio,
    ];

    private RegisterKind kind = RegisterKind.Honour;
    private IReadOnlyList<RegisterRow>? rows;
    private List<OrgUnitDto> units = [];
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private RegisterInput input = new();
    private int? unitId;
    private bool canManage;
    private bool adding;
    private bool busy;
    private string? refusal;
    private string? message;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        var manageable = await Access.UnitsAllowingAsync(user, Operation.ManageOrganisation);
        if (manageable.Count > 0)
        {
            var today = Clock.Today;
            units.AddRange((await Organisation.ListUnitsAsync(user)).Where(u => (u.ClosedOn is null || u.ClosedOn >= today) && manageable.Contains(u.Id)));
        }

        canManage = units.Count > 0;
        await LoadAsync(user);
    }

    private async Task LoadAsync(ClaimsPrincipal user)
    {
        try
        {
            rows = await Registers.ListAsync(user, kind);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    private async Task SelectKindAsync(RegisterKind value)
    {
        kind = value;
        adding = false;
        message = null;
        rows = null;
        await LoadAsync((await AuthState).User);
    }

    /// <summary>Another unit clears the member chosen: the picker searches within the unit.</summary>
    private void SelectUnit(int? value)
    {
        unitId = value;
        input.MemberId = null;
    }

    private string UnitName(int? id) => units.FirstOrDefault(u => u.Id == id)?.Name ?? "";

    private bool Has(string key) => errors.ContainsKey(key);

    private string? Of(string key) => errors.GetValueOrDefault(key);

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDay(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    private static string Dates(RegisterRow r) =>
        r.Kind == RegisterKind.Honour || r.EndsOn is null ? $"{r.StartsOn:yyyy-MM-dd}" : $"{r.StartsOn:yyyy-MM-dd} 至 {r.EndsOn:yyyy-MM-dd}";

    private string Status(RegisterRow r) => r.Kind == RegisterKind.Honour
        ? $"{r.HonourLevel?.Display()}{(r.IsCollective == true ? " · 集体" : r.IsCollective == false ? " · 个人" : "")}"
        : r.RunsOn(Clock.Today) ? "在运行" : "已停止";

    private void StartAdding()
    {
        input = new RegisterInput { Kind = kind, StartsOn = Clock.Today, OrgUnitId = unitId ?? 0 };
        errors = new Dictionary<string, string>();
        message = null;
        adding = true;
    }

    private async Task AddAsync()
    {
        input.Kind = kind;
        input.OrgUnitId = unitId ?? 0;
        if (await RunAsync(user => Registers.AddAsync(user, input)))
        {
            message = $"已新增{kind.Display()}“{input.Name?.Trim()}”。";
            adding = false;
        }
    }

    /// <summary>
    /// 停止运行 asks first, in the portal's one dated confirmation: the entry stops counting as running from that day,
    /// which cannot be taken back here. The dialog stays open with the server's reason when the day is refused.
    /// </summary>
    private async Task EndAsync(RegisterRow row)
    {
        message = null;
        adding = false;
        var today = Clock.Today;
        var ended = await Dialogs.ConfirmOnDayAsync(new DayConfirmation(
            $"停止运行{kind.Display()}",
            $"停止运行后，“{row.Name}”自停止日期起不再计为在运行的{kind.Display()}，不再计入此后的统计；此操作记入审计日志，不能在此撤销。",
            "停止日期", "停止运行", today, today, day => EndOnAsync(row, day))
        {
            Earliest = (row.StartsOn, "开始日期"),
        });
        if (ended is { } day)
        {
            message = $"{row.Name}已于{day:yyyy-MM-dd}停止运行。";
        }
    }

    /// <summary>The write behind the dialog; returns the reason it was refused, null when saved.</summary>
    private async Task<string?> EndOnAsync(RegisterRow row, DateOnly day)
    {
        if (!await RunAsync(user => Registers.EndAsync(user, row.Id, day)))
        {
            return refusal ?? string.Join(" ", errors.Values);
        }

        errors = new Dictionary<string, string>();
        return null;
    }

    /// <summary>Runs a write; on errors the form stays open with what was typed and the reasons beside the fields.</summary>
    private async Task<bool> RunAsync(Func<ClaimsPrincipal, Task<WriteResult>> write)
    {
        busy = true;
        try
        {
            var user = (await AuthState).User;
            var result = await write(user);
            errors = result.NotFound ? new Dictionary<string, string> { ["endsOn"] = "该条目不存在或已被删除。" } : result.Errors;
            if (!result.Succeeded)
            {
                return false;
            }

            rows = await Registers.ListAsync(user, kind);
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
}
