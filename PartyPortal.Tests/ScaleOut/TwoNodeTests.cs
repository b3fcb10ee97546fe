using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Npgsql;
using PartyPortal.Live.Metrics;
using PartyPortal.Tests.E2E;
using PartyPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartyPortal.Tests.ScaleOut;

/// <summary>The two-node install runs alone: its one-second deadlines are the portal's, not a crowded test machine's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OnTwoNodes : ICollectionFixture<TwoNodes>
{
    public const string Name = "Two nodes";
}

/// <summary>
/// Two portal nodes on one PostgreSQL database, joined by Redis, behind nginx (<see cref="TwoNodes"/>): a write on
/// one node is live on the other's dashboards and screens, a sign-in and a token from one are good on the other, a
/// screen revoked on one stops on the other, and with Redis gone each node still serves its own users live and
/// catches up with the other's writes when Redis returns. Runs on the PostgreSQL pass of .ci/run.
/// </summary>
[Collection(OnTwoNodes.Name)]
public sealed class TwoNodeTests(TwoNodes nodes)
{
    private const string Tile = $".dashboard-tiles [data-metric={MetricNames.ActivityCount}]";
    private const string ScreenCount = $".screen-header [data-metric={MetricNames.ActivityCount}]";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Say(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    [Fact(Timeout = 300_000)]
    public async Task AWriteOnNodeAIsOnALeadersDashboardOnNodeBWithinASecond()
    {
        Assert.SkipUnless(TwoNodes.Runs, "needs the PostgreSQL server of the PostgreSQL pass (PORTAL_TEST_POSTGRESQL)");
        await using var onB = await DashboardAsync("b");
        using var countyOnA = await DemoApi.ApiAsync(nodes.NodeA, "county1");
        var (_, branch, member) = await DemoApi.PlacesAsync(countyOnA);
        var before = await ValueAsync(onB.Page, Tile);

        var watch = Stopwatch.StartNew();
        await DemoApi.RecordAsync(countyOnA, branch, member, "两节点测试：A 节点写入");
        var saved = watch.Elapsed;
        await ExpectValueAsync(onB, Tile, before + 1, within: 1_000);
        Say($"write on A: 201 after {saved.TotalMilliseconds:F0} ms; on node B's dashboard {(watch.Elapsed - saved).TotalMilliseconds:F0} ms after the 201");
        await onB.ScreenshotAsync("two-nodes-dashboard-on-b");
        Assert.Empty(onB.Problems);
    }

    [Fact(Timeout = 300_000)]
    public async Task AScreenOnNodeAShowsAWriteOnNodeBAndStopsWhenNodeBRevokesIt()
    {
        Assert.SkipUnless(TwoNodes.Runs, "needs the PostgreSQL server of the PostgreSQL pass (PORTAL_TEST_POSTGRESQL)");
        using var officeOnA = await DemoApi.ApiAsync(nodes.NodeA, "admin");
        using var officeOnB = await DemoApi.ApiAsync(nodes.NodeB, "admin");
        using var countyOnB = await DemoApi.ApiAsync(nodes.NodeB, "county1");
        var (scope, branch, member) = await DemoApi.PlacesAsync(countyOnB);
        var (id, url) = await DemoApi.CreateScreenAsync(officeOnA, scope);

        await using var onA = await nodes.OpenTabAsync("a", width: 1920, height: 1080);
        await onA.Page.GotoAsync(url.PathAndQuery);
        await onA.WaitForCircuitAsync();
        await AnsweredByAsync(onA, "a");
        var before = await ValueAsync(onA.Page, ScreenCount);

        var watch = Stopwatch.StartNew();
        await DemoApi.RecordAsync(countyOnB, branch, member, "两节点测试：B 节点写入");
        var saved = watch.Elapsed;
        await ExpectValueAsync(onA, ScreenCount, before + 1, within: 1_000);
        Say($"write on B: on node A's screen {(watch.Elapsed - saved).TotalMilliseconds:F0} ms after the 201");

        // Revoked on node B: node A's screen hears it from the change record at once, not at its 30-second check.
        using var revoked = await officeOnB.DeleteAsync(new Uri($"/api/v1/screens/{id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        watch.Restart();
        await Expect(onA.Page.Locator("[data-state=revoked] h1")).ToHaveTextAsync("已停用", new() { Timeout = 10_000 });
        Say($"revoked on B: 已停用 on node A's screen after {watch.ElapsedMilliseconds} ms");
    }

    [Fact(Timeout = 300_000)]
    public async Task ASignInAndATokenFromNodeAAreGoodOnNodeBAndTheSharedKeysAreEncryptedAtRest()
    {
        Assert.SkipUnless(TwoNodes.Runs, "needs the PostgreSQL server of the PostgreSQL pass (PORTAL_TEST_POSTGRESQL)");
        await using var onA = await nodes.OpenTabAsync("a");
        await onA.Page.GotoAsync("/");
        await onA.SignInAsync("leader");
        await AnsweredByAsync(onA, "a");
        var cookie = (await onA.Page.Context.CookiesAsync()).Single(c => c.Name == "PartyPortal.Auth");

        using var cookieOnB = new HttpClient { BaseAddress = nodes.NodeB };
        cookieOnB.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        using (var signedIn = await cookieOnB.GetAsync(new Uri("/api/v1/org-units", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        using (var anonymous = new HttpClient { BaseAddress = nodes.NodeB })
        using (var refused = await anonymous.GetAsync(new Uri("/api/v1/org-units", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var tokenFromA = await DemoApi.ApiAsync(nodes.NodeA, "leader");
        using var tokenOnB = new HttpClient { BaseAddress = nodes.NodeB };
        tokenOnB.DefaultRequestHeaders.Authorization = tokenFromA.DefaultRequestHeaders.Authorization;
        Assert.NotEmpty((await tokenOnB.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/org-units", Ct)).EnumerateArray());

        // One key ring for both nodes, in the database, every key encrypted with the certificate.
        await using var connection = new NpgsqlConnection(nodes.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT \"Xml\" FROM \"DataProtectionKeys\"", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Single(keys);
        Assert.Contains("encryptedSecret", keys[0], StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", keys[0], StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task WithRedisGoneEachNodeStaysLiveForItsOwnUsersAndCatchesUpWhenRedisReturns()
    {
        Assert.SkipUnless(TwoNodes.Runs, "needs the PostgreSQL server of the PostgreSQL pass (PORTAL_TEST_POSTGRESQL)");
        await using var onA = await DashboardAsync("a");
        await using var onB = await DashboardAsync("b");
        using var countyOnA = await DemoApi.ApiAsync(nodes.NodeA, "county1");
        using var countyOnB = await DemoApi.ApiAsync(nodes.NodeB, "county1");
        var (_, branch, member) = await DemoApi.PlacesAsync(countyOnA);
        var a = await ValueAsync(onA.Page, Tile);
        var b = await ValueAsync(onB.Page, Tile);
        Assert.Equal(a, b);

        nodes.Redis.Stop();
        try
        {
            await UntilHealthAsync(nodes.NodeA, "Degraded");
            await UntilHealthAsync(nodes.NodeB, "Degraded");

            // Each node's own write reaches its own dashboard. A node reads the shared outbox whole, so node A's write
            // also brings it node B's earlier one; node B, which wrote first, cannot hear of node A's while Redis is away.
            await DemoApi.RecordAsync(countyOnB, branch, member, "两节点测试：Redis 停止时 B 节点写入");
            await ExpectValueAsync(onB, Tile, b + 1, within: 1_000);
            await DemoApi.RecordAsync(countyOnA, branch, member, "两节点测试：Redis 停止时 A 节点写入");
            await ExpectValueAsync(onA, Tile, a + 2, within: 1_000);
            await Task.Delay(1_500, Ct);
            Assert.Equal(Text(b + 1), await onB.Page.Locator(Tile).GetAttributeAsync("data-value"));
        }
        finally
        {
            await nodes.Redis.RestartAsync();
        }

        var watch = Stopwatch.StartNew();
        await ExpectValueAsync(onB, Tile, b + 2, within: 5_000);
        Say($"Redis back: node B's dashboard caught up with node A's write {watch.ElapsedMilliseconds} ms after the restart");
        await UntilHealthAsync(nodes.NodeA, "Healthy");
        await UntilHealthAsync(nodes.NodeB, "Healthy");
        Assert.Empty(onA.Problems);
        Assert.Empty(onB.Problems);
    }

    /// <summary>A leader's 看板 through nginx, pinned to <paramref name="node"/>, and checked to be that node's.</summary>
    private async Task<PortalTab> DashboardAsync(string node)
    {
        var tab = await nodes.OpenTabAsync(node);
        await tab.Page.GotoAsync("/dashboard");
        await tab.SignInAsync("leader");
        await Expect(tab.Page.Locator(Tile)).ToBeVisibleAsync();
        await AnsweredByAsync(tab, node);
        return tab;
    }

    /// <summary>nginx writes back the node that answered into the cookie that pins the browser.</summary>
    private static async Task AnsweredByAsync(PortalTab tab, string node) =>
        Assert.Equal(node, (await tab.Page.Context.CookiesAsync()).Single(c => c.Name == "portal_node").Value);

    private static async Task<int> ValueAsync(IPage page, string selector)
    {
        await Expect(page.Locator(selector)).ToBeVisibleAsync();
        return int.Parse((await page.Locator(selector).GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
    }

    private async Task ExpectValueAsync(PortalTab tab, string selector, int value, int within)
    {
        try
        {
            await Expect(tab.Page.Locator(selector)).ToHaveAttributeAsync("data-value", Text(value), new() { Timeout = Math.Max(1, within) });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException(
                $"{selector} did not show {value} within {within} ms; it shows {await tab.Page.Locator(selector).GetAttributeAsync("data-value")}; the browser saw: " +
                $"{string.Join("; ", tab.Problems)}\nthe nodes said:\n{nodes.Log}", e);
        }
    }

    private async Task UntilHealthAsync(Uri node, string status)
    {
        using var client = new HttpClient { BaseAddress = node };
        var until = DateTime.UtcNow.AddSeconds(15);
        string said;
        while ((said = await client.GetStringAsync(new Uri("/healthz", UriKind.Relative), Ct)) != status)
        {
            Assert.True(DateTime.UtcNow < until, $"{node}/healthz says {said}, not {status}\n{nodes.Log}");
            await Task.Delay(100, Ct);
        }
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
