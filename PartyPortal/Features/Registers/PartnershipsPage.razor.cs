using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;

namespace PartyPortal.Features.Registers;

public sealed partial class PartnershipsPage
{
    private IReadOnlyList<PartnershipRow>? rows;
    private PartnershipType? type;
    private IReadOnlySet<int> manageable = new HashSet<int>();
    private List<OrgUnitDto> branches = [];
    private IReadOnlyList<OrgUnitDto> partnerUnits = [];
    private IReadOnlyList<OutsideOrganisationDto> organisations = [];
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private PartnershipInput input = new();
    private bool adding;
    private bool busy;
    private string? refusal;
    private string? message;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await RunAsync(async user =>
        {
            manageable = await Access.UnitsAllowingAsync(user, Operation.ManagePartnerships);
            if (manageable.Count > 0)
            {
                partnerUnits = await Partnerships.PartnerUnitsAsync(user);
                branches = partnerUnits.Where(u => u.Type == OrgUnitType.Branch && manageable.Contains(u.Id)).ToList();
            }

            rows = await Partnerships.ListAsync(user, type);
        });
    }

    private async Task SelectTypeAsync(PartnershipType? value)
    {
        type = value;
        rows = null;
        await RunAsync(async user => rows = await Partnerships.ListAsync(user, type));
    }

    private static string Dates(PartnershipRow r) =>
        r.EndsOn is null ? $"{r.StartsOn:yyyy-MM-dd} 起" : $"{r.StartsOn:yyyy-MM-dd} 至 {r.EndsOn:yyyy-MM-dd}";

    private async Task StartAddingAsync()
    {
        await RunAsync(async user => organisations = await Partnerships.OutsideOrganisationsAsync(user));
        input = new PartnershipInput { Type = type ?? PartnershipType.CoBuilding, StartsOn = Clock.Today, OrgUnitId = branches.Count == 1 ? branches[0].Id : 0 };
        errors = new Dictionary<string, string>();
        message = null;
        adding = true;
    }

    private async Task AddAsync()
    {
        if (await WriteAsync(user => Partnerships.AddAsync(user, input)))
        {
            message = "已新增结对共建。";
            adding = false;
        }
    }

    /// <summary>
    /// 结束共建 asks first, in the portal's one dated confirmation; the dialog stays open with the server's reason when
    /// the day is refused.
    /// </summary>
    private async Task EndAsync(PartnershipRow row)
    {
        message = null;
        adding = false;
        var today = Clock.Today;
        var ended = await Dialogs.ConfirmOnDayAsync(new DayConfirmation(
            "结束共建",
            $"结束后，{row.UnitName}与{row.PartnerName}的{row.Type.Display()}自结束日期起不再计为进行中，不再计入此后的统计；此操作记入审计日志，不能在此撤销。",
            "结束日期", "结束共建", today, today, day => EndOnAsync(row, day))
        {
            Earliest = (row.StartsOn, "开始日期"),
        });
        if (ended is { } day)
        {
            message = $"{row.UnitName}与{row.PartnerName}的共建已于{day:yyyy-MM-dd}结束。";
        }
    }

    /// <summary>The write behind the dialog; returns the reason it was refused, null when saved.</summary>
    private async Task<string?> EndOnAsync(PartnershipRow row, DateOnly day)
    {
        if (!await WriteAsync(user => Partnerships.EndAsync(user, row.Id, day)))
        {
            return refusal ?? string.Join(" ", errors.Values);
        }

        errors = new Dictionary<string, string>();
        return null;
    }

    /// <summary>Runs a write; on errors the form stays open with what was typed and the reasons beside the fields.</summary>
    private async Task<bool> WriteAsync(Func<ClaimsPrincipal, Task<WriteResult>> write)
    {
        busy = true;
        try
        {
            var ok = false;
            await RunAsync(async user =>
            {
                var result = await write(user);
                errors = result.NotFound ? new Dictionary<string, string> { ["endsOn"] = "该共建不存在。" } : result.Errors;
                ok = result.Succeeded;
                if (ok)
                {
                    rows = await Partnerships.ListAsync(user, type);
                }
            });
            return ok;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RunAsync(Func<ClaimsPrincipal, Task> action)
    {
        try
        {
            await action((await AuthState).User);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }
}
