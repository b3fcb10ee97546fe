using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace PartyPortal.Access;

public sealed class AnonymousConnectionOptions
{
    public const string Section = "AnonymousConnections";

    /// <summary>
    /// Open anonymous hub connections (in practice the meeting-room screens' <c>/_blazor</c> circuits) one client
    /// address may hold. Screens of one building often share an address behind NAT: keep it above their number.
    /// </summary>
    public int PerAddress { get; set; } = 50;

    /// <summary>
    /// An anonymous connection that has invoked nothing for this long is closed. A screen acknowledges its clock's
    /// render every second, so only connections that opened and went quiet reach it.
    /// </summary>
    public int IdleSeconds { get; set; } = 300;
}

/// <summary>
/// Bounds what an unauthenticated client can hold open: a hub filter (on every hub, so on Blazor's
/// <c>/_blazor</c> too) refuses an anonymous connection beyond <see cref="AnonymousConnectionOptions.PerAddress"/>
/// from one address and notes each invocation; a sweep closes anonymous connections idle for
/// <see cref="AnonymousConnectionOptions.IdleSeconds"/>. Signed-in users and tokens are not counted: their
/// connections are re-authorised instead.
/// </summary>
public sealed partial class AnonymousConnections(TimeProvider time, IOptions<AnonymousConnectionOptions> options, ILogger<AnonymousConnections> logger)
    : BackgroundService, IHubFilter
{
    private readonly ConcurrentDictionary<string, Open> open = new();
    private readonly ConcurrentDictionary<string, int> perAddress = new();
    private readonly Lock gate = new();

    private int closedAsIdle;

    public int OpenCount => open.Count;

    /// <summary>Connections closed for idleness since the start.</summary>
    public int ClosedAsIdle => Volatile.Read(ref closedAsIdle);

    public int OpenFrom(IPAddress? address) => perAddress.GetValueOrDefault(Key(address));

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var caller = context.Context;
        if (caller.User?.Identity?.IsAuthenticated == true)
        {
            await next(context);
            return;
        }

        var address = Key(caller.GetHttpContext()?.Connection.RemoteIpAddress);
        lock (gate)
        {
            var count = perAddress.GetValueOrDefault(address);
            if (count >= options.Value.PerAddress)
            {
                LogRefused(address, count);
                throw new HubException("来自此地址的匿名连接过多，请关闭不用的大屏页面后再试。");
            }

            perAddress[address] = count + 1;
            open[caller.ConnectionId] = new Open(caller, address, time.GetTimestamp());
        }

        try
        {
            await next(context);
        }
        catch
        {
            Forget(caller.ConnectionId);
            throw;
        }
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        if (open.TryGetValue(invocationContext.Context.ConnectionId, out var connection))
        {
            connection.Touch(time.GetTimestamp());
        }

        return next(invocationContext);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Forget(context.Context.ConnectionId);
        await next(context, exception);
    }

    /// <summary>Closes the anonymous connections idle for longer than allowed; returns how many.</summary>
    public int CloseIdle()
    {
        var limit = TimeSpan.FromSeconds(options.Value.IdleSeconds);
        var closed = 0;
        foreach (var (id, connection) in open)
        {
            if (time.GetElapsedTime(connection.LastActive) > limit)
            {
                LogIdle(connection.Address, id);
                connection.Caller.Abort();
                Forget(id);
                Interlocked.Increment(ref closedAsIdle);
                closed++;
            }
        }

        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A tenth of the idle limit (1–30 s): a connection is closed at most 10 % late.
        var every = TimeSpan.FromSeconds(Math.Clamp(options.Value.IdleSeconds / 10.0, 1, 30));
        using var timer = new PeriodicTimer(every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            CloseIdle();
        }
    }

    private void Forget(string connectionId)
    {
        lock (gate)
        {
            if (open.TryRemove(connectionId, out var connection))
            {
                var left = perAddress.GetValueOrDefault(connection.Address) - 1;
                if (left > 0)
                {
                    perAddress[connection.Address] = left;
                }
                else
                {
                    perAddress.TryRemove(connection.Address, out _);
                }
            }
        }
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anonymous connection from {Address} refused: {Count} already open")]
    private partial void LogRefused(string address, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idle anonymous connection {ConnectionId} from {Address} closed")]
    private partial void LogIdle(string address, string connectionId);

    private sealed class Open(HubCallerContext caller, string address, long opened)
    {
        private long lastActive = opened;

        public HubCallerContext Caller { get; } = caller;
        public string Address { get; } = address;

        // Written by invocations on any thread, read by the sweep.
        public long LastActive => Interlocked.Read(ref lastActive);

        public void Touch(long timestamp) => Interlocked.Exchange(ref lastActive, timestamp);
    }
}
