using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Tests.Live;

/// <summary>The drill-down reads shared between the circuits that show one snapshot.</summary>
public sealed class SnapshotReadsTests
{
    private static readonly Period Q1 = Period.Quarter(2024, 1);

    private static MetricsSnapshot Snapshot(int scope, long sequence) =>
        new(scope, "单位", OrgUnitType.Branch, Q1, null, DateTimeOffset.UnixEpoch, new MetricValues(new MetricCounts(), null), [], [], [])
        {
            Sequence = sequence,
        };

    /// <summary>
    /// A read that runs synchronously before its first await (SQLite's reads do) used to run under the cache's lock:
    /// every other open 看板 then blocked a pool thread on that lock until it ended, whatever it asked for (a profile
    /// of 50 open dashboards put a tenth of all thread time there).
    /// </summary>
    [Fact]
    public async Task ARunningReadDoesNotHoldBackAnotherScopesRead()
    {
        var reads = new SnapshotReads(TimeProvider.System);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var slow = Task.Run(() => reads.GetAsync("members", Snapshot(1, 1), _ =>
        {
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            return Task.FromResult("slow");
        }), TestContext.Current.CancellationToken);
        Assert.True(started.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        try
        {
            var other = Task.Run(() => reads.GetAsync("members", Snapshot(2, 1), _ => Task.FromResult("other")), TestContext.Current.CancellationToken);
            var first = await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
            Assert.True(ReferenceEquals(first, other), "the other scope's read waited for the running one");
            Assert.Equal("other", await other);
        }
        finally
        {
            release.Set();
        }

        Assert.Equal("slow", await slow);
    }

    [Fact]
    public async Task CallersOfOneSnapshotShareOneReadAndANewSnapshotReadsAgain()
    {
        var reads = new SnapshotReads(TimeProvider.System);
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        Task<string> Read(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            return gate.Task;
        }

        var a = reads.GetAsync("dues", Snapshot(1, 7), Read, ct: TestContext.Current.CancellationToken);
        var b = reads.GetAsync("dues", Snapshot(1, 7), Read, ct: TestContext.Current.CancellationToken);
        gate.SetResult("figures");
        Assert.Equal("figures", await a);
        Assert.Equal("figures", await b);
        Assert.Equal(1, calls);

        Assert.Equal("figures", await reads.GetAsync("dues", Snapshot(1, 8), Read, ct: TestContext.Current.CancellationToken));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task AFailedReadIsMadeAgainByTheNextCaller()
    {
        var reads = new SnapshotReads(TimeProvider.System);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            reads.GetAsync<string>("dues", Snapshot(1, 1), _ => throw new InvalidOperationException("database away"), ct: TestContext.Current.CancellationToken));

        Assert.Equal("again", await reads.GetAsync("dues", Snapshot(1, 1), _ => Task.FromResult("again"), ct: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ANewSnapshotsReadThatShowsTheSameHandsOutTheEarlierObject()
    {
        var reads = new SnapshotReads(TimeProvider.System);
        static bool Same(string a, string b) => a == b;
        var first = await reads.GetAsync("records", Snapshot(1, 1), _ => Task.FromResult(new string('x', 3)), Same, ct: TestContext.Current.CancellationToken);

        var unchanged = await reads.GetAsync("records", Snapshot(1, 2), _ => Task.FromResult(new string('x', 3)), Same, ct: TestContext.Current.CancellationToken);
        Assert.Same(first, unchanged);

        var changed = await reads.GetAsync("records", Snapshot(1, 3), _ => Task.FromResult("yyy"), Same, ct: TestContext.Current.CancellationToken);
        Assert.Equal("yyy", changed);
        Assert.Equal(3, reads.Reads);
    }
}
