using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using PartyPortal.Access;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Live;

/// <summary>
/// <c>/hubs/metrics</c>, for clients that are not Blazor (a big-screen tool, a monitoring probe): the cookie or
/// an API token (<c>Authorization: Bearer</c> or <c>access_token</c>). <c>Subscribe(orgUnitId)</c> watches the
/// current quarter; the scope is authorised on subscribe. The current snapshot is sent at once as
/// <c>MetricsUpdated</c>, then every new one.
/// </summary>
[Authorize(Policy = AccessRegistration.ApiPolicy)]
public sealed class MetricsHub(
    AccessGuard guard, AccountValidity validity, LiveMetrics metrics, MetricsHubSubscriptions subscriptions, MetricsHubGuard hubGuard, BureauClock clock) : Hub
{
    public const string Path = "/hubs/metrics";
    public const string UpdateMethod = "MetricsUpdated";

    /// <summary>What an unknown scope and one outside the caller's are both told.</summary>
    public const string NoSuchScope = "没有这个组织，或您没有权限查看它的看板。";

    public Task<MetricsMessage> Subscribe(int orgUnitId) => SubscribeToAsync(orgUnitId, clock.CurrentQuarter);

    /// <summary>Watches another period: "2024Q3", "2024H1" or "2024".</summary>
    public Task<MetricsMessage> SubscribePeriod(int orgUnitId, string period) => SubscribeToAsync(orgUnitId, ParsePeriod(period));

    public Task Unsubscribe(int orgUnitId) => subscriptions.RemoveAsync(Context.ConnectionId, orgUnitId, clock.CurrentQuarter);

    public Task UnsubscribePeriod(int orgUnitId, string period) => subscriptions.RemoveAsync(Context.ConnectionId, orgUnitId, ParsePeriod(period));

    public override Task OnConnectedAsync()
    {
        hubGuard.Opened(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        hubGuard.Closed(Context.ConnectionId);
        subscriptions.Drop(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private Period ParsePeriod(string period) =>
        MetricsPeriods.TryParse(period, clock, out var p) ? p : throw new HubException(MetricsPeriods.Hint(clock));

    private async Task<MetricsMessage> SubscribeToAsync(int orgUnitId, Period period)
    {
        // A subscription is a new grant: the account is checked now, not only at the guard's next round.
        if (!await validity.IsStillValidAsync(Context.User!, Context.ConnectionAborted))
        {
            Context.Abort();
            throw new HubException("账户已停用、密码已重置或权限已变更：连接已关闭，请重新登录。");
        }

        if (!await guard.FindsAsync(Context.User!, Operation.ViewDashboards, orgUnitId, Context.ConnectionAborted))
        {
            throw new HubException(NoSuchScope);
        }

        // Subscribed before the read: a change in between reaches this connection (the client keeps the higher sequence).
        await subscriptions.AddAsync(Context.ConnectionId, orgUnitId, period, Context.ConnectionAborted);
        MetricsSnapshot snapshot;
        try
        {
            snapshot = await metrics.GetAsync(orgUnitId, period, Context.ConnectionAborted);
        }
        catch (KeyNotFoundException)
        {
            await subscriptions.RemoveAsync(Context.ConnectionId, orgUnitId, period);
            throw new HubException(NoSuchScope);
        }

        var message = MetricsMessage.From(snapshot);
        await Clients.Caller.SendAsync(UpdateMethod, message, Context.ConnectionAborted);
        return message;
    }
}
