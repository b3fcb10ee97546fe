using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using PartyPortal.Access;
using PartyPortal.Model;

namespace PartyPortal.Features.Activities;

/// <summary>
/// Records a new activity for a unit (from the workspace's one-click 记录: the kind, the date — today, or a day of
/// the period an overdue item was due for — a title and that month's study guide are filled in, everyone is
/// present), or edits one. What was typed stays in the form whatever the server says, and whatever day is chosen.
/// </summary>
public partial class RecordActivityPage
{
    private readonly ActivityInput input = new();
    private ActivityFormOptions? options;
    private IReadOnlyList<RollMember> roll = [];
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? refusal;
    private string? dateError;
    private string? presenterName;
    private string? subjectName;

    // Every mark made while the form is open, by member: a member off the roll of another day gets theirs back
    // when the date returns to a day they belonged.
    private readonly Dictionary<int, AttendanceStatus> marks = [];

    // What the prefill wrote: while the field still holds it, it follows the date; once typed over, it is the user's.
    private string? prefilledTitle;
    private int? prefilledTopicId;
    private bool conflict;
    private bool saving;
    private Guid version;
    private ElementReference form;
    private IJSObjectReference? errorsModule;
    private bool showFirstError;

    public const string ErrorsModulePath = "./js/form-errors.js";

    [Parameter] public int? Id { get; set; }

    [SupplyParameterFromQuery(Name = "unit")] public int? UnitId { get; set; }

    [SupplyParameterFromQuery(Name = "kind")] public string? KindCode { get; set; }

