using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Live;

public sealed class LiveMetricsOptions
{
    public const string Section = "LiveMetrics";

    /// <summary>How long a change waits for others to share its recomputation (clamped to 0–250 ms).</summary>
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
        }
    }

    private MetricsSnapshot Build(PeriodFacts facts, OrgUnit scope)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = MetricsSnapshot.Build(facts, scope, time.GetUtcNow()) with { Sequence = applied };
        stats.SnapshotBuilt(Stopwatch.GetElapsedTime(started));
        return snapshot;
    }

    /// <summary>The loop, kept alive: whatever escapes an iteration is logged and the loop goes on after a pause.</summary>
    private async Task RunAsync(PeriodicTimer housekeeping, PeriodicTimer poll, CancellationToken stop)
    {
        using var ownedHousekeeping = housekeeping;
        using var ownedPoll = poll;
        var tick = housekeeping.WaitForNextTickAsync(stop).AsTask();
        var polled = poll.WaitForNextTickAsync(stop).AsTask();
        Task<bool>? rung = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // One pending wait of each kind at a time (a timer and the channel each allow one), kept across turns.
                rung ??= rings.Reader.WaitToReadAsync(stop).AsTask();
                var first = await Task.WhenAny(rung, tick, polled);
                if (first == tick)
                {
                    tick = housekeeping.WaitForNextTickAsync(stop).AsTask();
                    await KeepHouseAsync(stop);
                    continue;
                }

                if (first == polled)
                {
                    polled = poll.WaitForNextTickAsync(stop).AsTask();
                }
                else
                {
                    rung = null;
                    rings.Reader.TryRead(out _);
                    if (coalesce > TimeSpan.Zero)
                    {
                        await Task.Delay(coalesce, time, stop);
                    }
                }

                await ApplyChangesAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Not even a stray cancellation ends the loop: the changes stay in the outbox for the next turn.
                LogLoopFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Applies every change record after the applied sequence, a read at a time, retrying a failed one.</summary>
    private async Task ApplyChangesAsync(CancellationToken stop)
    {
        var failures = 0;
        while (true)
        {
            var records = await outbox.ReadAfterAsync(AppliedSequence, ChangesPerRead, stop);
            if (records.Count == 0)
            {
                return;
            }

            var batch = records.Select(DataChanged.From).Where(c => c.MovesFigures).ToList();
            try
            {
                await RecomputeAsync(batch, records[^1].Sequence, stop);
                failures = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // The same records again after a pause; watchers keep their last figures until then.
                failures++;
                LogRecomputeFailed(logger, e, records.Count, failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, Math.Min(failures, 9)))), stop);
                continue;
            }

            if (records.Count < ChangesPerRead)
            {
                return;
            }
        }
    }

    private async Task KeepHouseAsync(CancellationToken stop)
    {
        // A new bureau day turns due into missed and open into overdue: every cached period is re-read once.
        if (clock.Today != lastToday)
        {
            await RecomputeAsync([DataChanged.Everything("clock")], upTo: null, stop);
            lastToday = clock.Today;
        }

        await work.WaitAsync(stop);
        try
        {
            var watched = WatchedPeriods();
            var now = time.GetUtcNow();
            foreach (var (period, _) in periods.Where(p => !watched.Contains(p.Key) && now - p.Value.LastAsked > idle).ToList())
            {
                periods.Remove(period);
            }
        }
        finally
        {
            work.Release();
        }

        await outbox.PruneAsync(time.GetUtcNow().AddHours(-Math.Max(1, options.ChangeRetentionHours)), AppliedSequence, stop);
    }

    /// <param name="upTo">The sequence of the last change record in <paramref name="batch"/>: applied once the batch is.</param>
    private async Task RecomputeAsync(List<DataChanged> batch, long? upTo, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var updates = new List<(Subscriber[] To, MetricsSnapshot Snapshot)>();

        await work.WaitAsync(stop);
        var appliedBefore = applied;
        try
        {
            var today = clock.Today;

            // Set first, so that the snapshots built below carry it; set back if the batch fails.
            applied = upTo ?? applied;

            foreach (var (period, cached) in periods.ToList())
            {
                var touching = batch.Where(c => c.Touches(period)).ToList();
                if (touching.Count == 0)
                {
                    continue;
                }

                var before = cached.Facts;
                var (facts, reread) = touching.Any(c => c.AffectsEverything)
                    ? (await reader.ReadAllAsync(period, today, stop), null)
                    : await reader.RereadAsync(before, [.. touching.SelectMany(c => c.OrgUnitIds)], [.. touching.SelectMany(c => c.MemberIds)], today, stop);
                var affectedPaths = reread?.Select(id => facts.Unit(id)?.Path ?? before.Unit(id)?.Path).OfType<string>().ToList();
                var next = new CachedPeriod(facts) { LastAsked = cached.LastAsked };
                foreach (var scopeId in Watched(period).Union(cached.Snapshots.Keys))
                {
                    if (facts.Unit(scopeId) is not { } scope)
                    {
                        continue;
                    }

                    var affected = affectedPaths is null || affectedPaths.Any(p => OrgPath.IsWithin(p, scope.Path));
                    if (!affected && cached.Snapshots.TryGetValue(scopeId, out var unchanged))
                    {
                        next.Snapshots[scopeId] = unchanged;
                        continue;
                    }

                    var snapshot = Build(facts, scope);
                    if (cached.Snapshots.TryGetValue(scopeId, out var previous) && previous.SameFiguresAs(snapshot))
                    {
                        // Overlapping writes: a change this recompute already read arrives again. Nothing to send.
                        next.Snapshots[scopeId] = previous;
                        continue;
                    }

                    next.Snapshots[scopeId] = snapshot;
                    updates.Add((SubscribersOf((scopeId, period)), snapshot));
                }

                periods[period] = next;
            }
        }
        catch
        {
            // Periods already recomputed keep their new facts (re-reading them again is harmless); the batch is not applied.
            applied = appliedBefore;
            throw;
        }
        finally
        {
            work.Release();
        }

        stats.Recomputed(batch.Count, Stopwatch.GetElapsedTime(started));
        foreach (var (to, snapshot) in updates)
        {
            foreach (var subscriber in to)
            {
                subscriber.Offer(snapshot);
            }
        }
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying {Count} change record(s) to the live metrics failed (attempt {Attempt}); trying again")]
    private static partial void LogRecomputeFailed(ILogger logger, Exception e, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The live-metrics loop failed; it goes on")]
    private static partial void LogLoopFailed(ILogger logger, Exception e);

    private sealed class CachedPeriod(PeriodFacts facts)
    {
        public PeriodFacts Facts { get; } = facts;
        public Dictionary<int, MetricsSnapshot> Snapshots { get; } = [];
        public DateTimeOffset LastAsked { get; set; }
    }
}
