using Microsoft.AspNetCore.SignalR;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Live;

/// <summary>
/// Hub connections watching a (scope, period) share one group and one <see cref="LiveMetrics"/> subscription:
/// a new snapshot is serialised and sent once per group, and SignalR fans it out. The last connection to leave
/// a group ends its subscription.
/// </summary>
public sealed class MetricsHubSubscriptions(LiveMetrics metrics, IHubContext<MetricsHub> hub) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<(int Scope, Period Period), (IDisposable Subscription, HashSet<string> Connections)> groups = [];
    private readonly Dictionary<string, HashSet<(int Scope, Period Period)>> byConnection = [];

    /// <summary>Groups with a live subscription now (for leak tests).</summary>
    public int GroupCount
    {
        get
        {
            lock (gate)
            {
                return groups.Count;
            }
        }
    }

    public async Task AddAsync(string connectionId, int scope, Period period, CancellationToken ct)
    {
        await hub.Groups.AddToGroupAsync(connectionId, MetricsMessage.Group(scope, period), ct);
        lock (gate)
        {
            var key = (scope, period);
            if (!groups.TryGetValue(key, out var group))
            {
                var name = MetricsMessage.Group(scope, period);
                var subscription = metrics.Subscribe(scope, period, s => hub.Clients.Group(name).SendAsync(MetricsHub.UpdateMethod, MetricsMessage.From(s)));
                groups[key] = group = (subscription, []);
            }

            group.Connections.Add(connectionId);
            if (!byConnection.TryGetValue(connectionId, out var keys))
            {
                byConnection[connectionId] = keys = [];
            }

            keys.Add(key);
        }
    }

    public async Task RemoveAsync(string connectionId, int scope, Period period)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, MetricsMessage.Group(scope, period));
        lock (gate)
        {
            Leave(connectionId, (scope, period));
            if (byConnection.TryGetValue(connectionId, out var keys))
            {
                keys.Remove((scope, period));
            }
        }
    }

    /// <summary>A connection closed: SignalR has already dropped it from its groups.</summary>
    public void Drop(string connectionId)
    {
        lock (gate)
        {
            if (!byConnection.Remove(connectionId, out var keys))
            {
                return;
            }

            foreach (var key in keys)
            {
                Leave(connectionId, key);
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var group in groups.Values)
            {
                group.Subscription.Dispose();
            }

            groups.Clear();
            byConnection.Clear();
        }
    }

    private void Leave(string connectionId, (int, Period) key)
    {
        if (groups.TryGetValue(key, out var group) && group.Connections.Remove(connectionId) && group.Connections.Count == 0)
        {
            group.Subscription.Dispose();
            groups.Remove(key);
        }
    }
}
