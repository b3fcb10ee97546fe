using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Live;

public sealed class LiveMetricsOptions
{
    public const string Section = "LiveMetrics";

    /// <summary>
    /// How long a change that arrives while the engine is busy (within this long of its last application) waits for
    /// others to share its recomputation (clamped to 0–250 ms). A change after a quiet spell is applied at once.
    /// </summary>
    public int CoalesceMilliseconds { get; set; } = 20;

    /// <summary>A period nobody has asked for or watched this long is dropped from the cache.</summary>
    public int IdleMinutes { get; set; } = 15;

    /// <summary>How many periods the cache holds at most; the least recently asked unwatched one leaves first.</summary>
    public int MaxCachedPeriods { get; set; } = 24;

    /// <summary>How often the change records are read without a ring (a ring lost, another node's write).</summary>
    public int PollMilliseconds { get; set; } = 2_000;

    /// <summary>How long applied change records are kept.</summary>
    public int ChangeRetentionHours { get; set; } = 48;
}

/// <summary>
/// The one metrics engine (ARCHITECTURE.md): keeps each period's counts and each (scope, period) snapshot, and
/// applies the change records (<see cref="ChangeRecord"/>) in their order: only the periods a change's dates touch,
/// only the units it names and the home units of the members it names, once however many dashboards, screens and hub
/// clients watch. Each snapshot carries the sequence of the last change applied; each subscriber receives snapshots in
/// that order, never an older after a newer. A failed recomputation is retried with the same changes (watchers keep
/// their last figures meanwhile), and the loop outlives any error until the portal stops.
/// </summary>
public sealed partial class LiveMetrics : IHostedService, IDisposable
{
    private const int ChangesPerRead = 500;

    private readonly MetricFactsReader reader;
    private readonly ChangeOutbox outbox;
    private readonly ChangeBus bus;
    private readonly BureauClock clock;
    private readonly TimeProvider time;
    private readonly ILogger<LiveMetrics> logger;
    private readonly LiveMetricsOptions options;
    private readonly TimeSpan coalesce;
    private readonly TimeSpan idle;

    // Rings are only a hint to read the outbox now: one pending is as good as many.
    private readonly Channel<bool> rings = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // Facts, snapshots and the applied sequence change only under `work`, so a snapshot is never built from facts a change has passed.
    private readonly SemaphoreSlim work = new(1, 1);
    private readonly Dictionary<Period, CachedPeriod> periods = [];
    private readonly Lock subscriberGate = new();
    private readonly Dictionary<(int Scope, Period Period), List<Subscriber>> subscribers = [];
    private readonly Statistics stats = new();
    private readonly RereadLog rereads = new();

    private long applied;
    private IDisposable? busSubscription;
    private CancellationTokenSource? stopping;
    private Task? loop;
    private DateOnly lastToday;

