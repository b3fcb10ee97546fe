using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.StarRatings;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.Dashboards;

/// <summary>An activity a figure counted, as the drill-down lists it.</summary>
public sealed record DrillActivity(int Id, DateOnly Date, string KindName, string Title, string OrgUnitName);

/// <summary>An attendance that counted for a member: present, or made up (补学) on <see cref="MadeUpOn"/>.</summary>
public sealed record DrillAttendance(DrillActivity Activity, DateOnly? MadeUpOn, string? Topic = null);

/// <summary>
/// One member under a member-based figure: <see cref="Required"/> of its denominator (1 for coverage, the topics due for
/// study completion), <see cref="Completed"/> of its numerator, what counted and what is missing.
/// </summary>
public sealed record MemberLine(
    int MemberId, string Name, string UnitName, CadreLevel CadreLevel, int Required, int Completed,
    IReadOnlyList<DrillAttendance> Attended, IReadOnlyList<string> Missing)
{
    /// <summary>The member's unit on the period's reference day (the unit whose figures count them).</summary>
    public int OrgUnitId { get; init; }

    public bool Counted => Completed == Required;
}

/// <summary>The members behind a figure and the activities that counted them; sums are the figure's own parts.</summary>
/// <remarks>Shared by every page showing it (<see cref="SnapshotReads"/>): what a page shows of it is worked out once, here.</remarks>
public sealed class MemberDrill(IReadOnlyList<MemberLine> lines, IReadOnlyList<DrillActivity> records)
{
    public IReadOnlyList<MemberLine> Lines { get; } = lines;

    public IReadOnlyList<DrillActivity> Records { get; } = records;

    public int Counted { get; } = lines.Sum(l => l.Completed);

    public int NotCounted { get; } = lines.Sum(l => l.Required - l.Completed);

    /// <summary>The members fully counted, in the list's order.</summary>
    public IReadOnlyList<MemberLine> CountedLines { get; } = [.. lines.Where(l => l.Counted)];

    /// <summary>The members not (or not fully) counted, in the list's order.</summary>
    public IReadOnlyList<MemberLine> NotCountedLines { get; } = [.. lines.Where(l => !l.Counted)];
}

/// <summary>The five-star branches under a scope and what the quota beside them is.</summary>
public sealed record FiveStarDrill(IReadOnlyList<FiveStarBranch> Branches, int GrowthPercent, int? CapPercent, int BureauFiveStars, int? BureauQuota);

