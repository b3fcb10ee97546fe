using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using static PartyPortal.LoadDriver.LoadDriverProgram;

namespace PartyPortal.LoadDriver;

/// <summary>One benchmark run: the subscribers, the writes, and what was measured between them (see Run.Report.cs).</summary>
internal sealed partial class Run(DriverOptions options, IReadOnlyList<PortalProcess> nodes, CancellationToken stop) : IAsyncDisposable
{
    // The writer's node: the one whose CPU, memory and threads are sampled, and where the dashboards open.
    private readonly PortalProcess portal = nodes[0];
    private readonly List<Subscriber> subscribers = [];
    private readonly Write[] attempts = [.. Enumerable.Range(0, options.TotalWrites).Select(i => new Write(i < options.Warmup))];
    // Receipts are on the driver's monotonic clock; computedAt and the change records' At on the portal's wall clock.
    // Both processes read the same machine's wall clock, so a receipt is put on it as origin + monotonic elapsed.
    private readonly long originTicks = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset originWall = DateTimeOffset.UtcNow;
    private IReadOnlyList<DateTimeOffset> recordedAt = [];
    private int connectFailures;
    private int created;
    private int failures;
    private int inFlight;
    private int maxInFlight;
    private TimeSpan writePhase;
    private TimeSpan drained;
    private PortalSample portalBefore = null!;
    private PortalSample portalAfter = null!;
    private PortalSample[] nodesBefore = [];
    private PortalSample[] nodesAfter = [];
    private ClientSample clientsBefore = null!;
    private ClientSample clientsAfter = null!;
    private int maxThreads;
    private long maxPending;
    private int maxPortalThreads;
    private double? idleCores;

