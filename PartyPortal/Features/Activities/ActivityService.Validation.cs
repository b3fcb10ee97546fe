using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Activities;

public sealed partial class ActivityService
{
    public const int TitleMax = 200;

    /// <summary>Per-entry attendance errors listed one by one; the rest are counted in one message.</summary>
    public const int ListedAttendanceErrors = 20;

    /// <summary>
    /// The rules of issue #4 after the one input policy (<see cref="InputRules"/>), the same for the form, the API and
    /// imports. Errors are keyed by the JSON field name.
    /// </summary>
    /// <param name="rolls">The rolls preloaded for a batch; null to read the roll from the database.</param>
    private async Task ValidateAsync(PortalDbContext db, ClaimsPrincipal user, ActivityInput input, ActivityKind kind, OrgUnit unit,
        Dictionary<string, string> errors, RollBook? rolls, CancellationToken ct)
    {
        var today = clock.Today;
        InputRules.Check(input, errors, clock);
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors["title"] = "请填写活动主题。";
        }
        else if (input.Title.Trim().Length > TitleMax)
        {
            errors.TryAdd("title", $"活动主题不超过{TitleMax}个字。");
        }

        if (input.Date is not { } date)
        {
            errors["date"] = "请填写活动日期。";
        }
        else if (InputRules.DateError(date, clock) is { } outside)
        {
            errors["date"] = outside;
        }
        else if (date > today)
        {
            errors["date"] = $"活动日期不能晚于今天（{today:yyyy-MM-dd}）：请在活动开展后再记录。";
        }
        else if (unit.FoundedOn is { } founded && date < founded)
        {
            errors["date"] = $"{unit.Name}成立于{founded:yyyy-MM-dd}，活动日期不能早于成立日期。";
        }
        else if (unit.ClosedOn is { } closed && date > closed)
        {
            errors["date"] = $"{unit.Name}已于{closed:yyyy-MM-dd}撤销，活动日期不能晚于撤销日期。";
        }

        if (kind.CountsQuantity)
        {
            if (input.Quantity is null or < 1)
            {
                errors["quantity"] = $"请填写数量（{kind.Unit.Display()}），至少为1。";
            }
        }
        else if (input.Quantity is not null and not 1)
        {
            errors["quantity"] = $"“{kind.Name}”按次记录，不填写数量。";
        }

        input.TrainingFor ??= [];
        if (input.TrainingFor.Count > Enum.GetValues<CadreLevel>().Length || input.TrainingFor.Distinct().Count() != input.TrainingFor.Count)
        {
            errors["trainingFor"] = "面向的干部层级有重复：每个层级只选一次。";
        }
        else if (kind.IsTraining)
        {
            if (input.OrganiserLevel is not { } level || !Enum.IsDefined(level))
            {
                errors["organiserLevel"] = "请选择培训的主办层级（省税务局、市税务局或县局）。";
            }

            if (input.TrainingFor.Count == 0)
            {
                errors["trainingFor"] = "请选择这次培训面向的干部层级（计入培训覆盖率）。";
            }
        }
        else if (input.OrganiserLevel is not null || input.TrainingFor.Count > 0)
        {
            errors["organiserLevel"] = $"“{kind.Name}”不是培训，不填写主办层级和面向层级。";
        }

        if (!string.IsNullOrWhiteSpace(input.Campaign) && !await db.Campaigns.AnyAsync(c => c.Code == input.Campaign, ct))
        {
            errors["campaign"] = $"没有代码为“{input.Campaign}”的专项主题。";
        }

        if (input.StudyTopicId is { } topic && !await db.StudyTopics.AnyAsync(t => t.Id == topic, ct))
        {
            errors["studyTopicId"] = "所选学习专题不存在。";
        }

        // A presenter outside the recorder's scope answers exactly as an unknown id: which ids exist elsewhere is not theirs to learn.
        if (input.PresenterMemberId is { } presenter
            && !await guard.AllowsMemberAsync(user, Operation.ReadActivities, presenter, input.Date ?? today, ct))
        {
            errors["presenterMemberId"] = $"编号为{presenter}的党员不在您可以选择的范围内：外单位的主讲人请填写姓名。";
        }

        if (input.SubjectMemberId is { } subject
            && !await guard.AllowsMemberAsync(user, Operation.ReadActivities, subject, input.Date ?? today, ct))
        {
            errors["subjectMemberId"] = $"编号为{subject}的党员不在您可以选择的范围内。";
        }

        foreach (var (field, text, max) in new[] { ("presenterName", input.PresenterName, 60), ("place", input.Place, 100), ("notes", input.Notes, 2000) })
        {
            if (text?.Trim().Length > max)
            {
                errors.TryAdd(field, $"不超过{max}个字，请精简后再保存。");
            }
        }

