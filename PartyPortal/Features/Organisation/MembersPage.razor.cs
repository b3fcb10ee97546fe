using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;
using PartyPortal.Model;

namespace PartyPortal.Features.Organisation;

public sealed partial class MembersPage
{
    private List<OrgUnitDto>? branches;
    private IReadOnlyList<MemberRow>? rows;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private MemberInput input = new();
    private int selectedId;
    private bool canManage;
    private bool adding;
    private MemberRow? editing;
    private bool busy;
    private bool leaveLaterRolls; // confirmed in TransferAttendanceWarning: a back-dated transfer takes the member off later rolls
    private string? refusal;
    private string? message;
    private MemberRow? transferring;
    private int? targetId;
    private DateOnly? actionOn;
    private int rosterPage = 1;

    /// <summary>Errors that belong to no field of the member form.</summary>
    private static readonly string[] FormLevelKeys = ["orgUnitId", "memberId", "conflict"];

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>The branch shown, kept in the address so a reload or a bookmark keeps it.</summary>
    [SupplyParameterFromQuery(Name = "unit")]
    public int? UnitId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            var user = (await AuthState).User;
            if (branches is null)
            {
                var today = Clock.Today;
                branches = (await Organisation.ListUnitsAsync(user))
                    .Where(u => u.Type == OrgUnitType.Branch && (u.ClosedOn is null || u.ClosedOn >= today))
                    .ToList();
            }

            var chosen = branches.FirstOrDefault(b => b.Id == UnitId) ?? (branches.Count > 0 ? branches[0] : null);
            if (chosen is null || (rows is not null && chosen.Id == selectedId))
            {
                return;
            }

            selectedId = chosen.Id;
            CloseForm();
            transferring = null;
            rows = null;
            rosterPage = 1;
            canManage = await Access.AllowsAsync(user, Operation.ManageOrganisation, selectedId);
            rows = await Members.ListAsync(user, selectedId);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    private void SelectBranch(int id) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("unit", id));

    private string BranchName(int id) => branches?.FirstOrDefault(b => b.Id == id)?.Name ?? "";

    private bool Has(string key) => errors.ContainsKey(key);

    private string? Of(string key) => errors.GetValueOrDefault(key);

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDay(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    private void StartAdding()
    {
        input = new MemberInput { From = Clock.Today };
        errors = new Dictionary<string, string>();
        message = null;
        transferring = null;
        editing = null;
        adding = true;
    }

    /// <summary>The same form as adding, filled from the row; the version it carries makes a concurrent edit a conflict.</summary>
    private void StartEditing(MemberRow member)
    {
        input = new MemberInput
        {
            OrgUnitId = selectedId,
            Name = member.Name,
            Gender = member.Gender,
            BirthYear = member.BirthYear,
            CadreLevel = member.CadreLevel,
            AdministrativePost = member.AdministrativePost,
            Status = member.Status,
            JoinedPartyOn = member.JoinedPartyOn,
            Version = member.Version,
        };
        errors = new Dictionary<string, string>();
        message = null;
        transferring = null;
        editing = member;
        adding = true;
    }

    private void CloseForm()
    {
        adding = false;
        editing = null;
    }

    private void StartTransfer(MemberRow member)
    {
        transferring = member;
        targetId = null;
        actionOn = Clock.Today;
        errors = new Dictionary<string, string>();
        message = null;
        CloseForm();
    }

    private async Task SaveAsync()
    {
        input.OrgUnitId = selectedId;
        if (editing is { } member)
        {
            if (await RunAsync(user => Members.UpdateAsync(user, member.Id, input)))
            {
                message = $"已保存{input.Name?.Trim()}的信息。";
                CloseForm();
            }
        }
        else if (await RunAsync(user => Members.AddAsync(user, input)))
        {
            message = $"已新增党员{input.Name?.Trim()}。";
            CloseForm();
        }
    }

    /// <summary>
    /// 调转 is a small form (where to, from which day, and the warning of a back-dated move); pressing 调转 still asks
    /// in the one confirmation before the member leaves this branch's roll.
    /// </summary>
    private async Task TransferAsync()
    {
        var member = transferring!;
        var errorsBefore = new Dictionary<string, string>();
        if (actionOn is null)
        {
            errorsBefore["on"] = "请选择日期。";
        }

        if (targetId is null)
        {
            errorsBefore["toBranchId"] = "请选择要调入的党支部。";
        }

        errors = errorsBefore;
        if (errorsBefore.Count > 0)
        {
            return;
        }

        var (day, target) = (actionOn!.Value, targetId!.Value);
        if (!await Dialogs.ConfirmAsync(
                $"调转{member.Name}",
                $"调转后，{member.Name}自{day:yyyy-MM-dd}起编入{BranchName(target)}，不再是{BranchName(selectedId)}的在册党员，此后的出勤和统计计入新支部；此操作记入审计日志。",
                "调转"))
        {
            return;
        }

        if (await RunAsync(user => Members.TransferAsync(user, member.Id, target, day, leaveLaterRolls)))
        {
            message = $"{member.Name}已于{day:yyyy-MM-dd}调入{BranchName(target)}。";
            transferring = null;
        }
    }

    /// <summary>离退 asks first, in the portal's one dated confirmation; the dialog keeps the server's reason for a refused day.</summary>
    private async Task RetireAsync(MemberRow member)
    {
        message = null;
        transferring = null;
        CloseForm();
        var today = Clock.Today;
        var retired = await Dialogs.ConfirmOnDayAsync(new DayConfirmation(
            $"{member.Name}离退",
            $"离退后，{member.Name}不再是{BranchName(selectedId)}的在册党员，离退日期之后不再计入出勤和各项统计；此操作记入审计日志，不能在此撤销。",
            "离退日期", "离退", today, today, day => RetireOnAsync(member, day)));
        if (retired is { } on)
        {
            message = $"{member.Name}已于{on:yyyy-MM-dd}离退。";
        }
    }

    /// <summary>The write behind the dialog; returns the reason it was refused, null when saved.</summary>
    private async Task<string?> RetireOnAsync(MemberRow member, DateOnly day)
    {
        if (!await RunAsync(user => Members.RetireAsync(user, member.Id, day)))
        {
            return refusal ?? string.Join(" ", errors.Values);
        }

        errors = new Dictionary<string, string>();
        return null;
    }

    /// <summary>Runs a write; on errors the form stays open with what was typed and the reasons beside the fields.</summary>
    private async Task<bool> RunAsync(Func<System.Security.Claims.ClaimsPrincipal, Task<WriteResult>> write)
    {
        busy = true;
        try
        {
            var user = (await AuthState).User;
            var result = await write(user);
            if (result.NotFound)
            {
                errors = new Dictionary<string, string> { ["memberId"] = "该党员不存在。" };
                return false;
            }

            if (result.Conflict)
            {
                // The list is read again so that reopening the form starts from what the other person saved.
                errors = new Dictionary<string, string> { ["conflict"] = "该党员的信息已被他人修改，本次未保存。您填写的内容仍在表单中；请取消后重新点“编辑”，核对后再保存。" };
                rows = await Members.ListAsync(user, selectedId);
                return false;
            }

            errors = result.Errors;
            if (!result.Succeeded)
            {
                return false;
            }

            rows = await Members.ListAsync(user, selectedId);
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
