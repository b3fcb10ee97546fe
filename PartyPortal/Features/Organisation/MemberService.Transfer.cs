using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Organisation;

/// <summary>An activity of the member's old branch, dated on or after a transfer, at which their attendance is recorded.</summary>
public sealed record LaterAttendance(int ActivityId, DateOnly Date, string Title, AttendanceStatus Status);

public sealed partial class MemberService
{
    /// <summary>How many of the activities a warning names; the count says how many there are in all.</summary>
    public const int WarningListLength = 5;

    /// <summary>
    /// The old branch's records from <paramref name="on"/> on that list the member: a transfer from that day takes
    /// them off those rolls, so the form warns before it is saved.
    /// </summary>
    public async Task<IReadOnlyList<LaterAttendance>> LaterAttendanceAsync(ClaimsPrincipal user, int memberId, DateOnly on, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return [];
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, member.OrgUnitId, ct);
        return await LaterAttendanceAsync(db, member.Id, member.OrgUnitId, on, ct);
    }

    /// <summary>The warning a back-dated transfer gives, naming the activities and saying what confirming does.</summary>
    public static string LaterAttendanceWarning(string memberName, DateOnly on, IReadOnlyList<LaterAttendance> later)
    {
        ArgumentNullException.ThrowIfNull(later);
        var named = string.Join("、", later.Take(WarningListLength).Select(a => $"{Day(a.Date)}“{a.Title}”"));
        var more = later.Count > WarningListLength ? "等" : "";
        return $"{memberName}在原支部{Day(on)}及以后的{later.Count}次活动中有出勤登记：{named}{more}。"
            + $"调转日起{memberName}不再属于原支部，确认后将从这些活动的出勤名单中移出。";
    }

    /// <summary>The member leaves their branch at the end of the day before <paramref name="on"/> and belongs to the target from it.</summary>
    public Task<WriteResult> TransferAsync(ClaimsPrincipal user, int memberId, int toBranchId, DateOnly on, CancellationToken ct = default) =>
        TransferAsync(user, memberId, toBranchId, on, leaveLaterRolls: false, ct);

    /// <summary>
    /// As above; a transfer dated back past attendance recorded at the old branch is refused with a warning naming
    /// those activities unless <paramref name="leaveLaterRolls"/> confirms it, and then the member leaves those rolls
    /// (from the transfer day they belong to the new branch) in the same transaction as the transfer and its audit entry.
    /// </summary>
    public async Task<WriteResult> TransferAsync(ClaimsPrincipal user, int memberId, int toBranchId, DateOnly on, bool leaveLaterRolls, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.Include(m => m.Assignments).SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return WriteResult.Missing;
        }

        var fromBranchId = member.OrgUnitId;
        await guard.DemandAsync(user, Operation.ManageOrganisation, fromBranchId, ct);
        var errors = new Dictionary<string, string>();
        var target = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == toBranchId, ct);
        if (target is null || !target.IsBranch)
        {
            errors["toBranchId"] = "请选择要调入的党支部。";
        }
        else
        {
            await guard.DemandAsync(user, Operation.ManageOrganisation, target.Id, ct);
            if (target.Id == fromBranchId)
            {
                errors["toBranchId"] = $"{member.Name}已在{target.Name}，请选择另一个党支部。";
            }
            else
            {
                CheckBranchOpen(target, on, "toBranchId", errors);
            }
        }

        var current = Current(member);
        if (member.Status == MemberStatus.Retired || current is null)
        {
            errors["memberId"] = $"{member.Name}已离退，不能调转。";
        }
        else if (InputRules.DateError(on, clock) is { } outside)
        {
            errors["on"] = outside;
        }
        else if (on > clock.Today)
        {
            errors["on"] = $"调转日期不能晚于今天（{clock.Today:yyyy-MM-dd}）：请在调转生效后再登记。";
        }
        else if (on <= current.From)
        {
            errors["on"] = $"{member.Name}自{current.From:yyyy-MM-dd}起在本支部，调转日期应晚于该日。";
        }

        var later = errors.ContainsKey("on") ? [] : await LaterAttendanceAsync(db, member.Id, fromBranchId, on, ct);
        if (later.Count > 0 && !leaveLaterRolls)
        {
            errors["on"] = LaterAttendanceWarning(member.Name, on, later) + "请确认后再调转，或改选调转日期。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        current!.To = on.AddDays(-1);
        member.Assignments.Add(new MemberAssignment { OrgUnitId = toBranchId, From = on });
        member.OrgUnitId = toBranchId;
        member.Version = Guid.NewGuid();
        await LeaveRollsAsync(db, member.Id, later, ct);
        audit.Add(db, user, AuditActions.Update, nameof(Member), Id(member), toBranchId,
            before: new { orgUnitId = fromBranchId },
            after: new
            {
                orgUnitId = toBranchId,
                on = Day(on),
                // Ids, dates and statuses only: a restricted record's title never enters the trail.
                leftRolls = later.Select(a => new { activityId = a.ActivityId, date = Day(a.Date), status = a.Status.ToString() }).ToList(),
            });
        bus.Record(db, new DataChanged([fromBranchId, toBranchId], What) { MemberIds = [member.Id] });
        await db.SaveChangesAsync(ct);
        return new WriteResult(new Dictionary<string, string>(), member.Id);
    }

    /// <summary>Removes the member's attendance rows; each record's version moves, so a form opened before it is not saved over it.</summary>
    private static async Task LeaveRollsAsync(PortalDbContext db, int memberId, IReadOnlyList<LaterAttendance> later, CancellationToken ct)
    {
        if (later.Count == 0)
        {
            return;
        }

        var ids = later.Select(a => a.ActivityId).ToList();
        db.Attendance.RemoveRange(await db.Attendance.Where(a => a.MemberId == memberId && ids.Contains(a.ActivityId)).ToListAsync(ct));
        foreach (var activity in await db.Activities.Where(a => ids.Contains(a.Id)).ToListAsync(ct))
        {
            activity.Version = Guid.NewGuid();
        }
    }

    private static async Task<IReadOnlyList<LaterAttendance>> LaterAttendanceAsync(PortalDbContext db, int memberId, int branchId, DateOnly on, CancellationToken ct) =>
        await db.Attendance.AsNoTracking()
            .Where(a => a.MemberId == memberId && a.Activity!.OrgUnitId == branchId && !a.Activity.IsDeleted && a.Activity.Date >= on)
            .OrderBy(a => a.Activity!.Date).ThenBy(a => a.ActivityId)
            // A discipline-restricted record is named by its kind only: PartyOffice does not read those records.
            .Select(a => new LaterAttendance(a.ActivityId, a.Activity!.Date, a.Activity.Kind!.Restricted ? "纪检工作记录" : a.Activity.Title, a.Status))
            .ToListAsync(ct);
}
