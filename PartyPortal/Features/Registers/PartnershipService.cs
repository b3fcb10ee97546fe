using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Organisation;
using PartyPortal.Live;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Registers;

/// <summary>
/// A partnership as the form sends it: the partner is another org unit, an outside organisation already known, or
/// a new outside organisation named here (created with the partnership, or found by that name if it exists).
/// </summary>
public sealed class PartnershipInput
{
    public PartnershipType Type { get; set; } = PartnershipType.CoBuilding;
    public int OrgUnitId { get; set; }
    public int? PartnerOrgUnitId { get; set; }
    public int? PartnerOrganisationId { get; set; }
    public string? NewOrganisationName { get; set; }
    public OutsideOrganisationKind? NewOrganisationKind { get; set; }
    public DateOnly? StartsOn { get; set; }
    [Multiline]
    public string? Notes { get; set; }
}

/// <summary>One partnership, seen from the branch that keeps it.</summary>
public sealed record PartnershipRow(
    int Id, PartnershipType Type, int OrgUnitId, string UnitName, int? PartnerOrgUnitId, string PartnerName, string PartnerKind,
    DateOnly StartsOn, DateOnly? EndsOn, string? Notes)
{
    public bool RunsOn(DateOnly day) => StartsOn <= day && (EndsOn is null || EndsOn >= day);
}

public sealed record OutsideOrganisationDto(int Id, string Name, OutsideOrganisationKind Kind);

/// <summary>
/// Partnerships (结对共建 / 一支部护航一行业) of a branch with another org unit or an outside organisation, in the manner
/// of <see cref="RegisterService"/>. Writes need <see cref="Operation.ManagePartnerships"/> on the branch: the party
/// office in its scope, and the branch's own secretary, who signs the co-building agreement and records the joint
/// activities it brings; the partner unit is only named, so a secretary may partner with a branch outside their scope.
/// </summary>
public sealed partial class PartnershipService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus)
{
    public const string What = "partnership";
    public const int OrganisationNameMax = 100;
    public const int NotesMax = 1000;

    /// <summary>The partnerships in which a branch of the user's readable scope takes part (as keeper or partner), newest first.</summary>
    public async Task<IReadOnlyList<PartnershipRow>> ListAsync(ClaimsPrincipal user, PartnershipType? type = null, CancellationToken ct = default)
    {
        var readable = await guard.UnitsAllowingAsync(user, Operation.ReadActivities, ct);
        if (readable.Count == 0)
        {
            await guard.DemandAsync(user, Operation.ReadActivities, null, ct);
        }

        var units = readable.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Partnerships.AsNoTracking()
            .Where(p => units.Contains(p.OrgUnitId) || (p.PartnerOrgUnitId != null && units.Contains(p.PartnerOrgUnitId.Value)));
        if (type is { } t)
        {
            query = query.Where(p => p.Type == t);
        }

        var rows = await query
            .Select(p => new
            {
                p.Id, p.Type, p.OrgUnitId, UnitName = p.OrgUnit!.Name, p.PartnerOrgUnitId,
                PartnerUnit = p.PartnerOrgUnit != null ? p.PartnerOrgUnit.Name : null,
                PartnerOrganisation = p.PartnerOrganisation != null ? p.PartnerOrganisation.Name : null,
                PartnerKind = p.PartnerOrganisation != null ? (OutsideOrganisationKind?)p.PartnerOrganisation.Kind : null,
                p.StartsOn, p.EndsOn, p.Notes,
            })
            .ToListAsync(ct);
        return rows
            .Select(p => new PartnershipRow(
                p.Id, p.Type, p.OrgUnitId, p.UnitName, p.PartnerOrgUnitId, p.PartnerUnit ?? p.PartnerOrganisation ?? "",
                p.PartnerKind is { } k ? k.Display() : "系统内单位", p.StartsOn, p.EndsOn, p.Notes))
            .OrderByDescending(p => p.StartsOn).ThenByDescending(p => p.Id)
            .ToList();
    }

