using System.Globalization;
using System.Runtime.CompilerServices;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Live;

/// <summary>What changed, where: recorded in a write's transaction by <see cref="ChangeBus.Record"/>.</summary>
/// <param name="OrgUnitIds">The org units whose data changed (before and after, for a move).</param>
/// <param name="What">The kind of data, e.g. "activity".</param>
public sealed record DataChanged(IReadOnlyList<int> OrgUnitIds, string What)
{
    /// <summary>The <see cref="What"/> of a change to the tree's shape: every figure may move.</summary>
    public const string OrgTree = "org-unit";

    /// <summary>The members whose figures moved (attendees before and after an edit): counted in their home units.</summary>
    public IReadOnlyList<int> MemberIds { get; init; } = [];

    /// <summary>The dates of the records written, before and after; empty when any period may move.</summary>
    public IReadOnlyList<DateOnly> Dates { get; init; } = [];

    /// <summary>The <see cref="What"/> of a screen's settings: recorded for other readers, counted by no figure.</summary>
    public const string Screen = "screen";

    /// <summary>Whether any figure may move: false for data no metric counts.</summary>
    public bool MovesFigures => What != Screen;

    /// <summary>A change no unit or member list can describe (a study topic for everyone, a new day).</summary>
    public bool AffectsEverything => (OrgUnitIds.Count == 0 && MemberIds.Count == 0) || What == OrgTree;

    /// <summary>
    /// Whether the figures of <paramref name="period"/> may move. A period lies within one calendar year, and the
    /// widest rule counted in it (a yearly meeting requirement) reads that year: a change dated in other years only
    /// cannot touch it.
    /// </summary>
    public bool Touches(Period period) => Dates.Count == 0 || Dates.Any(d => d.Year >= period.Start.Year && d.Year <= period.End.Year);

    public static DataChanged Everything(string what) => new([], what);

    public ChangeRecord ToRecord(DateTimeOffset at) => new()
    {
        At = at,
        What = What,
        Units = string.Join(',', OrgUnitIds.Distinct()),
        Members = string.Join(',', MemberIds.Distinct()),
        Dates = string.Join(',', Dates.Distinct().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
    };

    public static DataChanged From(ChangeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new DataChanged(Ids(record.Units), record.What)
        {
            MemberIds = Ids(record.Members),
            Dates = Split(record.Dates).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
        };
    }

    private static List<int> Ids(string list) => Split(list).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// How a write tells the figures what it changed (ARCHITECTURE.md, "How a write travels"): <see cref="Record"/> adds
/// a <see cref="ChangeRecord"/> to the write's context, saved in its transaction with the record and its audit entry;
/// once that transaction has committed the bus rings (<see cref="ChangeCommitted"/>), and the engine reads the new
/// change records in order. The ring carries nothing: the outbox is the only account of what changed, and the engine
/// also reads it on a timer, so a lost ring delays a change but never loses it.
/// </summary>
public sealed class ChangeBus(TimeProvider? time = null)
{
    private static readonly ConditionalWeakTable<PortalDbContext, ChangeBus> Pending = [];

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly Lock gate = new();
    private readonly List<Action> listeners = [];
    private readonly List<Action> commitListeners = [];

    /// <summary>Adds the change to <paramref name="db"/>, to be saved with the write; the bus rings after the commit.</summary>
    public ChangeRecord Record(PortalDbContext db, DataChanged change)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        var record = change.ToRecord(clock.GetUtcNow());
        db.ChangeRecords.Add(record);
        Pending.AddOrUpdate(db, this);
        return record;
    }

    /// <summary>Called with no argument, on a pool thread, after a transaction holding change records committed.</summary>
    public IDisposable Subscribe(Action onRing)
    {
        lock (gate)
        {
            listeners.Add(onRing);
        }

        return new Subscription(this, () => listeners.Remove(onRing));
    }

    /// <summary>
    /// Called, on a pool thread, after a transaction of <em>this</em> node holding change records committed (not for
    /// a <see cref="Ring"/> from elsewhere): what another node has to hear about (<see cref="RedisChanges"/>).
    /// </summary>
    public IDisposable SubscribeCommits(Action onCommit)
    {
        lock (gate)
        {
            commitListeners.Add(onCommit);
        }

        return new Subscription(this, () => commitListeners.Remove(onCommit));
    }

    /// <summary>
    /// Rings: there are change records to read (another node committed some, or a reconnect may have missed some).
    /// Never runs a listener on the caller's thread, so never on a writer's request.
    /// </summary>
    public void Ring() => Notify(listeners);

    private void Notify(List<Action> which)
    {
        Action[] current;
        lock (gate)
        {
            current = [.. which];
        }

        foreach (var listener in current)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static l => l(), listener, preferLocal: false);
        }
    }

    /// <summary>The context's transaction committed (or, without one, its save did): ring its bus if it recorded changes.</summary>
    internal static void ChangeCommitted(PortalDbContext db)
    {
        if (Pending.TryGetValue(db, out var bus))
        {
            Pending.Remove(db);
            bus.Ring();
            bus.Notify(bus.commitListeners);
        }
    }

    /// <summary>The context's transaction rolled back: its change records were not saved.</summary>
    internal static void ChangeRolledBack(PortalDbContext db) => Pending.Remove(db);

    private sealed class Subscription(ChangeBus bus, Action remove) : IDisposable
    {
        public void Dispose()
        {
            lock (bus.gate)
            {
                remove();
            }
        }
    }
}
