using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace PartyPortal.Live;

/// <summary>
/// Carries the change stream between portal nodes that share one database (docs/deploy.md):
/// after this node commits change records it publishes a ring on <see cref="Channel"/>; a ring from another node rings
/// this node's <see cref="ChangeBus"/>, and the engine reads the new records from the shared outbox, in sequence order,
/// as it does for its own writes. The message names only the node: the outbox stays the one account of what changed,
/// so a message lost while Redis was away costs no change. On every reconnect the node reads the outbox (catch-up of
/// what others wrote meanwhile) and rings the others (what it wrote meanwhile). Used only when
/// <c>ConnectionStrings:Redis</c> is set; without it the node is alone and works as before. Redis down: each node
/// keeps serving and updating its own users, and <c>/healthz</c> answers Degraded until Redis returns.
/// </summary>
public sealed partial class RedisChanges(ChangeBus bus, IConfiguration configuration, ILogger<RedisChanges> logger) : IHostedService, IHealthCheck, IAsyncDisposable
{
    public const string ConnectionName = "Redis";
    public const string Channel = "partyportal:changes";

    /// <summary>This process: its own rings come back from Redis and are not rung again.</summary>
    private readonly string node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly RedisChannel channel = RedisChannel.Literal(Channel);

    private ConnectionMultiplexer? redis;
    private Task connecting = Task.CompletedTask;
    private IDisposable? commits;

    /// <summary>0 not subscribed, 1 subscribing (claimed), 2 subscribed.</summary>
    private int subscribed;

    /// <summary>Whether <paramref name="configuration"/> names a Redis server (more than one node).</summary>
    public static bool Configured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionName));

    /// <summary>
    /// Starts connecting and returns at once: a node never waits on Redis to serve its own users. Connecting (and,
    /// with Redis down, the first attempt's timeout) happens in the background; until it connects the node is
    /// Degraded and works alone.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(configuration.GetConnectionString(ConnectionName)!);

        // Keep trying whether or not Redis is there at the start.
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(1_000);
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5_000);
        options.ClientName ??= "partyportal";

        commits = bus.SubscribeCommits(Publish);
        connecting = ConnectAsync(options);
        return Task.CompletedTask;
    }

    private async Task ConnectAsync(ConfigurationOptions options)
    {
        try
        {
            var connection = await ConnectionMultiplexer.ConnectAsync(options);
            connection.ConnectionFailed += (_, e) => LogLost(logger, e.EndPoint, e.FailureType);
            connection.ConnectionRestored += (_, e) => Restored(e);
            Volatile.Write(ref redis, connection);
        }
        catch (Exception e) when (e is RedisException or ArgumentException or InvalidOperationException)
        {
            // Not a Redis that is down (that the multiplexer retries by itself) but one it cannot use at all.
            LogConnectFailed(logger, e);
            return;
        }

        if (redis!.IsConnected)
        {
            // Connected after the engine's first read: what others wrote in between, and what this node wrote.
            await SubscribeAsync();
            bus.Ring();
            Publish();
        }
    }

    /// <summary>
    /// Subscribes to the other nodes' rings. Redis down at start: the node starts anyway (a subscription would wait
    /// and then throw), and subscribes once the connection is restored. Once subscribed the multiplexer subscribes
    /// again by itself after every reconnect.
    /// </summary>
    private async Task SubscribeAsync()
    {
        // Claimed first: the connection's first success and a restoration may both come here, and two subscriptions
        // would ring the engine twice for each of the other nodes' commits.
        if (redis is not { IsConnected: true } connection || Interlocked.CompareExchange(ref subscribed, 1, 0) != 0)
        {
            return;
        }

        try
        {
            await connection.GetSubscriber().SubscribeAsync(channel, (_, message) => Received(message));
            Volatile.Write(ref subscribed, 2);
        }
        catch (RedisException e)
        {
            Volatile.Write(ref subscribed, 0);
            LogSubscribeFailed(logger, e);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        commits?.Dispose();
        commits = null;
        await connecting;
        if (redis is not null)
        {
            await redis.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        commits?.Dispose();
        await connecting;
        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }

    /// <summary>Healthy only once connected and subscribed: a connected node that has not yet subscribed hears no other node.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis is { IsConnected: true } && Volatile.Read(ref subscribed) == 2
            ? HealthCheckResult.Healthy("Redis 已连接：其他节点的变更实时到达。")
            : HealthCheckResult.Degraded("Redis 未连接：本节点照常服务，其他节点的变更在 Redis 恢复后补齐。"));

    private void Publish()
    {
        if (redis is not { IsConnected: true })
        {
            // The others read it when this node reconnects (Restored rings them) or at their next poll.
            return;
        }

        try
        {
            redis.GetSubscriber().Publish(channel, node, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            LogPublishFailed(logger, e);
        }
    }

    private void Received(RedisValue message)
    {
        if (message != node)
        {
            bus.Ring();
        }
    }

    private void Restored(ConnectionFailedEventArgs e)
    {
        LogRestored(logger, e.EndPoint, e.ConnectionType);

        // What others wrote while this node could not hear, and what this node wrote while they could not.
        _ = SubscribeAsync();
        bus.Ring();
        Publish();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} lost ({Failure}): this node goes on alone until it returns")]
    private static partial void LogLost(ILogger logger, System.Net.EndPoint? endPoint, ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} ({Connection}) restored: reading the changes made meanwhile")]
    private static partial void LogRestored(ILogger logger, System.Net.EndPoint? endPoint, ConnectionType connection);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis could not be used at all: this node works alone; check ConnectionStrings:Redis")]
    private static partial void LogConnectFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the other nodes' changes on Redis failed; trying again when the connection is restored")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing a change ring to Redis failed; the other nodes read it at their next poll")]
    private static partial void LogPublishFailed(ILogger logger, Exception e);
}
