using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartyPortal.Tests.Support;

/// <summary>
/// A real redis-server (Debian's, which .ci/run installs) on a free loopback port, without persistence, that a test
/// can stop and start again on the same port — what a node sees when Redis goes away and comes back.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string Binary = "/usr/bin/redis-server";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"partyportal-redis-{Guid.NewGuid():N}");
    private Process? process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The value of <c>ConnectionStrings:Redis</c> that reaches it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"The scale-out tests need Debian's redis-server at {Binary}: `apt-get install redis-server` (.ci/run installs it).");
        }

        var server = new RedisServer(TestPorts.Free());
        Directory.CreateDirectory(server.folder);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Kills the server at once, as a crash or a pulled cable would.</summary>
    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>Starts it (again) on the same port and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        Stop();
        var start = new ProcessStartInfo(Binary) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await PingAsync())
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not start (exit {(process.HasExited ? process.ExitCode : -1)})");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