    /// <summary>The outside organisations already known, by name, for the partner picker of those who may add partnerships.</summary>
    public async Task<IReadOnlyList<OutsideOrganisationDto>> OutsideOrganisationsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if ((await guard.UnitsAllowingAsync(user, Operation.ManagePartnerships, ct)).Count == 0)
        {
            await guard.DemandAsync(user, Operation.ManagePartnerships, null, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.OutsideOrganisations.AsNoTracking().Select(o => new OutsideOrganisationDto(o.Id, o.Name, o.Kind)).ToListAsync(ct);
        return all.OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The units a branch may partner with: every unit not closed, across the bureau (names only; a secretary's
    /// partner is usually outside their scope).
    /// </summary>
    public async Task<IReadOnlyList<OrgUnitDto>> PartnerUnitsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if ((await guard.UnitsAllowingAsync(user, Operation.ManagePartnerships, ct)).Count == 0)
        {
            await guard.DemandAsync(user, Operation.ManagePartnerships, null, ct);
        }

        var today = clock.Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        return OrgPath.InTreeOrder(all).Select(x => x.Unit)
            .Where(u => u.ClosedOn is null || u.ClosedOn >= today)
            .Select(u => new OrgUnitDto(u.Id, u.ParentId, u.Name, u.Type, u.IsTemporary, u.FoundedOn, u.ClosedOn))
            .ToList();
    }

    public async Task<WriteResult> AddAsync(ClaimsPrincipal user, PartnershipInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.OrgUnitId, ct);
        if (unit is not null)
        {
            await guard.DemandAsync(user, Operation.ManagePartnerships, unit.Id, ct);
        }

        var errors = new Dictionary<string, string>();
        InputRules.Check(input, errors, clock);
        ValidateUnitAndDates(input, unit, errors);
        var (partnerUnit, organisation, newName) = await ResolvePartnerAsync(db, input, errors, ct);
        if (input.Notes?.Trim().Length > NotesMax)
        {
            errors["notes"] = $"备注不能超过{NotesMax}个字。";
        }

        if (unit is null || errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        if (await db.Partnerships.AnyAsync(p => p.OrgUnitId == unit.Id && p.Type == input.Type && p.EndsOn == null
                && (partnerUnit != null ? p.PartnerOrgUnitId == partnerUnit.Id : organisation != null && p.PartnerOrganisationId == organisation.Id), ct))
        {
            errors["partner"] = $"{unit.Name}与该单位的{input.Type.Display()}正在进行，无需重复登记。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var created = organisation is null && newName is not null
            ? db.OutsideOrganisations.Add(new OutsideOrganisation { Name = newName, Kind = input.NewOrganisationKind!.Value }).Entity
            : null;
        var partnership = new Partnership
        {
            Type = input.Type,
            OrgUnitId = unit.Id,
            PartnerOrgUnitId = partnerUnit?.Id,
            PartnerOrganisationId = organisation?.Id,
            PartnerOrganisation = created,
            StartsOn = input.StartsOn!.Value,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
        };
        db.Partnerships.Add(partnership);

        bus.Record(db, new DataChanged(partnerUnit is null ? [unit.Id] : [unit.Id, partnerUnit.Id], What));
        await AuditTrail.SaveNewAsync(db, () =>
        {
            if (created is not null)
            {
                audit.Add(db, user, AuditActions.Create, nameof(OutsideOrganisation), Id(created.Id), unit.Id,
                    after: new { name = created.Name, kind = created.Kind.ToString() });
            }

            audit.Add(db, user, AuditActions.Create, nameof(Partnership), Id(partnership.Id), unit.Id, after: Snapshot(partnership));
        }, ct);
        return WriteResult.Done(partnership.Id);
    }

    /// <summary>The partnership ends; <paramref name="endsOn"/> is its last day.</summary>
    public async Task<WriteResult> EndAsync(ClaimsPrincipal user, int id, DateOnly endsOn, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var partnership = await db.Partnerships.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (partnership is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.ManagePartnerships, partnership.OrgUnitId, ct);
        var errors = new Dictionary<string, string>();
        if (partnership.EndsOn is { } ended)
        {
            errors["endsOn"] = $"该共建已于{ended:yyyy-MM-dd}结束。";
        }
        else if (endsOn < partnership.StartsOn)
        {
            errors["endsOn"] = $"结束日期不能早于开始日期（{partnership.StartsOn:yyyy-MM-dd}）。";
        }
        else if (endsOn > clock.Today)
        {
            errors["endsOn"] = $"结束日期不能晚于今天（{clock.Today:yyyy-MM-dd}）。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        partnership.EndsOn = endsOn;
        audit.Add(db, user, AuditActions.Update, nameof(Partnership), Id(partnership.Id), partnership.OrgUnitId,
            before: new { endsOn = (string?)null }, after: new { endsOn = Day(endsOn) });
        bus.Record(db, new DataChanged(partnership.PartnerOrgUnitId is { } other ? [partnership.OrgUnitId, other] : [partnership.OrgUnitId], What));
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(partnership.Id);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the audit trail keeps of a partnership.</summary>
    private static object Snapshot(Partnership p) => new
    {
        type = p.Type.ToString(),
        orgUnitId = p.OrgUnitId,
        partnerOrgUnitId = p.PartnerOrgUnitId,
        partnerOrganisationId = p.PartnerOrganisationId ?? p.PartnerOrganisation?.Id,
        startsOn = Day(p.StartsOn),
        notes = p.Notes,
    };
}
