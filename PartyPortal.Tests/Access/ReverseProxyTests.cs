using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Access;

/// <summary>
/// Behind nginx every request comes from the proxy's address: the sign-in limiter must count the client named in
/// X-Forwarded-For, and only when the request really comes from a known proxy (issue 15). Here each request arrives
/// from 127.0.0.1, as from an nginx on the same machine.
/// </summary>
public class ReverseProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BehindAKnownProxyTheLimiterCountsEachClientByItsForwardedAddress()
    {
        var statuses = await SignInsAsync(knownProxies: "127.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.2");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.Unauthorized], statuses);
    }

    [Fact]
    public async Task WithoutKnownProxiesAForwardedAddressIsIgnoredSoAClientCannotChooseOne()
    {
        var statuses = await SignInsAsync(knownProxies: null, "10.0.0.1", "10.0.0.2", "10.0.0.3");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void KnownProxiesAreAddressesOrNetworksAndAnythingElseIsRefusedByName()
    {
        var listed = Settings(new() { ["ReverseProxy:KnownProxies:0"] = "10.0.0.5", ["ReverseProxy:KnownProxies:1"] = "192.168.1.0/24" });
        Assert.Equal(["10.0.0.5/32", "192.168.1.0/24"], ReverseProxy.KnownProxies(listed).Select(n => n.ToString()));
        var joined = Settings(new() { ["ReverseProxy:KnownProxies"] = "::1, 10.0.0.0/8" });
        Assert.Equal(["::1/128", "10.0.0.0/8"], ReverseProxy.KnownProxies(joined).Select(n => n.ToString()));
        Assert.Empty(ReverseProxy.KnownProxies(Settings([])));

        var wrong = Assert.Throws<InvalidOperationException>(() => ReverseProxy.KnownProxies(Settings(new() { ["ReverseProxy:KnownProxies"] = "nginx.internal" })));
        Assert.Contains("ReverseProxy:KnownProxies 'nginx.internal'", wrong.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>Wrong sign-ins (an unknown user: no lockout) with a limit of two a minute, each from the given X-Forwarded-For.</summary>
    private static async Task<List<HttpStatusCode>> SignInsAsync(string? knownProxies, params string[] forwardedFor)
    {
        var settings = new Dictionary<string, string> { ["SignInLimits:PerMinute"] = "2" };
        if (knownProxies is not null)
        {
            settings[ReverseProxy.KnownProxiesSetting] = knownProxies;
        }

        await using var portal = new PortalFactory(demoData: false, settings, s => s.AddTransient<IStartupFilter, FromLoopback>());
        using var client = portal.CreateClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/auth/token", UriKind.Relative))
            {
                Content = JsonContent.Create(new { userName = "nobody", password = "x" }),
            };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request, Ct);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    /// <summary>The in-process server has no socket: give each request the address a proxy on this machine would have.</summary>
    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return then(context);
            });
            next(app);
        };
    }
}