    /// <summary>Every subscriber connected, every write created, every subscriber saw every write.</summary>
    public bool Complete => connectFailures == 0 && failures == 0 && created == options.TotalWrites
        && subscribers.All(s => s.Seen >= created) && dashboardsComplete;

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
                subscribers.Add(new Subscriber(kind, scopes[kind].Scope, options.TotalWrites, subscribers.Count % nodes.Count));
            }
        }

        var started = Stopwatch.GetTimestamp();
        var done = 0;
        Exception? firstError = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ConnectParallelism, CancellationToken = stop };
        await Parallel.ForEachAsync(subscribers, parallel, async (s, ct) =>
        {
            try
            {
                await s.ConnectAsync(nodes[s.Node].Address, scopes[s.Kind].Token, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
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
            await Task.Delay(interval, stop);
        }

        if (options.Warmup > 0)
        {
            await DrainAsync();
            Line($"warm-up: {created} writes, seen by {subscribers.Count(x => x.Seen >= created)} subscribers");
        }

        await MeasureIdleAsync();

        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var sampler = SampleAsync(sampling.Token);
        portalBefore = portal.Sample();
        nodesBefore = [.. nodes.Select(n => n.Sample())];
        clientsBefore = ClientSample.Take();
        browserBefore = ProcessTree.OfDescendants(portal.Id);
        var start = Stopwatch.GetTimestamp();
        Line($"writing {options.PlannedWrites} activities, one every {interval.TotalMilliseconds:F0} ms…");
        var pending = new List<Task>();
        for (var j = 0; j < options.PlannedWrites; j++)
        {
            var wait = interval * j - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stop);
            }

            var i = options.Warmup + j;
            pending.Add(WriteOneAsync(writer, body(i), attempts[i]));
        }

        await Task.WhenAll(pending);
        writePhase = Stopwatch.GetElapsedTime(start);
        await DrainAsync();
        drained = Stopwatch.GetElapsedTime(start);
        portalAfter = portal.Sample();
        nodesAfter = [.. nodes.Select(n => n.Sample())];
        clientsAfter = ClientSample.Take();
        browserAfter = ProcessTree.OfDescendants(portal.Id);
        await sampling.CancelAsync();
        await sampler;
        ReadRecorded();
        await CollectDashboardsAsync();
    }

    private async Task WriteOneAsync(HttpClient writer, object body, Write write)
    {
        maxInFlight = Math.Max(maxInFlight, Interlocked.Increment(ref inFlight));
        try
        {
            write.Sent = Stopwatch.GetTimestamp();
            using var response = await writer.PostAsJsonAsync("/api/v1/activities", body, stop);
            write.Created = Stopwatch.GetTimestamp();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                write.Id = (await response.Content.ReadFromJsonAsync<CreatedActivity>(Json.Options, stop))!.Id;
                RankCreated();
            }
            else if (Interlocked.Increment(ref failures) <= 3)
            {
                Line($"  a write failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stop)}");
            }
        }
        catch (TaskCanceledException) when (!stop.IsCancellationRequested)
        {
            // The writer's own timeout (60 s): the portal never answered. A failure, not the end of the run.
            if (Interlocked.Increment(ref failures) <= 3)
            {
                Line($"  a write got no answer within {writer.Timeout.TotalSeconds:F0} s");
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
            await Task.Delay(20, stop);
        }

        await DrainDashboardsAsync(deadline);
    }

    /// <summary>
    /// Waits until the portal has settled (under 0.1 cores over a second, 30 s at most): just after it starts it is
    /// still compiling hot paths again (tiered JIT) and reading the periods the subscribers asked for, which is not
    /// the writes' cost. Then measures its CPU with every connection open and nothing written (hub keep-alives, the
    /// engine's poll), so that the report can tell what the writes cost above it.
    /// </summary>
    private async Task MeasureIdleAsync()
    {
        if (options.IdleSeconds == 0)
        {
            return;
        }

        await SettleAsync();
        var first = portal.Sample();
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), stop);
        idleCores = (portal.Sample().Cpu - first.Cpu).TotalSeconds / Stopwatch.GetElapsedTime(started).TotalSeconds;
        Line($"portal idle with {subscribers.Count(s => s.Connected)} connections open: {idleCores:F3} cores over {options.IdleSeconds} s");
    }

    /// <summary>Until the portal uses under 0.1 cores over a second, 30 s at most.</summary>
    private async Task SettleAsync()
    {
        var settling = Stopwatch.GetTimestamp();
        var unsettled = portal.Sample();
        for (var last = unsettled; Stopwatch.GetElapsedTime(settling) < TimeSpan.FromSeconds(30);)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stop);
            var now = portal.Sample();
            var busy = (now.Cpu - last.Cpu).TotalSeconds;
            last = now;
            if (busy < 0.1)
            {
                break;
            }
        }

        Line($"portal settled in {Stopwatch.GetElapsedTime(settling).TotalSeconds:F0} s (CPU {(portal.Sample().Cpu - unsettled.Cpu).TotalSeconds:F1} s meanwhile)");
    }

    /// <summary>The change records of the run's writes, by rank; left empty (those columns not shown) if they do not match.</summary>
    private void ReadRecorded()
    {
        try
        {
            var at = RecordedChanges.Read(portal, created);
            // Records stamped before the run began belong to the demo data, not to the driver's writes.
            if (at.Count == created && at.All(a => a >= originWall - TimeSpan.FromSeconds(5)))
            {
                recordedAt = at;
            }
            else
            {
                Line($"the last {at.Count} activity change records are not the run's {created} writes: the *recorded* columns are left out");
            }
        }
        catch (Exception e) when (e is SqliteException or Npgsql.NpgsqlException)
        {
            Line($"could not read the change records ({e.Message}): the *recorded* columns are left out");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(subscribers, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectParallelism },
            async (s, _) => await s.DisposeAsync());
        await dashboards.DisposeAsync();
    }

    /// <summary>Every 100 ms: the driver's thread pool (the clients') and the portal's OS threads.</summary>
    private async Task SampleAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                maxPending = Math.Max(maxPending, ThreadPool.PendingWorkItemCount);
                maxPortalThreads = Math.Max(maxPortalThreads, portal.Sample().Threads);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private DateTimeOffset Wall(long timestamp) => originWall + Stopwatch.GetElapsedTime(originTicks, timestamp);

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
