using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Activities;

/// <summary>One line of an activity list.</summary>
public sealed record ActivitySummary(int Id, string KindCode, string KindName, int OrgUnitId, string OrgUnitName, DateOnly Date, string Title, int Quantity, string? Campaign);

/// <summary>A member on a unit's roll on a day, for the attendance checklist.</summary>
public sealed record RollMember(int Id, string Name, CadreLevel CadreLevel);

/// <summary>What the record form offers for a unit.</summary>
public sealed record ActivityFormOptions(
    OrgUnit Unit,
    IReadOnlyList<ActivityKind> Kinds,
    IReadOnlyList<Campaign> Campaigns,
    IReadOnlyList<StudyTopic> StudyTopics);

public sealed partial class ActivityService
{
    public async Task<ActivityView?> GetAsync(ClaimsPrincipal user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Only the columns the view shows: the API answers every write with this read (its 201), and loading the
        // record's kind, unit, topic and each attendee as whole entities was about a third of what a write allocated.
        var a = await db.Activities.AsNoTracking()
            .Where(x => x.Id == id && !x.IsDeleted)
            .Select(x => new
            {
                x.Id, x.OrgUnitId, x.Date, x.Title, x.Quantity, x.StudyTopicId, x.PresenterMemberId, x.PresenterName,
                x.SubjectMemberId, x.Place, x.Notes, x.Version, x.OrganiserLevel, x.TrainingFor,
                KindCode = x.Kind!.Code, KindName = x.Kind.Name, x.Kind.Restricted,
                UnitName = x.OrgUnit!.Name,
                Campaign = x.Campaign == null ? null : x.Campaign.Code,
                StudyTopicTitle = x.StudyTopic == null ? null : x.StudyTopic.Title,
                PresenterMemberName = x.PresenterMember == null ? null : x.PresenterMember.Name,
                SubjectMemberName = x.SubjectMember == null ? null : x.SubjectMember.Name,
                Attendance = x.Attendance.Select(t => new AttendanceView(t.MemberId, t.Member!.Name, t.Status, t.MadeUpOn)).ToList(),
            })
            // One query joins attendance to members over the whole ledger before it filters by id (0.4–0.6 s on
            // the demo bureau, measured by the load driver); split, each part is filtered first.
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
        if (a is null || !await guard.FindsAsync(user, ReadOperation(a.Restricted), a.OrgUnitId, ct))
        {
            return null;
        }

        return new ActivityView(
            a.Id, a.KindCode, a.KindName, a.OrgUnitId, a.UnitName, a.Date, a.Title, a.Quantity, a.Campaign,
            a.StudyTopicId, a.PresenterMemberId, a.PresenterName, a.Place, a.Notes, a.Version,
            [.. a.Attendance.OrderBy(x => x.MemberName, StringComparer.Ordinal)])
        {
            Restricted = a.Restricted,
            StudyTopicTitle = a.StudyTopicTitle,
            OrganiserLevel = a.OrganiserLevel,
            PresenterMemberName = a.PresenterMemberName,
            SubjectMemberId = a.SubjectMemberId,
            SubjectMemberName = a.SubjectMemberName,
            TrainingFor = Enum.GetValues<CadreLevel>().Where(l => a.TrainingFor.Includes(l)).ToList(),
        };
    }

