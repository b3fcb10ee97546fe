using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Supervision;

public sealed partial class DisciplinePage
{
    private List<Period> periods = [];
    private Period period;
    private IReadOnlyList<DisciplineAggregateRow>? aggregates;
    private IReadOnlyList<DisciplineRecordRow>? records;
    private IReadOnlySet<int> writable = new HashSet<int>();
    private List<OrgUnitDto> writableUnits = [];
    private bool canRead;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private DisciplineRecordInput input = new();
    private int? editingId;
    private bool editing;
    private bool busy;
    private string? refusal;
    private string? message;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var today = Clock.Today;
        period = Period.Containing(today, PeriodKind.HalfYear);
        for (var year = today.Year; year >= today.Year - 2; year--)
        {
            periods.AddRange([Period.HalfYear(year, 1), Period.HalfYear(year, 2), Period.OfYear(year)]);
        }

        periods.RemoveAll(p => p.Start > today);
        try
        {
            var user = (await AuthState).User;
            canRead = (await Access.UnitsAllowingAsync(user, Operation.ReadDisciplineRecords)).Count > 0;
            writable = await Access.UnitsAllowingAsync(user, Operation.WriteDisciplineRecords);
            if (writable.Count > 0)
            {
                writableUnits = (await Organisation.ListUnitsAsync(user)).Where(u => writable.Contains(u.Id)).ToList();
            }

            await LoadAsync(user);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    private async Task LoadAsync(ClaimsPrincipal user)
    {
        aggregates = await Discipline.AggregatesAsync(user, period);
        records = canRead ? await Discipline.ListAsync(user, period) : null;
    }

    private async Task SelectPeriodAsync(Period value)
    {
        period = value;
        await RunAsync(LoadAsync);
    }

    private void StartAdding()
    {
        input = new DisciplineRecordInput { Date = Clock.Today, OrgUnitId = writableUnits.Count == 1 ? writableUnits[0].Id : 0 };
        Open(null);
    }

    private void StartEditing(DisciplineRecordRow r)
    {
        input = new DisciplineRecordInput
        {
            Type = r.Type, OrgUnitId = r.OrgUnitId, Date = r.Date, Reference = r.Reference, Summary = r.Summary, Form = r.Form, PersonTimes = r.PersonTimes,
        };
        Open(r.Id);
    }

    private void Open(int? id)
    {
        editingId = id;
        errors = new Dictionary<string, string>();
        message = null;
        editing = true;
    }

    /// <summary>Saves; on errors the form stays open with what was typed and the reasons beside the fields.</summary>
    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            await RunAsync(async user =>
            {
                var result = editingId is { } id ? await Discipline.UpdateAsync(user, id, input) : await Discipline.CreateAsync(user, input);
                errors = result.NotFound ? new Dictionary<string, string> { ["summary"] = "该记录已被删除。" } : result.Errors;
                if (!result.Succeeded)
                {
                    return;
                }

                message = editingId is null ? "已登记。" : "已修改。";
                editing = false;
                await LoadAsync(user);
            });
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DeleteAsync(DisciplineRecordRow row)
    {
        if (!await Dialogs.ConfirmAsync("删除纪检记录",
                $"将删除{Day(row.Date)}{row.UnitName}的{row.Type.Display()}记录“{row.Summary}”。删除后，汇总数随之减少，页面上无法恢复；审计日志保留删除前的内容。",
                "删除"))
        {
            return;
        }

        busy = true;
        try
        {
            await RunAsync(async user =>
            {
                await Discipline.DeleteAsync(user, row.Id);
                message = $"已删除{Day(row.Date)}的{row.Type.Display()}记录。";
                await LoadAsync(user);
            });
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
