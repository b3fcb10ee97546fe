using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Live.Metrics;

/// <summary>A member as the member-based metrics count them: the unit they belong to on the period's reference day.</summary>
/// <remarks>
/// This and the two rows below are values, not objects: a province's quarter reads about 300,000 of them, and as
/// objects the collector's time was a third of the read's.
/// </remarks>
public readonly record struct CountedMember(int MemberId, int OrgUnitId, CadreLevel CadreLevel, int BirthYear);

/// <summary>A presence that a member-based metric can count: at a 警示教育 or a training dated in the period.</summary>
public readonly record struct CountedPresence(int MemberId, int ActivityId, int KindId, CadreLevels TrainingFor);

/// <summary>An attendance that completes a (member, topic) pair: present, or made up (补学) on <see cref="MadeUpOn"/>.</summary>
public readonly record struct CountedStudy(int MemberId, int TopicId, int ActivityId, bool Present, DateOnly? MadeUpOn);

/// <summary>
/// The member-level facts behind 警示教育 member coverage, 培训覆盖率 and 学习完成率 for one period — the one place
/// those definitions live (DOMAIN.md "Metrics"). <see cref="MetricFactsReader"/> sums them per unit for the figures,
/// and the dashboard lists them member by member, so a list always adds up to its figure.
/// </summary>
public sealed class MemberFacts
{
    private readonly Grouped<CountedPresence> presentBy;
    private readonly Grouped<CountedStudy> studiedBy;
    private readonly int warningKind;
    private readonly HashSet<int> trainingKinds;

    private MemberFacts(
        IReadOnlyList<CountedMember> members, List<CountedPresence> present, IReadOnlyList<StudyTopic> topics,
        List<CountedStudy> studied, int warningKind, HashSet<int> trainingKinds)
    {
        Members = members;
        presentBy = new(present, p => p.MemberId);
        Topics = topics;
        studiedBy = new(studied, s => PairKey(s.MemberId, s.TopicId));
        this.warningKind = warningKind;
        this.trainingKinds = trainingKinds;
    }

    public static MemberFacts None { get; } = new([], [], [], [], -1, []);

    /// <summary>Each member once, in the unit they belong to on the reference day.</summary>
    public IReadOnlyList<CountedMember> Members { get; }

    /// <summary>The study topics due in the period by the reference day.</summary>
    public IReadOnlyList<StudyTopic> Topics { get; }

    /// <summary>The 警示教育 the member was present at in the period; any one counts them.</summary>
    public IEnumerable<CountedPresence> WarningsOf(CountedMember member) =>
        presentBy[member.MemberId].Where(p => p.KindId == warningKind);

    /// <summary>The trainings flagged for the member's cadre level they were present at in the period; any one counts them.</summary>
    public IEnumerable<CountedPresence> TrainingsOf(CountedMember member) =>
        presentBy[member.MemberId].Where(p => trainingKinds.Contains(p.KindId) && p.TrainingFor.Includes(member.CadreLevel));

    /// <summary>The topics due in the period for the member's audience: the (member, topic) pairs required.</summary>
    public IEnumerable<StudyTopic> RequiredOf(CountedMember member) =>
        Topics.Where(t => t.IsFor(member.CadreLevel, member.BirthYear, t.DueOn.Year));

    /// <summary>What completed the pair (present at a linked activity, or its 补学); empty when not completed.</summary>
    public IReadOnlyList<CountedStudy> StudiesOf(CountedMember member, StudyTopic topic) => studiedBy[PairKey(member.MemberId, topic.Id)];

    /// <summary>
    /// Reads the facts of the members whose unit on <paramref name="refDay"/> is one of <paramref name="only"/> (every
    /// unit when null), each part through <paramref name="read"/>.
    /// </summary>
    /// <summary>The most members a read names by id (a re-read after a write names a branch or two).</summary>
    internal const int NamedAtMost = 500;

