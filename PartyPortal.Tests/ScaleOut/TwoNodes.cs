using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartyPortal.Data;
using PartyPortal.Tests.E2E;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.ScaleOut;

/// <summary>
/// Two portal nodes behind nginx, as docs/deploy.md sets them up, all on loopback: a PostgreSQL database of their own
/// on the server of the PostgreSQL pass, migrated and seeded with the demo once by <c>dotnet run -- migrate</c>; a real
/// redis-server; both nodes started with <c>dotnet run</c> in Development, configured only by environment variables;
/// nginx running docs/deploy/partyportal.nginx.conf itself; and Debian's chromium. The nodes read the outbox without a
/// ring only every ten minutes, so anything that crosses from one node to the other within the tests crossed through
/// Redis (or, after Redis returned, through the catch-up it triggers).
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string NginxBinary = "/usr/sbin/nginx";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"partyportal-nodes-{Guid.NewGuid():N}");
    private readonly string database = $"pp_nodes_{Guid.NewGuid():N}";
    private readonly List<Process> processes = [];
    private readonly ConcurrentQueue<string> log = new();
    private IPlaywright? playwright;

    /// <summary>Whether the fixture runs: only on the PostgreSQL pass, whose server the nodes share.</summary>
    public static bool Runs => TestServers.OnPostgreSql;

    public RedisServer Redis { get; private set; } = null!;

    public Uri NodeA { get; private set; } = null!;

    public Uri NodeB { get; private set; } = null!;

    /// <summary>nginx in front of both nodes: where the browsers go.</summary>
    public Uri Front { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public PortalConnection Database { get; private set; } = null!;

    /// <summary>The last lines the nodes, the migration and nginx printed: what a failing test shows.</summary>
    public string Log => string.Join('\n', log.TakeLast(60));

    public async ValueTask InitializeAsync()
    {
        if (!Runs)
        {
            return;
        }

        foreach (var binary in new[] { BrowserPortal.ChromiumPath, NginxBinary })
        {
            if (!File.Exists(binary))
            {
                throw new InvalidOperationException($"The two-node test needs {binary}: `apt-get install chromium nginx` (.ci/run installs them).");
            }
        }

        Directory.CreateDirectory(folder);
        Database = TestServers.CreateEmptyPostgreSqlDatabase(database);
        Redis = await RedisServer.StartAsync();

        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Portal"] = Database.ConnectionString,
            ["ConnectionStrings__Redis"] = Redis.ConnectionString,
            ["DataProtection__Certificate"] = TestCertificate.Path,
            ["DataProtection__CertificatePassword"] = TestCertificate.Password,
            ["ReverseProxy__KnownProxies"] = "127.0.0.1",
            ["LiveMetrics__PollMilliseconds"] = "600000",
            ["SignInLimits__PerMinute"] = "1000",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };

        // Once, before any node: the schema, the demo bureau and the first key of the shared key ring.
        var migrate = Run("migrate", settings, "migrate");
        if (!await ExitedAsync(migrate, TimeSpan.FromMinutes(4)) || migrate.ExitCode != 0)
        {
            throw new InvalidOperationException($"`dotnet run -- migrate` did not finish well:\n{Log}");
        }

        var (a, b, front) = (TestPorts.Free(), TestPorts.Free(), TestPorts.Free());
        NodeA = new Uri($"http://127.0.0.1:{a}");
        NodeB = new Uri($"http://127.0.0.1:{b}");
        Front = new Uri($"http://127.0.0.1:{front}");
        Run("A", new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = NodeA.ToString() });
        Run("B", new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = NodeB.ToString() });
        await Task.WhenAll(UntilHealthyAsync(NodeA), UntilHealthyAsync(NodeB));

        StartNginx(a, b, front);
        await UntilHealthyAsync(Front);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserPortal.ChromiumPath,
            Args = BrowserPortal.ChromiumArgs,
            Headless = true,
            Timeout = BrowserPortal.WaitMilliseconds,
        });
    }

    /// <summary>A fresh browser whose every request nginx sends to <paramref name="node"/> ("a" or "b"), by its cookie.</summary>
    public Task<PortalTab> OpenTabAsync(string node, int width = 1280, int height = 800) =>
        BrowserPortal.OpenTabAsync(Browser, Front, width, height, cookies: new Cookie { Name = "portal_node", Value = node, Url = Front.ToString() });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        Redis?.Dispose();
        if (Runs)
        {
            TestServers.DropPostgreSqlDatabase(database);
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary><c>dotnet run --project PartyPortal</c> on the build the tests run against, with <paramref name="settings"/> as its environment.</summary>
    private Process Run(string name, Dictionary<string, string> settings, params string[] args)
    {
        var project = Path.Combine(RepositoryRoot(), "PartyPortal");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "run", "--no-build", "--no-launch-profile", "-c", BuildConfiguration(), "--project", project, "--" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return Start(name, start);
    }

    private Process Start(string name, ProcessStartInfo start)
    {
        var process = Process.Start(start)!;
        processes.Add(process);
        process.OutputDataReceived += (_, e) => Note(name, e.Data);
        process.ErrorDataReceived += (_, e) => Note(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Note(string name, string? line)
    {
        if (line is not null)
        {
            log.Enqueue($"[{name}] {line}");
            while (log.Count > 2_000)
            {
                log.TryDequeue(out _);
            }
        }
    }

    /// <summary>nginx on <paramref name="front"/>, with the deploy guide's configuration pointed at the two nodes' ports.</summary>
    private void StartNginx(int a, int b, int front)
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "deploy", "partyportal.nginx.conf"));
        var site = guide
            .Replace("10.0.0.11:5000", $"127.0.0.1:{a}", StringComparison.Ordinal)
            .Replace(@"10\.0\.0\.11:5000", $@"127\.0\.0\.1:{a}", StringComparison.Ordinal)
            .Replace("10.0.0.12:5000", $"127.0.0.1:{b}", StringComparison.Ordinal)
            .Replace(@"10\.0\.0\.12:5000", $@"127\.0\.0\.1:{b}", StringComparison.Ordinal);
        site = Regex.Replace(site, @"listen 80;", $"listen 127.0.0.1:{front};");
        File.WriteAllText(Path.Combine(folder, "partyportal.conf"), site);

        // Its temporary files where its worker (not root) may write them.
        foreach (var temp in new[] { "body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            var path = Path.Combine(folder, $"nginx-{temp}");
            Directory.CreateDirectory(path);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
            }
        }

        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            error_log {{folder}}/nginx-error.log warn;
            pid {{folder}}/nginx.pid;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/nginx-body;
                proxy_temp_path {{folder}}/nginx-proxy;
                fastcgi_temp_path {{folder}}/nginx-fastcgi;
                uwsgi_temp_path {{folder}}/nginx-uwsgi;
                scgi_temp_path {{folder}}/nginx-scgi;
                include {{folder}}/partyportal.conf;
            }
            """);
        var start = new ProcessStartInfo(NginxBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-e", Path.Combine(folder, "nginx-early.log"), "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(arg);
        }

        Start("nginx", start);
    }

    private async Task UntilHealthyAsync(Uri node)
    {
        using var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                // Healthy, not Degraded: a node answers before it has connected to Redis, and until then it hears
                // nothing of the other node's writes.
                if (await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)) == "Healthy")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > until || processes.Any(p => p.HasExited && p.ExitCode != 0))
            {
                throw new InvalidOperationException($"{node} never answered /healthz:\n{Log}");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<bool> ExitedAsync(Process process, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartyPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no PartyPortal.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Debug or Release: the tests' own build (bin/{configuration}/net10.0), which built the portal beside them.</summary>
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
