using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Live.Metrics;

/// <summary>
/// Reads the counts behind every metric for one period from the ledger, for every unit or for a few (after a
/// change). DOMAIN.md's definitions, with the choices they leave open:
/// <list type="bullet">
/// <item>A member belongs to one unit in a period: the branch their assignment names on the reference day (the
/// period's last day, or today while it runs). A member transferred mid-quarter counts in the new branch, and
/// what they attended in the old one still counts for them.</item>
/// <item>Warning-education coverage over a half-year or year is over (branch, quarter) pairs, so for a quarter it
/// is exactly "branches with one or more ÷ branches that existed"; a quarter not yet begun owes nothing.</item>
/// <item>A study topic is required once its due date has come; training is counted by the cadre levels an
/// activity is flagged for; excused or absent is not present, make-up study (补学) completes a topic.</item>
/// <item>Rectification: items found by the period's end; closed by then; overdue when still open on the reference
/// day past their deadline.</item>
/// <item>Stars: the latest year up to the period's year with published ratings; the quota from the year before.</item>
/// </list>
/// </summary>
public sealed class MetricFactsReader(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Every unit's counts for the period, and the tree they hang in.</summary>
    public Task<PeriodFacts> ReadAllAsync(Period period, DateOnly today, CancellationToken ct = default) =>
        ReadAsync(period, today, null, ct);

    /// <summary>
    /// Every unit's counts for the period, read through <paramref name="db"/> in its owner's transaction: the demo
    /// seeder proposes its assessments' points from the ledger it has written and not yet committed.
    /// </summary>
    public static async Task<PeriodFacts> ReadAllAsync(PortalDbContext db, Period period, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var read = new LedgerRead(null, spread: false, within: db);
        return await ReadAsync(read, period, today, null, ct);
    }

    /// <summary>
    /// Re-reads the units changes touched, and the home units (on the period's reference day) of the members they
    /// name, into a copy of <paramref name="facts"/>. The members come from the change records, before and after the
    /// write: an attendee removed by an edit still names the branch that counted them.
    /// </summary>
    /// <returns>The new facts and the units whose counts were re-read (the snapshots containing them are stale).</returns>
    public async Task<(PeriodFacts Facts, IReadOnlySet<int> Reread)> RereadAsync(
        PeriodFacts facts, IReadOnlyCollection<int> changedUnitIds, IReadOnlyCollection<int> changedMemberIds, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var affected = await AffectedUnitsAsync(facts.Period, today, changedUnitIds, changedMemberIds, ct);
        var partial = await ReadAsync(facts.Period, today, affected, ct);
        return (facts.With(partial), affected);
    }

    /// <summary>
    /// The member-level facts behind the member-based figures for the members of <paramref name="units"/> (their unit on
    /// the period's reference day): the same read the counts are summed from, for the dashboard to list member by member.
    /// </summary>
    public async Task<MemberFacts> ReadMembersAsync(Period period, DateOnly today, IReadOnlyCollection<int> units, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        var refDay = ReferenceDay(period, today);
        if (refDay < period.Start || units.Count == 0)
        {
            return MemberFacts.None;
        }

        await using var read = new LedgerRead(dbFactory, spread: false);
        var kinds = await read.RunAsync(db => db.ActivityKinds.AsNoTracking().ToListAsync(ct), ct);
        return await MemberFacts.ReadAsync(read, period, refDay, kinds, [.. units], ct);
    }

    /// <summary>
    /// The branch-level facts behind 警示教育覆盖率 and 三会一课落实率 for <paramref name="units"/>: the same pairs and
    /// instances the counts are summed from, for the dashboard to list one by one.
    /// </summary>
    public async Task<BranchFacts> ReadBranchesAsync(Period period, DateOnly today, IReadOnlyCollection<int> units, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count == 0)
        {
            return BranchFacts.None;
        }

        var ids = units.ToList();
        await using var read = new LedgerRead(dbFactory, spread: false);
        return await read.RunAsync(async db =>
        {
            var kinds = await db.ActivityKinds.AsNoTracking().ToListAsync(ct);
            var branches = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
            var records = await BranchFacts.ReadRecordsAsync(db, period, kinds, ids, ct);
            return BranchFacts.Of(period, today, branches, kinds, records);
        }, ct);
    }

    private async Task<HashSet<int>> AffectedUnitsAsync(
        Period period, DateOnly today, IReadOnlyCollection<int> units, IReadOnlyCollection<int> members, CancellationToken ct)
    {
        var affected = units.ToHashSet();
        if (members.Count == 0)
        {
            return affected;
        }

        var refDay = ReferenceDay(period, today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // In chunks: an import names thousands of members, and a query holds at most some thousands of parameters.
        foreach (var ids in members.Distinct().Chunk(2_000))
        {
            affected.UnionWith(await db.MemberAssignments
                .Where(m => m.From <= refDay && (m.To == null || m.To >= refDay) && ids.Contains(m.MemberId))
                .Select(m => m.OrgUnitId)
                .Distinct()
                .ToListAsync(ct));
        }

        return affected;
    }

    private async Task<PeriodFacts> ReadAsync(Period period, DateOnly today, IReadOnlySet<int>? only, CancellationToken ct)
    {
        // A re-read (a branch or two, for every cached period after each write) takes its parts in turn in one
        // transaction: spread over threads they only added threads and memory while writes came in.
        if (only is not null)
        {
            await using var few = new LedgerRead(dbFactory, spread: false);
            return await ReadAsync(few, period, today, only, ct);
        }

        await using (var spread = new LedgerRead(dbFactory, spread: true))
        {
            var facts = await ReadAsync(spread, period, today, only, ct);
            if (spread.SawOneState)
            {
                return facts;
            }
        }

        // A write committed between two parts' snapshots, so the counts mix two ledgers (a session counted in one
        // part, its attendance missing from another). Rare; read again, the parts in turn in one transaction.
        await using var inTurn = new LedgerRead(dbFactory, spread: false);
        return await ReadAsync(inTurn, period, today, only, ct);
    }

    private static async Task<PeriodFacts> ReadAsync(LedgerRead read, Period period, DateOnly today, IReadOnlySet<int>? only, CancellationToken ct)
    {
        var refDay = ReferenceDay(period, today);
        // A re-read reads only the units it counts: the whole tree is 3,243 rows at a province, and it was read again for
        // every cached period on every write. The facts it is merged into keep their tree (PeriodFacts.With).
        var (units, kinds) = await read.RunAsync(async db =>
        {
            var ids = only?.ToList();
            var rows = ids is null ? db.OrgUnits : db.OrgUnits.Where(u => ids.Contains(u.Id));
            return (await rows.AsNoTracking().ToListAsync(ct), await db.ActivityKinds.AsNoTracking().ToListAsync(ct));
        }, ct);
        var targets = units.Select(u => u.Id).ToHashSet();
        var counts = targets.ToDictionary(id => id, _ => new MetricCounts());

        // The parts fill different counts, each on its own connection and pool thread at once: SQLite's readers do not
        // block one another under WAL (a province's quarter: 354-370 ms against 493-530 one after another, in turns).
        var within = only is null ? null : targets.ToList();
        var activities = read.RunAsync(d => CountActivitiesAsync(d, period, today, units, kinds, within, counts, ct), ct);
        var members = refDay >= period.Start ? CountMembersAsync(read, period, refDay, kinds, within, counts, ct) : Task.CompletedTask;
        var rectification = read.RunAsync(d => CountRectificationAsync(d, period, refDay, within, counts, ct), ct);
        var stars = read.RunAsync(d => CountStarsAsync(d, period, within, counts, ct), ct);
        await Task.WhenAll(activities, members, rectification, stars);
        var (starYear, quotaRule) = await stars;
        return new PeriodFacts(period, refDay, units, counts, starYear, quotaRule);
    }

    private static DateOnly ReferenceDay(Period period, DateOnly today) => period.End < today ? period.End : today;

    private static async Task CountActivitiesAsync(
        PortalDbContext db, Period period, DateOnly today, List<OrgUnit> units, List<ActivityKind> kinds,
        List<int>? only, Dictionary<int, MetricCounts> counts, CancellationToken ct)
    {
        // The plain count is counted by the database; only the kinds whose dates decide a figure come back as rows.
        var restricted = kinds.Where(k => k.Restricted).Select(k => k.Id).ToHashSet();
        var counted = db.LiveActivities.AsNoTracking().Where(a => a.Date >= period.Start && a.Date <= period.End && !restricted.Contains(a.KindId));
        if (only is not null)
        {
            counted = counted.Where(a => only.Contains(a.OrgUnitId));
        }

        var activityCounts = await counted.GroupBy(a => a.OrgUnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var unit in units)
        {
            counts[unit.Id].Activities = activityCounts.GetValueOrDefault(unit.Id);
        }

        var records = await BranchFacts.ReadRecordsAsync(db, period, kinds, only, ct);
        BranchFacts.Of(period, today, units, kinds, records).AddTo(counts);
    }

    private static async Task CountMembersAsync(
        LedgerRead read, Period period, DateOnly refDay, List<ActivityKind> kinds, List<int>? only, Dictionary<int, MetricCounts> counts, CancellationToken ct)
    {
        var facts = await MemberFacts.ReadAsync(read, period, refDay, kinds, only, ct);
        foreach (var m in facts.Members)
        {
            if (!counts.TryGetValue(m.OrgUnitId, out var c))
            {
                continue;
            }

            c.Members++;
            if (facts.WarningsOf(m).Any())
            {
                c.MembersWarned++;
            }

            c.CadreMembers[(int)m.CadreLevel]++;
            if (facts.TrainingsOf(m).Any())
            {
                c.CadreTrained[(int)m.CadreLevel]++;
            }

            foreach (var topic in facts.RequiredOf(m))
            {
                c.StudyRequired++;
                if (facts.StudiesOf(m, topic).Any())
                {
                    c.StudyCompleted++;
                }
            }
        }
    }

    private static async Task CountRectificationAsync(
        PortalDbContext db, Period period, DateOnly refDay, List<int>? only, Dictionary<int, MetricCounts> counts, CancellationToken ct)
    {
        var query = db.ClosedLoopItems.AsNoTracking().Where(i => i.FoundOn <= period.End);
        if (only is not null)
        {
            query = query.Where(i => only.Contains(i.OwnerOrgUnitId));
        }

        foreach (var item in await query.Select(i => new { i.OwnerOrgUnitId, i.Status, i.ClosedOn, i.Deadline }).ToListAsync(ct))
        {
            if (!counts.TryGetValue(item.OwnerOrgUnitId, out var c))
            {
                continue;
            }

            c.RectificationItems++;
            var closedBy = item.Status == ClosedLoopStatus.Closed ? item.ClosedOn : null;
            if (closedBy <= period.End)
            {
                c.RectificationClosed++;
            }

            if (!(closedBy <= refDay) && item.Deadline < refDay)
            {
                c.RectificationOverdue++;
            }
        }
    }

    private static async Task<(int? StarYear, FiveStarQuotaRule? QuotaRule)> CountStarsAsync(
        PortalDbContext db, Period period, List<int>? only, Dictionary<int, MetricCounts> counts, CancellationToken ct)
    {
        var starYear = await db.StarRatings.Where(r => r.Year <= period.Year).MaxAsync(r => (int?)r.Year, ct);
        if (starYear is null)
        {
            return (null, null);
        }

        var quotaKnown = await db.StarRatings.AnyAsync(r => r.Year == starYear - 1, ct);
        var scheme = await db.StarRubrics.Where(r => r.Year == starYear).Select(r => new { r.FiveStarGrowthPercent, r.FiveStarCapPercent }).SingleOrDefaultAsync(ct);
        var rule = scheme is null ? new FiveStarQuotaRule(quotaKnown) : new FiveStarQuotaRule(quotaKnown, scheme.FiveStarGrowthPercent, scheme.FiveStarCapPercent);
        var query = db.StarRatings.AsNoTracking().Where(r => r.Year == starYear || r.Year == starYear - 1);
        if (only is not null)
        {
            query = query.Where(r => only.Contains(r.OrgUnitId));
        }

        foreach (var r in await query.Select(r => new { r.OrgUnitId, r.Year, r.Stars }).ToListAsync(ct))
        {
            if (!counts.TryGetValue(r.OrgUnitId, out var c) || r.Stars is < 1 or > 5)
            {
                continue;
            }

            if (r.Year == starYear)
            {
                c.Stars[r.Stars]++;
            }
            else if (r.Stars == 5)
            {
                c.PreviousFiveStars++;
            }
        }

        return (starYear, rule);
    }

}
