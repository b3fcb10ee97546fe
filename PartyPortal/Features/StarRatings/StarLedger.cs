using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>A branch's place in the tree, as lists of the year's ratings show it.</summary>
/// <param name="TreeOrder">Its place in the org chart's order (<see cref="OrgPath.InTreeOrder"/>), for lists by unit.</param>
public sealed record StarUnitPlace(int? ParentId, string? Parent, string Path, int TreeOrder);

/// <summary>
/// What the ledger says about a branch's year for its assessment: each measured item's figure and proposal, read from
/// the live engine (the dashboards' own definitions and cache), and the veto items found in the records.
/// </summary>
public sealed class StarLedger(LiveMetrics metrics, IDbContextFactory<PortalDbContext> dbFactory, BureauClock clock)
{
    /// <summary>The branches a year rates: every standing (not temporary) branch that existed in the year.</summary>
    public static async Task<List<OrgUnit>> RatedBranchesAsync(PortalDbContext db, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var period = Period.OfYear(year);
        return (await db.OrgUnits.AsNoTracking().Where(u => u.Type == OrgUnitType.Branch && !u.IsTemporary).ToListAsync(ct))
            .Where(b => b.ExistedDuring(period)).OrderBy(b => b.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Where each branch sits in the tree: its parent and the names from below the municipal committee down to it
    /// ("机关党委 / 稽查局党总支 / 一科党支部"; every unit lies under the one committee, so its name adds nothing). Names
    /// of units, not records: callers ask only for branches whose rows the user may already read.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, StarUnitPlace>> PlacesAsync(IEnumerable<int> branchIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(branchIds);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var units = all.ToDictionary(u => u.Id);
        var order = OrgPath.InTreeOrder(all).Select((x, i) => (x.Unit.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return branchIds.Distinct().Where(units.ContainsKey).ToDictionary(id => id, id =>
        {
            var unit = units[id];
            var names = OrgPath.Ids(unit.Path).Select(units.GetValueOrDefault).Where(u => u is { ParentId: not null }).Select(u => u!.Name);
            return new StarUnitPlace(unit.ParentId, unit.ParentId is { } p ? units.GetValueOrDefault(p)?.Name : null, string.Join(" / ", names), order[id]);
        });
    }

    /// <summary>Each item's figure and proposed points for the branch's year.</summary>
    public async Task<IReadOnlyDictionary<int, (Ratio? Figure, decimal? Proposed)>> ProposalsAsync(
        StarRubric rubric, int branchId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var values = (await metrics.GetAsync(branchId, Period.OfYear(rubric.Year), ct)).Values;
        return rubric.Criteria.ToDictionary(c => c.Id, c =>
        {
            var figure = values.Of(c.Measure);
            return (figure, StarScoring.Proposed(c, figure?.Value));
        });
    }

    /// <summary>
    /// The veto items the records show for the branch's year: a 立案审查调查 record of the branch in the year; a
    /// rectification item still open, on the year's last day (or today while it runs), more than the item's days past
    /// its deadline; the committee's 软弱涣散 designation, made when it approved the assessment.
    /// </summary>
    public async Task<IReadOnlyList<VetoFinding>> FindingsAsync(StarRubric rubric, int branchId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var year = Period.OfYear(rubric.Year);
        var day = year.End < clock.Today ? year.End : clock.Today;
        var findings = new List<VetoFinding>();
        foreach (var veto in rubric.Vetoes.OrderBy(v => v.Kind))
        {
            var records = veto.Kind switch
            {
                // Discipline records are restricted: the finding says how many, never which.
                VetoKind.DisciplinaryCase => await db.DisciplineRecords.AsNoTracking()
                    .CountAsync(r => r.OrgUnitId == branchId && r.Type == DisciplineRecordType.CaseOpened && r.Date >= year.Start && r.Date <= year.End, ct) is var n and > 0
                    ? [$"本年度有{n}件立案审查调查（纪检记录，明细仅纪检人员可查）"]
                    : [],
                VetoKind.RectificationOverdue => (await db.ClosedLoopItems.AsNoTracking()
                    .Where(i => i.OwnerOrgUnitId == branchId && i.FoundOn <= day && (i.Status != ClosedLoopStatus.Closed || i.ClosedOn > day))
                    .ToListAsync(ct))
                    .Where(i => i.IsOverdueBeyond(day, veto.OverdueDays ?? 0))
                    .OrderBy(i => i.Deadline).Select(i => $"{i.Title}（整改期限 {i.Deadline:yyyy-MM-dd}，逾期 {day.DayNumber - i.Deadline.DayNumber} 天）").ToList(),
                VetoKind.WeakAndLax => await db.StarAssessments.AsNoTracking()
                    .Where(a => a.RubricId == rubric.Id && a.OrgUnitId == branchId && a.WeakAndLaxFinding != null)
                    .Select(a => "党委审核认定：" + a.WeakAndLaxFinding).ToListAsync(ct),
                _ => [],
            };
            if (records.Count > 0)
            {
                findings.Add(new VetoFinding(veto, StarScoring.VetoReason(veto), records));
            }
        }

        return findings;
    }
}
