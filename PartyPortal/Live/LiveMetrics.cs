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
}

/// <summary>
/// The one metrics engine (ARCHITECTURE.md): keeps each period's counts and each (scope, period) snapshot,
/// recomputes after a <see cref="DataChanged"/> only the units and snapshots it touches — once, however many
/// dashboards, screens and hub clients watch — and hands each snapshot whose figures moved to every subscriber
/// off the writer's request. Changes arriving within <see cref="LiveMetricsOptions.CoalesceMilliseconds"/> (or while a
/// recomputation runs) share the next one.
/// </summary>
public sealed partial class LiveMetrics : IHostedService, IDisposable
{
    private readonly MetricFactsReader reader;
    private readonly ChangeBus bus;
    private readonly BureauClock clock;
    private readonly TimeProvider time;
    private readonly ILogger<LiveMetrics> logger;
    private readonly TimeSpan coalesce;
    private readonly TimeSpan idle;

    private readonly Channel<DataChanged> changes = Channel.CreateUnbounded<DataChanged>(new UnboundedChannelOptions { SingleReader = true });

    // Facts and snapshots change only under `work`, so a snapshot is never built from facts a change has passed.
    private readonly SemaphoreSlim work = new(1, 1);
    private readonly Dictionary<Period, CachedPeriod> periods = [];
    private readonly Lock subscriberGate = new();
    private readonly Dictionary<(int Scope, Period Period), List<Subscriber>> subscribers = [];
    private readonly Statistics stats = new();

    private IDisposable? busSubscription;
    private CancellationTokenSource? stopping;
    private Task? loop;
    private DateOnly lastToday;

