using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Supervision;

/// <summary>
/// The closed-loop tracker (整改闭环, DOMAIN.md "Closed-loop items"): registers a problem or task, adds its measures,
/// and moves it open → in progress → closed, closing only with evidence. Every write is authorised on the owner
/// unit (<see cref="Operation.ManageRectification"/>), validated with nothing saved on any error, checked against the
/// version the editor started from, saved with its history step and audit entry in one transaction, and then announced.
/// A closed item is never reopened: the closure rate must not change behind the report's back, and a problem that
/// comes back is a new item with its own history.
/// </summary>
public sealed partial class RectificationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    BureauClock clock,
    ChangeBus bus)
{
    public const string What = "closed-loop";
    public const int TitleMax = 200;
    public const int DescriptionMax = 2000;
    public const int EvidenceMax = 2000;
    public const int MeasureMax = 1000;
    public const int NoteMax = 1000;
    public const string StaleMessage = "该事项已被他人修改，本次未保存。您填写的内容仍保留，请点“刷新”查看最新内容后再提交。";

    /// <summary>The items whose owner unit lies where the user may read, open ones first by deadline, then closed ones.</summary>
    public async Task<IReadOnlyList<RectificationRow>> ListAsync(ClaimsPrincipal user, RectificationFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var units = (await ReadableUnitsAsync(user, filter.OrgUnitId, ct)).ToList();
        var today = clock.Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.ClosedLoopItems.AsNoTracking().Where(i => units.Contains(i.OwnerOrgUnitId));
        if (filter.Source is { } source)
        {
            query = query.Where(i => i.Source == source);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.OverdueOnly)
        {
            query = query.Where(i => i.Status != ClosedLoopStatus.Closed && i.Deadline < today);
        }

        var rows = await query
            .Select(i => new RectificationRow(
                i.Id, i.Source, i.Title, i.OwnerOrgUnitId, i.OwnerOrgUnit!.Name, i.FoundOn, i.Deadline, i.Status, i.ClosedOn,
                i.Measures.Count, i.Status != ClosedLoopStatus.Closed && i.Deadline < today, i.Version))
            .ToListAsync(ct);
        var open = rows.Where(r => r.Status != ClosedLoopStatus.Closed).OrderBy(r => r.Deadline).ThenBy(r => r.Id);
        var closed = rows.Where(r => r.Status == ClosedLoopStatus.Closed).OrderByDescending(r => r.ClosedOn).ThenByDescending(r => r.Id);
        return [.. open, .. closed];
    }

    /// <summary>The item with its measures and history; null when there is none in the user's scope.</summary>
    public async Task<RectificationDetail?> GetAsync(ClaimsPrincipal user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.ClosedLoopItems.AsNoTracking().AsSplitQuery()
            .Include(i => i.OwnerOrgUnit).Include(i => i.Measures).Include(i => i.History)
            .SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return null;
        }

        // Outside the scope it is "not found" (audited), as any record read by its id: which ids exist elsewhere is not
        // the caller's to learn.
        if (!await guard.FindsAsync(user, Operation.ReadActivities, item.OwnerOrgUnitId, ct))
        {
            return null;
        }

        return new RectificationDetail(
            Row(item),
            item.Description,
            item.ClosingEvidence,
            item.Measures.OrderBy(m => m.WrittenOn).ThenBy(m => m.Id).Select(m => new RectificationMeasureView(m.Id, m.Description, m.WrittenOn, m.DoneOn)).ToList(),
            item.History.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new RectificationEventView(e.At, e.By, e.Status, e.Note)).ToList());
    }

    public async Task<WriteResult> CreateAsync(ClaimsPrincipal user, RectificationInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.OwnerOrgUnitId, ct);
        if (unit is not null)
        {
            await guard.DemandAsync(user, Operation.ManageRectification, unit.Id, ct);
        }

        var errors = Validate(input, unit);
        if (unit is null || errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var item = new ClosedLoopItem
        {
            Source = input.Source!.Value,
            Title = input.Title!.Trim(),
            Description = Trimmed(input.Description),
            OwnerOrgUnitId = unit.Id,
            FoundOn = input.FoundOn!.Value,
            Deadline = input.Deadline!.Value,
        };
        item.History.Add(Step(user, ClosedLoopStatus.Open, "登记问题，明确责任单位和整改时限"));
        db.ClosedLoopItems.Add(item);

        bus.Record(db, new DataChanged([unit.Id], What));
        await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, AuditActions.Create, nameof(ClosedLoopItem), Id(item), unit.Id, after: Snapshot(item)), ct);
        return WriteResult.Done(item.Id);
    }

    /// <summary>Adds a measure (整改措施) to an item that is not closed.</summary>
    public async Task<WriteResult> AddMeasureAsync(ClaimsPrincipal user, int id, string? description, Guid expectedVersion, CancellationToken ct = default)
    {
        var text = description?.Trim();
        return await ChangeAsync(user, id, expectedVersion, (item, errors) =>
        {
            InputRules.CheckText(errors, "measure", text, multiline: true);
            if (item.Status == ClosedLoopStatus.Closed)
            {
                errors["measure"] = "该事项已办结，不能再添加整改措施。";
            }
            else if (string.IsNullOrEmpty(text))
            {
                errors["measure"] = "请填写整改措施。";
            }
            else if (text.Length > MeasureMax)
            {
                errors["measure"] = $"整改措施不能超过{MeasureMax}个字。";
            }

            return errors.Count > 0 ? null : () =>
            {
                item.Measures.Add(new RectificationMeasure { Description = text!, WrittenOn = clock.Today });
                item.History.Add(Step(user, item.Status, $"制定整改措施：{Shorten(text!)}"));
                return new { measure = text };
            };
        }, ct);
    }

    /// <summary>Marks a measure done today; the item itself closes only with <see cref="CloseAsync"/>.</summary>
    public async Task<WriteResult> CompleteMeasureAsync(ClaimsPrincipal user, int id, int measureId, Guid expectedVersion, CancellationToken ct = default) =>
        await ChangeAsync(user, id, expectedVersion, (item, errors) =>
        {
            var measure = item.Measures.SingleOrDefault(m => m.Id == measureId);
            if (measure is null)
            {
                errors["measureId"] = "该整改措施不存在。";
            }
            else if (measure.DoneOn is { } done)
            {
                errors["measureId"] = $"该整改措施已于{done:yyyy-MM-dd}完成。";
            }
            else if (item.Status == ClosedLoopStatus.Closed)
            {
                errors["measureId"] = "该事项已办结，不能再修改整改措施。";
            }

            return errors.Count > 0 ? null : () =>
            {
                measure!.DoneOn = clock.Today;
                item.History.Add(Step(user, item.Status, $"整改措施完成：{Shorten(measure.Description)}"));
                return new { measureId, doneOn = Day(clock.Today) };
            };
        }, ct);

    /// <summary>Open → in progress: the measures are under way.</summary>
    public async Task<WriteResult> StartAsync(ClaimsPrincipal user, int id, string? note, Guid expectedVersion, CancellationToken ct = default)
    {
        var text = Trimmed(note);
        return await ChangeAsync(user, id, expectedVersion, (item, errors) =>
        {
            if (item.Status != ClosedLoopStatus.Open)
            {
                errors["status"] = $"该事项当前为“{item.Status.Display()}”，只有待整改的事项可以开始整改。";
            }

            CheckNote(text, errors);
            return errors.Count > 0 ? null : () =>
            {
                item.Status = ClosedLoopStatus.InProgress;
                item.History.Add(Step(user, item.Status, text ?? "启动整改"));
                return new { status = item.Status.ToString(), note = text };
            };
        }, ct);
    }

    /// <summary>In progress → closed, with the evidence that the problem was fixed and the day it was.</summary>
    public async Task<WriteResult> CloseAsync(ClaimsPrincipal user, int id, RectificationClosing closing, Guid expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(closing);
        var evidence = Trimmed(closing.Evidence);
        var note = Trimmed(closing.Note);
        return await ChangeAsync(user, id, expectedVersion, (item, errors) =>
        {
            ValidateClosing(item, evidence, closing.ClosedOn, errors);
            CheckNote(note, errors);
            return errors.Count > 0 ? null : () =>
            {
                item.Status = ClosedLoopStatus.Closed;
                item.ClosedOn = closing.ClosedOn;
                item.ClosingEvidence = evidence;
                item.History.Add(Step(user, item.Status, note ?? "整改完成，销号"));
                return new { status = item.Status.ToString(), closedOn = Day(closing.ClosedOn!.Value), closingEvidence = evidence };
            };
        }, ct);
    }

    /// <summary>
    /// The shape of every change to an existing item: find it, authorise on its owner unit, validate (the callback
    /// fills the errors, or returns the change to make and what the audit keeps of it), refuse a stale version, then
    /// save the change, its history step and its audit entry together.
    /// </summary>
    private async Task<WriteResult> ChangeAsync(ClaimsPrincipal user, int id, Guid expectedVersion,
        Func<ClosedLoopItem, Dictionary<string, string>, Func<object>?> check, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.ClosedLoopItems.Include(i => i.Measures).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return WriteResult.Missing;
        }

        await guard.DemandAsync(user, Operation.ManageRectification, item.OwnerOrgUnitId, ct);
        if (item.Version != expectedVersion)
        {
            return WriteResult.Stale;
        }

        var errors = new Dictionary<string, string>();
        var apply = check(item, errors);
        if (apply is null)
        {
            return WriteResult.Invalid(errors);
        }

        var before = new { status = item.Status.ToString() };
        var after = apply();
        item.Version = Guid.NewGuid();
        audit.Add(db, user, AuditActions.Update, nameof(ClosedLoopItem), Id(item), item.OwnerOrgUnitId, before, after);
        bus.Record(db, new DataChanged([item.OwnerOrgUnitId], What));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WriteResult.Stale;
        }
        return WriteResult.Done(item.Id);
    }

    /// <summary>The units the user may read in (within <paramref name="scope"/> when given); refused when there are none.</summary>
    private async Task<IReadOnlySet<int>> ReadableUnitsAsync(ClaimsPrincipal user, int? scope, CancellationToken ct)
    {
        if (scope is { } unitId)
        {
            await guard.DemandAsync(user, Operation.ReadActivities, unitId, ct);
        }

        var readable = await guard.UnitsAllowingAsync(user, Operation.ReadActivities, ct);
        if (readable.Count == 0)
        {
            await guard.DemandAsync(user, Operation.ReadActivities, null, ct);
        }

        if (scope is not { } id)
        {
            return readable;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scopePath = await db.OrgUnits.AsNoTracking().Where(u => u.Id == id).Select(u => u.Path).SingleOrDefaultAsync(ct) ?? "-";
        var inScope = await db.OrgUnits.AsNoTracking().Where(u => u.Path.StartsWith(scopePath)).Select(u => u.Id).ToListAsync(ct);
        return inScope.Where(readable.Contains).ToHashSet();
    }

    private ClosedLoopEvent Step(ClaimsPrincipal user, ClosedLoopStatus status, string note) =>
        new() { At = clock.UtcNow, By = user.UserName(), Status = status, Note = note };

    private RectificationRow Row(ClosedLoopItem i) => new(
        i.Id, i.Source, i.Title, i.OwnerOrgUnitId, i.OwnerOrgUnit?.Name ?? "", i.FoundOn, i.Deadline, i.Status, i.ClosedOn,
        i.Measures.Count, i.IsOverdueOn(clock.Today), i.Version);

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");

    private static string Id(ClosedLoopItem i) => i.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the audit trail keeps of a new item.</summary>
    private static object Snapshot(ClosedLoopItem i) => new
    {
        source = i.Source.ToString(),
        title = i.Title,
        description = i.Description,
        ownerOrgUnitId = i.OwnerOrgUnitId,
        foundOn = Day(i.FoundOn),
        deadline = Day(i.Deadline),
        status = i.Status.ToString(),
    };
}
