using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Live;

/// <summary>
/// The engine stays right and alive: it outlives a failing recomputation, delivers to each subscriber in sequence
/// order, finds a change whose ring was lost, and keeps its cache bounded.
/// </summary>
public sealed class LiveEngineTests : ServiceTestContext
{
    private static readonly Period Q1 = Period.Quarter(2024, 1);
    private MetricsTestBureau bureau = null!;
    private FlakyDatabase flaky = null!;
    private LiveMetrics engine = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            bureau = await MetricsTestBureau.SeedAsync(db);
        }

        flaky = new FlakyDatabase(Database);
        engine = await StartEngineAsync();
    }

    private async Task<LiveMetrics> StartEngineAsync()
    {
        var started = new LiveMetrics(
            new MetricFactsReader(flaky), new ChangeOutbox(Database), Bus, Clock, Time, new OutputLogger<LiveMetrics>(),
            Options.Create(new LiveMetricsOptions { CoalesceMilliseconds = 0, PollMilliseconds = 200, MaxCachedPeriods = 3 }));
        await started.StartAsync(Ct);
        return started;
    }

    public override async ValueTask DisposeAsync()
    {
        await engine.StopAsync(Ct);
        engine.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task AFailedRecomputationIsRetriedAndTheNextWriteStillArrives()
    {
        var whole = await WatchAsync(bureau.Municipal);
        var before = (await engine.GetAsync(bureau.Municipal, Q1, Ct)).Values.ActivityCount;

        flaky.FailNext = 1;
        await AddAsync(bureau.B, new DateOnly(2024, 3, 8));
        var first = await whole.WaitUntilAsync(s => s.Values.ActivityCount == before + 1);
        Assert.Equal(0, flaky.FailNext);

        await AddAsync(bureau.O, new DateOnly(2024, 3, 9));
        var second = await whole.WaitUntilAsync(s => s.Values.ActivityCount == before + 2);
        Assert.True(second.Sequence > first.Sequence);
    }

    [Fact]
    public async Task ASlowSubscriberGetsSnapshotsInOrderNeverAnOlderAfterANewer()
    {
        await engine.GetAsync(bureau.Municipal, Q1, Ct);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;
        var slow = new SnapshotInbox(_ => Interlocked.Increment(ref held) == 1 ? release.Task : Task.CompletedTask);
        var probe = new SnapshotInbox();
        using var slowSubscription = engine.Subscribe(bureau.Municipal, Q1, slow.Add);
        using var probeSubscription = engine.Subscribe(bureau.Municipal, Q1, probe.Add);

        // The first delivery is held up while two more changes are applied.
        await AddAsync(bureau.B, new DateOnly(2024, 3, 8));
        await probe.NextAsync();
        await AddAsync(bureau.O, new DateOnly(2024, 3, 9));
        await AddAsync(bureau.B, new DateOnly(2024, 3, 10));
        long latest;
        await using (var db = Database.CreateDbContext())
        {
            latest = await db.ChangeRecords.MaxAsync(c => c.Sequence, Ct);
        }

        var last = await probe.WaitUntilAsync(s => s.Sequence == latest);
        release.SetResult();

        var final = await slow.WaitUntilAsync(s => s.Sequence == last.Sequence);
        Assert.Same(final, slow.Last);
        Assert.Equal(slow.Received.Select(s => s.Sequence).Order(), slow.Received.Select(s => s.Sequence));
        Assert.Equal(last.Values.ActivityCount, slow.Last!.Values.ActivityCount);
    }

    [Fact]
    public async Task AChangeWhoseRingWasLostIsFoundByThePoll()
    {
        var whole = await WatchAsync(bureau.Municipal);
        var before = (await engine.GetAsync(bureau.Municipal, Q1, Ct)).Values.ActivityCount;

        // Committed with its change record, but on another bus: nothing rings this engine (a crash before the ring).
        await using (var db = Database.CreateDbContext())
        {
            await MetricsTestBureau.AddActivityAsync(db, bureau.B, Codes.ThemedPartyDay, new(2024, 3, 8));
            new ChangeBus().Record(db, new DataChanged([bureau.B], "activity") { Dates = [new DateOnly(2024, 3, 8)] });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(before + 1, (await whole.WaitUntilAsync(s => s.Values.ActivityCount == before + 1)).Values.ActivityCount);
    }

    [Fact]
    public async Task AChangeDatedInAnotherYearLeavesACachedPeriodAlone()
    {
        await engine.GetAsync(bureau.Municipal, Q1, Ct);
        var lastYear = Period.Quarter(2023, 4);
        await engine.GetAsync(bureau.Municipal, lastYear, Ct);
        var watcher = await WatchAsync(bureau.Municipal);
        var built = engine.GetStatistics().SnapshotsBuilt;

        await AddAsync(bureau.B, new DateOnly(2024, 3, 8));
        await watcher.NextAsync();

        // Only 2024 Q1's snapshot was rebuilt: the change names 2024 only.
        Assert.Equal(built + 1, engine.GetStatistics().SnapshotsBuilt);
        Assert.False(new DataChanged([1], "activity") { Dates = [new DateOnly(2024, 3, 8)] }.Touches(lastYear));
        Assert.True(new DataChanged([1], "activity").Touches(lastYear));
    }

    [Fact]
    public async Task TheCacheHoldsAtMostItsCapAndKeepsWatchedPeriods()
    {
        var watched = await WatchAsync(bureau.Municipal);
        foreach (var period in new[] { Period.Quarter(2023, 1), Period.Quarter(2023, 2), Period.Quarter(2023, 3), Period.Quarter(2023, 4) })
        {
            await engine.GetAsync(bureau.Municipal, period, Ct);
        }

        Assert.Equal(3, engine.CachedPeriodCount);
        await AddAsync(bureau.B, new DateOnly(2024, 3, 8));
        await watched.NextAsync();
    }

    [Fact]
    public async Task AChangeCommittedJustBeforeACrashIsInTheFiguresAfterTheRestartAndTheNextChangeStillArrives()
    {
        await WatchAsync(bureau.Municipal);
        var before = (await engine.GetAsync(bureau.Municipal, Q1, Ct)).Values.ActivityCount;

        // The crash: the engine is gone, the write commits with its change record, and its ring reaches nobody.
        await engine.StopAsync(Ct);
        engine.Dispose();
        await AddAsync(bureau.B, new DateOnly(2024, 3, 8));
        long committed;
        await using (var db = Database.CreateDbContext())
        {
            committed = await db.ChangeRecords.MaxAsync(c => c.Sequence, Ct);
        }

        engine = await StartEngineAsync();
        Assert.Equal(before + 1, (await engine.GetAsync(bureau.Municipal, Q1, Ct)).Values.ActivityCount);
        Assert.True(engine.AppliedSequence >= committed, $"the restarted engine starts at {engine.AppliedSequence}, before the committed {committed}");

        // The restarted engine goes on from there: the next change is applied once, not missed and not counted twice.
        var whole = await WatchAsync(bureau.Municipal);
        await AddAsync(bureau.O, new DateOnly(2024, 3, 9));
        var next = await whole.WaitUntilAsync(s => s.Sequence > committed);
        Assert.Equal(before + 2, next.Values.ActivityCount);
    }

    private async Task AddAsync(int unit, DateOnly date)
    {
        await using var db = Database.CreateDbContext();
        await MetricsTestBureau.AddActivityAsync(db, unit, Codes.ThemedPartyDay, date);
        await AnnounceAsync(new DataChanged([unit], "activity") { Dates = [date] });
    }

    private async Task<SnapshotInbox> WatchAsync(int scope)
    {
        var inbox = new SnapshotInbox();
        inbox.Subscription = engine.Subscribe(scope, Q1, inbox.Add);
        await engine.GetAsync(scope, Q1, Ct);
        return inbox;
    }

    /// <summary>The test database, failing the next <see cref="FailNext"/> contexts asked of it.</summary>
    private sealed class FlakyDatabase(IDbContextFactory<PortalDbContext> inner) : IDbContextFactory<PortalDbContext>
    {
        private readonly Lock gate = new();
        private int failNext;

        public int FailNext
        {
            get
            {
                lock (gate)
                {
                    return failNext;
                }
            }
            set
            {
                lock (gate)
                {
                    failNext = value;
                }
            }
        }

        public PortalDbContext CreateDbContext()
        {
            lock (gate)
            {
                if (failNext > 0)
                {
                    failNext--;
                    throw new InvalidOperationException("the database is not there (a test's failure)");
                }
            }

            return inner.CreateDbContext();
        }
    }
}