    public LiveMetrics(
        MetricFactsReader reader, ChangeBus bus, BureauClock clock, TimeProvider time, ILogger<LiveMetrics> logger, IOptions<LiveMetricsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.reader = reader;
        this.bus = bus;
        this.clock = clock;
        this.time = time;
        this.logger = logger;
        coalesce = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.CoalesceMilliseconds, 0, 250));
        idle = TimeSpan.FromMinutes(Math.Max(1, options.Value.IdleMinutes));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lastToday = clock.Today;
        busSubscription = bus.Subscribe(change => changes.Writer.WriteAsync(change).AsTask());
        stopping = new CancellationTokenSource();

        // The timer exists when StartAsync returns, not when the loop's task gets a thread: a clock moved in between
        // (a new bureau day, a test's fake time) would otherwise never tick it.
        var housekeeping = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        loop = Task.Run(() => RunAsync(housekeeping, stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        busSubscription?.Dispose();
        changes.Writer.TryComplete();
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
        changes.Writer.TryComplete();
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
    /// Calls <paramref name="onUpdate"/> with each new snapshot of (scope, period) after a change, on a pool thread.
    /// Dispose the result to stop.
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

    private void WithinLifetime(Period period)
    {
        if (!clock.IsWithinLifetime(period))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period.ToString(), MetricsPeriods.Hint(clock));
        }
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

    public LiveMetricsStatistics GetStatistics() => stats.Read();

    private async Task<CachedPeriod> PeriodAsync(Period period, CancellationToken ct)
    {
        if (!periods.TryGetValue(period, out var cached))
        {
            var started = Stopwatch.GetTimestamp();
            var facts = await reader.ReadAllAsync(period, clock.Today, ct);
            stats.FullRead(Stopwatch.GetElapsedTime(started));
            periods[period] = cached = new CachedPeriod(facts) { LastAsked = time.GetUtcNow() };
        }

        return cached;
    }

    private MetricsSnapshot Build(PeriodFacts facts, OrgUnit scope)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = MetricsSnapshot.Build(facts, scope, time.GetUtcNow());
        stats.SnapshotBuilt(Stopwatch.GetElapsedTime(started));
        return snapshot;
    }

    private async Task RunAsync(PeriodicTimer housekeeping, CancellationToken stop)
    {
        using var _ = housekeeping;
        var tick = housekeeping.WaitForNextTickAsync(stop).AsTask();
        Task<bool>? next = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                // One pending wait for changes at a time (the channel has a single reader), kept across ticks.
                next ??= changes.Reader.WaitToReadAsync(stop).AsTask();
                var first = await Task.WhenAny(next, tick);
                if (first == tick)
                {
                    if (!await tick)
                    {
                        return;
                    }

                    tick = housekeeping.WaitForNextTickAsync(stop).AsTask();
                    await KeepHouseAsync(stop);
                    continue;
                }

                var more = await next;
                next = null;
                if (!more)
                {
                    return;
                }

                if (coalesce > TimeSpan.Zero)
                {
                    await Task.Delay(coalesce, time, stop);
                }

                var batch = new List<DataChanged>();
                while (changes.Reader.TryRead(out var change))
                {
                    batch.Add(change);
                }

                await RecomputeSafelyAsync(batch, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task KeepHouseAsync(CancellationToken stop)
    {
        // A new bureau day turns due into missed and open into overdue: everything is re-read once.
        if (clock.Today != lastToday)
        {
            lastToday = clock.Today;
            await RecomputeSafelyAsync([DataChanged.Everything("clock")], stop);
        }

        await work.WaitAsync(stop);
        try
        {
            HashSet<Period> watched;
            lock (subscriberGate)
            {
                watched = subscribers.Keys.Select(k => k.Period).ToHashSet();
            }

            var now = time.GetUtcNow();
            foreach (var (period, cached) in periods.Where(p => !watched.Contains(p.Key) && now - p.Value.LastAsked > idle).ToList())
            {
                periods.Remove(period);
            }
        }
        finally
        {
            work.Release();
        }
    }

    private async Task RecomputeSafelyAsync(List<DataChanged> batch, CancellationToken stop)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await RecomputeAsync(batch, stop);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The dashboards keep the last good figures; the next change or tick tries again from the ledger.
            LogRecomputeFailed(logger, e, batch.Count);
            await work.WaitAsync(stop);
            try
            {
                periods.Clear();
            }
            finally
            {
                work.Release();
            }
        }
    }

    private async Task RecomputeAsync(List<DataChanged> batch, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var everything = batch.Any(c => c.AffectsEverything);
        var changed = batch.SelectMany(c => c.OrgUnitIds).ToHashSet();
        var updates = new List<(Subscriber[] To, MetricsSnapshot Snapshot)>();

        await work.WaitAsync(stop);
        try
        {
            var today = clock.Today;
            foreach (var (period, cached) in periods.ToList())
            {
                var before = cached.Facts;
                var (facts, reread) = everything
                    ? (await reader.ReadAllAsync(period, today, stop), null)
                    : await reader.RereadAsync(before, changed, today, stop);
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
        finally
        {
            work.Release();
        }

        stats.Recomputed(batch.Count, Stopwatch.GetElapsedTime(started));
        foreach (var (to, snapshot) in updates)
        {
            foreach (var subscriber in to)
            {
                _ = Task.Run(() => subscriber.DeliverAsync(snapshot), CancellationToken.None);
            }
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Recomputing live metrics after {Count} change(s) failed")]
    private static partial void LogRecomputeFailed(ILogger logger, Exception e, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live-metrics subscriber of {Scope} {Period} failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception e, int scope, string period);

    private sealed class CachedPeriod(PeriodFacts facts)
    {
        public PeriodFacts Facts { get; } = facts;
        public Dictionary<int, MetricsSnapshot> Snapshots { get; } = [];
        public DateTimeOffset LastAsked { get; set; }
    }

    private sealed class Subscriber(LiveMetrics owner, (int, Period) key, Func<MetricsSnapshot, Task> onUpdate) : IDisposable
    {
        private volatile bool disposed;

        public (int Scope, Period Period) Key { get; } = key;

        public async Task DeliverAsync(MetricsSnapshot snapshot)
        {
            if (disposed)
            {
                return;
            }

            try
            {
                await onUpdate(snapshot);
            }
            catch (Exception e)
            {
                LogSubscriberFailed(owner.logger, e, Key.Scope, Key.Period.ToString());
            }
        }

        public void Dispose()
        {
            disposed = true;
            owner.Remove(this);
        }
    }

    private sealed class Statistics
    {
        private readonly Lock gate = new();
        private readonly Queue<double> recomputeMs = new();
        private long batches;
        private long changesSeen;
        private long snapshotsBuilt;
        private long fullReads;
        private double lastFullReadMs;

        public void Recomputed(int changeCount, TimeSpan took)
        {
            lock (gate)
            {
                batches++;
                changesSeen += changeCount;
                recomputeMs.Enqueue(took.TotalMilliseconds);
                if (recomputeMs.Count > 4096)
                {
                    recomputeMs.Dequeue();
                }
            }
        }

        public void SnapshotBuilt(TimeSpan took)
        {
            lock (gate)
            {
                snapshotsBuilt++;
            }
        }

        public void FullRead(TimeSpan took)
        {
            lock (gate)
            {
                fullReads++;
                lastFullReadMs = took.TotalMilliseconds;
            }
        }

        public LiveMetricsStatistics Read()
        {
            lock (gate)
            {
                var sorted = recomputeMs.Order().ToList();
                return new LiveMetricsStatistics(
                    batches, changesSeen, snapshotsBuilt, fullReads, lastFullReadMs,
                    Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.Count == 0 ? 0 : sorted[^1]);
            }
        }

        private static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}

/// <summary>What the engine has done since it started: for the compute-once test and the load driver.</summary>
public sealed record LiveMetricsStatistics(
    long Recomputations,
    long Changes,
    long SnapshotsBuilt,
    long FullReads,
    double LastFullReadMs,
    double RecomputeP50Ms,
    double RecomputeP95Ms,
    double RecomputeP99Ms,
    double RecomputeMaxMs);
