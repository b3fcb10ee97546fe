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
    /// Opens the dashboards: one, then the rest. Before, after the first and after all, once the portal has settled:
    /// its managed heap after a full GC and its RSS. The first circuit brings what every later one shares (the
    /// engine's figures and lists for the whole bureau, the page's code and caches); the difference between one and
    /// all, divided by the circuits beyond the first, is what one more open circuit costs.
    /// </summary>
    public async Task OpenDashboardsAsync()
    {
        var n = options.Dashboards;
        if (n == 0)
        {
            return;
        }

        var none = await MeasureAsync("before the dashboards");
        await dashboards.OpenAsync(portal.Address, 1, 1, stop);
        var one = await MeasureAsync("with the first dashboard");
        if (n > 1)
        {
            await dashboards.OpenAsync(portal.Address, n - 1, options.OpenParallelism, stop);
        }

        dashboardsComplete = dashboards.Live == n;
        var all = await MeasureAsync($"with {dashboards.Live} dashboards");
        var browser = ProcessTree.OfDescendants(portal.Id);
        Line($"browser side: {browser.Processes} processes, RSS summed {browser.Rss / (1 << 20)} MiB");
        var live = Math.Max(1, dashboards.Live);
        Line(string.Create(CultureInfo.InvariantCulture,
            $"the first dashboard circuit: managed heap {(one.Heap - none.Heap) / 1024:F0} KB, RSS {(one.Rss - none.Rss) / 1024} KB (the shared figures with it)"));
        Line(string.Create(CultureInfo.InvariantCulture,
            $"per open dashboard circuit: managed heap {(all.Heap - none.Heap) / live / 1024:F0} KB, RSS {(all.Rss - none.Rss) / (double)live / 1024:F0} KB "
            + $"(heap {none.Heap / 1024:F0} → {all.Heap / 1024:F0} KB, RSS {none.Rss / 1024} → {all.Rss / 1024} KB, {live} circuits)"));
        if (live > 1)
        {
            Line(string.Create(CultureInfo.InvariantCulture,
                $"per circuit beyond the first: managed heap {(all.Heap - one.Heap) / (live - 1) / 1024:F0} KB, RSS {(all.Rss - one.Rss) / (double)(live - 1) / 1024:F0} KB"));
        }
    }

    private async Task<(double? Heap, long Rss)> MeasureAsync(string when)
    {
        await SettleAsync();
        var heap = await HeapProbe.MeasureAsync(portal.Id, stop);
        var rss = portal.Sample().Rss;
        Line($"{when}: managed heap after a full GC {Mib(heap)}, RSS {rss / (1 << 20)} MiB");
        return (heap, rss);
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
