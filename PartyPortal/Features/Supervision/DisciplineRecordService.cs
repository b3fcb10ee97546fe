using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.Supervision;

/// <summary>
/// The discipline records (纪检监督: clues handled, cases opened, "four forms" dispositions, assistance to higher
/// levels). Rows are read and written only by Discipline in scope (<see cref="Operation.ReadDisciplineRecords"/>,
/// <see cref="Operation.WriteDisciplineRecords"/>); leaders and the party office get <see cref="AggregatesAsync"/>.
/// The audit trail, which the party office reads, keeps no summary or reference of a record: only what the
/// aggregates show anyway.
/// </summary>
public sealed class DisciplineRecordService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus)
{
    public const string What = "discipline-record";
    public const int ReferenceMax = 60;
    public const int SummaryMax = 1000;
    public const int PersonTimesMax = 999;

    /// <summary>The records dated in the period in the units where the user may read them, newest first.</summary>
    public async Task<IReadOnlyList<DisciplineRecordRow>> ListAsync(ClaimsPrincipal user, Period period, CancellationToken ct = default)
    {
        var units = (await UnitsOrRefuseAsync(user, Operation.ReadDisciplineRecords, ct)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.DisciplineRecords.AsNoTracking()
            .Where(d => units.Contains(d.OrgUnitId) && d.Date >= period.Start && d.Date <= period.End)
            .Select(d => new DisciplineRecordRow(d.Id, d.Type, d.OrgUnitId, d.OrgUnit!.Name, d.Date, d.Reference, d.Summary, d.Form, d.PersonTimes, d.RecordedBy))
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).ToList();
    }

