using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Reports;

/// <summary>An activity as the figures read it.</summary>
public sealed record ActivityFact(
    int Id, string KindCode, string KindName, DateOnly Date, int OrgUnitId, string Title, int Quantity, string? CampaignCode,
    bool AtContactPoint, OrganiserLevel? OrganiserLevel, int? SubjectMemberId, string? SubjectName);

/// <summary>A member present at an activity, with the unit they belonged to on its day.</summary>
public sealed record PresenceFact(
    int MemberId, string MemberName, CadreLevel CadreLevel, int MemberUnitId, int ActivityId, string KindCode, DateOnly Date, string Title,
    OrganiserLevel? OrganiserLevel);

public sealed record RegisterFact(int Id, RegisterKind Kind, string Name, int OrgUnitId, DateOnly StartsOn, DateOnly? EndsOn);

public sealed record ItemFact(
    int Id, ClosedLoopSource Source, string Title, int OwnerOrgUnitId, DateOnly FoundOn, ClosedLoopStatus Status, int? SourceActivityId);

public sealed record MeasureFact(int Id, int ItemId, string Description, DateOnly WrittenOn, DateOnly? DoneOn);

public sealed record PartnershipFact(
    int Id, PartnershipType Type, int OrgUnitId, int? PartnerOrgUnitId, int? PartnerOrganisationId, string? PartnerOrganisationName,
    OutsideOrganisationKind? PartnerKind, DateOnly StartsOn, DateOnly? EndsOn);

public sealed record DisciplineFact(
    int Id, DisciplineRecordType Type, int OrgUnitId, DateOnly Date, string? Reference, string Summary, DispositionForm? Form, int PersonTimes);

/// <summary>The five-star branches of the latest rating year published in the period, with that year's quota.</summary>
public sealed record StarFact(int? Year, IReadOnlyList<StarRatings.FiveStarBranch> Branches, int? Quota);

/// <summary>A unit of the tree, for names and for the organs / district sides of partnerships.</summary>
public sealed record UnitFact(int Id, string Name, OrgUnitType Type, int? ParentId, string Path, bool IsTemporary, DateOnly? FoundedOn, DateOnly? ClosedOn);

/// <summary>
/// Everything the catalogue's figures count for one period and scope, read in a few set-based queries (one per kind of
/// record, not one per figure): the evaluator and the records behind each figure both read these, so a figure and
/// its records cannot disagree.
/// </summary>
public sealed class ReportFacts
{
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required UnitFact Scope { get; init; }
    public required IReadOnlyDictionary<int, UnitFact> Units { get; init; }
    public required string? OrgansPath { get; init; }
    public required string? DistrictPath { get; init; }
    public required IReadOnlyList<ActivityFact> Activities { get; init; }
    public required IReadOnlyList<PresenceFact> Presence { get; init; }
    public required IReadOnlyList<RegisterFact> Registers { get; init; }
    public required IReadOnlyList<ItemFact> Items { get; init; }
    public required IReadOnlyList<MeasureFact> Measures { get; init; }
    public required IReadOnlyList<PartnershipFact> Partnerships { get; init; }
    public required IReadOnlyList<DisciplineFact> Discipline { get; init; }
    public required StarFact Stars { get; init; }

    public string UnitName(int id) => Units.TryGetValue(id, out var u) ? u.Name : "";

    public string ParentName(int id) => Units.TryGetValue(id, out var u) && u.ParentId is { } p ? UnitName(p) : "";

    public bool InScope(int unitId) => Units.TryGetValue(unitId, out var u) && OrgPath.IsWithin(u.Path, Scope.Path);

