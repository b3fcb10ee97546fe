using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PartyPortal.Live;
using static PartyPortal.LoadDriver.LoadDriverProgram;

namespace PartyPortal.LoadDriver;

/// <summary>One benchmark run: the subscribers, the writes, and what was measured between them.</summary>
internal sealed class Run(DriverOptions options, Uri portal, LiveMetrics engine, Probes probes) : IAsyncDisposable
{
    private readonly List<Subscriber> subscribers = [];
    private readonly Write[] attempts = [.. Enumerable.Range(0, options.TotalWrites).Select(i => new Write(i < options.Warmup))];
    private readonly long[] publishedAt = new long[options.TotalWrites];
    private readonly long originTicks = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset originWall = DateTimeOffset.UtcNow;
    private int publishes;
    private int connectFailures;
    private int created;
    private int failures;
    private int inFlight;
    private int maxInFlight;
    private TimeSpan writePhase;
    private TimeSpan drained;
    private Sample before = null!;
    private Sample after = null!;
    private int maxThreads;
    private long maxPending;

    public LiveMetrics Engine => engine;

    /// <summary>
    /// The change bus rings once per committed write that recorded a change (the driver's writes are its only ones),
    /// on the thread pool, so this sees the k-th commit a scheduling delay after it. With overlapping writes, or a
    /// long queue in the pool, the k-th ring seen here is the k-th commit only approximately.
    /// </summary>
    public void OnPublished()
    {
        var now = Stopwatch.GetTimestamp();
        if (Interlocked.Increment(ref publishes) - 1 is var k && k < publishedAt.Length)
        {
            publishedAt[k] = now;
        }
    }

    /// <summary>Every subscriber connected, every write created, every subscriber saw every write.</summary>
    public bool Complete => connectFailures == 0 && failures == 0 && created == options.TotalWrites
        && subscribers.All(s => s.Seen >= created);

