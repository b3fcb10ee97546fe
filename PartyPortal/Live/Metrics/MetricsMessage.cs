using System.Globalization;

namespace PartyPortal.Live.Metrics;

/// <summary>
/// A snapshot as clients that are not Blazor receive it (the hub's <c>MetricsUpdated</c> and
/// <c>GET /api/v1/metrics</c>): <c>{"scope","scopeName","period","computedAt","sequence","metrics":{"name":number|null}}</c>.
/// A rate with nothing to count is null, not 0. A client keeps, per scope and period, the message with the highest
/// <c>sequence</c>: a reply and a push may arrive in either order.
/// </summary>
public sealed record MetricsMessage(
    int Scope, string ScopeName, string Period, DateTimeOffset ComputedAt, long Sequence, IReadOnlyDictionary<string, double?> Metrics)
{
    public static MetricsMessage From(MetricsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new MetricsMessage(snapshot.Scope, snapshot.ScopeName, snapshot.Period.ToString(), snapshot.ComputedAt, snapshot.Sequence, snapshot.Values.Headline());
    }

    /// <summary>The name of the SignalR group of a (scope, period).</summary>
    public static string Group(int scope, Model.Period period) => string.Create(CultureInfo.InvariantCulture, $"metrics:{scope}:{period}");
}