    internal static async Task<MemberFacts> ReadAsync(
        LedgerRead read, Period period, DateOnly refDay, List<ActivityKind> kinds, List<int>? only, CancellationToken ct)
    {
        var warningKind = kinds.FirstOrDefault(k => k.Code == ActivityKindCatalogue.Codes.WarningEducation)?.Id ?? -1;
        var trainingKinds = kinds.Where(k => k.IsTraining).Select(k => k.Id).ToList();

        // The members counted, their attendance and their study are three reads at once. A re-read names its few
        // members by id, once they are known: the planner then starts from their attendance rows (3 ms at a province),
        // where a subquery would have it scan the period's activities (45 ms).
        IQueryable<MemberAssignment> Current(PortalDbContext db)
        {
            var current = db.MemberAssignments.AsNoTracking().Where(a => a.From <= refDay && (a.To == null || a.To >= refDay));
            return only is null ? current : current.Where(a => only.Contains(a.OrgUnitId));
        }

        // A member with two assignments on the day belongs to the later: sorted so, the first row of each member wins.
        var homes = read.RunAsync(db => Current(db)
            .OrderBy(a => a.MemberId).ThenByDescending(a => a.From)
            .Select(a => new CountedMember(a.MemberId, a.OrgUnitId, a.Member!.CadreLevel, a.Member.BirthYear))
            .ToListAsync(ct), ct);
        List<int>? named = null;
        HashSet<int>? kept = null;
        if (only is not null)
        {
            named = [.. (await homes).Select(h => h.MemberId).Distinct()];
            if (named.Count == 0)
            {
                return None;
            }

            // Naming members pays only while they are few: each brings all its attendance rows, of every period (about
            // 130 at a province), where the period's rows of the kinds counted come from one index. A whole province
            // named by id took 9 s; read by period and kept in memory, a fraction of a second.
            if (named.Count > NamedAtMost)
            {
                kept = [.. named];
                named = null;
            }
        }

        var present = read.RunAsync(async db =>
        {
            var query = from at in db.Attendance
                        join a in db.LiveActivities on at.ActivityId equals a.Id
                        where a.Date >= period.Start && a.Date <= period.End && at.Status == AttendanceStatus.Present
                              && (a.KindId == warningKind || trainingKinds.Contains(a.KindId))
                        select new { at.MemberId, ActivityId = a.Id, a.KindId, a.TrainingFor };
            if (named is not null)
            {
                query = query.Where(p => named.Contains(p.MemberId));
            }

            return await query.Select(p => new CountedPresence(p.MemberId, p.ActivityId, p.KindId, p.TrainingFor)).ToListAsync(ct);
        }, ct);
        var study = read.RunAsync(async db =>
        {
            var topics = await db.StudyTopics.AsNoTracking()
                .Where(t => t.DueOn >= period.Start && t.DueOn <= period.End && t.DueOn <= refDay).ToListAsync(ct);
            var topicIds = topics.Select(t => t.Id).ToList();
            var query = from at in db.Attendance
                        join a in db.LiveActivities on at.ActivityId equals a.Id
                        where a.StudyTopicId != null && topicIds.Contains(a.StudyTopicId.Value)
                              && (at.Status == AttendanceStatus.Present || at.MadeUpOn != null)
                        select new { at.MemberId, TopicId = a.StudyTopicId!.Value, ActivityId = a.Id, Present = at.Status == AttendanceStatus.Present, at.MadeUpOn };
            if (named is not null)
            {
                query = query.Where(p => named.Contains(p.MemberId));
            }

            return (topics, await query.Select(p => new CountedStudy(p.MemberId, p.TopicId, p.ActivityId, p.Present, p.MadeUpOn)).ToListAsync(ct));
        }, ct);
        await Task.WhenAll(homes, present, study);
        var (topics, studied) = await study;
        var presences = await present;
        if (kept is not null)
        {
            presences.RemoveAll(p => !kept.Contains(p.MemberId));
            studied.RemoveAll(p => !kept.Contains(p.MemberId));
        }

        var members = new List<CountedMember>();
        var last = -1;
        foreach (var m in await homes)
        {
            if (m.MemberId != last)
            {
                members.Add(m);
            }

            last = m.MemberId;
        }

        return new MemberFacts(members, presences, topics, studied, warningKind, [.. trainingKinds]);
    }

    private static long PairKey(int memberId, int topicId) => ((long)memberId << 32) | (uint)topicId;

    /// <summary>
    /// Rows grouped by a key: one array sorted by it, and where each key's rows start. A lookup made a grouping object
    /// and an array per member; this makes two arrays and a dictionary of ranges.
    /// </summary>
    private sealed class Grouped<T>
    {
        private readonly T[] rows;
        private readonly Dictionary<long, (int Start, int Count)> ranges;

        public Grouped(List<T> source, Func<T, long> key)
        {
            rows = [.. source];
            var keys = new long[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                keys[i] = key(rows[i]);
            }

            Array.Sort(keys, rows);
            ranges = [];
            for (var start = 0; start < keys.Length;)
            {
                var end = start + 1;
                while (end < keys.Length && keys[end] == keys[start])
                {
                    end++;
                }

                ranges[keys[start]] = (start, end - start);
                start = end;
            }
        }

        public ArraySegment<T> this[long key] => ranges.TryGetValue(key, out var r) ? new(rows, r.Start, r.Count) : ArraySegment<T>.Empty;
    }
}