    public async Task ConnectAsync(IReadOnlyDictionary<ScopeKind, (int Scope, string Token)> scopes)
    {
        var n = options.Subscribers;
        var total = (double)(options.Split.Root + options.Split.County + options.Split.Branch);
        var onCounty = (int)Math.Round(n * options.Split.County / total);
        var onBranch = (int)Math.Round(n * options.Split.Branch / total);
        var onBureau = n - onCounty - onBranch;
        foreach (var (kind, count) in new[] { (ScopeKind.Bureau, onBureau), (ScopeKind.County, onCounty), (ScopeKind.Branch, onBranch) })
        {
            for (var i = 0; i < count; i++)
            {
                subscribers.Add(new Subscriber(kind, scopes[kind].Scope, options.TotalWrites));
            }
        }

        var started = Stopwatch.GetTimestamp();
        var done = 0;
        Exception? firstError = null;
        await Parallel.ForEachAsync(subscribers, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectParallelism }, async (s, ct) =>
        {
            try
            {
                await s.ConnectAsync(portal, scopes[s.Kind].Token, ct);
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref connectFailures);
                Interlocked.CompareExchange(ref firstError, e, null);
            }

            if (Interlocked.Increment(ref done) % 250 == 0)
            {
                Line($"  {done} connections…");
            }
        });
        Line($"connected {subscribers.Count - connectFailures}/{n} over WebSockets ({onBureau} bureau, {onCounty} county, {onBranch} branch) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"
            + (firstError is null ? "" : $"; {connectFailures} failed, first: {firstError.GetType().Name}: {firstError.Message}"));
    }

    /// <summary>
    /// The warm-up writes one after another, then the measured ones on a fixed schedule whether or not the previous one
    /// has answered (a slow response does not lower the rate), then waits until every subscriber has seen every write.
    /// </summary>
    public async Task WriteAsync(HttpClient writer, Func<int, object> body)
    {
        var interval = TimeSpan.FromSeconds(1 / options.Rate);
        for (var i = 0; i < options.Warmup; i++)
        {
            await WriteOneAsync(writer, body(i), attempts[i]);
            await Task.Delay(interval);
        }

        if (options.Warmup > 0)
        {
            await DrainAsync();
            var s = engine.GetStatistics();
            Line($"warm-up: {created} writes, seen by {subscribers.Count(x => x.Seen >= created)} subscribers; engine recompute so far p50={s.RecomputeP50Ms:F1} max={s.RecomputeMaxMs:F1} ms");
        }

        using var sampling = new CancellationTokenSource();
        var sampler = SampleThreadPoolAsync(sampling.Token);
        probes.ServerPostMs.Clear();
        before = Sample.Take(engine);
        var start = Stopwatch.GetTimestamp();
        Line($"writing {options.PlannedWrites} activities, one every {interval.TotalMilliseconds:F0} ms…");
        var pending = new List<Task>();
        for (var j = 0; j < options.PlannedWrites; j++)
        {
            var wait = interval * j - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var i = options.Warmup + j;
            pending.Add(WriteOneAsync(writer, body(i), attempts[i]));
        }

        await Task.WhenAll(pending);
        writePhase = Stopwatch.GetElapsedTime(start);
        await DrainAsync();
        drained = Stopwatch.GetElapsedTime(start);
        after = Sample.Take(engine);
        await sampling.CancelAsync();
        await sampler;
    }

    private async Task WriteOneAsync(HttpClient writer, object body, Write write)
    {
        maxInFlight = Math.Max(maxInFlight, Interlocked.Increment(ref inFlight));
        try
        {
            write.Sent = Stopwatch.GetTimestamp();
            using var response = await writer.PostAsJsonAsync("/api/v1/activities", body);
            write.Created = Stopwatch.GetTimestamp();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                write.Id = (await response.Content.ReadFromJsonAsync<CreatedActivity>(Json.Options))!.Id;
                RankCreated();
            }
            else if (Interlocked.Increment(ref failures) <= 3)
            {
                Line($"  a write failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    /// <summary>
    /// SQLite lets one write transaction run at a time and ids grow with them, so the committed writes are always the
    /// ones with the smallest ids: the write of rank r (0-based, by id) is in every snapshot whose activity-count is
    /// at least baseline + r + 1, and in no other. The rank is known for good once every earlier id has answered.
    /// </summary>
    private void RankCreated()
    {
        lock (attempts)
        {
            created++;
            var ok = attempts.Where(a => a.Id > 0).OrderBy(a => a.Id).ToList();
            for (var r = 0; r < ok.Count; r++)
            {
                ok[r].Rank = r;
            }
        }
    }

    private async Task DrainAsync()
    {
        var live = subscribers.Where(s => s.Connected && !s.Closed).ToList();
        var deadline = Stopwatch.GetTimestamp() + (long)(options.GraceSeconds * (double)Stopwatch.Frequency);
        while (live.Any(s => s.Seen < created) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20);
        }
    }

    public void Report()
    {
        var connected = subscribers.Count - connectFailures;
        var measured = attempts.Where(a => !a.Warmup && a.Rank >= 0).ToList();
        var latency = new List<double>();
        var fromSend = new List<double>();
        var createdToComputed = new List<double>();
        var fanOut = new List<double>();
        var publishedToComputed = new List<double>();
        var publishedToReceipt = new List<double>();
        var byKind = Enum.GetValues<ScopeKind>().ToDictionary(k => k, _ => new List<double>());
        long delivered = 0;
        var early = 0;
        foreach (var s in subscribers)
        {
            foreach (var w in measured)
            {
                var at = s.ReceivedAt(w.Rank);
                if (at == 0)
                {
                    continue;
                }

                delivered++;
                var ms = Ms(at - w.Created);
                early += ms < 0 ? 1 : 0;
                latency.Add(ms);
                byKind[s.Kind].Add(ms);
                fromSend.Add(Ms(at - w.Sent));
                var computed = new DateTimeOffset(s.ComputedAt(w.Rank), TimeSpan.Zero);
                createdToComputed.Add((computed - Wall(w.Created)).TotalMilliseconds);
                fanOut.Add((Wall(at) - computed).TotalMilliseconds);
                if (publishedAt[w.Rank] != 0)
                {
                    publishedToComputed.Add((computed - Wall(publishedAt[w.Rank])).TotalMilliseconds);
                    publishedToReceipt.Add(Ms(at - publishedAt[w.Rank]));
                }
            }
        }

        var expected = (long)connected * measured.Count;
        var all = new Distribution(latency);
        var cpu = after.Cpu - before.Cpu;
        var cores = cpu.TotalSeconds / drained.TotalSeconds;
        var e = after.Engine;
        var withPublish = measured.Where(w => publishedAt[w.Rank] != 0).ToList();

        Console.WriteLine();
        Line("=== results ===");
        Line($"writes: {measured.Count}/{options.PlannedWrites} created (201) after {options.Warmup} warm-up, {failures} failed; "
            + $"{measured.Count / writePhase.TotalSeconds:F2}/s, last 201 at {writePhase.TotalSeconds:F1} s; up to {maxInFlight} requests in flight at once");
        Line($"POST /api/v1/activities round trip:                 {new Distribution(measured.Select(w => Ms(w.Created - w.Sent))).Summary()}");
        Line($"  in the server (first middleware to response out): {new Distribution(probes.ServerPostMs).Summary()}");
        Line($"  send → change published (auth, validate, save):   {new Distribution(withPublish.Select(w => Ms(publishedAt[w.Rank] - w.Sent))).Summary()}");
        Line($"  change published → 201 (read back, respond):      {new Distribution(withPublish.Select(w => Ms(w.Created - publishedAt[w.Rank]))).Summary()}");
        Line($"deliveries: {delivered}/{expected} (subscriber, write) pairs seen ({Pct(delivered, expected)}); "
            + $"{subscribers.Sum(s => s.Advancing)} count-advancing messages, {subscribers.Sum(s => s.Other)} repeating the count (the one on subscribing, or a recompute that found no newer write), "
            + $"{subscribers.Sum(s => s.Older)} older than one already received; "
            + $"{subscribers.Count(s => s.Closed)} connections closed during the run; all seen {drained.TotalSeconds - writePhase.TotalSeconds:F1} s after the last 201");
        Line($"201 → receipt, all:     {all.Summary()}  ({early} deliveries before the writer had its 201)");
        foreach (var (kind, values) in byKind.Where(x => x.Value.Count > 0))
        {
            Line($"201 → receipt, {kind,-7}: {new Distribution(values).Summary()}");
        }

        var committed = new Distribution(publishedToReceipt);
        Line($"send → receipt, all:    {new Distribution(fromSend).Summary()}");
        Line($"change published → receipt, all (commit to screen): {committed.Summary()}");
        Line($"change published → computedAt (coalescing window + recompute): {new Distribution(publishedToComputed).Summary()}");
        Line($"201 → computedAt:                                              {new Distribution(createdToComputed).Summary()}");
        Line($"computedAt → receipt (fan-out: hub group send, client):        {new Distribution(fanOut).Summary()}");
        Line($"engine: {e.Recomputations - before.Engine.Recomputations} recomputations for {e.Changes - before.Engine.Changes} changes during the measured writes "
            + $"({e.Recomputations} / {e.Changes} since start), snapshots built {e.SnapshotsBuilt}, full reads {e.FullReads} (last {e.LastFullReadMs:F1} ms)");
        Line($"engine recompute (GetStatistics, since start, warm-up included): p50={e.RecomputeP50Ms:F1}  p95={e.RecomputeP95Ms:F1}  p99={e.RecomputeP99Ms:F1}  max={e.RecomputeMaxMs:F1} ms");
        Line($"process (portal + {connected} clients + writer): CPU {cpu.TotalSeconds:F1} s over {drained.TotalSeconds:F1} s = {cores:F2} cores "
            + $"(user {(after.UserCpu - before.UserCpu).TotalSeconds:F1} s, system {(after.SystemCpu - before.SystemCpu).TotalSeconds:F1} s); "
            + $"working set {after.WorkingSet / (1 << 20)} MiB (peak {after.PeakWorkingSet / (1 << 20)} MiB), managed heap {after.Heap / (1 << 20)} MiB");
        Line($"gc during run: gen0 {after.Gen0 - before.Gen0}, gen1 {after.Gen1 - before.Gen1}, gen2 {after.Gen2 - before.Gen2}, pauses {(after.GcPause - before.GcPause).TotalMilliseconds:F0} ms; "
            + $"thread pool: up to {maxThreads} threads, up to {maxPending} queued work items");
        Line($"load average at end: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| subscribers | rate /s | writes | 201→receipt p50 / p95 / p99 / max ms | published→receipt p50 / p95 / p99 / max ms | deliveries | recompute p50 / p95 ms | CPU (cores) |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {connected} | {options.Rate} | {measured.Count} | {all.P(0.50):F0} / {all.P(0.95):F0} / {all.P(0.99):F0} / {all.Max:F0} | {committed.P(0.50):F0} / {committed.P(0.95):F0} / {committed.P(0.99):F0} / {committed.Max:F0} | {delivered}/{expected} | {e.RecomputeP50Ms:F1} / {e.RecomputeP95Ms:F1} | {cores:F2} |"));
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(subscribers, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectParallelism },
            async (s, _) => await s.DisposeAsync());
    }

    private async Task SampleThreadPoolAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                maxPending = Math.Max(maxPending, ThreadPool.PendingWorkItemCount);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private DateTimeOffset Wall(long timestamp) => originWall + Stopwatch.GetElapsedTime(originTicks, timestamp);

    private static string Pct(long part, long whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F2", CultureInfo.InvariantCulture) + " %";

    private sealed record Sample(
        LiveMetricsStatistics Engine, TimeSpan Cpu, TimeSpan UserCpu, TimeSpan SystemCpu, long WorkingSet, long PeakWorkingSet, long Heap,
        int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
    {
        public static Sample Take(LiveMetrics engine)
        {
            using var process = Process.GetCurrentProcess();
            return new Sample(
                engine.GetStatistics(), process.TotalProcessorTime, process.UserProcessorTime, process.PrivilegedProcessorTime,
                process.WorkingSet64, process.PeakWorkingSet64, GC.GetTotalMemory(false),
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        }
    }

    private sealed record CreatedActivity(int Id);

    /// <summary>One POST: when it was sent and answered (Stopwatch timestamps), the id it created and its rank by id.</summary>
    private sealed class Write(bool warmup)
    {
        public bool Warmup { get; } = warmup;
        public long Sent { get; set; }
        public long Created { get; set; }
        public int Id { get; set; }
        public int Rank { get; set; } = -1;
    }
}
