using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.Activities;

/// <summary>
/// Records, edits and deletes the ledger's activities. Every write is authorised on the org unit, validated
/// (zh-CN messages keyed by field; nothing saved on any error), saved with its audit entry in one
/// transaction, and only then announced on the change bus.
/// </summary>
public sealed partial class ActivityService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus)
{
    public const string What = "activity";

    public Task<ActivityResult> RecordAsync(ClaimsPrincipal user, ActivityInput input, CancellationToken ct = default) =>
        RecordAsync(user, input, idempotency: null, ct);

    /// <param name="idempotency">The API request's key, saved in the record's transaction: a second write under the same
    /// key (a concurrent retry) fails there and is answered <see cref="ActivityResult.KeyTaken"/>, with nothing written.</param>
    public async Task<ActivityResult> RecordAsync(ClaimsPrincipal user, ActivityInput input, IdempotencyClaim? idempotency, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (kind, unit, errors) = await CheckAsync(db, user, input, ct);
        if (errors.Count > 0)
        {
            return ActivityResult.Invalid(errors);
        }

        var activity = new Activity { Title = "", RecordedBy = user.UserName(), RecordedAt = clock.UtcNow };
        await ApplyAsync(db, activity, input, kind!, ct);
        var recorded = NewRecord.Of(activity, kind!);
        db.Activities.Add(activity);

        var unitId = unit!.Id;
        bus.Record(db, Changed(recorded.Footprint));
        try
        {
            await AuditTrail.SaveNewAsync(db, async () =>
            {
                await NewRecord.InsertAttendanceAsync(db, [recorded], ct);
                Audit(db, user, AuditActions.Create, activity, unitId, kind!.Restricted, after: recorded.AuditSnapshot);
                if (idempotency is not null)
                {
                    await IdempotencyKeys.AddAsync(db, idempotency, activity.Id, clock.UtcNow, ct);
                }
            }, ct);
        }
        catch (DbUpdateException) when (idempotency is not null)
        {
            // The unique (user, key) index refused the second of two concurrent writes; it rolled back whole.
            return ActivityResult.KeyTaken;
        }

        return new ActivityResult(new Dictionary<string, string>(), activity.Id, activity.Version);
    }

