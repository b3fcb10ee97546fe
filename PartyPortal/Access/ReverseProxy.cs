using System.Net;

namespace PartyPortal.Access;

/// <summary>
/// Behind a reverse proxy (nginx in front of the nodes) the client's address and scheme arrive in X-Forwarded-For and
/// X-Forwarded-Proto. They are believed only from the proxies named in <see cref="KnownProxiesSetting"/> (addresses, or
/// networks such as 10.0.0.0/24): then the sign-in limiter, the per-address cap on screens and HTTPS detection see the
/// client, not the proxy. Nothing is believed by default, not even loopback (which ASP.NET trusts out of the box), so
/// a portal reached directly never lets a client choose the address it is counted under.
/// </summary>
public static class ReverseProxy
{
    public const string KnownProxiesSetting = "ReverseProxy:KnownProxies";

    /// <summary>
    /// The forwarded-headers middleware, when proxies are named. Not otherwise: with empty lists of proxies ASP.NET
    /// believes the headers from anyone.
    /// </summary>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        var proxies = KnownProxies(configuration);
        if (proxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownIPNetworks.Add(proxy);
        }

        return app.UseForwardedHeaders(options);
    }

    /// <summary>
    /// The setting as a list (<c>ReverseProxy__KnownProxies__0=10.0.0.5</c>) or one comma-separated value
    /// (<c>ReverseProxy__KnownProxies=10.0.0.5,10.0.1.0/24</c>); a value that is neither an address nor a network stops
    /// the start, naming it.
    /// </summary>
    public static IReadOnlyList<IPNetwork> KnownProxies(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(KnownProxiesSetting);
        var values = section.Value is { } one ? one.Split(',') : section.GetChildren().Select(c => c.Value ?? "");
        return [.. values.Select(v => v.Trim()).Where(v => v.Length > 0).Select(Parse)];
    }

    private static IPNetwork Parse(string value) =>
        IPNetwork.TryParse(value, out var network) ? network
        : IPAddress.TryParse(value, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8)
        : throw new InvalidOperationException($"{KnownProxiesSetting} '{value}' is neither an address nor a network (for example 10.0.0.5 or 10.0.0.0/24).");
}
