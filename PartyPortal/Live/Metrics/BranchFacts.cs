using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Live.Metrics;

/// <summary>An activity whose date decides a branch figure: a 警示教育, or a 三会一课 meeting of a kind with a requirement.</summary>
public readonly record struct CountedRecord(int ActivityId, int OrgUnitId, int KindId, DateOnly Date);

/// <summary>
/// One (branch, quarter) pair of 警示教育覆盖率: the branch existed during the quarter, and it is covered when one or
/// more 警示教育 of its own are dated in it (<see cref="Warnings"/>).
/// </summary>
public sealed record BranchQuarter(int OrgUnitId, Period Quarter, IReadOnlyList<CountedRecord> Warnings)
{
    public bool Warned => Warnings.Count > 0;
}

/// <summary>
/// One 三会一课 requirement instance counted in compliance (branch × kind × the requirement's period): met, or missed;
/// <see cref="Held"/> are the branch's meetings of the kind dated in the instance's period.
/// </summary>
public sealed record MeetingInstance(int OrgUnitId, ActivityKind Kind, RequirementInstance Instance, IReadOnlyList<CountedRecord> Held)
{
    public bool Met => Instance.Status == RequirementStatus.Met;
}

/// <summary>
/// The branch-level facts behind 警示教育覆盖率 and 三会一课落实率 for one period — the one place those definitions live
/// (DOMAIN.md "Metrics"). <see cref="MetricFactsReader"/> sums them per unit for the figures, and the dashboard lists
/// them pair by pair and instance by instance, so a list always adds up to its figure.
/// </summary>
public sealed class BranchFacts
{
    private BranchFacts(IReadOnlyList<BranchQuarter> quarters, IReadOnlyList<MeetingInstance> meetings)
    {
        Quarters = quarters;
        Meetings = meetings;
    }

    public static BranchFacts None { get; } = new([], []);

    /// <summary>Every (branch, quarter) pair owed in the period: quarters begun by today in which the branch existed.</summary>
    public IReadOnlyList<BranchQuarter> Quarters { get; }

    /// <summary>Every 三会一课 instance that counts (a running period not yet met is not yet owed).</summary>
    public IReadOnlyList<MeetingInstance> Meetings { get; }

    /// <summary>The kinds of 三会一课 with a requirement on every branch: the meetings compliance is made of.</summary>
    public static List<ActivityKind> MeetingKinds(IEnumerable<ActivityKind> kinds) =>
        [.. kinds.Where(k => ActivityKindCatalogue.MeetingCodes.Contains(k.Code) && k.Requirement?.Scope == RequirementScope.Branches)];

    /// <summary>
    /// The dated records that decide the branch figures of <paramref name="units"/> (every unit when null), each kind over
    /// its own span: a monthly or quarterly rule inside a half-year needs only the period, a rule longer than the period
    /// (a yearly one in a quarter) the whole of its own period, 警示教育 the period.
    /// </summary>
    internal static async Task<List<CountedRecord>> ReadRecordsAsync(
        PortalDbContext db, Period period, IReadOnlyList<ActivityKind> kinds, List<int>? units, CancellationToken ct)
    {
        var warningKind = WarningKind(kinds);
        var spans = MeetingKinds(kinds)
            .Select(k => (k.Id, Period.Containing(period.Start, k.Requirement!.PeriodKind).Start, Period.Containing(period.End, k.Requirement.PeriodKind).End))
            .Select(s => (Kind: s.Id, From: Min(period.Start, s.Start), To: Max(period.End, s.End)))
            .ToList();
        if (warningKind is { } w && !spans.Any(s => s.Kind == w))
        {
            spans.Add((w, period.Start, period.End));
        }

        var records = new List<CountedRecord>();
        foreach (var (kind, from, to) in spans)
        {
            var query = db.LiveActivities.AsNoTracking().Where(a => a.KindId == kind && a.Date >= from && a.Date <= to);
            if (units is not null)
            {
                query = query.Where(a => units.Contains(a.OrgUnitId));
            }

            records.AddRange(await query.Select(a => new CountedRecord(a.Id, a.OrgUnitId, kind, a.Date)).ToListAsync(ct));
        }

        return records;
    }

    /// <summary>The pairs and instances of the branches among <paramref name="units"/>, from their <paramref name="records"/>.</summary>
    internal static BranchFacts Of(Period period, DateOnly today, IEnumerable<OrgUnit> units, IReadOnlyList<ActivityKind> kinds, IEnumerable<CountedRecord> records)
    {
        var warningKind = WarningKind(kinds);
        var meetingKinds = MeetingKinds(kinds);
        var byUnit = records.ToLookup(r => r.OrgUnitId);
        var quarters = Period.Covering(period, PeriodKind.Quarter).Where(q => q.Start <= today).ToList();
        var pairs = new List<BranchQuarter>();
        var instances = new List<MeetingInstance>();
        foreach (var unit in units.Where(u => u.IsBranch))
        {
            var own = byUnit[unit.Id].ToList();
            foreach (var quarter in quarters.Where(unit.ExistedDuring))
            {
                pairs.Add(new BranchQuarter(unit.Id, quarter, [.. own.Where(r => r.KindId == warningKind && quarter.Contains(r.Date)).OrderBy(r => r.Date)]));
            }

            foreach (var kind in meetingKinds)
            {
                var held = own.Where(r => r.KindId == kind.Id).ToList();
                foreach (var instance in RequirementEvaluator.Evaluate(kind.Requirement!, unit.FoundedOn, unit.ClosedOn, held.Select(r => r.Date), period, today)
                    .Where(i => i.CountsInCompliance))
                {
                    instances.Add(new MeetingInstance(unit.Id, kind, instance, [.. held.Where(r => instance.Period.Contains(r.Date)).OrderBy(r => r.Date)]));
                }
            }
        }

        return new BranchFacts(pairs, instances);
    }

    /// <summary>Adds each unit's pairs and instances to its counts (the figures are their sums).</summary>
    internal void AddTo(IReadOnlyDictionary<int, MetricCounts> counts)
    {
        foreach (var pair in Quarters)
        {
            var c = counts[pair.OrgUnitId];
            c.BranchQuarters++;
            c.BranchQuartersWarned += pair.Warned ? 1 : 0;
        }

        foreach (var instance in Meetings)
        {
            var c = counts[instance.OrgUnitId];
            c.MeetingInstances++;
            c.MeetingInstancesMet += instance.Met ? 1 : 0;
        }
    }

    private static int? WarningKind(IEnumerable<ActivityKind> kinds) =>
        kinds.FirstOrDefault(k => k.Code == ActivityKindCatalogue.Codes.WarningEducation)?.Id;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
