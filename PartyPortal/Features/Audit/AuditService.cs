using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Audit;

/// <summary>
/// What to look for in the audit trail. Every filter is optional; <see cref="From"/> and <see cref="To"/> are
/// calendar days in the bureau's time zone, both inclusive.
/// </summary>
public sealed record AuditQuery
{
    public const int MaxTake = 200;

    /// <summary>Part of the user name, any case.</summary>
    public string? Person { get; init; }

    /// <summary>The org unit and everything below it.</summary>
    public int? OrgUnitId { get; init; }

    public string? EntityType { get; init; }
    public string? Action { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int Skip { get; init; }

    /// <summary>At most <see cref="MaxTake"/>; larger values are cut down to it.</summary>
    public int Take { get; init; } = 50;
}

/// <summary>One audit entry as the audit page lists it; <see cref="At"/> carries the bureau's offset.</summary>
public sealed record AuditRow(
    long Id,
    DateTimeOffset At,
    string UserName,
    string Action,
    string EntityType,
    string? EntityId,
    int? OrgUnitId,
    string? OrgUnitName,
    string? Before,
    string? After);

/// <summary>One page of matching entries, newest first, and how many match in all.</summary>
public sealed record AuditSearchResult(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>An org unit in the filter's list, in tree order; <see cref="Depth"/> 0 is a root.</summary>
public sealed record AuditOrgUnitOption(int Id, string Name, int Depth);

/// <summary>The values the filters offer: what the trail actually holds.</summary>
public sealed record AuditFilterOptions(
    IReadOnlyList<string> EntityTypes,
    IReadOnlyList<string> Actions,
    IReadOnlyList<AuditOrgUnitOption> OrgUnits);

/// <summary>
/// Reads the audit trail. Read-only by design: entries are written with the change they describe
/// (<see cref="AuditTrail"/>) and nothing here, or anywhere, edits or deletes them. The Party office reads every entry
/// but the discipline-restricted ones; Discipline reads those of its scope and nothing else.
/// </summary>
public sealed class AuditService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, BureauClock clock)
{
    public async Task<AuditSearchResult> SearchAsync(ClaimsPrincipal user, AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await ReadableAsync(db, user, ct);

        if (!string.IsNullOrWhiteSpace(query.Person))
        {
            // Case ignored (for Latin letters; Chinese names have none): SQLite's LIKE does, PostgreSQL's ILIKE does.
            var pattern = "%" + EscapeLike(query.Person.Trim()) + "%";
            entries = db.Database.IsSqlite()
                ? entries.Where(e => EF.Functions.Like(e.UserName, pattern, LikeEscape))
                : entries.Where(e => EF.Functions.ILike(e.UserName, pattern, LikeEscape));
        }

        if (query.OrgUnitId is { } orgUnitId)
        {
            var scopePath = await db.OrgUnits.Where(u => u.Id == orgUnitId).Select(u => u.Path).SingleOrDefaultAsync(ct);
            if (scopePath is null)
            {
                return new AuditSearchResult([], 0);
            }

            entries = entries.Where(e => db.OrgUnits.Any(u => u.Id == e.OrgUnitId && u.Path.StartsWith(scopePath)));
        }

        if (!string.IsNullOrEmpty(query.EntityType))
        {
            entries = entries.Where(e => e.EntityType == query.EntityType);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        // Entries are stored in UTC and the stored number orders by clock reading, so the bounds must be UTC too.
        if (query.From is { } from)
        {
            var start = StartOfDayUtc(from);
            entries = entries.Where(e => e.At >= start);
        }

        if (query.To is { } to)
        {
            var end = StartOfDayUtc(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }

        var total = await entries.CountAsync(ct);
        var rows = await entries
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, query.Skip))
            .Take(Math.Clamp(query.Take, 1, AuditQuery.MaxTake))
            .Select(e => new AuditRow(
                e.Id,
                e.At,
                e.UserName,
                e.Action,
                e.EntityType,
                e.EntityId,
                e.OrgUnitId,
                db.OrgUnits.Where(u => u.Id == e.OrgUnitId).Select(u => u.Name).FirstOrDefault(),
                e.Before,
                e.After))
            .ToListAsync(ct);

        return new AuditSearchResult(rows.ConvertAll(r => r with { At = TimeZoneInfo.ConvertTime(r.At, clock.Zone) }), total);
    }

    public async Task<AuditFilterOptions> GetFilterOptionsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await ReadableAsync(db, user, ct);
        var entityTypes = await entries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        var actions = await entries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        var visible = await guard.AllowsAsync(user, Operation.ViewAudit) ? null : await guard.UnitsAllowingAsync(user, Operation.ReadDisciplineRecords, ct);
        var units = (await db.OrgUnits.AsNoTracking().ToListAsync(ct)).Where(u => visible is null || visible.Contains(u.Id)).ToList();
        var ordered = OrgPath.InTreeOrder(units).Select(x => new AuditOrgUnitOption(x.Unit.Id, x.Unit.Name, x.Depth)).ToList();
        return new AuditFilterOptions(entityTypes, actions, ordered);
    }

    /// <summary>
    /// The entries the user may read: PartyOffice (<see cref="Operation.ViewAudit"/>) all but the restricted ones,
    /// Discipline the restricted ones of its scope; anyone else is refused.
    /// </summary>
    private async Task<IQueryable<AuditEntry>> ReadableAsync(PortalDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var all = await guard.AllowsAsync(user, Operation.ViewAudit);
        var restrictedEverywhere = await guard.AllowsAsync(user, Operation.ReadDisciplineRecords);
        var restrictedUnits = restrictedEverywhere ? null : await guard.UnitsAllowingAsync(user, Operation.ReadDisciplineRecords, ct);
        if (!all && !restrictedEverywhere && restrictedUnits!.Count == 0)
        {
            await guard.DemandAsync(user, Operation.ViewAudit, null, ct);
        }

        var entries = db.AuditEntries.AsNoTracking();
        if (restrictedEverywhere)
        {
            return all ? entries : entries.Where(e => e.Restricted);
        }

        var units = restrictedUnits!.ToList();
        return entries.Where(e => (all && !e.Restricted) || (e.Restricted && e.OrgUnitId != null && units.Contains(e.OrgUnitId.Value)));
    }

    private const string LikeEscape = "\\";

    private static string EscapeLike(string value) =>
        value.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);

    /// <summary>The instant the bureau's calendar day begins, in UTC.</summary>
    private DateTimeOffset StartOfDayUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);

        // Where a clock change repeats midnight, the day begins at its first occurrence; where it skips
        // midnight, the standard offset gives the instant the day's first hour actually starts.
        var offset = clock.Zone.IsAmbiguousTime(local) ? clock.Zone.GetAmbiguousTimeOffsets(local).Max() : clock.Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
