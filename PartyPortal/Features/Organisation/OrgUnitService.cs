using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Organisation;

/// <summary>A new org unit as the form sends it.</summary>
public sealed class OrgUnitInput
{
    public int ParentId { get; set; }
    public string? Name { get; set; }
    public OrgUnitType? Type { get; set; }
    public bool IsTemporary { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? DepartmentName { get; set; }
}

/// <summary>
/// Adds, renames, moves and closes org units (issue #4, point 4), in the manner of <see cref="MemberService"/>:
/// authorised on the units concerned, validated with nothing saved on any error, audited in the same
/// transaction, announced after commit. Every change to the tree's shape also invalidates <see cref="OrgTree"/>,
/// or scope checks would keep deciding by the old paths.
/// </summary>
public sealed class OrgUnitService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus,
    OrgTree tree)
{
    public const string What = DataChanged.OrgTree;
    public const int NameMax = 100;

    /// <summary>Whether a unit of type <paramref name="child"/> may sit under one of type <paramref name="parent"/>.</summary>
    public static bool Fits(OrgUnitType parent, OrgUnitType child) => child switch
    {
        OrgUnitType.OrgansCommittee or OrgUnitType.CountyCommittee => parent == OrgUnitType.MunicipalCommittee,
        OrgUnitType.GeneralBranch or OrgUnitType.Branch =>
            parent is OrgUnitType.OrgansCommittee or OrgUnitType.CountyCommittee or OrgUnitType.GeneralBranch,
        OrgUnitType.PartyGroup => parent == OrgUnitType.Branch,
        _ => false,
    };

    public async Task<WriteResult> AddAsync(ClaimsPrincipal user, OrgUnitInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var parent = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.ParentId, ct);
        if (parent is null)
        {
            return WriteResult.Invalid(new() { ["parentId"] = "请选择上级组织。" });
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, parent.Id, ct);
        var today = clock.Today;
        var errors = new Dictionary<string, string>();
        InputRules.Check(input, errors, clock);
        var name = input.Name?.Trim();
        await CheckNameAsync(db, name, parent.Id, null, errors, ct);
        CheckParentOpen(parent, "parentId", errors);
        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            errors["type"] = "请选择组织类型。";
        }
        else if (!Fits(parent.Type, type))
        {
            errors["type"] = $"{parent.Name}（{parent.Type.Display()}）下不能设{type.Display()}。";
        }

        if (input.IsTemporary && input.Type != OrgUnitType.Branch)
        {
            errors["isTemporary"] = "只有党支部可以设为临时党支部。";
        }

        if (input.FoundedOn is { } founded && founded > today)
        {
            errors["foundedOn"] = $"成立日期不能晚于今天（{today:yyyy-MM-dd}）。";
        }
        else if (input.IsTemporary && input.FoundedOn is null)
        {
            errors["foundedOn"] = "临时党支部请填写成立日期。";
        }

        if (input.ClosedOn is { } closes && input.FoundedOn is { } from && closes < from)
        {
            errors["closedOn"] = $"撤销日期不能早于成立日期（{from:yyyy-MM-dd}）。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var unit = new OrgUnit
        {
            Name = name!,
            Type = input.Type!.Value,
            ParentId = parent.Id,
            IsTemporary = input.IsTemporary,
            FoundedOn = input.FoundedOn,
            ClosedOn = input.ClosedOn,
            DepartmentName = string.IsNullOrWhiteSpace(input.DepartmentName) ? null : input.DepartmentName.Trim(),
            SortOrder = await NextSortOrderAsync(db, parent.Id, ct),
        };
        db.OrgUnits.Add(unit);

        await AuditTrail.SaveNewAsync(db, () =>
        {
            unit.Path = OrgPath.Of(parent.Path, unit.Id);
            audit.Add(db, user, AuditActions.Create, nameof(OrgUnit), Id(unit.Id), unit.Id, after: Snapshot(unit));
            bus.Record(db, new DataChanged([parent.Id, unit.Id], What));
        }, ct);

        tree.Invalidate();
        return WriteResult.Done(unit.Id);
    }

    public async Task<WriteResult> RenameAsync(ClaimsPrincipal user, int id, string? name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, unit.Id, ct);
        var errors = new Dictionary<string, string>();
        var trimmed = name?.Trim();
        await CheckNameAsync(db, trimmed, unit.ParentId, unit.Id, errors, ct);
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var before = new { name = unit.Name };
        unit.Name = trimmed!;
        audit.Add(db, user, AuditActions.Update, nameof(OrgUnit), Id(unit.Id), unit.Id, before, new { name = unit.Name });
        bus.Record(db, new DataChanged([unit.Id], What));
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(unit.Id);
    }

    /// <summary>Moves the unit with its whole subtree under <paramref name="newParentId"/>, rewriting their paths.</summary>
    public async Task<WriteResult> MoveAsync(ClaimsPrincipal user, int id, int newParentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, unit.Id, ct);
        var errors = new Dictionary<string, string>();
        var target = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == newParentId, ct);
        if (target is null)
        {
            return WriteResult.Invalid(new() { ["newParentId"] = "请选择新的上级组织。" });
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, target.Id, ct);
        if (OrgPath.IsWithin(target.Path, unit.Path))
        {
            errors["newParentId"] = $"不能把{unit.Name}移到它自己或它的下级组织之下。";
        }
        else if (target.Id == unit.ParentId)
        {
            errors["newParentId"] = $"{unit.Name}已在{target.Name}之下，请选择另一个上级组织。";
        }
        else if (!Fits(target.Type, unit.Type))
        {
            errors["newParentId"] = $"{target.Name}（{target.Type.Display()}）下不能设{unit.Type.Display()}。";
        }
        else
        {
            CheckParentOpen(target, "newParentId", errors);
            await CheckNameAsync(db, unit.Name, target.Id, unit.Id, errors, ct, key: "newParentId");
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var oldParentId = unit.ParentId;
        var oldPath = unit.Path;
        var newPath = OrgPath.Of(target.Path, unit.Id);
        var subtree = await db.OrgUnits.Where(u => u.Path.StartsWith(oldPath)).ToListAsync(ct);
        foreach (var u in subtree.Where(u => OrgPath.IsWithin(u.Path, oldPath)))
        {
            u.Path = string.Concat(newPath, u.Path.AsSpan(oldPath.Length));
        }

        unit.ParentId = target.Id;
        unit.SortOrder = await NextSortOrderAsync(db, target.Id, ct);
        audit.Add(db, user, AuditActions.Update, nameof(OrgUnit), Id(unit.Id), unit.Id,
            before: new { parentId = oldParentId, path = oldPath },
            after: new { parentId = target.Id, path = newPath, subtree = subtree.Count });
        bus.Record(db, new DataChanged(oldParentId is { } p ? [p, target.Id, unit.Id] : [target.Id, unit.Id], What));
        await db.SaveChangesAsync(ct); // one SaveChanges: the unit, its subtree and the audit entry commit together

        tree.Invalidate();
        return WriteResult.Done(unit.Id);
    }

    /// <summary>The unit exists up to and including <paramref name="closedOn"/>.</summary>
    public async Task<WriteResult> CloseAsync(ClaimsPrincipal user, int id, DateOnly closedOn, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.ManageOrganisation, unit.Id, ct);
        var today = clock.Today;
        var errors = new Dictionary<string, string>();
        if (unit.ClosedOn is { } already && already <= today)
        {
            errors["closedOn"] = $"{unit.Name}已于{already:yyyy-MM-dd}撤销。";
        }
        else if (InputRules.DateError(closedOn, clock) is { } outside)
        {
            errors["closedOn"] = outside;
        }
        else if (closedOn > today)
        {
            errors["closedOn"] = $"撤销日期不能晚于今天（{today:yyyy-MM-dd}）：请在撤销生效后再登记。";
        }
        else if (unit.FoundedOn is { } founded && closedOn < founded)
        {
            errors["closedOn"] = $"{unit.Name}成立于{founded:yyyy-MM-dd}，撤销日期不能早于成立日期。";
        }
        else if (await db.OrgUnits.AnyAsync(u => u.ParentId == unit.Id && (u.ClosedOn == null || u.ClosedOn > closedOn), ct))
        {
            errors["closedOn"] = $"{unit.Name}还有未撤销的下级组织：请先撤销或移走下级组织。";
        }
        else if (await db.Members.AnyAsync(m => m.OrgUnitId == unit.Id && m.Status != MemberStatus.Retired, ct))
        {
            errors["closedOn"] = $"{unit.Name}还有党员：请先将党员调转到其他支部。";
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var before = new { closedOn = unit.ClosedOn is { } c ? Day(c) : null };
        unit.ClosedOn = closedOn;
        audit.Add(db, user, AuditActions.Update, nameof(OrgUnit), Id(unit.Id), unit.Id, before, new { closedOn = Day(closedOn) });
        bus.Record(db, new DataChanged(unit.ParentId is { } p ? [p, unit.Id] : [unit.Id], What));
        await db.SaveChangesAsync(ct);

        tree.Invalidate();
        return WriteResult.Done(unit.Id);
    }

    /// <summary>Required, at most <see cref="NameMax"/> characters, and unique among the parent's open children.</summary>
    private async Task CheckNameAsync(PortalDbContext db, string? name, int? parentId, int? selfId, Dictionary<string, string> errors,
        CancellationToken ct, string key = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = "请填写组织名称。";
            return;
        }

        if (!InputRules.IsClean(name))
        {
            errors[key] = InputRules.HiddenCharactersMessage;
            return;
        }

        if (name.Length > NameMax)
        {
            errors["name"] = $"组织名称不能超过{NameMax}个字。";
            return;
        }

        var today = clock.Today;
        if (await db.OrgUnits.AnyAsync(u => u.ParentId == parentId && u.Id != selfId && u.Name == name
            && (u.ClosedOn == null || u.ClosedOn >= today), ct))
        {
            errors[key] = $"同一上级组织下已有“{name}”，请换一个名称。";
        }
    }

    private void CheckParentOpen(OrgUnit parent, string key, Dictionary<string, string> errors)
    {
        if (parent.ClosedOn is { } closed && closed < clock.Today)
        {
            errors[key] = $"{parent.Name}已于{closed:yyyy-MM-dd}撤销，不能再设下级组织。";
        }
    }

    private static async Task<int> NextSortOrderAsync(PortalDbContext db, int parentId, CancellationToken ct) =>
        (await db.OrgUnits.Where(u => u.ParentId == parentId).MaxAsync(u => (int?)u.SortOrder, ct) ?? -1) + 1;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static object Snapshot(OrgUnit u) => new
    {
        name = u.Name,
        type = u.Type.ToString(),
        parentId = u.ParentId,
        path = u.Path,
        isTemporary = u.IsTemporary,
        foundedOn = u.FoundedOn is { } f ? Day(f) : null,
        closedOn = u.ClosedOn is { } c ? Day(c) : null,
        departmentName = u.DepartmentName,
    };
}