    /// <param name="expectedVersion">The version the editor started from; a different current version is a conflict.</param>
    public async Task<ActivityResult> UpdateAsync(ClaimsPrincipal user, int id, ActivityInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activity = await db.Activities.Include(a => a.Attendance).Include(a => a.Kind)
            .SingleOrDefaultAsync(a => a.Id == id && !a.IsDeleted, ct);
        if (activity is null)
        {
            return ActivityResult.Missing;
        }

        // A record the editor may not even read is not there for them; both the unit it was in and the unit it moves
        // to must be the editor's.
        if (!await guard.FindsAsync(user, ReadOperation(activity.Kind!), activity.OrgUnitId, ct))
        {
            return ActivityResult.Missing;
        }

        await guard.DemandAsync(user, WriteOperation(activity.Kind!), activity.OrgUnitId, ct);
        var (kind, unit, errors) = await CheckAsync(db, user, input, ct);
        if (errors.Count > 0)
        {
            return ActivityResult.Invalid(errors);
        }

        if (activity.Version != expectedVersion)
        {
            return ActivityResult.Stale;
        }

        var before = Snapshot(activity, activity.Kind!);
        var wasRestricted = activity.Kind!.Restricted;
        var counted = Footprint.Of(activity);
        await ApplyAsync(db, activity, input, kind!, ct);
        activity.UpdatedAt = clock.UtcNow;
        activity.Version = Guid.NewGuid();
        Audit(db, user, AuditActions.Update, activity, unit!.Id, wasRestricted || kind!.Restricted, before, Snapshot(activity, kind!));

        // Both sides: an attendee removed or a date moved out of a period changes figures the new record no longer names.
        bus.Record(db, Changed(counted, Footprint.Of(activity)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ActivityResult.Stale;
        }

        return new ActivityResult(new Dictionary<string, string>(), activity.Id, activity.Version);
    }

    /// <summary>Soft delete: the record stays for the audit trail and counts nowhere.</summary>
    public async Task<ActivityResult> DeleteAsync(ClaimsPrincipal user, int id, Guid? expectedVersion = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activity = await db.Activities.Include(a => a.Attendance).Include(a => a.Kind)
            .SingleOrDefaultAsync(a => a.Id == id && !a.IsDeleted, ct);
        if (activity is null)
        {
            return ActivityResult.Missing;
        }

        if (!await guard.FindsAsync(user, ReadOperation(activity.Kind!), activity.OrgUnitId, ct))
        {
            return ActivityResult.Missing;
        }

        await guard.DemandAsync(user, WriteOperation(activity.Kind!), activity.OrgUnitId, ct);
        if (expectedVersion is { } v && v != activity.Version)
        {
            return ActivityResult.Stale;
        }

        activity.IsDeleted = true;
        activity.DeletedAt = clock.UtcNow;
        activity.Version = Guid.NewGuid();
        Audit(db, user, AuditActions.Delete, activity, activity.OrgUnitId, activity.Kind!.Restricted, before: Snapshot(activity, activity.Kind!));
        bus.Record(db, Changed(Footprint.Of(activity)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ActivityResult.Stale;
        }

        return new ActivityResult(new Dictionary<string, string>(), activity.Id, activity.Version);
    }

    /// <summary>Make-up study (补学) for a member who was absent or excused.</summary>
    public async Task<ActivityResult> RecordMakeUpAsync(ClaimsPrincipal user, int activityId, int memberId, DateOnly madeUpOn, string? note, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activity = await db.Activities.Include(a => a.Kind).SingleOrDefaultAsync(a => a.Id == activityId && !a.IsDeleted, ct);
        if (activity is null)
        {
            return ActivityResult.Missing;
        }

        if (!await guard.FindsAsync(user, ReadOperation(activity.Kind!), activity.OrgUnitId, ct))
        {
            return ActivityResult.Missing;
        }

        await guard.DemandAsync(user, WriteOperation(activity.Kind!), activity.OrgUnitId, ct);
        var row = await db.Attendance.SingleOrDefaultAsync(a => a.ActivityId == activityId && a.MemberId == memberId, ct);
        var errors = new Dictionary<string, string>();
        InputRules.CheckText(errors, "note", note, multiline: true);
        if (row is null || row.Status == AttendanceStatus.Present)
        {
            errors["memberId"] = "只有缺席或请假的党员需要补学。";
        }
        else if (madeUpOn < activity.Date || madeUpOn > clock.Today)
        {
            errors["madeUpOn"] = $"补学日期应在活动日期（{activity.Date:yyyy-MM-dd}）之后、且不晚于今天。";
        }

        if (errors.Count > 0)
        {
            return ActivityResult.Invalid(errors);
        }

        row!.MadeUpOn = madeUpOn;
        row.MakeUpNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        activity.Version = Guid.NewGuid();
        if (activity.Kind!.Restricted)
        {
            audit.AddRestricted(db, user, AuditActions.Update, nameof(Attendance), $"{activityId}/{memberId}", activity.OrgUnitId);
        }
        else
        {
            audit.Add(db, user, AuditActions.Update, nameof(Attendance), $"{activityId}/{memberId}", activity.OrgUnitId,
                after: new { madeUpOn = madeUpOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note = row.MakeUpNote });
        }
        // Make-up study completes a topic whenever it is due: any period may move.
        bus.Record(db, new DataChanged([activity.OrgUnitId], What) { MemberIds = [memberId] });
        await db.SaveChangesAsync(ct);
        return new ActivityResult(new Dictionary<string, string>(), activity.Id, activity.Version);
    }

    /// <summary>
    /// Where a record counts: its unit, its attendees (counted in their home units) and its date. A record linked to a
    /// study topic counts wherever the topic is due, so it may move any period.
    /// </summary>
    private readonly record struct Footprint(int Unit, int[] Members, DateOnly Date, bool AnyPeriod)
    {
        public static Footprint Of(Activity a) => new(a.OrgUnitId, [.. a.Attendance.Select(x => x.MemberId)], a.Date, a.StudyTopicId is not null);
    }

    /// <summary>
    /// A new record about to be saved, its attendance taken out of what EF tracks. EF inserts and tracks rows one
    /// statement and one entry at a time: for a 主题党日's 20 attendees that cost more CPU, and more time holding
    /// SQLite's one write lock, than the rest of the write. The rows go in with one prepared statement
    /// (<see cref="BulkInsert"/>) once the record has its id, in the same transaction.
    /// </summary>
    private sealed record NewRecord(Activity Activity, ActivityKind Kind, List<Attendance> Attendance, Footprint Footprint, object AuditSnapshot)
    {
        /// <summary>Call after <see cref="ApplyAsync"/> and before the record is added to the context.</summary>
        public static NewRecord Of(Activity activity, ActivityKind kind)
        {
            var recorded = new NewRecord(activity, kind, [.. activity.Attendance], Footprint.Of(activity), ActivityService.Snapshot(activity, kind));
            activity.Attendance.Clear();
            return recorded;
        }

        public static Task InsertAttendanceAsync(PortalDbContext db, IReadOnlyCollection<NewRecord> records, CancellationToken ct)
        {
            foreach (var record in records)
            {
                record.Attendance.ForEach(row => row.ActivityId = record.Activity.Id);
            }

            return BulkInsert.InsertAsync(db, [.. records.SelectMany(r => r.Attendance)], ct);
        }
    }

    private static DataChanged Changed(params IEnumerable<Footprint> sides) =>
        new([.. sides.Select(s => s.Unit).Distinct()], What)
        {
            MemberIds = [.. sides.SelectMany(s => s.Members).Distinct()],
            Dates = sides.Any(s => s.AnyPeriod) ? [] : [.. sides.Select(s => s.Date).Distinct()],
        };

    /// <summary>The audit entry of an activity write: with its content, or for a restricted kind (either side of an edit) without.</summary>
    private void Audit(PortalDbContext db, ClaimsPrincipal user, string action, Activity activity, int unitId, bool restricted,
        object? before = null, object? after = null)
    {
        if (restricted)
        {
            audit.AddRestricted(db, user, action, nameof(Activity), Id(activity), unitId);
        }
        else
        {
            audit.Add(db, user, action, nameof(Activity), Id(activity), unitId, before, after);
        }
    }

    private static Operation ReadOperation(ActivityKind kind) => ReadOperation(kind.Restricted);

    private static Operation ReadOperation(bool restricted) =>
        restricted ? Operation.ReadDisciplineRecords : Operation.ReadActivities;

    private static Operation WriteOperation(ActivityKind? kind) =>
        kind?.Restricted == true ? Operation.RecordRestrictedActivity : Operation.RecordActivity;

    private static string MissingKind(string? code) =>
        string.IsNullOrWhiteSpace(code) ? "请选择活动类型。" : $"没有代码为“{code}”的活动类型。";

    private static string Id(Activity a) => a.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Finds the kind and unit, authorises the write on the unit, then validates everything else.</summary>
    private async Task<(ActivityKind? Kind, OrgUnit? Unit, Dictionary<string, string> Errors)> CheckAsync(
        PortalDbContext db, ClaimsPrincipal user, ActivityInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();

        // JSON and imports can send null where the form never does.
        input.Attendance ??= [];
        for (var i = 0; i < input.Attendance.Count; i++)
        {
            if (input.Attendance[i] is null)
            {
                errors[$"attendance[{i}]"] = "出勤名单中有空行。";
            }
        }

        input.Attendance.RemoveAll(a => a is null);
        var kind = string.IsNullOrWhiteSpace(input.KindCode) ? null
            : await db.ActivityKinds.AsNoTracking().SingleOrDefaultAsync(k => k.Code == input.KindCode && k.IsActive, ct);
        if (kind is null)
        {
            errors["kindCode"] = MissingKind(input.KindCode);
        }

        // Authorised before looked up: a unit outside the scope and one that does not exist are refused alike.
        await guard.DemandAsync(user, WriteOperation(kind), input.OrgUnitId, ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.OrgUnitId, ct);
        if (unit is null)
        {
            errors["orgUnitId"] = "请选择党组织。";
            return (kind, unit, errors);
        }

        if (kind is not null)
        {
            await ValidateAsync(db, user, input, kind, unit, errors, rolls: null, ct);
        }

        return (kind, unit, errors);
    }
}