    /// <summary>The day to start from (yyyy-MM-dd), e.g. the last day of the period an overdue item was due for.</summary>
    [SupplyParameterFromQuery(Name = "date")] public string? StartDate { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var user = (await AuthState).User;
            if (Id is { } id)
            {
                var existing = await Activities.GetAsync(user, id);
                if (existing is null)
                {
                    refusal = "该活动不存在或已删除。";
                    return;
                }

                Fill(existing);
            }
            else if (UnitId is { } unit)
            {
                input.OrgUnitId = unit;
                input.Date = StartingDay();
            }
            else
            {
                refusal = "请从工作台选择要记录的支部，再点“记录”。";
                return;
            }

            options = await Activities.GetFormOptionsAsync(user, input.OrgUnitId);
            if (Id is null)
            {
                Prefill(options.Kinds.FirstOrDefault(k => k.Code == KindCode));
            }

            await LoadRollAsync();
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    /// <summary>The day asked for in the address when it is a real day not after today; otherwise today.</summary>
    private DateOnly StartingDay() =>
        DateOnly.TryParseExact(StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && day <= Clock.Today && InputRules.DateError(day, Clock) is null
            ? day
            : Clock.Today;

    /// <summary>Sensible defaults for a new record of the kind, so a usual meeting takes a few clicks.</summary>
    private void Prefill(ActivityKind? kind)
    {
        if (kind is null)
        {
            return;
        }

        input.KindCode = kind.Code;
        input.Quantity = kind.CountsQuantity ? null : 1;
        FollowDate(kind, input.Date ?? Clock.Today);
    }

    /// <summary>The title and study guide of the record's day, where they are still the prefill's.</summary>
    private void FollowDate(ActivityKind kind, DateOnly day)
    {
        if (input.Title == prefilledTitle)
        {
            input.Title = prefilledTitle = kind.RequirementPeriod switch
            {
                RequirementPeriod.Month => $"{day.Month}月{kind.Name}",
                RequirementPeriod.Quarter => $"{Period.Containing(day, PeriodKind.Quarter).Label}{kind.Name}",
                RequirementPeriod.Year => $"{day.Year}年度{kind.Name}",
                _ => kind.Name,
            };
        }

        if (input.StudyTopicId == prefilledTopicId)
        {
            input.StudyTopicId = prefilledTopicId = kind.TakesAttendance
                ? options!.StudyTopics.FirstOrDefault(t => t.PublishedOn <= day && t.DueOn >= day && t.Audience == StudyAudience.AllMembers)?.Id
                : null;
        }
    }

    /// <summary>The date field: a new day moves the roll, and the title and guide the user has not changed.</summary>
    private async Task DateChangedAsync()
    {
        if (Id is null && input.Date is { } day && options!.Kinds.FirstOrDefault(k => k.Code == input.KindCode) is { } kind)
        {
            FollowDate(kind, day);
        }

        await LoadRollAsync();
    }

    private void Fill(ActivityView a)
    {
        version = a.Version;
        input.KindCode = a.KindCode;
        input.OrgUnitId = a.OrgUnitId;
        input.Date = a.Date;
        input.Title = a.Title;
        input.Quantity = a.Quantity;
        input.Campaign = a.Campaign;
        input.StudyTopicId = a.StudyTopicId;
        input.PresenterMemberId = a.PresenterMemberId;
        input.PresenterName = a.PresenterName;
        input.SubjectMemberId = a.SubjectMemberId;
        presenterName = a.PresenterMemberName;
        subjectName = a.SubjectMemberName;
        input.Place = a.Place;
        input.Notes = a.Notes;
        input.OrganiserLevel = a.OrganiserLevel;
        input.TrainingFor = [.. a.TrainingFor];
        input.Attendance = a.Attendance.Select(x => new AttendanceInput { MemberId = x.MemberId, Status = x.Status }).ToList();
    }

    /// <summary>The roll follows the date: who belonged to the branch that day.</summary>
    private async Task LoadRollAsync()
    {
        if (input.Date is not { } day || options is null)
        {
            return;
        }

        roll = await Activities.GetRollAsync((await AuthState).User, input.OrgUnitId, day);
        var kind = options.Kinds.FirstOrDefault(k => k.Code == input.KindCode);
        if (Id is null && kind?.TakesAttendance == true && options.Unit.IsBranch)
        {
            // A branch's new record starts with everyone present; the secretary marks who was not. A committee's
            // roll is hundreds of people: its attendees are added by cadre level in the checklist instead.
            foreach (var row in input.Attendance)
            {
                marks[row.MemberId] = row.Status;
            }

            input.Attendance = roll.Select(m => new AttendanceInput { MemberId = m.Id, Status = marks.GetValueOrDefault(m.Id, AttendanceStatus.Present) }).ToList();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!showFirstError)
        {
            return;
        }

        showFirstError = false;
        try
        {
            errorsModule ??= await JS.InvokeAsync<IJSObjectReference>("import", ErrorsModulePath);
            await errorsModule.InvokeVoidAsync("focusFirstError", form);
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away between the save and this render: there is no screen to scroll.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (errorsModule is not null)
        {
            try
            {
                await errorsModule.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // Disposal after the circuit closed: the browser side is already gone.
            }
        }

        GC.SuppressFinalize(this);
    }

    private async Task SaveAsync()
    {
        conflict = false;
        if (dateError is not null)
        {
            // The field holds text that is no day: saving would record some other date, or none.
            errors = new Dictionary<string, string> { ["date"] = dateError };
            showFirstError = true;
            return;
        }

        saving = true;
        try
        {
            var user = (await AuthState).User;
            var kind = options!.Kinds.FirstOrDefault(k => k.Code == input.KindCode);
            if (kind is { TakesAttendance: false })
            {
                input.Attendance = [];
            }

            var result = Id is { } id ? await Activities.UpdateAsync(user, id, input, version) : await Activities.RecordAsync(user, input);
            errors = result.Errors;
            conflict = result.Conflict;
            showFirstError = errors.Count > 0;
            if (result.Succeeded)
            {
                Snackbar.Add("已保存。", Severity.Success);
                Navigation.NavigateTo($"activities/{result.Id}");
            }
        }
        catch (AccessDeniedException e)
        {
            errors = new Dictionary<string, string> { ["orgUnitId"] = e.Message };
        }
        finally
        {
            saving = false;
        }
    }
}
