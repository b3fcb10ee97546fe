using System.Diagnostics;
using System.Globalization;
using static PartyPortal.LoadDriver.LoadDriverProgram;

namespace PartyPortal.LoadDriver;

/// <summary>
/// The Blazor dashboards of a run (issue 11, <c>--dashboards N</c>): opened after the hub subscribers, with the
/// portal's managed heap and RSS measured before and after, drained and reported like the subscribers.
/// </summary>
internal sealed partial class Run
{
    private readonly IDashboards dashboards = options.DashboardClient == "circuits"
        ? new DashboardCircuits(options.TotalWrites)
        : new DashboardPages(options.RendererProcesses);
    private List<double?[]> dashboardFirstAt = [];
    private ProcessTree browserBefore = new(TimeSpan.Zero, 0, 0);
    private ProcessTree browserAfter = new(TimeSpan.Zero, 0, 0);
    private bool dashboardsComplete = true;

    /// <summary>
    /// Opens the dashboards. Before and after, once the portal has settled: its managed heap after a full GC and its
    /// RSS, so that the difference divided by the pages live is the cost of one open circuit.
    /// </summary>
    public async Task OpenDashboardsAsync()
    {
        var n = options.Dashboards;
        if (n == 0)
        {
            return;
        }

        await SettleAsync();
        var heapBefore = await HeapProbe.MeasureAsync(portal.Id, stop);
        var rssBefore = portal.Sample().Rss;
        Line($"before the dashboards: managed heap after a full GC {Mib(heapBefore)}, RSS {rssBefore / (1 << 20)} MiB");

        await dashboards.OpenAsync(portal.Address, n, options.OpenParallelism, stop);
        dashboardsComplete = dashboards.Live == n;
        await SettleAsync();
        var heapAfter = await HeapProbe.MeasureAsync(portal.Id, stop);
        var rssAfter = portal.Sample().Rss;
        var live = Math.Max(1, dashboards.Live);
        var browser = ProcessTree.OfDescendants(portal.Id);
        Line($"with {dashboards.Live} dashboards: managed heap after a full GC {Mib(heapAfter)}, RSS {rssAfter / (1 << 20)} MiB; "
            + $"browser side: {browser.Processes} processes, RSS summed {browser.Rss / (1 << 20)} MiB");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"per open dashboard circuit: managed heap {(heapAfter - heapBefore) / live / 1024:F0} KB, RSS {(rssAfter - rssBefore) / (double)live / 1024:F0} KB "
            + $"(heap {heapBefore / 1024:F0} → {heapAfter / 1024:F0} KB, RSS {rssBefore / 1024} → {rssAfter / 1024} KB, {live} circuits)"));
    }

    /// <summary>Waits, one page at a time with a pause between rounds, until every live page has shown every write.</summary>
    private async Task DrainDashboardsAsync(long deadline)
    {
        if (dashboards.Count == 0)
        {
            return;
        }

        while (await dashboards.CountReachedAsync(created) < dashboards.Live && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(500, stop);
        }
    }

    private async Task CollectDashboardsAsync()
    {
        if (dashboards.Count > 0)
        {
            dashboardFirstAt = await dashboards.CollectAsync(options.TotalWrites);
            dashboardsComplete &= dashboardFirstAt.All(p => p.Take(created).All(t => t is not null));
        }
    }

    private void ReportDashboards(IReadOnlyList<Write> measured, double seconds, double portalCpuPerWrite)
    {
        if (dashboards.Count == 0)
        {
            return;
        }

        var latency = new List<double>();
        foreach (var page in dashboardFirstAt)
        {
            foreach (var w in measured)
            {
                if (page[w.Rank] is { } at)
                {
                    latency.Add(at - (Wall(w.Created) - DateTimeOffset.UnixEpoch).TotalMilliseconds);
                }
            }
        }

        var expected = (long)dashboardFirstAt.Count * measured.Count;
        var all = new Distribution(latency);
        var browserCpu = browserAfter.Cpu - browserBefore.Cpu;
        Line($"dashboards: {latency.Count}/{expected} (page, write) pairs rendered ({Pct(latency.Count, expected)}) on {dashboardFirstAt.Count} live pages of {dashboards.Count}");
        Line($"201 → dashboard render ({dashboards.Seen}, wall clock): {all.Summary()}");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"dashboards held by {dashboards.Client}; browser side ({browserAfter.Processes} processes): CPU {browserCpu.TotalSeconds:F1} s = {browserCpu.TotalSeconds / seconds:F2} cores, "
            + $"RSS summed {browserAfter.Rss / (1 << 20)} MiB; portal CPU per write per open dashboard {portalCpuPerWrite / dashboards.Live:F2} ms"));
        Console.WriteLine();
        Console.WriteLine("| dashboards | subscribers | rate /s | writes | 201→render p50 / p95 / p99 / max ms | renders seen | portal CPU ms/write | browser CPU (cores) | portal RSS end MiB |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {dashboardFirstAt.Count} | {subscribers.Count - connectFailures} | {options.Rate} | {measured.Count} | {all.P(0.50):F0} / {all.P(0.95):F0} / {all.P(0.99):F0} / {all.Max:F0} "
            + $"| {latency.Count}/{expected} | {portalCpuPerWrite:F0} | {browserCpu.TotalSeconds / seconds:F2} | {portalAfter.Rss / (1 << 20)} |"));
    }

    private static string Mib(double? bytes) =>
        bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / (1 << 20):F1} MiB") : "n/a (no gc-heap-size counter read)";
}