    /// <summary>
    /// The activities of a unit's subtree (the whole bureau when null), newest first. Restricted kinds are
    /// listed only to those who may read discipline records there.
    /// </summary>
    public async Task<IReadOnlyList<ActivitySummary>> ListAsync(ClaimsPrincipal user, int? orgUnitId, string? kindCode, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        if (orgUnitId is { } id)
        {
            var withRestricted = await ListsRestrictedAsync(user, id, ct);
            return await ListInUnitAsync(id, withRestricted, kindCode, from, to, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.LiveActivities.AsNoTracking();
        bool restricted;
        if (await guard.AllowsAsync(user, Operation.ReadActivities))
        {
            restricted = await guard.AllowsAsync(user, Operation.ReadDisciplineRecords);
        }
        else
        {
            // No unit asked for and no bureau-wide view: everything the user's own scopes cover.
            var units = (await guard.UnitsAllowingAsync(user, Operation.ReadActivities, ct)).ToList();
            if (units.Count == 0)
            {
                await guard.DemandAsync(user, Operation.ReadActivities, null, ct);
            }

            restricted = false;
            query = query.Where(a => units.Contains(a.OrgUnitId));
        }

        return await SummariesAsync(Filtered(query, restricted, kindCode, from, to), ct);
    }

    /// <summary>
    /// Demands that the user may list the unit's activities and says whether the list includes restricted kinds (for
    /// those who may read discipline records there): what <see cref="ListInUnitAsync"/> is then asked for.
    /// </summary>
    public async Task<bool> ListsRestrictedAsync(ClaimsPrincipal user, int orgUnitId, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReadActivities, orgUnitId, ct);
        return await guard.AllowsAsync(user, Operation.ReadDisciplineRecords, orgUnitId);
    }

    /// <summary>
    /// The activities of a unit's subtree, newest first, restricted kinds included only when asked. It checks nobody:
    /// the caller has asked <see cref="ListsRestrictedAsync"/> for this user, so that one read can serve every
    /// reader who gets the same answer there (the 看板's shared drill reads).
    /// </summary>
    public async Task<IReadOnlyList<ActivitySummary>> ListInUnitAsync(int orgUnitId, bool withRestricted, string? kindCode, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var path = await db.OrgUnits.Where(u => u.Id == orgUnitId).Select(u => u.Path).SingleOrDefaultAsync(ct) ?? "/none/";
        var query = db.LiveActivities.AsNoTracking().Where(a => a.OrgUnit!.Path.StartsWith(path));
        return await SummariesAsync(Filtered(query, withRestricted, kindCode, from, to), ct);
    }

    private static IQueryable<Activity> Filtered(IQueryable<Activity> query, bool withRestricted, string? kindCode, DateOnly? from, DateOnly? to)
    {
        if (!withRestricted)
        {
            query = query.Where(a => !a.Kind!.Restricted);
        }

        if (!string.IsNullOrWhiteSpace(kindCode))
        {
            query = query.Where(a => a.Kind!.Code == kindCode);
        }

        if (from is { } f)
        {
            query = query.Where(a => a.Date >= f);
        }

        if (to is { } t)
        {
            query = query.Where(a => a.Date <= t);
        }

        return query;
    }

    private static async Task<IReadOnlyList<ActivitySummary>> SummariesAsync(IQueryable<Activity> query, CancellationToken ct) =>
        await query.OrderByDescending(a => a.Date).ThenByDescending(a => a.Id)
            .Select(a => new ActivitySummary(a.Id, a.Kind!.Code, a.Kind.Name, a.OrgUnitId, a.OrgUnit!.Name, a.Date, a.Title, a.Quantity, a.Campaign == null ? null : a.Campaign.Code))
            .ToListAsync(ct);

    /// <summary>The unit's members on the day, by their branch history, for the attendance checklist.</summary>
    public async Task<IReadOnlyList<RollMember>> GetRollAsync(ClaimsPrincipal user, int orgUnitId, DateOnly day, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReadActivities, orgUnitId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == orgUnitId, ct);
        var roll = await RollQuery(db, unit, day).AsNoTracking().Select(m => new RollMember(m.Id, m.Name, m.CadreLevel)).ToListAsync(ct);
        return roll.OrderByDescending(m => m.CadreLevel).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>How many candidates one attendee search returns: enough to pick from, few enough for a phone.</summary>
    public const int AttendeeSearchLimit = 20;

    /// <summary>
    /// Members on the unit's roll on the day whose name contains <paramref name="text"/>, for adding one attendee at a
    /// time to a committee's record (its roll is too long to tick); those already listed are left out.
    /// </summary>
    public async Task<IReadOnlyList<RollMember>> FindAttendeesAsync(ClaimsPrincipal user, int orgUnitId, DateOnly day, string? text,
        IReadOnlyCollection<int> alreadyListed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(alreadyListed);
        await guard.DemandAsync(user, Operation.ReadActivities, orgUnitId, ct);
        var needle = text?.Trim();
        if (string.IsNullOrEmpty(needle))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == orgUnitId, ct);
        var found = await RollQuery(db, unit, day).AsNoTracking()
            .Where(m => m.Name.Contains(needle) && !alreadyListed.Contains(m.Id))
            .OrderBy(m => m.Name).ThenBy(m => m.Id)
            .Take(AttendeeSearchLimit)
            .Select(m => new RollMember(m.Id, m.Name, m.CadreLevel))
            .ToListAsync(ct);
        return found;
    }

    /// <summary>The kinds the user may record for the unit (restricted ones only for Discipline), campaigns and recent study topics.</summary>
    public async Task<ActivityFormOptions> GetFormOptionsAsync(ClaimsPrincipal user, int orgUnitId, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReadActivities, orgUnitId, ct);
        var ordinary = await guard.AllowsAsync(user, Operation.RecordActivity, orgUnitId);
        var restricted = await guard.AllowsAsync(user, Operation.RecordRestrictedActivity, orgUnitId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == orgUnitId, ct);
        var kinds = await db.ActivityKinds.AsNoTracking().Where(k => k.IsActive).OrderBy(k => k.SortOrder).ToListAsync(ct);
        var since = clock.Today.AddMonths(-6);
        return new ActivityFormOptions(
            unit,
            kinds.Where(k => k.Restricted ? restricted : ordinary).ToList(),
            await db.Campaigns.AsNoTracking().Where(c => c.EndsOn == null || c.EndsOn >= since).OrderByDescending(c => c.StartsOn).ToListAsync(ct),
            await db.StudyTopics.AsNoTracking().Where(t => t.DueOn >= since && t.PublishedOn <= clock.Today).OrderByDescending(t => t.PublishedOn).ToListAsync(ct));
    }
}
