using System.Diagnostics;
using System.Globalization;

namespace PartyPortal.LoadDriver;

/// <summary>
/// The portal process's CPU time (user and system, which .NET reads from <c>/proc/&lt;pid&gt;/stat</c> on Linux) and
/// memory (<c>VmRSS</c>, <c>VmHWM</c> and <c>Threads</c> of <c>/proc/&lt;pid&gt;/status</c>; the process API's
/// equivalents elsewhere). All that can be had of the portal from outside without changing it.
/// </summary>
internal sealed record PortalSample(TimeSpan User, TimeSpan System, long Rss, long PeakRss, int Threads)
{
    public TimeSpan Cpu => User + System;

    public static PortalSample Of(Process process)
    {
        process.Refresh();
        var status = $"/proc/{process.Id}/status";
        if (File.Exists(status))
        {
            var fields = File.ReadLines(status)
                .Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1].Trim());
            return new PortalSample(process.UserProcessorTime, process.PrivilegedProcessorTime,
                KiB(fields, "VmRSS"), KiB(fields, "VmHWM"), int.Parse(fields["Threads"], CultureInfo.InvariantCulture));
        }

        return new PortalSample(process.UserProcessorTime, process.PrivilegedProcessorTime,
            process.WorkingSet64, process.PeakWorkingSet64, process.Threads.Count);
    }

    // "123456 kB"
    private static long KiB(Dictionary<string, string> fields, string name) =>
        long.Parse(fields[name].Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
}

/// <summary>The driver's own process: the hub clients and the writer.</summary>
internal sealed record ClientSample(
    TimeSpan User, TimeSpan System, long WorkingSet, long PeakWorkingSet, long Heap, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
{
    public TimeSpan Cpu => User + System;

    public static ClientSample Take()
    {
        using var process = Process.GetCurrentProcess();
        return new ClientSample(
            process.UserProcessorTime, process.PrivilegedProcessorTime, process.WorkingSet64, process.PeakWorkingSet64,
            GC.GetTotalMemory(false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }
}
