using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>
/// Anonymous <c>/_blazor</c> connections (the meeting-room screens' circuits) are bounded: a cap per client
/// address and an idle timeout. Each test speaks the SignalR handshake over a real WebSocket to the circuit hub.
/// </summary>
public class AnonymousConnectionTests
{
    private static readonly IPAddress Wall = IPAddress.Parse("10.20.30.40");
    private static readonly IPAddress OtherWall = IPAddress.Parse("10.20.30.41");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneAddressCannotHoldMoreAnonymousConnectionsThanTheCap()
    {
        await using var portal = new PortalFactory(demoData: false, new Dictionary<string, string> { ["AnonymousConnections:PerAddress"] = "3" });
        var connections = portal.Services.GetRequiredService<AnonymousConnections>();
        var held = new List<WebSocket>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await ConnectAsync(portal, Wall));
        }

        await WaitForAsync(() => connections.OpenFrom(Wall) == 3);

        using var refused = await ConnectAsync(portal, Wall);
        Assert.True(await ClosedByServerAsync(refused), "the fourth connection from one address stayed open");
        Assert.Equal(3, connections.OpenFrom(Wall));

        using var elsewhere = await ConnectAsync(portal, OtherWall);
        await WaitForAsync(() => connections.OpenFrom(OtherWall) == 1);

        // A closed connection frees its place.
        await held[0].CloseAsync(WebSocketCloseStatus.NormalClosure, "", Ct);
        await WaitForAsync(() => connections.OpenFrom(Wall) == 2);
        using var again = await ConnectAsync(portal, Wall);
        await WaitForAsync(() => connections.OpenFrom(Wall) == 3);
        foreach (var socket in held)
        {
            socket.Dispose();
        }
    }

    [Fact]
    public async Task AnAnonymousConnectionThatGoesQuietIsClosed()
    {
        await using var portal = new PortalFactory(demoData: false, new Dictionary<string, string> { ["AnonymousConnections:IdleSeconds"] = "1" });
        var connections = portal.Services.GetRequiredService<AnonymousConnections>();

        using var quiet = await ConnectAsync(portal, Wall);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.True(await ClosedByServerAsync(quiet, TimeSpan.FromSeconds(15)), "an idle anonymous connection stayed open");
        TestContext.Current.TestOutputHelper?.WriteLine($"closed after {watch.ElapsedMilliseconds} ms idle");
        Assert.Equal(0, connections.OpenFrom(Wall));
    }

    [Fact]
    public async Task SignedInConnectionsAreNotCountedAgainstTheAddress()
    {
        await using var portal = new PortalFactory(demoData: false, new Dictionary<string, string> { ["AnonymousConnections:PerAddress"] = "1" });
        await portal.CreateAccountAsync("leader", "Correct#Horse9", (PortalRole.Leader, null));
        using var browser = portal.CreateBrowserClient();
        using var login = await PortalFactory.PostLoginAsync(browser, "leader", "Correct#Horse9");
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var connections = portal.Services.GetRequiredService<AnonymousConnections>();

        using var first = await ConnectAsync(portal, Wall, cookie);
        using var second = await ConnectAsync(portal, Wall, cookie);
        using var anonymous = await ConnectAsync(portal, Wall);
        await WaitForAsync(() => connections.OpenFrom(Wall) == 1);

        Assert.Equal(WebSocketState.Open, first.State);
        Assert.Equal(WebSocketState.Open, second.State);
        Assert.Equal(1, connections.OpenCount);
    }

    /// <summary>Opens a WebSocket to <c>/_blazor</c> from <paramref name="address"/> and completes the handshake.</summary>
    private static async Task<WebSocket> ConnectAsync(PortalFactory portal, IPAddress address, string? cookie = null)
    {
        var client = portal.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.HttpContext.Connection.RemoteIpAddress = address;
            if (cookie is not null)
            {
                request.Headers.Cookie = cookie;
            }
        };
        var socket = await client.ConnectAsync(new Uri("ws://localhost/_blazor"), Ct);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, Ct);
        var buffer = new byte[1024];
        var answer = await socket.ReceiveAsync(buffer, Ct);
        // The handshake's answer; a connection refused at once may get its close message in the same read.
        Assert.StartsWith("{}\u001e", Encoding.UTF8.GetString(buffer, 0, answer.Count), StringComparison.Ordinal);
        return socket;
    }

    /// <summary>Reads until the server closes the socket (true) or the time is up (false).</summary>
    private static async Task<bool> ClosedByServerAsync(WebSocket socket, TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, timeout.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return false;
        }
        catch (WebSocketException)
        {
            return true;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, Ct);
        }

        Assert.True(condition());
    }
}
