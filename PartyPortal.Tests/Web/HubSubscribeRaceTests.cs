using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>
/// A write that commits while a hub client is subscribing reaches that client. The hub used to read the snapshot and
/// then join the group: a change applied in between was in neither, and the client kept the old figures until the
/// next write. The write is made inside the join (a hook in the hub's lifetime manager), so the gap is hit every time.
/// </summary>
public sealed class HubSubscribeRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWriteCommittedWhileAClientSubscribesReachesThatClient()
    {
        await using var bureau = await ApiBureau.CreateAsync(s => s.AddSingleton<HubLifetimeManager<MetricsHub>, JoinHook>());
        var portal = bureau.Portal;
        var hook = (JoinHook)portal.Services.GetRequiredService<HubLifetimeManager<MetricsHub>>();
        var metrics = portal.Services.GetRequiredService<LiveMetrics>();
        var quarter = portal.Services.GetRequiredService<BureauClock>().CurrentQuarter;
        using var secretary = await bureau.ClientAsync("sec");
        var expected = -1;
        hook.BeforeJoin = async () =>
        {
            var before = (await metrics.GetAsync(bureau.BranchA, quarter, Ct)).Values.ActivityCount;
            using var response = await secretary.PostAsJsonAsync("/api/v1/activities", bureau.ThemedPartyDay("订阅时提交的活动"), Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            expected = before + 1;

            // The engine has applied the write before the join goes on: only the order of read and join decides.
            for (var i = 0; i < 200 && (await metrics.GetAsync(bureau.BranchA, quarter, Ct)).Values.ActivityCount < expected; i++)
            {
                await Task.Delay(25, Ct);
            }
        };

        var token = await portal.TokenAsync("sec", ApiBureau.Password);
        await using var hub = portal.ConnectMetricsHub(o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        var latest = 0.0;
        var arrived = new SemaphoreSlim(0);
        hub.On<JsonElement>(MetricsHub.UpdateMethod, m =>
        {
            Interlocked.Exchange(ref latest, Math.Max(Volatile.Read(ref latest), m.GetProperty("metrics").GetProperty(MetricNames.ActivityCount).GetDouble()));
            arrived.Release();
        });
        await hub.StartAsync(Ct);
        var reply = await hub.InvokeAsync<JsonElement>("Subscribe", bureau.BranchA, Ct);
        Assert.True(expected > 0, "the hook did not run: the test proves nothing");

        var seen = Math.Max(Volatile.Read(ref latest), reply.GetProperty("metrics").GetProperty(MetricNames.ActivityCount).GetDouble());
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (seen < expected && DateTime.UtcNow < deadline)
        {
            await arrived.WaitAsync(TimeSpan.FromMilliseconds(100), Ct);
            seen = Math.Max(seen, Volatile.Read(ref latest));
        }

        Assert.Equal(expected, seen);
    }

    /// <summary>SignalR's own lifetime manager, running the test's write just before a connection joins a group.</summary>
    private sealed class JoinHook(ILogger<DefaultHubLifetimeManager<MetricsHub>> logger) : DefaultHubLifetimeManager<MetricsHub>(logger)
    {
        public Func<Task>? BeforeJoin { get; set; }

        public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref beforeJoinRun, 1) == 0 && BeforeJoin is { } write)
            {
                await write();
            }

            await base.AddToGroupAsync(connectionId, groupName, cancellationToken);
        }

        private int beforeJoinRun;
    }
}
