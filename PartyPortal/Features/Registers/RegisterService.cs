using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Registers;

/// <summary>A register entry as the form sends it.</summary>
public sealed class RegisterInput
{
    public RegisterKind Kind { get; set; }
    public string? Name { get; set; }
    public int OrgUnitId { get; set; }
    public int? MemberId { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    [Multiline]
    public string? Notes { get; set; }
    public HonourLevel? HonourLevel { get; set; }
    public bool? IsCollective { get; set; }
}

/// <summary>One line of a register.</summary>
public sealed record RegisterRow(
    int Id, RegisterKind Kind, string Name, int OrgUnitId, string UnitName, int? MemberId, string? MemberName,
    DateOnly StartsOn, DateOnly? EndsOn, HonourLevel? HonourLevel, bool? IsCollective, string? Notes)
{
    /// <summary>Whether it still operates on the day (an entry ended on a day operated through that day).</summary>
    public bool RunsOn(DateOnly day) => StartsOn <= day && (EndsOn is null || EndsOn >= day);
}

/// <summary>
/// The standing registers of DOMAIN.md (honours, service circles, volunteer points, teams, 出彩书记工作室), in the
/// manner of MemberService: writes authorised on the unit, validated with nothing saved on any error, audited in
/// the same transaction and announced after commit. Partnerships are not kept here yet.
/// </summary>
public sealed class RegisterService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus)
{
    public const string What = "register";
    public const int NameMax = 200;
    public const int NotesMax = 1000;

