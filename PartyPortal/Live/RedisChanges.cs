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
    private IDisposable? commits;
    private bool subscribed;

    /// <summary>Whether <paramref name="configuration"/> names a Redis server (more than one node).</summary>
    public static bool Configured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionName));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(configuration.GetConnectionString(ConnectionName)!);

        // Start, and keep trying, whether or not Redis is there: a node never waits on Redis to serve its own users.
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(1_000);
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5_000);
        options.ClientName ??= "partyportal";
        redis = await ConnectionMultiplexer.ConnectAsync(options);
        redis.ConnectionFailed += (_, e) => LogLost(logger, e.EndPoint, e.FailureType);
        redis.ConnectionRestored += (_, e) => Restored(e);

        commits = bus.SubscribeCommits(Publish);
        await SubscribeAsync();
    }

    /// <summary>
    /// Subscribes to the other nodes' rings. Redis down at start: the node starts anyway (a subscription would wait
    /// and then throw), and subscribes once the connection is restored. Once subscribed the multiplexer subscribes
    /// again by itself after every reconnect.
    /// </summary>
    private async Task SubscribeAsync()
    {
        if (redis is null || Volatile.Read(ref subscribed) || !redis.IsConnected)
        {
            return;
        }

        try
        {
            await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => Received(message));
            Volatile.Write(ref subscribed, true);
        }
        catch (RedisException e)
        {
            LogSubscribeFailed(logger, e);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        commits?.Dispose();
        commits = null;
        if (redis is not null)
        {
            await redis.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        commits?.Dispose();
        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis is { IsConnected: true }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the other nodes' changes on Redis failed; trying again when the connection is restored")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing a change ring to Redis failed; the other nodes read it at their next poll")]
    private static partial void LogPublishFailed(ILogger logger, Exception e);
}