    public LiveMetrics(
        MetricFactsReader reader, ChangeOutbox outbox, ChangeBus bus, BureauClock clock, TimeProvider time, ILogger<LiveMetrics> logger,
        IOptions<LiveMetricsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.reader = reader;
        this.outbox = outbox;
        this.bus = bus;
        this.clock = clock;
        this.time = time;
        this.logger = logger;
        this.options = options.Value;
        coalesce = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.CoalesceMilliseconds, 0, 250));
        idle = TimeSpan.FromMinutes(Math.Max(1, options.Value.IdleMinutes));
    }

    /// <summary>
    /// Every change record as the engine reads it from the outbox, this node's and other nodes' alike, before the
    /// figures are recomputed (and again if a recomputation is retried): how caches outside the figures (the org
    /// tree's paths) hear of a change made on another node. Called on the engine's loop: keep it short.
    /// </summary>
    public event Action<IReadOnlyList<DataChanged>>? ChangesArrived;

    /// <summary>The sequence of the last change record applied.</summary>
    public long AppliedSequence => Interlocked.Read(ref applied);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lastToday = clock.Today;

        // Nothing is cached yet: every period is read whole from the ledger as it is now, changes up to here included.
        applied = await outbox.LatestAsync(cancellationToken);
        busSubscription = bus.Subscribe(() => rings.Writer.TryWrite(true));
        stopping = new CancellationTokenSource();

        // The timers exist when StartAsync returns, not when the loop's task gets a thread: a clock moved in between
        // (a new bureau day, a test's fake time) would otherwise never tick them.
        var housekeeping = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        // Polling and the pauses after a failure are operational, on real time; the housekeeping follows the bureau's clock.
        var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(50, options.PollMilliseconds)));
        loop = Task.Run(() => RunAsync(housekeeping, poll, stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        busSubscription?.Dispose();
        rings.Writer.TryComplete();
        var cts = Interlocked.Exchange(ref stopping, null);
        if (cts is not null)
        {
            await cts.CancelAsync();
            cts.Dispose();
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Stops the loop if the host did not (a container may be disposed before its hosted services stop).</summary>
    public void Dispose()
    {
        busSubscription?.Dispose();
        rings.Writer.TryComplete();
        var cts = Interlocked.Exchange(ref stopping, null);
        cts?.Cancel();
        cts?.Dispose();
    }

    /// <summary>The latest snapshot of <paramref name="scopeId"/> for <paramref name="period"/>, computed on first asking.</summary>
    /// <exception cref="KeyNotFoundException">No org unit has that id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The period lies outside the bureau's lifetime.</exception>
    public async Task<MetricsSnapshot> GetAsync(int scopeId, Period period, CancellationToken ct = default)
    {
        WithinLifetime(period);
        await work.WaitAsync(ct);
        try
        {
            var cached = await PeriodAsync(period, ct);
            cached.LastAsked = time.GetUtcNow();
            if (cached.Snapshots.TryGetValue(scopeId, out var snapshot))
            {
                return snapshot;
            }

            var scope = cached.Facts.Unit(scopeId) ?? throw new KeyNotFoundException($"组织 {scopeId} 不存在。");
            snapshot = Build(cached.Facts, scope);
            cached.Snapshots[scopeId] = snapshot;
            return snapshot;
        }
        finally
        {
            work.Release();
        }
    }

    /// <summary>
    /// Calls <paramref name="onUpdate"/> with each new snapshot of (scope, period) after a change, on a pool thread, one
    /// at a time and in sequence order (a subscriber that is slow gets the newest, not every one). Subscribe before
    /// reading the first snapshot with <see cref="GetAsync"/>, so that no change in between is missed; the reader keeps
    /// whichever has the higher <see cref="MetricsSnapshot.Sequence"/>. Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(int scopeId, Period period, Func<MetricsSnapshot, Task> onUpdate)
    {
        WithinLifetime(period);
        var subscriber = new Subscriber(this, (scopeId, period), onUpdate);
        lock (subscriberGate)
        {
            if (!subscribers.TryGetValue(subscriber.Key, out var list))
            {
                subscribers[subscriber.Key] = list = [];
            }

            list.Add(subscriber);
        }

        return subscriber;
    }

    /// <summary>How many callbacks are registered now (for leak tests and the load driver).</summary>
    public int SubscriberCount
    {
        get
        {
            lock (subscriberGate)
            {
                return subscribers.Values.Sum(l => l.Count);
            }
        }
    }

    /// <summary>How many periods are cached now.</summary>
    public int CachedPeriodCount
    {
        get
        {
            work.Wait();
            try
            {
                return periods.Count;
            }
            finally
            {
                work.Release();
            }
        }
    }

    public LiveMetricsStatistics GetStatistics() => stats.Read();

    /// <summary>
    /// The units whose facts for <paramref name="period"/> were re-read after the change <paramref name="after"/> (a
    /// snapshot's <see cref="MetricsSnapshot.Sequence"/>): a list made from that snapshot follows a later one by
    /// re-reading only these. Null when not known that far back: read the list whole.
    /// </summary>
    public IReadOnlySet<int>? UnitsRereadSince(Period period, long after) => rereads.Since(period, after);

    private void WithinLifetime(Period period)
    {
        if (!clock.IsWithinLifetime(period))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period.ToString(), MetricsPeriods.Hint(clock));
        }
    }

    private async Task<CachedPeriod> PeriodAsync(Period period, CancellationToken ct)
    {
        if (!periods.TryGetValue(period, out var cached))
        {
            var started = Stopwatch.GetTimestamp();
            var facts = await reader.ReadAllAsync(period, clock.Today, ct);
            stats.FullRead(Stopwatch.GetElapsedTime(started));
            periods[period] = cached = new CachedPeriod(facts) { LastAsked = time.GetUtcNow() };
            rereads.ReadWhole(period, applied);
            EvictOverCap();
        }

        return cached;
    }

    /// <summary>Keeps the cache within <see cref="LiveMetricsOptions.MaxCachedPeriods"/>: unwatched periods, least recently asked first.</summary>
    private void EvictOverCap()
    {
        var excess = periods.Count - Math.Max(1, options.MaxCachedPeriods);
        if (excess <= 0)
        {
            return;
        }

        var watched = WatchedPeriods();
        foreach (var period in periods.Where(p => !watched.Contains(p.Key)).OrderBy(p => p.Value.LastAsked).Take(excess).Select(p => p.Key).ToList())
        {
            periods.Remove(period);
            rereads.Forget(period);
        }
    }

    private MetricsSnapshot Build(PeriodFacts facts, OrgUnit scope)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = MetricsSnapshot.Build(facts, scope, time.GetUtcNow()) with { Sequence = applied };
        stats.SnapshotBuilt(Stopwatch.GetElapsedTime(started));
        return snapshot;
    }

    private HashSet<Period> WatchedPeriods()
    {
        lock (subscriberGate)
        {
            return subscribers.Keys.Select(k => k.Period).ToHashSet();
        }
    }

    private List<int> Watched(Period period)
    {
        lock (subscriberGate)
        {
            return subscribers.Keys.Where(k => k.Period == period).Select(k => k.Scope).ToList();
        }
    }

    private Subscriber[] SubscribersOf((int, Period) key)
    {
        lock (subscriberGate)
        {
            return subscribers.TryGetValue(key, out var list) ? [.. list] : [];
        }
    }

    private void Remove(Subscriber subscriber)
    {
        lock (subscriberGate)
        {
            if (subscribers.TryGetValue(subscriber.Key, out var list) && list.Remove(subscriber) && list.Count == 0)
            {
                subscribers.Remove(subscriber.Key);
            }
        }
    }

    private sealed class CachedPeriod(PeriodFacts facts)
    {
        public PeriodFacts Facts { get; } = facts;
        public Dictionary<int, MetricsSnapshot> Snapshots { get; } = [];
        public DateTimeOffset LastAsked { get; set; }
    }
}