    /// <summary>The entries of the kind in the scope (or everywhere the user may read), newest first.</summary>
    public async Task<IReadOnlyList<RegisterRow>> ListAsync(ClaimsPrincipal user, RegisterKind kind, int? scopeOrgUnitId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<int?> scopes;
        if (scopeOrgUnitId is { } scope)
        {
            await guard.DemandAsync(user, Operation.ReadActivities, scope, ct);
            scopes = [scope];
        }
        else
        {
            await guard.DemandSomewhereAsync(user, Operation.ReadActivities, ct);
            scopes = user.Assignments().Where(a => AccessPolicy.RoleAllows(a.Role, Operation.ReadActivities)).Select(a => a.OrgUnitId).ToList();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var paths = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var scopePaths = scopes.Contains(null)
            ? ["/"]
            : scopes.Select(id => paths.GetValueOrDefault(id!.Value)).OfType<string>().Distinct().ToList();
        var rows = await db.RegisterEntries.AsNoTracking()
            .Where(r => r.Kind == kind)
            .Select(r => new RegisterRow(
                r.Id, r.Kind, r.Name, r.OrgUnitId, r.OrgUnit!.Name, r.MemberId, r.Member != null ? r.Member.Name : null,
                r.StartsOn, r.EndsOn, r.HonourLevel, r.IsCollective, r.Notes))
            .ToListAsync(ct);
        return rows.Where(r => scopePaths.Any(p => OrgPath.IsWithin(paths[r.OrgUnitId], p)))
            .OrderByDescending(r => r.StartsOn).ThenByDescending(r => r.Id).ToList();
    }

    public async Task<WriteResult> AddAsync(ClaimsPrincipal user, RegisterInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.OrgUnitId, ct);
        if (unit is null)
        {
            return WriteResult.Invalid(new() { ["orgUnitId"] = "请选择单位。" });
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, unit.Id, ct);
        var errors = await ValidateAsync(db, input, unit, ct);
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var honour = input.Kind == RegisterKind.Honour;
        var entry = new RegisterEntry
        {
            Kind = input.Kind,
            Name = input.Name!.Trim(),
            OrgUnitId = unit.Id,
            MemberId = input.MemberId,
            StartsOn = input.StartsOn!.Value,
            EndsOn = input.EndsOn,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
            HonourLevel = honour ? input.HonourLevel : null,
            IsCollective = honour ? input.IsCollective : null,
        };
        db.RegisterEntries.Add(entry);

        bus.Record(db, new DataChanged([unit.Id], What));
        await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, AuditActions.Create, nameof(RegisterEntry), Id(entry), unit.Id, after: Snapshot(entry)), ct);
        return WriteResult.Done(entry.Id);
    }

    /// <summary>The circle, point, team or studio stops operating; <paramref name="endsOn"/> is its last day.</summary>
    public async Task<WriteResult> EndAsync(ClaimsPrincipal user, int id, DateOnly endsOn, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.RegisterEntries.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (entry is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, entry.OrgUnitId, ct);
        var errors = new Dictionary<string, string>();
        if (entry.Kind == RegisterKind.Honour)
        {
            errors["endsOn"] = "荣誉按获得日期统计，无需停止运行。";
        }
        else if (entry.EndsOn is { } ended)
        {
            errors["endsOn"] = $"{entry.Name}已于{ended:yyyy-MM-dd}停止运行。";
        }
        else
        {
            CheckEnd(entry.StartsOn, endsOn, errors);
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        entry.EndsOn = endsOn;
        audit.Add(db, user, AuditActions.Update, nameof(RegisterEntry), Id(entry), entry.OrgUnitId,
            before: new { endsOn = (string?)null }, after: new { endsOn = Day(endsOn) });
        bus.Record(db, new DataChanged([entry.OrgUnitId], What));
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(entry.Id);
    }

    private async Task<Dictionary<string, string>> ValidateAsync(PortalDbContext db, RegisterInput input, OrgUnit unit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        InputRules.Check(input, errors, clock);
        var today = clock.Today;
        var name = input.Name?.Trim();
        if (!Enum.IsDefined(input.Kind) || input.Kind == RegisterKind.LeaderContactPoint)
        {
            errors["kind"] = "请选择台账类别。";
        }

        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = "请填写名称。";
        }
        else if (name.Length > NameMax)
        {
            errors["name"] = $"名称不能超过{NameMax}个字。";
        }

        if (input.Notes?.Trim().Length > NotesMax)
        {
            errors["notes"] = $"备注不能超过{NotesMax}个字。";
        }

        var honour = input.Kind == RegisterKind.Honour;
        if (input.StartsOn is not { } start)
        {
            errors["startsOn"] = honour ? "请填写获得日期。" : "请填写开始日期。";
        }
        else if (start > today)
        {
            errors["startsOn"] = $"日期不能晚于今天（{today:yyyy-MM-dd}）。";
        }
        else if (unit.ClosedOn is { } closed && start > closed)
        {
            errors["startsOn"] = $"{unit.Name}已于{closed:yyyy-MM-dd}撤销，日期不能晚于撤销日期。";
        }
        else if (input.EndsOn is { } end)
        {
            if (honour)
            {
                errors["endsOn"] = "荣誉无需填写结束日期。";
            }
            else
            {
                CheckEnd(start, end, errors);
            }
        }

        if (honour)
        {
            if (input.HonourLevel is not { } level || !Enum.IsDefined(level))
            {
                errors["honourLevel"] = "请选择荣誉级别。";
            }

            if (input.IsCollective is null)
            {
                errors["isCollective"] = "请选择集体荣誉或个人荣誉。";
            }
            else if (input.IsCollective == false && input.MemberId is null)
            {
                errors["memberId"] = "个人荣誉请选择获得荣誉的党员。";
            }
        }
        else if (input.Kind == RegisterKind.SecretaryStudio && input.MemberId is null)
        {
            errors["memberId"] = "请选择工作室的书记。";
        }

        // The picker searches within the unit; the server holds the entry to the same rule, whoever sends it.
        if (input.MemberId is { } memberId && !errors.ContainsKey("memberId")
            && !await db.Members.AsNoTracking().AnyAsync(m => m.Id == memberId && m.OrgUnit!.Path.StartsWith(unit.Path), ct))
        {
            errors["memberId"] = $"所选党员不存在或不属于{unit.Name}，请在该单位的党员中选择。";
        }

        return errors;
    }

    private void CheckEnd(DateOnly start, DateOnly end, Dictionary<string, string> errors)
    {
        if (end < start)
        {
            errors["endsOn"] = $"停止日期不能早于开始日期（{start:yyyy-MM-dd}）。";
        }
        else if (end > clock.Today)
        {
            errors["endsOn"] = $"停止日期不能晚于今天（{clock.Today:yyyy-MM-dd}）。";
        }
    }

    private static string Id(RegisterEntry r) => r.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the audit trail keeps of an entry.</summary>
    private static object Snapshot(RegisterEntry r) => new
    {
        kind = r.Kind.ToString(),
        name = r.Name,
        orgUnitId = r.OrgUnitId,
        memberId = r.MemberId,
        startsOn = Day(r.StartsOn),
        endsOn = r.EndsOn is { } e ? Day(e) : null,
        honourLevel = r.HonourLevel?.ToString(),
        isCollective = r.IsCollective,
        notes = r.Notes,
    };
}