    public static async Task<ReportFacts> LoadAsync(PortalDbContext db, int scopeId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var units = await db.OrgUnits.AsNoTracking()
            .Select(u => new UnitFact(u.Id, u.Name, u.Type, u.ParentId, u.Path, u.IsTemporary, u.FoundedOn, u.ClosedOn)).ToDictionaryAsync(u => u.Id, ct);
        var scope = units.GetValueOrDefault(scopeId) ?? throw new KeyNotFoundException();
        var settings = await db.BureauSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        var organs = units.Values.Where(u => u.Type == OrgUnitType.OrgansCommittee).OrderBy(u => u.Path.Length).FirstOrDefault();
        var district = string.IsNullOrEmpty(settings?.DistrictName) ? null
            : units.Values.Where(u => u.Type == OrgUnitType.CountyCommittee && u.Name.Contains(settings.DistrictName, StringComparison.Ordinal))
                .OrderBy(u => u.Path.Length).FirstOrDefault();
        var path = scope.Path;

        var kindCodes = ReportCatalogue.Figures.Where(f => f.Source == FigureSource.Activities).SelectMany(f => f.Filter.KindCodes).Distinct().ToList();
        var activities = await db.LiveActivities.AsNoTracking()
            .Where(a => kindCodes.Contains(a.Kind!.Code) && a.Date >= from && a.Date <= to && a.OrgUnit!.Path.StartsWith(path))
            .Select(a => new ActivityFact(a.Id, a.Kind!.Code, a.Kind.Name, a.Date, a.OrgUnitId, a.Title, a.Quantity, a.Campaign!.Code,
                a.ContactPointId != null, a.OrganiserLevel, a.SubjectMemberId, a.SubjectMember!.Name))
            .ToListAsync(ct);

        var presenceCodes = ReportCatalogue.Figures.Where(f => f.Source == FigureSource.Attendance).SelectMany(f => f.Filter.KindCodes).Distinct().ToList();
        var (start, end) = (from, to);
        var presence = await (
            from at in db.Attendance.AsNoTracking()
            where at.Status == AttendanceStatus.Present
            join a in db.LiveActivities on at.ActivityId equals a.Id
            where presenceCodes.Contains(a.Kind!.Code) && a.Date >= start && a.Date <= end
            from asg in db.MemberAssignments
            where asg.MemberId == at.MemberId && asg.From <= a.Date && (asg.To == null || asg.To >= a.Date) && asg.OrgUnit!.Path.StartsWith(path)
            select new PresenceFact(at.MemberId, at.Member!.Name, at.Member.CadreLevel, asg.OrgUnitId, a.Id, a.Kind!.Code, a.Date, a.Title, a.OrganiserLevel))
            .ToListAsync(ct);

        var registers = await db.RegisterEntries.AsNoTracking()
            .Where(r => r.StartsOn <= to && (r.EndsOn == null || r.EndsOn >= from) && r.OrgUnit!.Path.StartsWith(path))
            .Select(r => new RegisterFact(r.Id, r.Kind, r.Name, r.OrgUnitId, r.StartsOn, r.EndsOn)).ToListAsync(ct);

        // Problems found in the period in the scope, and those found by the period's inspections (F20) whenever filed.
        var finders = ReportCatalogue.Figures.Where(f => f.Filter.FoundByFigure is not null)
            .SelectMany(f => ReportCatalogue.Find(f.Filter.FoundByFigure)!.Filter.KindCodes).ToHashSet();
        var inspections = activities.Where(a => finders.Contains(a.KindCode)).Select(a => a.Id).ToList();
        var items = await db.ClosedLoopItems.AsNoTracking()
            .Where(i => (i.FoundOn >= from && i.FoundOn <= to && i.OwnerOrgUnit!.Path.StartsWith(path))
                || (i.SourceActivityId != null && inspections.Contains(i.SourceActivityId.Value)))
            .Select(i => new ItemFact(i.Id, i.Source, i.Title, i.OwnerOrgUnitId, i.FoundOn, i.Status, i.SourceActivityId)).ToListAsync(ct);
        var itemIds = items.Select(i => i.Id).ToList();
        var measures = await db.RectificationMeasures.AsNoTracking().Where(m => itemIds.Contains(m.ItemId))
            .Select(m => new MeasureFact(m.Id, m.ItemId, m.Description, m.WrittenOn, m.DoneOn)).ToListAsync(ct);

        var partnerships = await db.Partnerships.AsNoTracking()
            .Where(p => p.StartsOn <= to && (p.EndsOn == null || p.EndsOn >= from) && p.OrgUnit!.Path.StartsWith(path))
            .Select(p => new PartnershipFact(p.Id, p.Type, p.OrgUnitId, p.PartnerOrgUnitId, p.PartnerOrganisationId, p.PartnerOrganisation!.Name,
                (OutsideOrganisationKind?)p.PartnerOrganisation.Kind, p.StartsOn, p.EndsOn))
            .ToListAsync(ct);

        var discipline = await db.DisciplineRecords.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= to && d.OrgUnit!.Path.StartsWith(path))
            .Select(d => new DisciplineFact(d.Id, d.Type, d.OrgUnitId, d.Date, d.Reference, d.Summary, d.Form, d.PersonTimes)).ToListAsync(ct);

        return new ReportFacts
        {
            From = from, To = to, Scope = scope, Units = units, OrgansPath = organs?.Path, DistrictPath = district?.Path,
            Activities = activities, Presence = presence, Registers = registers, Items = items, Measures = measures,
            Partnerships = partnerships, Discipline = discipline, Stars = await ReportStars.LoadAsync(db, path, from, to, ct),
        };
    }
}
