using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime;
using System.Runtime.InteropServices;
using PartyPortal.Features.Accounts;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;

namespace PartyPortal.LoadDriver;

/// <summary>
/// The benchmark of issue 5: the portal on the demo bureau (a child process, issue 11), N hub subscribers in this
/// process, activities written through the API at a steady rate, and the time from each write's 201 to each
/// subscriber's receipt of a snapshot that includes it.
/// </summary>
internal static class LoadDriverProgram
{
    private const string Password = DemoAccounts.Password;

    public static async Task<int> Main(string[] args)
    {
        if (args is ["cold", var database, ..])
        {
            return await ColdSnapshot.RunAsync(database, args is [_, _, var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 5);
        }

        DriverOptions options;
        try
        {
            options = DriverOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        if (options.MinThreads > 0)
        {
            ThreadPool.SetMinThreads(options.MinThreads, options.MinThreads);
        }

        PrintMachine(args, options);
        var started = Stopwatch.GetTimestamp();
        using var shared = options.PostgreSql is null ? null : await SharedDatabase.CreateAsync(options, CancellationToken.None);
        var launched = new List<PortalProcess>();
        try
        {
            for (var n = 0; n < options.Nodes; n++)
            {
                launched.Add(PortalProcess.Start(options, shared, options.Nodes == 1 ? "portal" : $"node {(char)('A' + n)}"));
            }
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        await using var nodes = new Nodes(launched);
        var portal = launched[0];

        // The first Ctrl+C (or SIGTERM) stops the run and goes through the clean-up below; a second one kills the
        // portal and deletes its data folder at once, then lets the signal end the driver.
        using var stopping = new CancellationTokenSource();
        void OnSignal(PosixSignalContext signal)
        {
            if (stopping.IsCancellationRequested)
            {
                launched.ForEach(p => p.Stop());
                return;
            }

            signal.Cancel = true;
            Line($"{signal.Signal}: stopping the run and the portal…");
            stopping.Cancel();
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var stop = stopping.Token;
        try
        {
            foreach (var node in launched)
            {
                await node.WaitHealthyAsync(TimeSpan.FromMinutes(options.StartupMinutes), stop);
            }

            var startup = portal.Sample();
            Line($"portal healthy on {portal.Address} after {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s (migrations + demo bureau): "
                + $"CPU {startup.Cpu.TotalSeconds:F1} s, RSS {startup.Rss / (1 << 20)} MiB (peak {startup.PeakRss / (1 << 20)} MiB)");
            return await RunAsync(options, launched, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Line("stopped before the end: no results");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            Line(e.Message);
            return 1;
        }
    }

    private static async Task<int> RunAsync(DriverOptions options, List<PortalProcess> nodes, CancellationToken stop)
    {
        var portal = nodes[0];
        using var http = new HttpClient { BaseAddress = portal.Address, Timeout = TimeSpan.FromSeconds(60) };
        var leader = await TokenAsync(http, "leader", stop);
        var county = await TokenAsync(http, "county1", stop);
        var secretary = await TokenAsync(http, "secretary2", stop);
        var units = await GetAsync<List<OrgUnitDto>>(http, leader, "/api/v1/org-units", stop);
        var root = units.Single(u => u.ParentId is null);
        var countyId = await OwnUnitAsync(http, county, stop);
        var branchId = await OwnUnitAsync(http, secretary, stop);
        var countyUnit = units.Single(u => u.Id == countyId);
        var branch = units.Single(u => u.Id == branchId);
        var members = await GetAsync<List<MemberDto>>(http, secretary, $"/api/v1/members?orgUnitId={branch.Id}", stop);
        var attendees = members.Take(options.Attendees).Select(m => m.Id).ToList();
        // The bureau's today, worked out as the portal does it (its time zone setting, Asia/Shanghai unless --set).
        var today = new BureauClock(TimeProvider.System, BureauClock.FindZone(options.Settings.GetValueOrDefault("Bureau:TimeZoneId"))).Today;
        Line($"bureau {root.Name} ({root.Id}), {units.Count} units; county {countyUnit.Name} ({countyUnit.Id}), branch {branch.Name} ({branch.Id}, {members.Count} members)");

        await using var run = new Run(options, nodes, stop);
        await run.ConnectAsync(new Dictionary<ScopeKind, (int, string)>
        {
            [ScopeKind.Bureau] = (root.Id, leader),
            [ScopeKind.County] = (countyUnit.Id, county),
            [ScopeKind.Branch] = (branch.Id, secretary),
        });

        await run.OpenDashboardsAsync();
        using var writer = new HttpClient { BaseAddress = portal.Address, Timeout = TimeSpan.FromSeconds(60) };
        writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secretary);
        await run.WriteAsync(writer, i => new
        {
            kindCode = options.Kind,
            orgUnitId = branch.Id,
            date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            title = $"负载测试 {i + 1}",
            attendance = attendees.Select(id => new { memberId = id, status = "present" }),
        });
        run.Report();
        return run.Complete ? 0 : 1;
    }

    private static void PrintMachine(string[] args, DriverOptions o)
    {
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        Line($"command: dotnet run -c Release --project PartyPortal.LoadDriver -- {string.Join(' ', args)}");
        Line($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line($"driver (clients): gc {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}; thread pool minimum {minWorkers} workers / {minIo} I/O{(o.MinThreads > 0 ? " (set by --min-threads)" : " (runtime default)")}");
        Line($"load average at start: {LoadAverage()}");
        Line($"plan: {o.Dashboards} dashboards, {o.Subscribers} subscribers (split {o.Split.Root}/{o.Split.County}/{o.Split.Branch} % bureau/county/branch), {o.Rate.ToString(CultureInfo.InvariantCulture)} writes/s for {o.Seconds} s = {o.PlannedWrites} writes of {o.Kind} with {o.Attendees} attendees; demo bureau {o.Scale ?? "(the portal's default scale)"}");
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static void Line(string text) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {text}"));

    private static async Task<string> TokenAsync(HttpClient http, string userName, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = Password }, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"token for {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }

        return (await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options, ct))!.AccessToken;
    }

    private static async Task<int> OwnUnitAsync(HttpClient http, string token, CancellationToken ct)
    {
        var me = await GetAsync<MeResponse>(http, token, "/api/v1/me", ct);
        return me.Roles.Select(r => r.OrgUnitId).OfType<int>().First();
    }

    private static async Task<T> GetAsync<T>(HttpClient http, string token, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options, ct))!;
    }
}

/// <summary>The portal processes of a run, stopped together.</summary>
internal sealed class Nodes(List<PortalProcess> processes) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
    }
}