        if (input.Attendance.Count > 0)
        {
            if (!kind.TakesAttendance)
            {
                errors["attendance"] = $"“{kind.Name}”不记录出勤名单。";
            }
            else if (input.Date is { } day)
            {
                await ValidateAttendanceAsync(db, input, unit, day, errors, rolls, ct);
            }
        }
    }

    /// <summary>
    /// Attendees must be members of the unit (a branch, or any branch under a committee) on the day. The roll is read
    /// whole (a branch's is a few dozen ids) and the list checked against it in memory: a list longer than the roll
    /// is one error before any per-entry work, and an id off the roll gets the same answer whether it belongs to
    /// another branch or to nobody, without a name.
    /// </summary>
    private static async Task ValidateAttendanceAsync(PortalDbContext db, ActivityInput input, OrgUnit unit, DateOnly day, Dictionary<string, string> errors,
        RollBook? rolls, CancellationToken ct)
    {
        var roll = rolls is not null
            ? rolls.On(unit, day).Keys.ToHashSet()
            : (await RollQuery(db, unit, day).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        if (input.Attendance.Count > roll.Count)
        {
            errors["attendance"] = $"出勤名单有{input.Attendance.Count}人，多于{unit.Name}在{day:yyyy-MM-dd}的党员人数（{roll.Count}人）：请核对名单。";
            return;
        }

        var seen = new HashSet<int>();
        var unlisted = 0;
        for (var i = 0; i < input.Attendance.Count; i++)
        {
            var a = input.Attendance[i];
            var error = !seen.Add(a.MemberId) ? ("memberId", "同一名党员重复出现在出勤名单中。")
                : !roll.Contains(a.MemberId) ? ("memberId", $"编号为{a.MemberId}的党员在{day:yyyy-MM-dd}不是{unit.Name}的党员。")
                : !Enum.IsDefined(a.Status) ? ("status", "出勤状态应为出席、请假或缺席。")
                : default((string Field, string Message)?);
            if (error is not { } e)
            {
                continue;
            }

            if (errors.Count(k => k.Key.StartsWith("attendance[", StringComparison.Ordinal)) < ListedAttendanceErrors)
            {
                errors[$"attendance[{i}].{e.Field}"] = e.Message;
            }
            else
            {
                unlisted++;
            }
        }

        if (unlisted > 0)
        {
            errors["attendance"] = $"出勤名单中另有{unlisted}处错误未逐一列出：请核对后再保存。";
        }
    }

    /// <summary>The members of a unit on a day, by their branch history: a branch's own, or every branch's under a committee.</summary>
    internal static IQueryable<Member> RollQuery(PortalDbContext db, OrgUnit unit, DateOnly day)
    {
        var assignments = db.MemberAssignments.Where(a => a.From <= day && (a.To == null || a.To >= day));
        assignments = unit.IsBranch
            ? assignments.Where(a => a.OrgUnitId == unit.Id)
            : assignments.Where(a => a.OrgUnit!.Path.StartsWith(unit.Path));

        // "Id IN (the unit's assignments)", not "EXISTS an assignment of this member": SQLite starts the IN from the unit's
        // assignments (their index) and looks each member up by key, where the EXISTS probed every member of the bureau.
        var onRoll = assignments.Select(a => a.MemberId);
        return db.Members.Where(m => onRoll.Contains(m.Id));
    }

    /// <summary>Copies a valid input onto the activity, keeping make-up study already recorded for members who stay absent.</summary>
    private static async Task ApplyAsync(PortalDbContext db, Activity activity, ActivityInput input, ActivityKind kind, CancellationToken ct)
    {
        activity.KindId = kind.Id;
        activity.OrgUnitId = input.OrgUnitId;
        activity.Date = input.Date!.Value;
        activity.Title = input.Title!.Trim();
        activity.Quantity = kind.CountsQuantity ? input.Quantity!.Value : 1;
        activity.CampaignId = string.IsNullOrWhiteSpace(input.Campaign) ? null
            : await db.Campaigns.Where(c => c.Code == input.Campaign).Select(c => (int?)c.Id).SingleAsync(ct);
        activity.StudyTopicId = input.StudyTopicId;
        activity.PresenterMemberId = input.PresenterMemberId;
        activity.PresenterName = Clean(input.PresenterName);
        activity.SubjectMemberId = input.SubjectMemberId;
        activity.Place = Clean(input.Place);
        activity.Notes = Clean(input.Notes);
        activity.OrganiserLevel = kind.IsTraining ? input.OrganiserLevel : null;
        activity.TrainingFor = kind.IsTraining
            ? input.TrainingFor.Aggregate(CadreLevels.None, (all, l) => all | l switch
            {
                CadreLevel.Division => CadreLevels.Division,
                CadreLevel.Section => CadreLevels.Section,
                _ => CadreLevels.General,
            })
            : CadreLevels.None;

        // Update rows in place (the key is activity × member): make-up study stays with a member who stays absent.
        var wanted = input.Attendance.ToDictionary(a => a.MemberId, a => a.Status);
        foreach (var gone in activity.Attendance.Where(a => !wanted.ContainsKey(a.MemberId)).ToList())
        {
            activity.Attendance.Remove(gone);
        }

        foreach (var (memberId, status) in wanted)
        {
            var row = activity.Attendance.FirstOrDefault(a => a.MemberId == memberId);
            if (row is null)
            {
                activity.Attendance.Add(new Attendance { MemberId = memberId, Status = status });
                continue;
            }

            row.Status = status;
            if (status == AttendanceStatus.Present)
            {
                row.MadeUpOn = null;
                row.MakeUpNote = null;
            }
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>What the audit trail keeps of an activity.</summary>
    private static object Snapshot(Activity a, ActivityKind kind) => new
    {
        kind = kind.Code,
        orgUnitId = a.OrgUnitId,
        date = a.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        title = a.Title,
        quantity = a.Quantity,
        campaignId = a.CampaignId,
        studyTopicId = a.StudyTopicId,
        presenterMemberId = a.PresenterMemberId,
        presenterName = a.PresenterName,
        subjectMemberId = a.SubjectMemberId,
        place = a.Place,
        notes = a.Notes,
        organiserLevel = a.OrganiserLevel?.ToString(),
        trainingFor = a.TrainingFor.ToString(),
        attendance = a.Attendance.OrderBy(x => x.MemberId).Select(x => new { x.MemberId, status = x.Status.ToString() }).ToList(),
    };
}
