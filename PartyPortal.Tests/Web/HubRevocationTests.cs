using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Accounts;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>A disabled (or reset) account loses its open <c>/hubs/metrics</c> connections, as it loses its open pages.</summary>
public class HubRevocationTests
{
    private const string Password = "Correct#Horse9";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOpenConnectionIsClosedWithinTheRevalidationIntervalOnceTheAccountIsDisabled()
    {
        await using var portal = new PortalFactory(demoData: false, new Dictionary<string, string> { ["MetricsHub:RevalidationSeconds"] = "1" });
        var branch = await portal.AddBranchAsync();
        var user = await portal.CreateAccountAsync("wall", Password, (PortalRole.Leader, null));
        var token = await portal.TokenAsync("wall", Password);
        await using var hub = portal.ConnectMetricsHub(o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync(Ct);
        await hub.InvokeAsync<JsonElement>("Subscribe", branch, Ct);

        await DisableAsync(portal, user.Id);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"closed {watch.ElapsedMilliseconds} ms after the account was disabled");
        var guard = portal.Services.GetRequiredService<MetricsHubGuard>();
        var subscriptions = portal.Services.GetRequiredService<MetricsHubSubscriptions>();
        for (var i = 0; i < 100 && (guard.OpenCount > 0 || subscriptions.GroupCount > 0); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal((0, 0), (guard.OpenCount, subscriptions.GroupCount));
    }

    [Fact]
    public async Task ANewSubscriptionOnTheConnectionOfADisabledAccountIsRefusedAtOnce()
    {
        // A long interval: the refusal must come from the subscription's own check, not the guard's round.
        await using var portal = new PortalFactory(demoData: false, new Dictionary<string, string> { ["MetricsHub:RevalidationSeconds"] = "30" });
        var branch = await portal.AddBranchAsync();
        var user = await portal.CreateAccountAsync("wall", Password, (PortalRole.Leader, null));
        var token = await portal.TokenAsync("wall", Password);
        await using var hub = portal.ConnectMetricsHub(o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        await hub.StartAsync(Ct);
        await hub.InvokeAsync<JsonElement>("Subscribe", branch, Ct);

        await DisableAsync(portal, user.Id);

        await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync<JsonElement>("SubscribePeriod", branch, "2025", Ct));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (hub.State != HubConnectionState.Disconnected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    private static async Task DisableAsync(PortalFactory portal, string userId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<AccountService>().DisableAsync(TestUsers.PartyOffice, userId, Ct)).Succeeded);
    }
}