    /// <summary>Counts per unit, type and form in the period, over the units where the user may read aggregates.</summary>
    public async Task<IReadOnlyList<DisciplineAggregateRow>> AggregatesAsync(ClaimsPrincipal user, Period period, CancellationToken ct = default)
    {
        var units = (await UnitsOrRefuseAsync(user, Operation.ReadDisciplineAggregates, ct)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await db.DisciplineRecords.AsNoTracking()
            .Where(d => units.Contains(d.OrgUnitId) && d.Date >= period.Start && d.Date <= period.End)
            .GroupBy(d => new { d.OrgUnitId, d.Type, d.Form })
            .Select(g => new { g.Key.OrgUnitId, g.Key.Type, g.Key.Form, Records = g.Count(), PersonTimes = g.Sum(d => d.PersonTimes) })
            .ToListAsync(ct);
        var ids = groups.Select(g => g.OrgUnitId).Distinct().ToList();
        var all = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var order = OrgPath.InTreeOrder(all).Select((x, i) => (x.Unit.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var names = all.Where(u => ids.Contains(u.Id)).ToDictionary(u => u.Id, u => u.Name);
        return groups
            .Select(g => new DisciplineAggregateRow(g.OrgUnitId, names[g.OrgUnitId], g.Type, g.Form, g.Records, g.PersonTimes))
            .OrderBy(r => order.GetValueOrDefault(r.OrgUnitId)).ThenBy(r => r.Type).ThenBy(r => r.Form)
            .ToList();
    }

    public async Task<WriteResult> CreateAsync(ClaimsPrincipal user, DisciplineRecordInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.OrgUnitId, ct);
        if (unit is not null)
        {
            await guard.DemandAsync(user, Operation.WriteDisciplineRecords, unit.Id, ct);
        }

        var errors = Validate(input, unit);
        if (unit is null || errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var record = new DisciplineRecord { Summary = "", RecordedBy = user.UserName(), RecordedAt = clock.UtcNow };
        Apply(record, input);
        db.DisciplineRecords.Add(record);

        bus.Record(db, new DataChanged([unit.Id], What));
        await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, AuditActions.Create, nameof(DisciplineRecord), Id(record), unit.Id, after: Snapshot(record)).Restricted = true, ct);
        return WriteResult.Done(record.Id);
    }

    /// <summary>Edits a record; moving it to another unit needs the right in both.</summary>
    public async Task<WriteResult> UpdateAsync(ClaimsPrincipal user, int id, DisciplineRecordInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.DisciplineRecords.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (record is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.WriteDisciplineRecords, record.OrgUnitId, ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.OrgUnitId, ct);
        if (unit is not null)
        {
            await guard.DemandAsync(user, Operation.WriteDisciplineRecords, unit.Id, ct);
        }

        var errors = Validate(input, unit);
        if (unit is null || errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var oldUnit = record.OrgUnitId;
        var before = Snapshot(record);
        Apply(record, input);
        audit.Add(db, user, AuditActions.Update, nameof(DisciplineRecord), Id(record), unit.Id, before, Snapshot(record)).Restricted = true;
        bus.Record(db, new DataChanged(oldUnit == unit.Id ? [unit.Id] : [oldUnit, unit.Id], What));
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(record.Id);
    }

    /// <summary>Deletes a record entered by mistake; the audit trail keeps what it counted.</summary>
    public async Task<WriteResult> DeleteAsync(ClaimsPrincipal user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.DisciplineRecords.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (record is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.WriteDisciplineRecords, record.OrgUnitId, ct);
        db.DisciplineRecords.Remove(record);
        audit.Add(db, user, AuditActions.Delete, nameof(DisciplineRecord), Id(record), record.OrgUnitId, before: Snapshot(record)).Restricted = true;
        bus.Record(db, new DataChanged([record.OrgUnitId], What));
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(record.Id);
    }

    private async Task<IReadOnlySet<int>> UnitsOrRefuseAsync(ClaimsPrincipal user, Operation operation, CancellationToken ct)
    {
        var units = await guard.UnitsAllowingAsync(user, operation, ct);
        if (units.Count == 0)
        {
            // Refused, and the refusal audited, by the guard: nobody without the role anywhere reads these.
            await guard.DemandAsync(user, operation, null, ct);
        }

        return units;
    }

    private Dictionary<string, string> Validate(DisciplineRecordInput input, OrgUnit? unit)
    {
        var errors = new Dictionary<string, string>();
        InputRules.Check(input, errors, clock);
        if (unit is null)
        {
            errors["orgUnitId"] = "请选择单位。";
        }

        var today = clock.Today;
        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            errors["type"] = "请选择类别。";
        }

        if (input.Date is not { } date)
        {
            errors["date"] = "请选择日期。";
        }
        else if (date > today)
        {
            errors["date"] = $"日期不能晚于今天（{today:yyyy-MM-dd}）。";
        }
        else if (unit is not null && !unit.ExistedOn(date))
        {
            errors["date"] = $"{unit.Name}在{date:yyyy-MM-dd}不存在（成立或撤销日期之外），请核对日期或单位。";
        }

        if (input.Reference?.Trim().Length > ReferenceMax)
        {
            errors["reference"] = $"编号不能超过{ReferenceMax}个字。";
        }

        var summary = input.Summary?.Trim();
        if (string.IsNullOrEmpty(summary))
        {
            errors["summary"] = "请填写摘要。";
        }
        else if (summary.Length > SummaryMax)
        {
            errors["summary"] = $"摘要不能超过{SummaryMax}个字。";
        }

        if (input.Type == DisciplineRecordType.Disposition)
        {
            if (input.Form is not { } form || !Enum.IsDefined(form))
            {
                errors["form"] = "运用“四种形态”处理须选择形态。";
            }

            if (input.PersonTimes is not { } times || times < 1)
            {
                errors["personTimes"] = "人次至少为1。";
            }
            else if (times > PersonTimesMax)
            {
                errors["personTimes"] = $"人次不能超过{PersonTimesMax}；人数更多时请分条登记。";
            }
        }
        else if (input.Form is not null)
        {
            errors["form"] = "只有运用“四种形态”处理需要选择形态。";
        }

        return errors;
    }

    private static void Apply(DisciplineRecord record, DisciplineRecordInput input)
    {
        var disposition = input.Type == DisciplineRecordType.Disposition;
        record.Type = input.Type!.Value;
        record.OrgUnitId = input.OrgUnitId;
        record.Date = input.Date!.Value;
        record.Reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim();
        record.Summary = input.Summary!.Trim();
        record.Form = disposition ? input.Form : null;
        record.PersonTimes = disposition ? input.PersonTimes!.Value : 1;
    }

    private static string Id(DisciplineRecord d) => d.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the audit trail keeps of a record: never its summary or reference.</summary>
    private static object Snapshot(DisciplineRecord d) => new
    {
        type = d.Type.ToString(),
        orgUnitId = d.OrgUnitId,
        date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        form = d.Form?.ToString(),
        personTimes = d.PersonTimes,
    };
}
