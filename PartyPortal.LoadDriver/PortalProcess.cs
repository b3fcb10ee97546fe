using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using static PartyPortal.LoadDriver.LoadDriverProgram;

namespace PartyPortal.LoadDriver;

/// <summary>
/// The portal as a child process (<c>dotnet PartyPortal.dll</c>), configured as an install is (Production) but on a
/// fresh data folder with the demo bureau, on a free loopback port. Its own process, so that its CPU time and memory
/// are the portal's alone, not the clients'. Killed, with its data folder deleted, when disposed or on a second
/// Ctrl+C.
/// </summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private int stopped;

    private PortalProcess(Process process, string dataFolder, Uri address, SharedDatabase? shared)
    {
        this.process = process;
        DataFolder = dataFolder;
        Address = address;
        Shared = shared;
    }

    /// <summary>The PostgreSQL database the portal (and the other nodes) run on; null: its own SQLite file.</summary>
    public SharedDatabase? Shared { get; }

    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "portal.db");

    /// <summary>Where the portal listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    public int Id => process.Id;

    /// <param name="shared">The PostgreSQL database, already migrated and seeded; null: a fresh SQLite file.</param>
    /// <param name="name">How its output lines are prefixed ("portal", "node B").</param>
    public static PortalProcess Start(DriverOptions options, SharedDatabase? shared = null, string name = "portal")
    {
        var dll = Locate(options.Portal);
        var port = FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var folder = Path.Combine(Path.GetTempPath(), "partyportal-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (options.Database is { } seeded && shared is null)
        {
            // A copy: the run's writes stay out of the file it was given, which the next run starts from again.
            File.Copy(seeded, Path.Combine(folder, "portal.db"));
        }

        // The working directory is the content root: the portal reads its appsettings.json from there. Its stdin is
        // a pipe, not the terminal the driver was started from.
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in new[] { dll, "--urls", address.GetLeftPart(UriPartial.Authority) })
        {
            start.ArgumentList.Add(arg);
        }

        // The rest of the driver's environment is inherited (e.g. DOTNET_gcServer=0 reaches the portal too).
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}";
        env["DemoData__Enabled"] = "true";
        if (shared is not null)
        {
            shared.Configure(env);
        }

        if (options.Redis is { } redis)
        {
            env["ConnectionStrings__Redis"] = redis;
        }

        // The driver prints its own report; the portal's information lines would bury it.
        env["Logging__LogLevel__Default"] = "Warning";
        if (options.Scale is { } scale)
        {
            env["DemoData__Scale"] = scale;
        }

        foreach (var (key, value) in options.Settings)
        {
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Forward(name, e.Data);
        process.ErrorDataReceived += (_, e) => Forward($"{name} stderr", e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            Directory.Delete(folder, recursive: true);
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Line($"{name}: {start.FileName} {string.Join(' ', start.ArgumentList)} (pid {process.Id}), data in {shared?.Name ?? folder}");
        return new PortalProcess(process, folder, address, shared);
    }

    /// <summary>
    /// Waits until <c>/healthz</c> answers Healthy. The portal migrates and seeds the demo bureau before it listens,
    /// which takes seconds for the municipal bureau and minutes for a province: prints progress meanwhile.
    /// </summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var started = Stopwatch.GetTimestamp();
        var nextProgress = TimeSpan.FromSeconds(15);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode} before it was healthy (its output is above).");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode && body == "Healthy")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the migrations and the demo bureau come first.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // One slow answer while the machine is busy; ask again.
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed > timeout)
            {
                throw new TimeoutException($"The portal was not healthy after {timeout.TotalMinutes:F0} min (--startup-minutes).");
            }

            if (elapsed >= nextProgress)
            {
                var s = Sample();
                Line($"  portal starting: {elapsed.TotalSeconds:F0} s, CPU {s.Cpu.TotalSeconds:F0} s, RSS {s.Rss / (1 << 20)} MiB");
                nextProgress += TimeSpan.FromSeconds(15);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    /// <summary>The portal's CPU time and memory now (procfs on Linux).</summary>
    public PortalSample Sample() => process.HasExited
        ? throw new InvalidOperationException($"The portal exited with code {process.ExitCode} during the run (its output is above).")
        : PortalSample.Of(process);

    /// <summary>Kills the portal and deletes its data folder, once; safe from a signal handler.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        // The driver read the database after the run; a pooled handle would keep the files open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException e)
        {
            Line($"could not delete {DataFolder}: {e.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// <c>--portal</c> if given; else the portal project's build output of this configuration, whose place relative
    /// to the driver's the build recorded (see the project file).
    /// </summary>
    internal static string Locate(string? given)
    {
        if (given is not null)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"--portal {given}: no such file.");
        }

        var relative = typeof(PortalProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PortalOutput")?.Value ?? "";
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, relative, "PartyPortal.dll"));
        return File.Exists(dll) && File.Exists(Path.Combine(Path.GetDirectoryName(dll)!, "appsettings.json"))
            ? dll
            : throw new FileNotFoundException($"No built portal at {dll}: build the driver (it builds the portal), or pass --portal.");
    }

    /// <summary>A port nobody listens on now; the portal binds it a moment later (a race lost only to another binder).</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The dotnet host of the runtime running the driver (so the portal runs on the same install).</summary>
    internal static string DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        // The runtime directory is <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, name);
        return File.Exists(host) ? host : name;
    }

    private static void Forward(string prefix, string? line)
    {
        if (line is not null)
        {
            Line($"[{prefix}] {line}");
        }
    }
}