public sealed partial class DashboardService
{
    private static readonly StringComparer ByName = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), ignoreCase: false);

    /// <summary>
    /// The members a member-based figure of the scope counts and does not count, from the very facts the figure is summed
    /// from (<see cref="MemberFacts"/>): 警示教育 member coverage, 培训覆盖率 (科级及以上) or 学习完成率.
    /// </summary>
    /// <remarks>
    /// Read once per snapshot of the scope and shared by every page showing it (<see cref="SnapshotReads"/>): a write
    /// delivers one new snapshot to every open 看板 at once, and each used to read the same members again.
    /// </remarks>
    public async Task<MemberDrill> MembersAsync(ClaimsPrincipal user, int scopeId, Period period, string metric, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ViewDashboards, scopeId, ct);
        var units = await SubtreeAsync(scopeId, ct);
        var snapshot = await metrics.GetAsync(scopeId, period, ct);
        return await shared.GetAsync<MemberDrill>("members:" + metric, snapshot,
            (earlier, c) => earlier is { } e && metrics.UnitsRereadSince(period, e.Sequence) is { } changed
                ? FollowMembersAsync(e.Value, changed, units, period, metric, c)
                : ReadMembersAsync(units, period, metric, c),
            (a, b) => DrillRows.SameMembers(a.Lines, b.Lines) && DrillRows.SameRecords(a.Records, b.Records), ct);
    }

    /// <summary><paramref name="earlier"/> brought up to date (<see cref="FollowAsync"/>).</summary>
    private async Task<MemberDrill> FollowMembersAsync(
        MemberDrill earlier, IReadOnlySet<int> changed, List<int> units, Period period, string metric, CancellationToken ct)
    {
        var (kept, fresh) = await FollowAsync(earlier.Lines, l => l.OrgUnitId, l => l.Attended.Select(a => a.Activity), restricted: false, changed, units,
            async reread => (await ReadMembersAsync(reread, period, metric, ct)).Lines, ct);
        return Drill(Merge(kept, fresh));
    }

    /// <summary>
    /// The members list's order: unit, cadre level from the highest, name (units and names in zh-CN order). Stable
    /// where it is used (<see cref="Enumerable.Order{T}(IEnumerable{T}, IComparer{T})"/>): namesakes keep the order read.
    /// </summary>
    private static readonly Comparer<MemberLine> MemberOrder = Comparer<MemberLine>.Create((a, b) =>
    {
        var c = ByName.Compare(a.UnitName, b.UnitName);
        c = c != 0 ? c : b.CadreLevel.CompareTo(a.CadreLevel);
        return c != 0 ? c : ByName.Compare(a.Name, b.Name);
    });

    /// <summary>
    /// The lines read again (in the list's order) placed among the kept ones (in it already): what sorting them all would
    /// give, kept lines before fresh ones that sort the same. A write re-reads a branch's few dozen members; sorting a
    /// province's 60,000 again by their zh-CN names was a fifth of the portal's CPU per write.
    /// </summary>
    private static List<MemberLine> Merge(List<MemberLine> kept, IReadOnlyList<MemberLine> fresh)
    {
        var merged = new List<MemberLine>(kept.Count + fresh.Count);
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept);
        var from = 0;
        foreach (var line in fresh)
        {
            // The first kept line that sorts after this one, from where the last one went.
            int lo = from, hi = all.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (MemberOrder.Compare(all[mid], line) <= 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            merged.AddRange(all[from..lo]);
            merged.Add(line);
            from = lo;
        }

        merged.AddRange(all[from..]);
        return merged;
    }

    /// <summary>
    /// The lines of a list made for an earlier snapshot, brought up to date: those of the units the engine has re-read
    /// since (<paramref name="changed"/>) read again by <paramref name="read"/>, the others kept. At a province a whole
    /// members list is 60,000 lines; a write re-reads a branch or two. The kept lines come in the earlier list's order,
    /// the fresh ones as <paramref name="read"/> gave them.
    /// </summary>
    /// <remarks>
    /// A kept line may show an activity of another unit (a committee's training). An edit through the portal names its
    /// attendees, so their units are re-read; a list kept for hours must not rest on every change doing so. The
    /// activities the kept lines show are read again (one query by id), and a unit with a line showing one that
    /// changed or went is read again too.
    /// </remarks>
    private async Task<(List<TLine> Kept, IReadOnlyList<TLine> Fresh)> FollowAsync<TLine>(
        IReadOnlyList<TLine> earlier, Func<TLine, int> unitOf, Func<TLine, IEnumerable<DrillActivity>> shows, bool restricted,
        IReadOnlySet<int> changed, List<int> units, Func<List<int>, Task<IReadOnlyList<TLine>>> read, CancellationToken ct)
    {
        var inScope = units.ToHashSet();
        var kept = earlier.Where(l => inScope.Contains(unitOf(l)) && !changed.Contains(unitOf(l))).ToList();
        Dictionary<int, DrillActivity> now;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            now = await DrillActivitiesAsync(db, [.. kept.SelectMany(l => shows(l).Select(a => a.Id)).Distinct()], ct, restricted);
        }

        var stale = kept.Where(l => shows(l).Any(a => now.GetValueOrDefault(a.Id) != a)).Select(unitOf).ToHashSet();
        var reread = units.Where(u => changed.Contains(u) || stale.Contains(u)).ToList();
        var fresh = reread.Count == 0 ? [] : await read(reread);
        return ([.. kept.Where(l => !stale.Contains(unitOf(l)))], fresh);
    }

    /// <summary>The activities of <paramref name="ids"/> that are not deleted; of the restricted kinds only with <paramref name="restricted"/>.</summary>
    private static Task<Dictionary<int, DrillActivity>> DrillActivitiesAsync(PortalDbContext db, List<int> ids, CancellationToken ct, bool restricted = false) =>
        db.LiveActivities.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id) && (restricted || !a.Kind!.Restricted))
            .Select(a => new DrillActivity(a.Id, a.Date, a.Kind!.Name, a.Title, a.OrgUnit!.Name))
            .ToDictionaryAsync(a => a.Id, ct);

    /// <summary>The list, in its order (<see cref="MemberOrder"/>), and the activities its lines show, newest first.</summary>
    private static MemberDrill Drill(IReadOnlyList<MemberLine> ordered)
    {
        var records = ordered.SelectMany(l => l.Attended.Select(a => a.Activity)).DistinctBy(a => a.Id)
            .OrderByDescending(a => a.Date).ThenByDescending(a => a.Id).ToList();
        return new MemberDrill(ordered, records);
    }

    /// <summary>
    /// The records a figure counts: the activities of its kinds (every kind for 活动次数) in the scope and period, newest
    /// first, restricted kinds only for those who may read discipline records there.
    /// </summary>
    /// <remarks>Read once per snapshot and shared, like the members: for each answer to "restricted kinds too?".</remarks>
    public async Task<IReadOnlyList<DrillActivity>> RecordsAsync(ClaimsPrincipal user, int scopeId, Period period, MetricInfo metric, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var withRestricted = await activities.ListsRestrictedAsync(user, scopeId, ct);
        var snapshot = await metrics.GetAsync(scopeId, period, ct);
        return await shared.GetAsync($"records:{metric.Name}:{withRestricted}", snapshot, c => ReadRecordsAsync(scopeId, period, metric, withRestricted, c),
            DrillRows.SameRecords, ct);
    }

    private async Task<IReadOnlyList<DrillActivity>> ReadRecordsAsync(int scopeId, Period period, MetricInfo metric, bool withRestricted, CancellationToken ct)
    {
        // One kind is filtered in the database: a bureau's quarter is thousands of activities to read for the few of one kind.
        var kind = metric.KindCodes.Count == 1 ? metric.KindCodes[0] : null;
        var all = await activities.ListInUnitAsync(scopeId, withRestricted, kind, period.Start, period.End, ct);
        return [.. (metric.KindCodes.Count <= 1 ? all : all.Where(a => metric.KindCodes.Contains(a.KindCode)))
            .Select(a => new DrillActivity(a.Id, a.Date, a.KindName, a.Title, a.OrgUnitName))];
    }

    /// <summary>The ids of the scope's subtree, the scope included.</summary>
    private async Task<List<int>> SubtreeAsync(int scopeId, CancellationToken ct)
    {
        var paths = await tree.PathsAsync(ct);
        var scopePath = paths.GetValueOrDefault(scopeId) ?? throw new KeyNotFoundException(Live.MetricsHub.NoSuchScope);
        return [.. paths.Where(p => p.Value.StartsWith(scopePath, StringComparison.Ordinal)).Select(p => p.Key)];
    }

    private async Task<MemberDrill> ReadMembersAsync(List<int> units, Period period, string metric, CancellationToken ct)
    {
        var read = await facts.ReadMembersAsync(period, clock.Today, units, ct);

        var parts = new List<(CountedMember Member, int Required, int Completed, List<(int ActivityId, DateOnly? MadeUpOn, string? Topic)> Attended, List<string> Missing)>();
        foreach (var m in read.Members)
        {
            switch (metric)
            {
                case MetricNames.WarningEducationCoverage:
                    var warned = read.WarningsOf(m).Select(p => (p.ActivityId, (DateOnly?)null, (string?)null)).Distinct().ToList();
                    parts.Add((m, 1, warned.Count > 0 ? 1 : 0, warned, warned.Count > 0 ? [] : ["本期间未参加警示教育"]));
                    break;
                case MetricNames.TrainingCoverage when MetricValues.HeadlineTrainingLevels.Contains(m.CadreLevel):
                    var trained = read.TrainingsOf(m).Select(p => (p.ActivityId, (DateOnly?)null, (string?)null)).Distinct().ToList();
                    parts.Add((m, 1, trained.Count > 0 ? 1 : 0, trained, trained.Count > 0 ? [] : [$"本期间未参加面向{m.CadreLevel.Display()}的培训"]));
                    break;
                case MetricNames.StudyCompletion:
                    var required = read.RequiredOf(m).ToList();
                    if (required.Count == 0)
                    {
                        break;
                    }

                    var done = new List<(int, DateOnly?, string?)>();
                    var missing = new List<string>();
                    foreach (var topic in required)
                    {
                        // One record per pair is enough to show it completed: a present one before a make-up.
                        var studies = read.StudiesOf(m, topic);
                        if (studies.Count == 0)
                        {
                            missing.Add(topic.Title);
                        }
                        else
                        {
                            var how = studies.OrderByDescending(s => s.Present).First();
                            done.Add((how.ActivityId, how.Present ? null : how.MadeUpOn, topic.Title));
                        }
                    }

                    parts.Add((m, required.Count, done.Count, done, missing));
                    break;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberIds = parts.Select(p => p.Member.MemberId).ToList();
        // A whole province's members as one array parameter (EF.Parameter): one parameter per id would pass SQLite's
        // 32,766 variables. Only here and for the activities: elsewhere the lists are short, and their plans stay as they were.
        var names = await db.Members.AsNoTracking().Where(m => EF.Parameter(memberIds).Contains(m.Id)).Select(m => new { m.Id, m.Name }).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var unitNames = await db.OrgUnits.AsNoTracking().Where(u => units.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var activities = await DrillActivitiesAsync(db, [.. parts.SelectMany(p => p.Attended.Select(a => a.ActivityId)).Distinct()], ct);

        return Drill([.. parts.Select(p => new MemberLine(
            p.Member.MemberId, names.GetValueOrDefault(p.Member.MemberId, "—"), unitNames.GetValueOrDefault(p.Member.OrgUnitId, "—"), p.Member.CadreLevel,
            p.Required, p.Completed,
            [.. p.Attended.Where(a => activities.ContainsKey(a.ActivityId)).Select(a => new DrillAttendance(activities[a.ActivityId], a.MadeUpOn, a.Topic)).OrderBy(a => a.Activity.Date)],
            p.Missing) { OrgUnitId = p.Member.OrgUnitId }).Order(MemberOrder)]);
    }

    /// <summary>
    /// The star year's five-star branches under the scope, and the bureau's count and quota: the quota is applied once for
    /// the whole bureau, so a unit's figure beside its count is only the same rule over its own branches.
    /// </summary>
    public async Task<FiveStarDrill> FiveStarsAsync(ClaimsPrincipal user, int scopeId, Period period, int starYear, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ViewDashboards, scopeId, ct);
        var paths = await tree.PathsAsync(ct);
        var scopePath = paths.GetValueOrDefault(scopeId) ?? throw new KeyNotFoundException(Live.MetricsHub.NoSuchScope);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var branches = await db.FiveStarBranchesAsync(scopePath, starYear, ct);
        var (growth, cap) = await db.QuotaRuleAsync(starYear, ct);

        // Published stars were noticed (公示) to every member, so the bureau's own figures are no secret to any scope.
        var root = OrgPath.Ids(scopePath)[0];
        var bureau = await metrics.GetAsync(root, period, ct);
        return new FiveStarDrill(branches, growth, cap, bureau.Values.FiveStarCount, bureau.Values.FiveStarQuota);
    }
}
