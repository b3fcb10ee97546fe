using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Accounts;
using PartyPortal.Features.Organisation;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.LoadDriver;

/// <summary>
/// The benchmark of issue 5: the portal on the demo bureau, N hub subscribers, activities written through the API at
/// a steady rate, and the time from each write's 201 to each subscriber's receipt of a snapshot that includes it.
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
        var probes = new Probes();
        await using var portal = new PortalHost(options.Settings, probes);
        var started = Stopwatch.GetTimestamp();
        portal.StartServer();
        var address = portal.Address;
        Line($"portal listening on {address} after {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s (migrations + demo bureau)");

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var leader = await TokenAsync(http, "leader");
        var county = await TokenAsync(http, "county1");
        var secretary = await TokenAsync(http, "secretary2");
        var units = await GetAsync<List<OrgUnitDto>>(http, leader, "/api/v1/org-units");
        var root = units.Single(u => u.ParentId is null);
        var countyId = await OwnUnitAsync(http, county);
        var branchId = await OwnUnitAsync(http, secretary);
        var countyUnit = units.Single(u => u.Id == countyId);
        var branch = units.Single(u => u.Id == branchId);
        var members = await GetAsync<List<MemberDto>>(http, secretary, $"/api/v1/members?orgUnitId={branch.Id}");
        var attendees = members.Take(options.Attendees).Select(m => m.Id).ToList();
        var today = portal.Services.GetRequiredService<BureauClock>().Today;
        Line($"bureau {root.Name} ({root.Id}), county {countyUnit.Name} ({countyUnit.Id}), branch {branch.Name} ({branch.Id}, {members.Count} members)");

        var run = new Run(options, address, portal.Services.GetRequiredService<LiveMetrics>(), probes);
        using var published = portal.Services.GetRequiredService<ChangeBus>().Subscribe(run.OnPublished);
        await run.ConnectAsync(new Dictionary<ScopeKind, (int, string)>
        {
            [ScopeKind.Bureau] = (root.Id, leader),
            [ScopeKind.County] = (countyUnit.Id, county),
            [ScopeKind.Branch] = (branch.Id, secretary),
        });
        Line($"hub groups live: {portal.Services.GetRequiredService<MetricsHubSubscriptions>().GroupCount}, engine subscribers: {run.Engine.SubscriberCount}");

        using var writer = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
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
        await run.DisposeAsync();
        return run.Complete ? 0 : 1;
    }

    private static void PrintMachine(string[] args, DriverOptions o)
    {
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        Line($"command: dotnet run -c Release --project PartyPortal.LoadDriver -- {string.Join(' ', args)}");
        Line($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line($"gc: {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}; thread pool minimum {minWorkers} workers / {minIo} I/O{(o.MinThreads > 0 ? " (set by --min-threads)" : " (runtime default)")}");
        Line($"load average at start: {LoadAverage()}");
        Line($"plan: {o.Subscribers} subscribers (split {o.Split.Root}/{o.Split.County}/{o.Split.Branch} % bureau/county/branch), {o.Rate.ToString(CultureInfo.InvariantCulture)} writes/s for {o.Seconds} s = {o.PlannedWrites} writes of {o.Kind} with {o.Attendees} attendees");
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static void Line(string text) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {text}"));

    private static async Task<string> TokenAsync(HttpClient http, string userName)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = Password });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"token for {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!.AccessToken;
    }

    private static async Task<int> OwnUnitAsync(HttpClient http, string token)
    {
        var me = await GetAsync<MeResponse>(http, token, "/api/v1/me");
        return me.Roles.Select(r => r.OrgUnitId).OfType<int>().First();
    }

    private static async Task<T> GetAsync<T>(HttpClient http, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }
}
