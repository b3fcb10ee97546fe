using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;

namespace PartyPortal.LoadDriver;

/// <summary>A <c>MetricsUpdated</c> message as a hub client receives it.</summary>
internal sealed record MetricsUpdate(int Scope, string ScopeName, string Period, DateTimeOffset ComputedAt, Dictionary<string, double?> Metrics)
{
    public int? ActivityCount =>
        Metrics.TryGetValue(MetricNames.ActivityCount, out var value) && value is { } count ? (int)count : null;
}

/// <summary>Which of the three watched scopes a subscriber is on.</summary>
internal enum ScopeKind
{
    Bureau,
    County,
    Branch,
}

/// <summary>
/// One hub connection subscribed to one scope. The driver's writes are the only ones during the run and each adds
/// exactly one activity to the branch, its county committee and the bureau, so a snapshot whose activity-count is
/// baseline + n holds the first n writes to commit. This records when the count first reached each n.
/// </summary>
internal sealed class Subscriber(ScopeKind kind, int scope, int capacity, int node = 0) : IAsyncDisposable
{
    private readonly long[] receivedAt = new long[capacity];
    private readonly long[] computedAt = new long[capacity];
    private HubConnection? connection;
    private int baseline = -1;
    private int seen;
    private int advancing;
    private int other;
    private int older;
    private int closed;

    public ScopeKind Kind { get; } = kind;
    public int Scope { get; } = scope;

    /// <summary>Which portal node it is connected to (0: the writer's).</summary>
    public int Node { get; } = node;

    /// <summary>How many writes this subscriber has seen reflected.</summary>
    public int Seen => Volatile.Read(ref seen);

    /// <summary>Messages that moved the count forward (one per write unless writes were coalesced).</summary>
    public int Advancing => Volatile.Read(ref advancing);

    /// <summary>Messages that did not: the snapshot sent on subscribing, or one that found no write newer than the last.</summary>
    public int Other => Volatile.Read(ref other);

    /// <summary>Messages with a lower count than one already received: delivered out of order.</summary>
    public int Older => Volatile.Read(ref older);

    public bool Closed => Volatile.Read(ref closed) != 0;

    /// <summary>Connected and subscribed, with the baseline count known.</summary>
    public bool Connected => Volatile.Read(ref baseline) >= 0;

    /// <summary>Stopwatch timestamp at which the count first reached baseline + k + 1; 0 if never.</summary>
    public long ReceivedAt(int k) => receivedAt[k];

    /// <summary>UTC ticks of the computedAt of that snapshot.</summary>
    public long ComputedAt(int k) => computedAt[k];

    public async Task ConnectAsync(Uri portal, string token, CancellationToken ct)
    {
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(portal, MetricsHub.Path), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        connection.On<MetricsUpdate>(MetricsHub.UpdateMethod, OnUpdate);
        connection.Closed += _ =>
        {
            Volatile.Write(ref closed, 1);
            return Task.CompletedTask;
        };
        await connection.StartAsync(ct);
        var current = await connection.InvokeAsync<MetricsUpdate>(nameof(MetricsHub.Subscribe), Scope, ct);
        Volatile.Write(ref baseline, current.ActivityCount ?? throw new InvalidOperationException("The snapshot has no activity-count."));
    }

    // SignalR runs one connection's handlers one at a time, so only the readers on other threads need Volatile.
    private void OnUpdate(MetricsUpdate update)
    {
        var now = Stopwatch.GetTimestamp();
        var b = Volatile.Read(ref baseline);
        var reflected = update.ActivityCount is { } count && b >= 0 ? Math.Min(count - b, capacity) : 0;
        if (reflected < seen)
        {
            older++;
            return;
        }

        if (reflected == seen)
        {
            other++;
            return;
        }

        for (var k = seen; k < reflected; k++)
        {
            receivedAt[k] = now;
            computedAt[k] = update.ComputedAt.UtcTicks;
        }

        advancing++;
        Volatile.Write(ref seen, reflected);
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
