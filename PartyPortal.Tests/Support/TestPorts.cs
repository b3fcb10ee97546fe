using System.Net;
using System.Net.Sockets;

namespace PartyPortal.Tests.Support;

/// <summary>Loopback ports for the servers a test starts itself (a portal, redis-server, nginx).</summary>
public static class TestPorts
{
    /// <summary>A port nobody listens on now; the server binds it a moment later.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
