using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.Activities;

public sealed partial class ActivityService
{
    /// <summary>How many inputs are checked between two progress reports.</summary>
    public const int BatchStep = 50;

    /// <summary>
    /// Records many activities at once (imports): every input is checked by the rules of <see cref="RecordAsync"/>
    /// (<see cref="ValidateAsync"/>), and only when all are valid are they all saved, each with its audit entry, in one
    /// transaction, then announced once for every unit touched. A unit outside the user's scope is an error of its input, not an exception.
    /// </summary>
    /// <param name="checkOnly">The caller already knows of an error (a cell it could not read): check every input, write nothing.</param>
    /// <param name="progress">Receives the number of inputs checked so far, every <see cref="BatchStep"/> inputs.</param>
    public async Task<BatchWriteResult> RecordManyAsync(ClaimsPrincipal user, IReadOnlyList<ActivityInput> inputs,
        bool checkOnly = false, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var kinds = await db.ActivityKinds.AsNoTracking().Where(k => k.IsActive).ToDictionaryAsync(k => k.Code, ct);
        var unitIds = inputs.Select(i => i.OrgUnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var allowed = new Dictionary<Operation, IReadOnlySet<int>>
        {
            [Operation.RecordActivity] = await guard.UnitsAllowingAsync(user, Operation.RecordActivity, ct),
            [Operation.RecordRestrictedActivity] = await guard.UnitsAllowingAsync(user, Operation.RecordRestrictedActivity, ct),
        };

        var rolls = inputs.Any(i => i.Attendance?.Count > 0) ? await RollBook.LoadAsync(db, [.. units.Values], ct) : null;
        var recorded = await RecordedAsync(db, inputs, ct);
        var refused = new HashSet<(int, Operation)>();
        var errors = new List<IReadOnlyDictionary<string, string>>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var rowErrors = new Dictionary<string, string>();
            errors.Add(rowErrors);
            var input = inputs[i];
            input.Attendance ??= [];
            var kind = kinds.GetValueOrDefault(input.KindCode ?? "");
            if (kind is null)
            {
                rowErrors["kindCode"] = MissingKind(input.KindCode);
            }

            var operation = WriteOperation(kind);
            if (!units.TryGetValue(input.OrgUnitId, out var unit))
            {
                rowErrors["orgUnitId"] = "请选择党组织。";
            }
            else if (!allowed[operation].Contains(unit.Id))
            {
                rowErrors["orgUnitId"] = AuditedRefusals.Message(operation, unit.Name);
                refused.Add((unit.Id, operation));
            }
            else if (kind is not null)
            {
                await ValidateAsync(db, user, input, kind, unit, rowErrors, rolls, ct);
                if (!rowErrors.ContainsKey("title") && !rowErrors.ContainsKey("date") && recorded.Contains((kind.Id, unit.Id, input.Date!.Value, input.Title!.Trim())))
                {
                    rowErrors["title"] = $"{unit.Name}在{input.Date:yyyy-MM-dd}已有同类型、同主题的活动记录：可能是重复导入。";
                }
            }

            if ((i + 1) % BatchStep == 0 || i == inputs.Count - 1)
            {
                progress?.Report(i + 1);
            }
        }

        await guard.AuditRefusalsAsync(user, refused, ct);
        if (checkOnly || errors.Any(e => e.Count > 0) || inputs.Count == 0)
        {
            return BatchWriteResult.Refused(errors);
        }

        var added = new List<NewRecord>(inputs.Count);
        foreach (var input in inputs)
        {
            var kind = kinds[input.KindCode!];
            var activity = new Activity { Title = "", RecordedBy = user.UserName(), RecordedAt = clock.UtcNow };
            await ApplyAsync(db, activity, input, kind, ct);
            added.Add(NewRecord.Of(activity, kind));
            db.Activities.Add(activity);
        }

        if (added.Count > 0)
        {
            bus.Record(db, Changed(added.Select(a => a.Footprint)));
        }

        await AuditTrail.SaveNewAsync(db, async () =>
        {
            await NewRecord.InsertAttendanceAsync(db, added, ct);
            foreach (var (activity, kind, _, _, snapshot) in added)
            {
                Audit(db, user, AuditActions.Create, activity, activity.OrgUnitId, kind.Restricted, after: snapshot);
            }
        }, ct);

        return new BatchWriteResult(errors, added.Select(a => a.Activity.Id).ToList());
    }

    /// <summary>
    /// What the units already have on the days of the batch. One form save is one deliberate record; a file imported
    /// twice would double the ledger without this check.
    /// </summary>
    private static async Task<HashSet<(int KindId, int OrgUnitId, DateOnly Date, string Title)>> RecordedAsync(
        Data.PortalDbContext db, IReadOnlyList<ActivityInput> inputs, CancellationToken ct)
    {
        var days = inputs.Where(i => i.Date is not null).Select(i => i.Date!.Value).ToList();
        if (days.Count == 0)
        {
            return [];
        }

        var (first, last) = (days.Min(), days.Max());
        var units = inputs.Select(i => i.OrgUnitId).Distinct().ToList();
        var rows = await db.LiveActivities.AsNoTracking()
            .Where(a => units.Contains(a.OrgUnitId) && a.Date >= first && a.Date <= last)
            .Select(a => new { a.KindId, a.OrgUnitId, a.Date, a.Title })
            .ToListAsync(ct);
        return rows.Select(a => (a.KindId, a.OrgUnitId, a.Date, a.Title)).ToHashSet();
    }
}
