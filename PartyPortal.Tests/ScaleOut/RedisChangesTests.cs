using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartyPortal.Live;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.ScaleOut;

/// <summary>
/// Two nodes' change buses joined through a real redis-server: a commit on one rings the other (and not itself
/// twice); with Redis gone each node is Degraded and rings only itself; when Redis returns the other node reads the
/// outbox (catch-up) without being told what it missed.
/// </summary>
public sealed class RedisChangesTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly ChangeBus busA = new();
    private readonly ChangeBus busB = new();
    private readonly Rings ringsA = new();
    private readonly Rings ringsB = new();
    private RedisServer redis = null!;
    private TestDatabase database = null!;
    private RedisChanges nodeA = null!;
    private RedisChanges nodeB = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        database = await TestDatabase.CreateAsync();
        busA.Subscribe(ringsA.Ring);
        busB.Subscribe(ringsB.Ring);
        nodeA = await StartAsync(busA);
        nodeB = await StartAsync(busB);
    }

    public async ValueTask DisposeAsync()
    {
        await nodeA.DisposeAsync();
        await nodeB.DisposeAsync();
        await database.DisposeAsync();
        redis.Dispose();
    }

    [Fact]
    public async Task ACommitOnOneNodeRingsTheOtherAndNotItselfAgain()
    {
        var (a, b) = await ConnectedAndSettledAsync();

        await CommitAsync(busA);

        Assert.True(await ringsB.WaitAsync(b + 1, Patience), "node B never heard of node A's commit");
        Assert.True(await ringsA.WaitAsync(a + 1, Patience));

        // Node A's own message comes back from Redis: it must not ring A's engine a second time.
        await Task.Delay(500, Ct);
        Assert.Equal(a + 1, ringsA.Count);
        Assert.Equal(b + 1, ringsB.Count);
    }

    /// <summary>
    /// Both nodes' ring counts once both are connected and neither has moved for half a second. A node connects in the
    /// background after it starts, and its connection rings its engine (a catch-up), so a count taken before then moves.
    /// </summary>
    private async Task<(int A, int B)> ConnectedAndSettledAsync()
    {
        await UntilAsync(async () => (await nodeA.CheckHealthAsync(new HealthCheckContext(), Ct)).Status == HealthStatus.Healthy
            && (await nodeB.CheckHealthAsync(new HealthCheckContext(), Ct)).Status == HealthStatus.Healthy, "the nodes never connected");
        var last = (ringsA.Count, ringsB.Count);
        while (true)
        {
            await Task.Delay(500, Ct);
            var now = (ringsA.Count, ringsB.Count);
            if (now == last)
            {
                return now;
            }

            last = now;
        }
    }

    [Fact]
    public async Task WhileRedisIsAwayANodeIsDegradedAndOnItsReturnTheOtherNodeCatchesUp()
    {
        // Node B must have finished connecting: its connection's catch-up ring, coming late, would count as hearing A.
        await ConnectedAndSettledAsync();

        redis.Stop();
        await UntilAsync(async () => (await nodeA.CheckHealthAsync(new HealthCheckContext(), Ct)).Status == HealthStatus.Degraded, "node A never said Degraded");

        var heardBefore = ringsB.Count;
        await CommitAsync(busA);
        Assert.True(await ringsA.WaitAsync(1, Patience), "node A's own engine must still hear its commit");
        await Task.Delay(1_000, Ct);
        Assert.Equal(heardBefore, ringsB.Count);

        await redis.RestartAsync();
        Assert.True(await ringsB.WaitAsync(heardBefore + 1, Patience), "node B did not read the outbox when Redis returned");
        await UntilAsync(async () => (await nodeA.CheckHealthAsync(new HealthCheckContext(), Ct)).Status == HealthStatus.Healthy, "node A never said Healthy again");
    }

    [Fact]
    public async Task ANodeStartedWhileRedisIsDownServesAndJoinsWhenRedisComes()
    {
        redis.Stop();
        var busC = new ChangeBus();
        var ringsC = new Rings();
        busC.Subscribe(ringsC.Ring);
        await using var nodeC = Node(busC);

        // Not a time limit (a loaded machine stretches any), but the start itself: it returns without waiting for the
        // connection attempt, which with Redis down lasts until its timeout.
        Assert.True(nodeC.StartAsync(Ct).IsCompleted, "a node must not wait on Redis to start");
        Assert.Equal(HealthStatus.Degraded, (await nodeC.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);

        await redis.RestartAsync();
        await UntilAsync(async () => (await nodeC.CheckHealthAsync(new HealthCheckContext(), Ct)).Status == HealthStatus.Healthy, "node C never connected");
        Assert.True(await ringsC.WaitAsync(1, Patience), "node C did not read the outbox once connected");

        // Subscribed once connected: another node's commit reaches it.
        var before = ringsC.Count;
        await UntilAsync(async () => (await nodeA.CheckHealthAsync(new HealthCheckContext(), Ct)).Status == HealthStatus.Healthy, "node A never reconnected");
        await Task.Delay(500, Ct);
        before = ringsC.Count;
        await CommitAsync(busA);
        Assert.True(await ringsC.WaitAsync(before + 1, Patience), "node C never heard node A's commit");
    }

    [Fact]
    public void OnlyANamedRedisServerMakesANodeOneOfMany()
    {
        static IServiceCollection Services(string? redis) => new ServiceCollection()
            .AddLiveMetrics(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis }).Build());

        var alone = Services(null);
        var joined = Services("127.0.0.1:6379");

        Assert.DoesNotContain(alone, d => d.ServiceType == typeof(RedisChanges));
        Assert.Contains(joined, d => d.ServiceType == typeof(RedisChanges));
        using var provider = joined.BuildServiceProvider();
        Assert.Contains(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == "redis");
    }

    private async Task<RedisChanges> StartAsync(ChangeBus bus)
    {
        var node = Node(bus);
        await node.StartAsync(Ct);
        return node;
    }

    private RedisChanges Node(ChangeBus bus) => new(
        bus,
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString })
            .Build(),
        new OutputLogger<RedisChanges>());

    /// <summary>A write's change record, committed: the bus rings as after any write.</summary>
    private async Task CommitAsync(ChangeBus bus)
    {
        await using var db = database.CreateDbContext();
        bus.Record(db, DataChanged.Everything("activity"));
        await db.SaveChangesAsync(Ct);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string failure)
    {
        var until = DateTime.UtcNow + Patience + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(50, Ct);
        }
    }

    private sealed class Rings
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Ring() => Interlocked.Increment(ref count);

        public async Task<bool> WaitAsync(int atLeast, TimeSpan patience)
        {
            var until = DateTime.UtcNow + patience;
            while (Count < atLeast)
            {
                if (DateTime.UtcNow > until)
                {
                    return false;
                }

                await Task.Delay(20);
            }

            return true;
        }
    }
}
